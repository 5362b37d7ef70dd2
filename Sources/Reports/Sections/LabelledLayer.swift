import GeoCore

/// A map-only copy of a layer's geometries with one `label` text field, for labels that are not
/// a field of the exported layer (ranks as "post 1", sites as "12 late"). Never exported.
enum LabelledLayer {
    static func make(_ layer: FeatureLayer, labels: [String], name: String? = nil) -> FeatureLayer {
        FeatureLayer(name: name ?? layer.name + "_map", fields: [FieldDefinition("label", .string)], crs: layer.crs,
                     features: zip(layer.features, labels).map { f, l in Feature(id: f.id, geometry: f.geometry, values: [.string(l)]) })
    }
}
