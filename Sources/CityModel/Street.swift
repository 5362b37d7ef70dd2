import GeoCore

/// Direction of travel allowed on a street line, relative to its digitised direction.
public enum Oneway: String, Sendable, Hashable, Codable {
    /// Both directions.
    case no
    /// Only from the first vertex towards the last (`oneway=yes`, `oneway=1`, roundabouts).
    case forward
    /// Only from the last vertex towards the first (`oneway=-1`).
    case reverse
}

/// A street centre line in the working CRS.
public struct Street: Sendable, Hashable {
    /// Source id: `way/<osm id>` for OpenStreetMap, else the layer's id field or OGR FID.
    public var id: String
    /// Road class: the OSM `highway` value (`primary`, `residential`, `footway`, ...), or the
    /// mapped class field of a generic layer.
    public var highway: String
    public var name: String?
    public var oneway: Oneway
    /// Posted speed limit in km/h when tagged (`maxspeed`), else nil.
    public var maxspeedKmh: Double?
    /// Vertices in the working CRS (metres), at least two.
    public var points: [Point]

    public init(id: String, highway: String, name: String? = nil, oneway: Oneway = .no,
                maxspeedKmh: Double? = nil, points: [Point]) {
        self.id = id
        self.highway = highway
        self.name = name
        self.oneway = oneway
        self.maxspeedKmh = maxspeedKmh
        self.points = points
    }

    /// Planar length in metres.
    public var lengthMeters: Double { Planar.length(points) }
    /// Open to motor vehicles (patrol cars): see `RoadClass.isDrivable`.
    public var isDrivable: Bool { RoadClass.isDrivable(highway) }
    /// Open to pedestrians (foot patrols): see `RoadClass.isWalkable`.
    public var isWalkable: Bool { RoadClass.isWalkable(highway) }
    public var envelope: Envelope { Envelope(of: points) }
}

/// Road-class tables for OSM `highway` values.
public enum RoadClass {
    /// Classes a patrol car may drive on. Service roads count (the Helsinki figure of 32.3 km
    /// drivable includes them); `construction`, `proposed`, `track` and paths do not.
    public static let drivable: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
        "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
        "residential", "living_street", "service", "road", "busway",
    ]

    /// Classes closed to pedestrians.
    public static let notWalkable: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "construction", "proposed", "raceway",
        "bus_guideway", "busway", "elevator", "abandoned", "razed",
    ]

    public static func isDrivable(_ highway: String) -> Bool { drivable.contains(highway) }
    public static func isWalkable(_ highway: String) -> Bool { !notWalkable.contains(highway) }

    /// Road classes in a fixed display order (major first); unknown classes sort after, by name.
    public static let displayOrder: [String] = [
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
        "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential",
        "living_street", "service", "road", "busway", "pedestrian", "footway", "cycleway", "path",
        "steps", "track", "bridleway", "corridor", "platform", "trail", "elevator", "construction",
    ]

    /// Sort key that puts classes in `displayOrder`, unknown ones after by name.
    public static func sortKey(_ highway: String) -> (Int, String) {
        (displayOrder.firstIndex(of: highway) ?? displayOrder.count, highway)
    }
}
