import CityModel

extension PlanValue {
    /// The `city` section stating `o` (the inverse of `ScenarioDocument.cityReadOptions`; the
    /// layer kinds to read and a checksum are the command's business, not the plan's).
    public static func city(_ o: CityReadOptions) -> PlanValue {
        let kinds = CityLayerKind.allCases.filter { o.layers[$0] != nil }
        return .map([
            ("source", o.primary.map(PlanValue.path)),
            ("crs", o.workingCRS.map(PlanValue.text)),
            ("allow_distortion", o.allowDistortion ? .bool(true) : nil),
            ("source_crs", o.sourceCRS.map(PlanValue.text)),
            ("force_source_crs", o.forceSourceCRS ? .bool(true) : nil),
            ("make_valid", o.makeValid ? .bool(true) : nil),
            ("skip_invalid", o.skipInvalid ? .bool(true) : nil),
            ("strict", o.strict ? .bool(true) : nil),
            ("layers", kinds.isEmpty ? nil : .map(kinds.map { ($0.rawValue, .layer(o.layers[$0]!)) })),
        ])
    }

    /// A `{source, layer, where, fields}` layer reference (fields sorted by name).
    public static func layer(_ s: LayerSource) -> PlanValue {
        .map([
            ("source", .path(s.path)),
            ("layer", s.layer.map(PlanValue.text)),
            ("where", s.filter.map(PlanValue.text)),
            ("fields", s.fields.isEmpty ? nil : .map(s.fields.sorted { $0.key < $1.key }.map { ($0.key, .text($0.value)) })),
        ])
    }
}
