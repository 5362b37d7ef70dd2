import CityModel
import Foundation
import GeoCore
import Staffing

/// The outputs of `covplan rebalance`: `summary.json` (before/after), `plan.geojson` (the
/// proposed precincts), `blocks.geojson` (street blocks with residents and old/new precinct),
/// `plan.csv`.
public enum RebalanceReport {
    public static let planFields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("inspectors", .int),
        FieldDefinition("extra_inspectors", .int), FieldDefinition("residents_before", .double),
        FieldDefinition("residents_after", .double), FieldDefinition("residents_per_inspector_before", .double),
        FieldDefinition("residents_per_inspector_after", .double), FieldDefinition("over_norm_before", .bool),
        FieldDefinition("over_norm_after", .bool), FieldDefinition("load_class_after", .string),
        FieldDefinition("blocks", .int), FieldDefinition("blocks_gained", .int), FieldDefinition("blocks_lost", .int),
        FieldDefinition("residents_gained", .double), FieldDefinition("residents_lost", .double),
        FieldDefinition("compactness_before", .double), FieldDefinition("compactness_after", .double), FieldDefinition("method", .string),
    ]

    /// Polsby–Popper compactness 4π·area ÷ perimeter² (1 for a disc, π/4 for a square; holes
    /// and several parts lower it); nil for no area.
    public static func compactness(_ polygons: [Polygon]) -> Double? {
        let area = polygons.reduce(0) { $0 + $1.area }
        let perimeter = polygons.reduce(0) { acc, p in p.rings.reduce(acc) { $0 + Planar.length($1) } }
        guard area > 0, perimeter > 0 else { return nil }
        return 4 * Double.pi * area / (perimeter * perimeter)
    }
    public static let blockFields: [FieldDefinition] = [
        FieldDefinition("block", .int), FieldDefinition("residents", .double), FieldDefinition("precinct_before", .string),
        FieldDefinition("precinct_after", .string), FieldDefinition("moved", .bool),
    ]

    static func d(_ v: Double?) -> FieldValue { v.map { $0.isFinite ? .double($0) : .null } ?? .null }

    public static func planLayer(_ r: RebalanceResult, crs: WorkingCRS) -> FeatureLayer {
        let P = r.precincts.count
        var blocks = [Int](repeating: 0, count: P), gained = blocks, lost = blocks
        var rGained = [Double](repeating: 0, count: P), rLost = rGained
        for (b, p) in r.plan.assignment.enumerated() {
            let to = Int(p), from = Int(r.blocks.precinct[b])
            blocks[to] += 1
            if to != from {
                gained[to] += 1; lost[from] += 1
                rGained[to] += r.blockResidents[b]; rLost[from] += r.blockResidents[b]
            }
        }
        let features = r.precincts.enumerated().map { i, p -> Feature in
            let n = p.inspectors, before = r.plan.loadsBefore[i], after = r.plan.loadsAfter[i]
            let extra = r.plan.extraInspectors[i]
            let capGiven = r.norm * Double(n)
            let ratio = n + extra > 0 ? after / Double(n + extra) / r.norm : nil
            return Feature(id: p.id, geometry: .multiPolygon(r.proposed[i]), values: [
                .string(p.id), p.name.map { .string($0) } ?? .null, .int(Int64(n)), .int(Int64(extra)),
                .double(before), .double(after), d(n > 0 ? before / Double(n) : nil), d(n > 0 ? after / Double(n) : nil),
                .bool(before > capGiven + 1e-9), .bool(after > capGiven + 1e-9),
                .string(PrecinctLoadClass.of(ratio: ratio).rawValue), .int(Int64(blocks[i])), .int(Int64(gained[i])),
                .int(Int64(lost[i])), .double(rGained[i]), .double(rLost[i]), d(compactness(p.polygons)),
                d(compactness(r.proposed[i])), .string(r.method),
            ])
        }
        return FeatureLayer(name: "plan", fields: planFields, crs: crs.identifier, features: features, geometryKind: .multiPolygon)
    }

    public static func blockLayer(_ r: RebalanceResult, crs: WorkingCRS) -> FeatureLayer {
        let features = r.blocks.polygons.enumerated().map { b, poly -> Feature in
            let from = r.precincts[Int(r.blocks.precinct[b])].id, to = r.precincts[Int(r.plan.assignment[b])].id
            return Feature(id: String(b + 1), geometry: .polygon(poly), values: [
                .int(Int64(b + 1)), .double(r.blockResidents[b]), .string(from), .string(to), .bool(from != to),
            ])
        }
        return FeatureLayer(name: "blocks", fields: blockFields, crs: crs.identifier, features: features, geometryKind: .polygon)
    }

    public static func summary(_ r: RebalanceResult, inputs: [(String, JSONValue)]) -> JSONValue {
        let extra = r.plan.extraInspectors.reduce(0, +)
        let total = r.blockResidents.reduce(0, +)
        return .object([
            ("precincts", .number(Double(r.precincts.count))),
            ("blocks", .number(Double(r.blocks.polygons.count))),
            ("total_residents", .number(total)),
            ("total_residents_after", .number(r.plan.loadsAfter.reduce(0, +))),
            ("norm", .number(r.norm)),
            ("before", .object([
                ("over_norm", .number(Double(r.overBefore))),
                ("max_residents_per_inspector", .num(r.maxLoadBefore)),
            ])),
            ("after", .object([
                ("over_norm", .number(Double(r.overAfter))),
                ("max_residents_per_inspector", .num(r.maxLoadAfter)),
                ("extra_inspectors", .number(Double(extra))),
                ("over_norm_with_extra_inspectors", .number(Double(r.precincts.indices.filter {
                    r.plan.loadsAfter[$0] > r.norm * Double(r.precincts[$0].inspectors + r.plan.extraInspectors[$0]) + 1e-9
                }.count))),
                ("max_residents_per_inspector_with_extra", .num(r.maxLoadAfterWithExtra)),
            ])),
            ("residents_moved", .number(r.plan.residentsMoved)),
            ("blocks_moved", .number(Double(r.plan.blocksMoved))),
            ("feasible_without_extra_inspectors", .bool(extra == 0)),
            ("method", .string(r.method)),
            ("method_description", .string(r.methodDescription)),
            ("rebalancing", .string("street blocks (GEOS polygonize of street lines and precinct boundaries inside the precincts) moved between neighbouring precincts by local search from the current boundaries: every move lowers Σ max(0, residents − norm × inspectors)², keeps every precinct connected, favours blocks sharing more boundary with the receiving precinct; inspectors are added only where no move helps; blocks are moved back home wherever capacity allows")),
            ("inputs", .object(inputs)),
            ("notes", .array(r.notes.map { .string($0) })),
        ])
    }

    /// Writes DIR/summary.json, plan.geojson, blocks.geojson and plan.csv atomically.
    public static func write(_ r: RebalanceResult, crs: WorkingCRS, inputs: [(String, JSONValue)], to dir: String,
                             overwrite: Bool, finish: (JSONValue) -> JSONValue) throws {
        let plan = planLayer(r, crs: crs)
        let blocks = blockLayer(r, crs: crs)
        try AnalysisFolder(summary: finish(summary(r, inputs: inputs)),
                           entries: [.layer("plan", plan), .layer("blocks", blocks), .attributeCSV("plan", plan)])
            .write(to: dir, overwrite: overwrite)
    }
}
