import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels

/// Outputs of `covplan place cameras --objective anpr-*`: `summary.json`, `proposed.geojson`
/// (the new ANPR cameras, readable back as a camera layer), `proposed.csv` and `targets.geojson`
/// (every entry direction, junction approach, speed stretch or trip route with what reads it).
public enum TrafficPlacementReport {
    /// The summary (deterministic). Keys: `objective`, `goal`, `problem`, `objective_value`,
    /// `objective_unit`, `lower_bound` / `upper_bound`, `gap`, `proven_optimal`, `selected`,
    /// `cost_tenge`, `targets` {`total`, `readable`, `read_before`, `read_after`, weights and shares},
    /// `groups` {`total`, `complete`} (entries read both ways, junctions with every approach,
    /// straight stretches both ways, trips), `rule` {`level`, `heading_tolerance_deg`},
    /// `network` {`classes`, `edges`, `length_m`}, `candidates`, `types_chosen`, `dropped_trips`,
    /// `proposed`, `working_crs`.
    public static func summaryJSON(_ r: TrafficPlacementResult, request: TrafficPlacementRequest, crs: WorkingCRS) -> JSONValue {
        let p = r.placement
        let goal: JSONValue
        let unit: String
        switch request.goal {
        case .count(let n): goal = .object([("count", .number(Double(n)))]); unit = "targets_read"
        case .budgetTenge(let b): goal = .object([("budget_tenge", .num(b))]); unit = "targets_read"
        case .coveredFraction(let f, let m):
            goal = .object([("target_share", .num(f)), ("minimize", .string(m.rawValue))])
            unit = m == .count ? "cameras" : "tenge"
        }
        let total = r.totalWeight
        let groups = r.completeGroups
        var byType: [String: Int] = [:]
        for c in r.proposed { byType[c.pose.type.name, default: 0] += 1 }
        let readable = zip(r.targets, r.readable).reduce(0.0) { $0 + ($1.1 ? $1.0.weight : 0) }
        return .object([
            ("objective", .string(request.objective.rawValue)),
            ("goal", goal),
            ("problem", .string(p.problem.rawValue)),
            ("objective_value", m3(p.objective)),
            ("objective_unit", .string(unit)),
            (p.sense == .minimize ? "lower_bound" : "upper_bound", m3(p.bound)),
            ("gap", frac(p.gap)),
            ("proven_optimal", .bool(p.provenOptimal)),
            ("bound_method", .string(p.boundMethod.rawValue)),
            ("selected", .number(Double(r.proposed.count))),
            ("cost_tenge", m3(r.costTenge)),
            ("types_chosen", .object(byType.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            ("targets", .object([
                ("total", .number(Double(r.targets.count))),
                ("weight_total", m3(total)),
                ("readable_weight", m3(readable)),
                ("read_weight_before", m3(r.weightBefore)),
                ("read_weight_after", m3(r.weightAfter)),
                ("read_share_before", frac(total > 0 ? r.weightBefore / total : 0)),
                ("read_share_after", frac(total > 0 ? r.weightAfter / total : 0)),
            ])),
            ("groups", .object([("total", .number(Double(groups.total))), ("complete", .number(Double(groups.complete)))])),
            ("rule", .object([
                ("level", .string(request.rule.level.rawValue)),
                ("heading_tolerance_deg", .num(request.rule.headingToleranceDeg)),
                ("min_read_m", .num(TrafficTargets.minReadMeters)),
            ])),
            ("network", .object([
                ("classes", .array(request.classes.sorted().map { .string($0) })),
                ("edges", .number(Double(r.network.graph.edgeCount))),
                ("length_m", m3(r.network.graph.totalLengthMeters)),
            ])),
            ("candidates", .object([
                ("sites", .number(Double(r.siteCount))),
                ("poses_generated", .number(Double(r.generatedPoses))),
                ("poses", .number(Double(r.candidatePoses))),
                ("spacing_m", .num(request.spacingMeters)),
            ])),
            ("existing_cameras", .number(Double(r.existingCameras.count))),
            ("dropped_trips", .number(Double(r.droppedTrips.count))),
            ("proposed", .array(r.proposed.map { c in
                .object([("rank", .number(Double(c.rank))), ("id", .string(c.pose.id)), ("type", .string(c.pose.type.name)),
                         ("heading_deg", .num(r1(c.pose.headingDeg))), ("marginal_gain", m3(c.marginalGain)),
                         ("cost_tenge", .num(c.costTenge)), ("cumulative_read_share", frac(c.cumulativeCoveredFraction))])
            })),
            ("working_crs", .string(crs.identifier)),
        ])
    }

    /// The new cameras as points, in the field names the city loader reads as cameras.
    public static func proposedLayer(_ r: TrafficPlacementResult, city: City) -> FeatureLayer {
        let fields = [
            FieldDefinition("rank", .int), FieldDefinition("id", .string), FieldDefinition("type", .string),
            FieldDefinition("heading_deg", .double), FieldDefinition("fov_deg", .double), FieldDefinition("range_m", .double),
            FieldDefinition("min_range_m", .double), FieldDefinition("cost_tenge", .double),
            FieldDefinition("marginal_gain", .double), FieldDefinition("street_id", .string), FieldDefinition("road_class", .string),
        ]
        var layer = FeatureLayer(name: "proposed", fields: fields, crs: city.crs.identifier, geometryKind: .point)
        layer.features = r.proposed.map { c in
            let pose = c.pose
            let street = pose.site.streetIndex < city.streets.count ? city.streets[pose.site.streetIndex] : nil
            return Feature(id: pose.id, geometry: .point(pose.site.position), values: [
                .int(Int64(c.rank)), .string(pose.id), .string(pose.type.name), .double(r1(pose.headingDeg)),
                .double(pose.type.fovDeg), .double(pose.type.rangeMeters), .double(pose.type.minRangeMeters),
                .double(c.costTenge), .double(r3(c.marginalGain)),
                street.map { .string($0.id) } ?? .null, street.map { .string($0.highway) } ?? .null,
            ])
        }
        return layer
    }

    /// Every target as a line (its first stretch, in the direction of travel) with `id`, `group`,
    /// `objective`, `bearing_deg`, `weight`, `readable`, `read_before`, `read_after`.
    public static func targetsLayer(_ r: TrafficPlacementResult, city: City) -> FeatureLayer {
        let fields = [
            FieldDefinition("id", .string), FieldDefinition("group", .string), FieldDefinition("objective", .string),
            FieldDefinition("bearing_deg", .double), FieldDefinition("weight", .double), FieldDefinition("readable", .bool),
            FieldDefinition("read_before", .bool), FieldDefinition("read_after", .bool),
        ]
        var layer = FeatureLayer(name: "targets", fields: fields, crs: city.crs.identifier, geometryKind: .lineString)
        layer.features = r.targets.enumerated().map { k, t in
            let geo = t.stretches.flatMap { r.network.geometry($0) }
            return Feature(id: t.id, geometry: geo.count >= 2 ? .lineString(geo) : nil, values: [
                .string(t.id), .string(t.group), .string(t.objective.rawValue), .double(r1(t.bearingDeg)), .double(t.weight),
                .bool(r.readable[k]), .bool(r.readBefore[k]), .bool(r.readAfter[k]),
            ])
        }
        return layer
    }

    /// Writes `summary.json`, `proposed.geojson`, `proposed.csv`, `targets.geojson` into `dir`,
    /// all or nothing. Throws `.cannotCreate` when `dir` exists without `overwrite`.
    public static func write(_ r: TrafficPlacementResult, request: TrafficPlacementRequest, city: City, to dir: String,
                             overwrite: Bool, summary: JSONValue? = nil) throws {
        let layer = proposedLayer(r, city: city)
        try AnalysisFolder(summary: summary ?? summaryJSON(r, request: request, crs: city.crs),
                           entries: [.layer("proposed", layer), .pointCSV("proposed", layer), .layer("targets", targetsLayer(r, city: city))])
            .write(to: dir, overwrite: overwrite)
    }
}
