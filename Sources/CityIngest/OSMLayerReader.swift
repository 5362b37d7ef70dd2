import CityModel
import GDALBridge
import GeoCore

/// Reads city layers from an OpenStreetMap PBF/XML file through GDAL's OSM driver.
///
/// The driver exposes `points`, `lines`, `multilinestrings`, `multipolygons`; most tags sit in
/// `other_tags`, which is parsed here. Ids are OSM-style: `node/…`, `way/…`, `relation/…`.
struct OSMLayerReader {
    let source: VectorSource

    /// Which GDAL layer and filter hold each kind. `other_tags` is matched with LIKE for tags
    /// the driver does not make into columns (amenity on points).
    static func queries(for kind: CityLayerKind) -> [(layer: String, filter: String)] {
        switch kind {
        case .streets:
            return [("lines", "highway IS NOT NULL")]
        case .buildings:
            return [("multipolygons", "building IS NOT NULL AND building <> 'no'")]
        case .schools:
            return [("multipolygons", "amenity = 'school'"),
                    ("points", "other_tags LIKE '%\"amenity\"=>\"school\"%'")]
        case .police:
            return [("multipolygons", "amenity = 'police'"),
                    ("points", "other_tags LIKE '%\"amenity\"=>\"police\"%'")]
        case .cameras:
            return [("points", "man_made = 'surveillance'")]
        }
    }

    func read(_ kind: CityLayerKind, sourceCRS: String?) throws -> [RawLayer] {
        try Self.queries(for: kind).map { q in
            let (layer, warnings) = try CityReadErrors.gdal(path: source.path, layer: q.layer) {
                () throws(GDALError) in try source.read(layer: q.layer, attributeFilter: q.filter)
            }
            let idField = layer.fieldIndex("osm_id")
            let wayField = layer.fieldIndex("osm_way_id")
            let prefix = q.layer == "points" ? "node" : "way"
            let features = layer.features.map { f -> RawFeature in
                var tags = Tags()
                for (i, def) in layer.fields.enumerated() {
                    guard let text = f.values[i].text else { continue }
                    if def.name == "other_tags" {
                        for (k, v) in OSMTags.parse(text) where tags[k] == nil { tags[k] = v }
                    } else {
                        tags[def.name] = text
                    }
                }
                var id = "\(prefix)/\(f.id)"
                if let w = wayField, let way = f.values[w].text {
                    id = "way/\(way)"
                } else if let i = idField, let osm = f.values[i].text {
                    id = q.layer == "multipolygons" ? "relation/\(osm)" : "\(prefix)/\(osm)"
                }
                return RawFeature(id: id, geometry: f.geometry, tags: tags)
            }
            return RawLayer(kind: kind, path: source.path, layerName: q.layer,
                            crs: layer.crs ?? sourceCRS, features: features, warnings: warnings)
        }
    }
}
