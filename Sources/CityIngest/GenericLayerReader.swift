import CityModel
import GDALBridge
import GeoCore

/// Reads a city layer from any GDAL vector source with covplan's canonical attribute names, the
/// aliases in `AttributeAliases`, or an explicit field mapping.
struct GenericLayerReader {
    let source: VectorSource

    /// Layer names tried, in order, when none is given.
    static let defaultLayerNames: [CityLayerKind: [String]] = [
        .streets: ["streets", "roads", "street_lines", "edges", "lines"],
        .buildings: ["buildings", "building_footprints", "footprints"],
        .schools: ["schools"],
        .police: ["police", "police_stations", "precinct_offices"],
        .cameras: ["cameras", "surveillance"],
    ]

    /// Picks the layer for `kind`: the explicit name, a conventional name, or — for a
    /// single-layer source — its only layer when its geometry suits the kind. nil when absent.
    func layerName(for kind: CityLayerKind, explicit: String?, singleKind: Bool) throws -> String? {
        let names = source.layerNames
        if let explicit {
            guard names.contains(explicit) else {
                throw CovplanError(.noInput, file: source.path,
                                   "no layer named '\(explicit)' (layers: \(names.joined(separator: ", ")))")
            }
            return explicit
        }
        for candidate in Self.defaultLayerNames[kind] ?? [] {
            if let n = names.first(where: { $0.lowercased() == candidate }) { return n }
        }
        if singleKind, names.count == 1 { return names[0] }
        return nil
    }

    /// The fields to read for `kind` from layer `name` and the canonical key of each: an explicit
    /// `mapping` first, then `AttributeAliases`. Throws `.usage` for a mapped field that is absent.
    func fieldPlan(_ kind: CityLayerKind, layer name: String, mapping: [String: String]) throws -> FieldPlan {
        let schema = try CityReadErrors.gdal(path: source.path, layer: name) { () throws(GDALError) in
            try source.fields(layer: name)
        }
        func fieldIndex(_ field: String) -> Int? {
            schema.firstIndex { $0.name == field } ?? schema.firstIndex { $0.name.lowercased() == field.lowercased() }
        }
        // Resolve canonical name → field, then read only those fields.
        var index: [String: Int] = [:]
        for (canonical, field) in mapping {
            guard let i = fieldIndex(field) else {
                throw CovplanError(.usage, file: source.path, layer: name,
                                   "field '\(field)' (mapped to \(canonical)) not found; fields: \(schema.map(\.name).joined(separator: ", "))")
            }
            index[canonical] = i
        }
        for (canonical, aliases) in AttributeAliases.table[kind] ?? [:] where index[canonical] == nil {
            for alias in aliases {
                if let i = fieldIndex(alias) { index[canonical] = i; break }
            }
        }
        let wantedIndices = Array(Set(index.values)).sorted()
        let position = Dictionary(uniqueKeysWithValues: wantedIndices.enumerated().map { ($1, $0) })
        let resolved = index.sorted { $0.key < $1.key }.map { ($0.key, position[$0.value]!) }
        return FieldPlan(fields: wantedIndices.map { schema[$0].name }, keys: resolved.map(\.0), positions: resolved.map(\.1))
    }

    /// What `fieldPlan` gives: the source fields to read, and per canonical key (sorted) the
    /// position of its field among them.
    struct FieldPlan {
        var fields: [String]
        var keys: [String]
        var positions: [Int]

        /// The read position of canonical `key`'s field; nil when the layer has none.
        func slot(_ key: String) -> Int? { keys.firstIndex(of: key).map { positions[$0] } }
    }

    func read(_ kind: CityLayerKind, layer name: String, filter: String?, mapping: [String: String],
              sourceCRS: String?) throws -> RawLayer {
        let plan = try fieldPlan(kind, layer: name, mapping: mapping)
        let (keys, positions) = (plan.keys, plan.positions)
        let idSlot = keys.firstIndex(of: "id")
        let idPosition = plan.slot("id")
        let street = (highway: plan.slot("highway"), name: plan.slot("name"), oneway: plan.slot("oneway"),
                      junction: plan.slot("junction"), maxspeed: plan.slot("maxspeed"))
        let read = try CityReadErrors.gdal(path: source.path, layer: name) { () throws(GDALError) in
            try source.read(layer: name, attributeFilter: filter, fields: plan.fields) { row in
                if kind == .streets {
                    // Streets (the largest layers) are parsed here: no tag list per feature.
                    return RawFeature(id: idPosition.flatMap { row.value($0).text } ?? "fid/\(row.fid)",
                                      geometry: row.geometry, tags: Tags(),
                                      street: StreetAttributes(highway: street.highway.map(row.value),
                                                               name: street.name.map(row.value),
                                                               oneway: street.oneway.map(row.value),
                                                               junction: street.junction.map(row.value),
                                                               maxspeed: street.maxspeed.map(row.value)))
                }
                let values = positions.map(row.value)
                return RawFeature(id: idSlot.flatMap { values[$0].text } ?? "fid/\(row.fid)",
                                  geometry: row.geometry, tags: Tags(keys: keys, values: values))
            }
        }
        let (features, crs, warnings) = (read.rows, read.crs, read.warnings)
        return RawLayer(kind: kind, path: source.path, layerName: name, crs: crs ?? sourceCRS,
                        features: features, warnings: warnings)
    }
}
