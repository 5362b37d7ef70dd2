import GeoCore

/// One feature as read, before reprojection: id, geometry in the source CRS, attributes as
/// canonical-name → text.
struct RawFeature: Sendable {
    var id: String
    var geometry: Geometry?
    var tags: [String: String]
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
