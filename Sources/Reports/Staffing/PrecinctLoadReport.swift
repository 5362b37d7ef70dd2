import CityModel
import Foundation
import GeoCore
import Staffing

/// The outputs of `covplan load`: `summary.json`, `precincts.geojson`, `precincts.csv`.
///
/// Schemas (documented in the CLI help and README): one feature / row per precinct with
/// `id, name, residents, inspectors, assistants, residents_per_inspector, load_ratio,
/// over_norm, inspectors_needed, deficit, load_class, area_km2, street_km,
/// street_km_per_inspector, area_km2_per_inspector, crimes, crimes_per_10k, method`.
/// Numbers are unrounded; unstaffed precincts have null per-inspector values.
public enum PrecinctLoadReport {
    public static let fields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("residents", .double),
        FieldDefinition("inspectors", .int), FieldDefinition("assistants", .int),
        FieldDefinition("residents_per_inspector", .double), FieldDefinition("load_ratio", .double),
        FieldDefinition("over_norm", .bool), FieldDefinition("inspectors_needed", .int), FieldDefinition("deficit", .int),
        FieldDefinition("load_class", .string), FieldDefinition("area_km2", .double), FieldDefinition("street_km", .double),
        FieldDefinition("street_km_per_inspector", .double), FieldDefinition("area_km2_per_inspector", .double),
        FieldDefinition("crimes", .int), FieldDefinition("crimes_per_10k", .double), FieldDefinition("method", .string),
    ]

    static func d(_ v: Double?) -> FieldValue { v.map { $0.isFinite ? .double($0) : .null } ?? .null }

    /// One row of values in `fields` order.
    public static func values(_ l: PrecinctLoad, method: String) -> [FieldValue] {
        [.string(l.id), l.name.map { .string($0) } ?? .null, .double(l.residents), .int(Int64(l.inspectors)),
         .int(Int64(l.assistants)), d(l.residentsPerInspector), d(l.loadRatio), .bool(l.overNorm),
         .int(Int64(l.inspectorsNeeded)), .int(Int64(l.deficit)), .string(l.loadClass.rawValue), .double(l.areaKm2),
         d(l.streetKm), d(l.streetKmPerInspector), d(l.areaKm2PerInspector), l.crimes.map { .int(Int64($0)) } ?? .null,
         d(l.crimesPer10k), .string(method)]
    }

    /// The precincts with their loads as a layer in the working CRS.
    public static func layer(_ r: PrecinctLoadResult, crs: WorkingCRS) -> FeatureLayer {
        let features = zip(r.precincts, r.loads).map { p, l in
            Feature(id: p.id, geometry: .multiPolygon(p.polygons), values: values(l, method: r.method))
        }
        return FeatureLayer(name: "precincts", fields: fields, crs: crs.identifier, features: features, geometryKind: .multiPolygon)
    }

    /// The summary object (deterministic key order).
    public static func summary(_ r: PrecinctLoadResult, inputs: [(String, JSONValue)], precinctRows: Bool = false) -> JSONValue {
        let s = r.summary
        var members: [(String, JSONValue)] = [
            ("total_residents", .number(s.totalResidents)),
            ("unassigned_residents", .number(s.unassignedResidents)),
            ("source_total", .number(s.sourceTotal)),
            ("precincts", .number(Double(s.precincts))),
            ("inspectors", .number(Double(s.inspectors))),
            ("assistants", .number(Double(s.assistants))),
            ("norm", .number(r.norm)),
            ("over_norm", .number(Double(s.overNorm))),
            ("unstaffed", .number(Double(s.unstaffed))),
            ("inspectors_needed", .number(Double(s.inspectorsNeeded))),
            ("deficit", .number(Double(s.deficit))),
            ("max_residents_per_inspector", .num(s.maxResidentsPerInspector)),
            ("load_classes", .object(PrecinctLoadClass.allCases.map { ($0.rawValue, .number(Double(s.classes[$0] ?? 0))) })),
            ("load_class_thresholds", .string("load ratio = residents per inspector ÷ norm: under < \(PrecinctLoadClass.atFrom), at \(PrecinctLoadClass.atFrom)–1, over > 1–\(PrecinctLoadClass.farOverAbove), far_over > \(PrecinctLoadClass.farOverAbove); unstaffed = no inspectors")),
            ("method", .string(r.method)),
            ("method_description", .string(r.methodDescription)),
            ("inputs", .object(inputs)),
            ("notes", .array(r.notes.map { .string($0) })),
        ]
        if precinctRows {
            members.append(("precinct_loads", .array(r.loads.map { l in
                .object([("id", .string(l.id)), ("residents", .number(l.residents)), ("inspectors", .number(Double(l.inspectors))),
                         ("residents_per_inspector", .num(l.residentsPerInspector)), ("load_class", .string(l.loadClass.rawValue))])
            })))
        }
        return .object(members)
    }

    /// CSV text of a layer's attributes (RFC 4180, see `CSVWriter`).
    public static func csv(_ layer: FeatureLayer) -> String {
        CSVWriter.text(ReportTable(name: layer.name, title: layer.name, columns: layer.fields.map(\.name),
                                   rows: layer.features.map(\.values)))
    }

    /// Writes DIR/summary.json, DIR/precincts.geojson and DIR/precincts.csv atomically.
    /// `finish` gets the summary before writing (the CLI's benchmark hook).
    public static func write(_ r: PrecinctLoadResult, crs: WorkingCRS, inputs: [(String, JSONValue)], to dir: String,
                             overwrite: Bool, finish: (JSONValue) -> JSONValue) throws {
        let layer = layer(r, crs: crs)
        try AnalysisFolder(summary: finish(summary(r, inputs: inputs)), entries: [.layer("precincts", layer), .attributeCSV("precincts", layer)])
            .write(to: dir, overwrite: overwrite)
    }
}
