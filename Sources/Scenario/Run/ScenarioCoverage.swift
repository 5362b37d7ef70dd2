import CityModel
import Coverage
import GeoCore

/// The scenario's `cameras` section: camera types (as coverage defaults), the inventory, and the
/// coverage of the streets.
enum ScenarioCoverage {
    /// Built-in defaults overlaid with the scenario's `cameras.types` (their `match` lists become
    /// aliases) and `default_type`.
    static func defaults(_ doc: ScenarioDocument) throws -> CameraDefaults {
        var d = CameraDefaults.builtIn
        for (name, _, node) in doc.root.at("cameras.types")?.entries ?? [] {
            let key = name.lowercased()
            let base = d.types[key] ?? d.types[d.aliases[key] ?? ""]
            let fov = node["fov_deg"]?.number ?? base?.fovDeg ?? 90
            var v = CameraDefaults.TypeValues(fovDeg: fov,
                                              rangeMeters: node["range_m"]?.number ?? base?.rangeMeters ?? 35,
                                              minRangeMeters: node["min_range_m"]?.number ?? base?.minRangeMeters ?? 0,
                                              level: node["level"]?.text.flatMap(DoriLevel.init(name:)) ?? base?.level ?? .observe,
                                              resolutionPx: node["resolution_px"]?.number ?? base?.resolutionPx ?? 1920,
                                              lensFovDeg: node["lens_fov_deg"]?.number
                                                  ?? (node["fov_deg"] != nil ? nil : base?.lensFovDeg),
                                              heightMeters: node["height_m"]?.number ?? base?.heightMeters,
                                              tiltDeg: node["tilt_deg"]?.number ?? base?.tiltDeg,
                                              vfovDeg: node["vfov_deg"]?.number ?? base?.vfovDeg,
                                              irRangeMeters: node["ir_range_m"]?.number ?? base?.irRangeMeters)
            if let f = node["focal_length_mm"]?.number, let w = node["sensor_width_mm"]?.number, f > 0, w > 0 {
                v.lensFovDeg = CameraOptics.fovDeg(focalLengthMm: f, sensorWidthMm: w)
            }
            d.types[key] = v
            d.aliases[key] = nil
            for m in node["match"]?.items.compactMap(\.text) ?? [] { d.aliases[m.lowercased()] = key }
        }
        if let t = doc.root.at("cameras.default_type")?.text { d.defaultType = t.lowercased() }
        if let m = doc.root.at("cameras.missing_heading")?.text, let p = MissingHeadingPolicy(rawValue: m) { d.missingHeading = p }
        try d.validate(source: "scenario camera types")
        return d
    }

    /// Unit cost per camera type in tenge (types without one are absent).
    static func unitCosts(_ doc: ScenarioDocument) -> [String: Double] {
        var out: [String: Double] = [:]
        for (name, _, node) in doc.root.at("cameras.types")?.entries ?? [] {
            if let c = node["unit_cost_tenge"]?.number { out[name.lowercased()] = c }
        }
        return out
    }

    static func options(_ doc: ScenarioDocument) -> CoverageOptions {
        var o = CoverageOptions()
        o.occlusion = doc.root.at("cameras.occlusion")?.bool ?? true
        o.minGapMeters = doc.setting("cameras.min_gap_m")!.number!
        o.facilityRadiusMeters = doc.setting("cameras.school_radius_m")!.number!
        if let l = doc.root.at("cameras.covered_level")?.text { o.coveredLevel = DoriLevel(name: l) }
        return o
    }

    /// Coverage of `cameras` (the inventory plus any proposed ones) on the inputs' city.
    static func run(_ doc: ScenarioDocument, inputs: ScenarioInputs, cameras: [CameraRecord]) throws -> CoverageResult {
        let resolver = CameraResolver(defaults: inputs.cameraDefaults, skipInvalid: doc.cityReadOptions().skipInvalid)
        return try CoverageAnalysis.run(city: inputs.city, cameraRecords: cameras,
                                        districts: inputs.districts, resolver: resolver, options: options(doc))
    }
}
