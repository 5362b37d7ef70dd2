import GeoCore

/// One feature as read, before reprojection: id, geometry in the source CRS, attributes as
/// canonical-name → text.
struct RawFeature: Sendable {
    var id: String
    var geometry: Geometry?
    var tags: Tags
}

/// A feature's attributes as canonical name → text: a handful of pairs searched linearly,
/// which is cheaper than hashing for the few keys a city layer has. Features of one layer share
/// one key array (copy-on-write), so a feature's tags cost one allocation.
struct Tags: Sendable, ExpressibleByDictionaryLiteral {
    private var keys: [String] = []
    private var values: [String?] = []

    init() {}

    /// Tags with the given keys (shared between features) and their values (nil: absent).
    init(keys: [String], values: [String?]) {
        precondition(keys.count == values.count)
        self.keys = keys
        self.values = values
    }

    init(dictionaryLiteral elements: (String, String)...) {
        for (k, v) in elements { self[k] = v }
    }

    subscript(key: String) -> String? {
        get {
            for i in keys.indices where keys[i] == key { return values[i] }
            return nil
        }
        set {
            if let i = keys.firstIndex(of: key) {
                values[i] = newValue
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
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
}
