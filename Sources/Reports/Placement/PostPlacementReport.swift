import CityModel
import Foundation
import GeoCore
import Placement
import PlacementModels

/// Outputs of `covplan place posts`: `summary.json`, `proposed.geojson` and `proposed.csv`.
public enum PostPlacementReport {
    /// The summary as ordered JSON (deterministic: no timings). Keys: `problem`, `objective`,
    /// `objective_unit`, `upper_bound`, `lower_bound`, `gap`, `proven_optimal`, `bound_method`,
    /// `selected`, `cost_tenge`, `minutes`, `mode`, `demand` {kind, points, weight,
    /// unattached_weight}, `candidates`, `existing` {snapped, unsnapped}, `covered_fraction_before`,
    /// `covered_fraction_after`, `mean_seconds_before`, `mean_seconds_after`, `solver`,
    /// `proposed` (ranked), `working_crs`.
    public static func summaryJSON(_ r: PostPlacementResult, request: PostPlacementRequest, mode: String,
                                   crs: WorkingCRS) -> JSONValue {
        let p = r.placement
        let demandKind: String
        switch request.demand {
        case .residents: demandKind = "residents"
        case .streetMeters: demandKind = "street_m"
        case .points(let label, _, _): demandKind = label
        }
        let unit = request.objective == .coverage ? demandKind : "\(demandKind)_x_seconds"
        let s = p.statistics
        return .object([
            ("problem", .string(p.problem.rawValue)),
            ("objective", m3(p.objective)),
            ("objective_unit", .string(unit)),
            ("upper_bound", m3(p.upperBound)),
            ("lower_bound", m3(p.lowerBound)),
            ("gap", frac(p.gap)),
            ("proven_optimal", .bool(p.provenOptimal)),
            ("bound_method", .string(p.boundMethod.rawValue)),
            ("selected", .number(Double(p.selected.count))),
            ("cost_tenge", m3(r.costTenge)),
            ("minutes", .num(request.minutes)),
            ("mode", .string(mode)),
            ("demand", .object([
                ("kind", .string(demandKind)), ("points", .number(Double(r.demandCount))),
                ("weight", m3(r.demandWeight)), ("unattached_weight", m3(r.unattachedWeight)),
            ])),
            ("candidates", .object([
                ("sites", .number(Double(r.candidateCount))), ("node_sites", .bool(request.nodeSites)),
                ("spacing_m", .num(request.spacingMeters)), ("site_type", .string(request.siteType)),
                ("unit_cost_tenge", .num(request.unitCostTenge)),
            ])),
            ("existing", .object([
                ("snapped", .number(Double(r.existingSnapped))),
                ("unsnapped", .array(r.existingUnsnapped.map { .string($0) })),
            ])),
            ("covered_fraction_before", frac(r.coveredFractionBefore)),
            ("covered_fraction_after", frac(r.coveredFractionAfter)),
            ("mean_seconds_before", .num(r.meanSecondsBefore.map { ($0 * 1000).rounded() / 1000 })),
            ("mean_seconds_after", m3(r.meanSecondsAfter)),
            ("solver", .object([
                ("seed", .number(Double(request.options.seed))),
                ("greedy_objective", m3(s.greedyObjective)),
                ("local_search_moves", .number(Double(s.localSearchMoves))),
                ("bound_iterations", .number(Double(s.boundIterations))),
            ])),
            ("proposed", .array(r.proposed.map { c in
                .object([("rank", .number(Double(c.rank))), ("id", .string(c.id)), ("street_id", .string(c.streetId)),
                         ("marginal_gain", m3(c.marginalGain)), ("cost_tenge", .num(c.costTenge)),
                         ("cumulative_covered_fraction", frac(c.cumulativeCoveredFraction))])
            })),
            ("working_crs", .string(crs.identifier)),
        ])
    }

    /// The new posts as points, best first.
    public static func proposedLayer(_ r: PostPlacementResult, request: PostPlacementRequest, crs: WorkingCRS) -> FeatureLayer {
        let fields = [
            FieldDefinition("rank", .int), FieldDefinition("id", .string), FieldDefinition("type", .string),
            FieldDefinition("street_id", .string), FieldDefinition("cost_tenge", .double),
            FieldDefinition("marginal_gain", .double), FieldDefinition("cumulative_covered_fraction", .double),
        ]
        var layer = FeatureLayer(name: "proposed", fields: fields, crs: crs.identifier, geometryKind: .point)
        layer.features = r.proposed.map { c in
            Feature(id: c.id, geometry: .point(c.point), values: [
                .int(Int64(c.rank)), .string(c.id), .string(request.siteType), .string(c.streetId), .double(c.costTenge),
                .double((c.marginalGain * 1000).rounded() / 1000),
                .double((c.cumulativeCoveredFraction * 1e6).rounded() / 1e6),
            ])
        }
        return layer
    }

    /// Writes `dir/summary.json`, `dir/proposed.geojson` and `dir/proposed.csv`, all or nothing.
    public static func write(_ r: PostPlacementResult, request: PostPlacementRequest, crs: WorkingCRS, to dir: String,
                             overwrite: Bool, summary: JSONValue) throws {
        let layer = proposedLayer(r, request: request, crs: crs)
        try AnalysisFolder(summary: summary, entries: [.layer("proposed", layer), .pointCSV("proposed", layer)])
            .write(to: dir, overwrite: overwrite)
    }
}
