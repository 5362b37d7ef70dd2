import CityIngest
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

    /// The inventory: mapped cameras (unless `include_mapped: false`) plus every `sources` layer,
    /// whose cameras without a type get the source's `type`.
    /// Each source is read in the city's working CRS (already checked for distortion) with the
    /// city's `skip_invalid`; what it skipped and its warnings (cameras far outside the streets)
    /// are added to `report`.
    static func inventory(_ doc: ScenarioDocument, city: City, report: inout IngestReport) throws -> [CameraRecord] {
        var out = doc.root.at("cameras.include_mapped")?.bool == false ? [] : city.cameras
        let opts = doc.cityReadOptions()
        for node in doc.root.at("cameras.sources")?.items ?? [] {
            guard let src = ScenarioDocument.layerSource(node) else { continue }
            let loaded = try CityReader.read(CityReadOptions(layers: [.cameras: src], kinds: [.cameras], workingCRS: city.crs.identifier,
                                                         sourceCRS: opts.sourceCRS, makeValid: opts.makeValid,
                                                         skipInvalid: opts.skipInvalid, forceSourceCRS: opts.forceSourceCRS,
                                                         allowDistortion: true))
            report.skipped += loaded.ingest.skipped
            report.warnings += loaded.ingest.warnings.dropFirst(loaded.ingest.readerWarnings).map { "\(src.path): \($0)" }
            report.warnings += CameraExtentCheck.warnings(loaded.cameras, streets: city.streets).map { "\(src.path): \($0)" }
            let type = node["type"]?.text
            out += loaded.cameras.map { c in
                var c = c
                if c.type == nil { c.type = type }
                return c
            }
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

    static func districts(_ doc: ScenarioDocument, city: City) throws -> [DistrictArea] {
        guard let node = doc.root.at("districts"), let src = ScenarioDocument.layerSource(node) else { return [] }
        let opts = doc.cityReadOptions()
        return try DistrictSource.load(path: src.path, layer: src.layer, idField: src.fields["id"], nameField: src.fields["name"],
                                       crs: city.crs, sourceCRS: opts.sourceCRS, makeValid: opts.makeValid)
    }

    static func run(_ doc: ScenarioDocument, city: City, cameras: [CameraRecord]) throws -> CoverageResult {
        let resolver = CameraResolver(defaults: try defaults(doc), skipInvalid: doc.cityReadOptions().skipInvalid)
        return try CoverageAnalysis.run(city: city, cameraRecords: cameras,
                                        districts: try districts(doc, city: city), resolver: resolver, options: options(doc))
    }
}
