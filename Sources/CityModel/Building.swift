import GeoCore

/// What a building is used for, as far as residents are concerned.
public enum BuildingUse: String, Sendable, Hashable, Codable {
    /// Homes: `building=apartments|residential|house|detached|terrace|dormitory|...`.
    case residential
    /// Clearly not homes: offices, shops, churches, schools, sheds, roofs, ...
    case nonResidential = "non_residential"
    /// Untyped (`building=yes`): population estimates decide how to treat it (documented there).
    case unknown
}

/// A building footprint in the working CRS.
public struct Building: Sendable, Hashable {
    /// `way/<id>` or `relation/<id>` for OSM, else the layer's id.
    public var id: String
    /// The footprint: one or more polygons (OSM multipolygon relations give several).
    public var footprint: [Polygon]
    /// `building:levels` when tagged (may be fractional in the data), else nil.
    public var levels: Double?
    /// The raw `building` value (`yes`, `apartments`, `school`, ...).
    public var buildingTag: String
    public var use: BuildingUse

    public init(id: String, footprint: [Polygon], levels: Double?, buildingTag: String, use: BuildingUse) {
        self.id = id
        self.footprint = footprint
        self.levels = levels
        self.buildingTag = buildingTag
        self.use = use
    }

    /// Footprint area in m².
    public var footprintAreaM2: Double { footprint.reduce(0) { $0 + $1.area } }
    public var envelope: Envelope {
        var e = Envelope.empty
        for p in footprint { e.expand(by: p.envelope) }
        return e
    }

    /// Classifies an OSM `building` value.
    public static func use(forTag tag: String) -> BuildingUse {
        switch tag {
        case "apartments", "residential", "house", "detached", "semidetached_house", "terrace",
             "dormitory", "bungalow", "cabin", "farm", "houseboat", "static_caravan", "stilt_house":
            return .residential
        case "yes", "building":
            return .unknown
        default:
            return .nonResidential
        }
    }
}
