import CityModel
import GeoCore

/// One feature as read, before reprojection: id, geometry in the source CRS, attributes by
/// canonical name. Its extent and finiteness are measured when the geometry is set (for layers
/// read through GDAL: on the reading threads, while the coordinates are at hand), so the
/// loader's checks need not walk every coordinate again.
struct RawFeature: Sendable {
    var id: String
    /// Setting it measures `extent` and `isFinite` anew.
    var geometry: Geometry? { didSet { (extent, isFinite) = Self.measure(geometry) } }
    var tags: Tags
    /// A street line's attributes when the reader parsed them already (then `tags` is empty).
    var street: StreetAttributes?
    /// Envelope of the geometry's finite coordinates, in the geometry's CRS; empty without one.
    private(set) var extent: Envelope
    /// Every coordinate is finite (true without geometry).
    private(set) var isFinite: Bool

    init(id: String, geometry: Geometry?, tags: Tags, street: StreetAttributes? = nil) {
        self.id = id
        self.geometry = geometry
        self.tags = tags
        self.street = street
        (extent, isFinite) = Self.measure(geometry)
    }

    static func measure(_ g: Geometry?) -> (Envelope, Bool) {
        var e = Envelope.empty
        var finite = true
        g?.forEachPoint { p in
            if p.isFinite { e.expand(by: p) } else { finite = false }
        }
        return (e, finite)
    }
}

/// A feature's attributes by canonical name: a handful of pairs searched linearly, which is
/// cheaper than hashing for the few keys a city layer has. Features of one layer share one key
/// array (copy-on-write), so a feature's tags cost one allocation. Values keep their type as
/// read (a number stays a number; `subscript` gives the text a GIS user would see).
struct Tags: Sendable, ExpressibleByDictionaryLiteral {
    private var keys: [String] = []
    private var values: [FieldValue] = []

    init() {}

    /// Tags with the given keys (shared between features) and their values (`.null`: absent).
    init(keys: [String], values: [FieldValue]) {
        precondition(keys.count == values.count)
        self.keys = keys
        self.values = values
    }

    init(dictionaryLiteral elements: (String, String)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// The value as text; nil when absent or NULL.
    subscript(key: String) -> String? {
        get { value(key)?.text }
        set {
            let v = newValue.map(FieldValue.string) ?? .null
            if let i = keys.firstIndex(of: key) {
                values[i] = v
            } else if newValue != nil {
                keys.append(key)
                values.append(v)
            }
        }
    }

    /// The value when it was read as a number (integer or real field); nil for text, booleans,
    /// NULL or absent keys.
    func number(_ key: String) -> Double? {
        switch value(key) {
        case .int(let i)?: Double(i)
        case .double(let d)?: d
        default: nil
        }
    }

    /// The value as read; nil when absent.
    func value(_ key: String) -> FieldValue? {
        for i in keys.indices where keys[i] == key { return values[i] }
        return nil
    }
}

/// The features of one city layer kind as read from one source layer.
struct RawLayer: Sendable {
    var kind: CityLayerKind
    var path: String
    var layerName: String
    /// Source CRS definition (after `--source-crs`); nil when the source states none.
    var crs: String?
    var features: [RawFeature]
    var warnings: [String]
    /// A buildings layer read for residents alone (`BuildingFiguresRead`): the figures of the
    /// features proven valid on the reading threads, and where the others (`features`) go.
    var figures: LeanBuildingRows?

    /// Features in the source layer, figures included.
    var featureCount: Int { figures?.rows.count ?? features.count }
    var hasFeatures: Bool { featureCount > 0 }
}
