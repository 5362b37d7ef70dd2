import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels

/// Outputs of `covplan place cameras`: `summary.json`, `proposed.geojson` (the new cameras, in
/// the field names the city loader reads back as cameras) and `proposed.csv` (ranked table).
public enum CameraPlacementReport {
    /// The summary as ordered JSON (deterministic: no timings). Keys: `problem`, `goal`,
    /// `objective`, `objective_unit`, `upper_bound`, `lower_bound` (for a coverage target, a proven
    /// lower bound on the cameras or tenge needed), `gap`, `proven_optimal`, `bound_method`,
    /// `guarantee`, `selected`, `cost_tenge`, `street_length_m`, `covered_length_before_m`,
    /// `newly_covered_m`, `covered_length_after_m`, `covered_fraction_before`,
    /// `covered_fraction_after`, `weighted_fraction_after` (a `.weighted` target only, else null),
    /// `tenge_per_km_newly_covered`, `candidates`, `demand`, `existing`,
    /// `solver`, `occlusion`, `proposed` (ranked list), `working_crs`.
    public static func summaryJSON(_ r: CameraPlacementResult, request: CameraPlacementRequest, crs: WorkingCRS) -> JSONValue {
        let p = r.placement
        let model = r.model
        let inst = model.instance
        let unit: String
        let goal: JSONValue
        switch request.goal {
        case .count(let n):
            goal = .object([("count", .number(Double(n)))])
            unit = "weighted_street_m"
        case .budgetTenge(let b):
            goal = .object([("budget_tenge", .num(b))])
            unit = "weighted_street_m"
        case .coveredFraction(let f, let minimize):
            goal = .object([("covered_fraction", .num(f)), ("minimize", .string(minimize.rawValue)),
                            ("basis", .string(request.targetBasis == .weighted ? "weighted_street_m" : "street_m"))])
            unit = minimize == .count ? "cameras" : "tenge"
        }
        let after = model.coveredBeforeMeters + r.newlyCoveredMeters
        let types = (try? request.candidateTypes()) ?? []
        let w = request.weighting
        var weighting: [(String, JSONValue)] = [
            ("road_class_weights", .string(w.roadClassWeights == .uniform ? "uniform" : w.roadClassWeights == .builtIn ? "built_in" : "custom")),
            ("school_factor", .num(w.schoolFactor)), ("school_radius_m", .num(w.schoolRadiusMeters)),
            ("incidents", .number(Double(w.incidents.count))),
        ]
        if !w.incidents.isEmpty {
            weighting += [("incident_radius_m", .num(w.incidentRadiusMeters)), ("incident_weight", .num(w.incidentWeight))]
        }
        weighting.append(("demand_classes", w.demandClasses.map { .array($0.sorted().map { .string($0) }) } ?? .null))
        let s = p.statistics
        let weightedAfter: JSONValue = r.weightedFractionAfter.map { frac($0) } ?? .null
        return .object([
            ("problem", .string(p.problem.rawValue)),
            ("goal", goal),
            ("objective", m3(p.objective)),
            ("objective_unit", .string(unit)),
            ("upper_bound", m3(p.upperBound)),
            ("lower_bound", m3(p.lowerBound)),
            ("gap", frac(p.gap)),
            ("proven_optimal", .bool(p.provenOptimal)),
            ("bound_method", .string(p.boundMethod.rawValue)),
            ("guarantee", .num(p.guarantee.map { ($0 * 1e6).rounded() / 1e6 })),
            ("selected", .number(Double(p.selected.count))),
            ("cost_tenge", m3(r.costTenge)),
            ("street_length_m", m3(model.streetLengthMeters)),
            ("covered_length_before_m", m3(model.coveredBeforeMeters)),
            ("newly_covered_m", m3(r.newlyCoveredMeters)),
            ("covered_length_after_m", m3(after)),
            ("covered_fraction_before", frac(r.coveredFractionBefore)),
            ("covered_fraction_after", frac(r.coveredFractionAfter)),
            ("weighted_fraction_after", weightedAfter),
            ("tenge_per_km_newly_covered", r.newlyCoveredMeters > 0 ? .number((r.costTenge / (r.newlyCoveredMeters / 1000)).rounded()) : .null),
            ("candidates", .object([
                ("sites", .number(Double(model.siteCount))),
                ("poses_generated", .number(Double(model.generatedPoses))),
                ("poses_seeing_nothing_new", .number(Double(model.uselessPoses))),
                ("poses_dominated", .number(Double(model.dominatedPoses))),
                ("poses", .number(Double(inst.candidateCount))),
                ("spacing_m", .num(request.spacingMeters)),
                ("junction_sites", .bool(request.junctionSites)),
                ("corner_headings", .bool(request.cornerHeadings)),
                ("types", .array(types.map { t in
                    .object([("type", .string(t.name)), ("fov_deg", .num(t.fovDeg)), ("range_m", .num(t.rangeMeters)),
                             ("min_range_m", .num(t.minRangeMeters)), ("unit_cost_tenge", .num(t.unitCostTenge))])
                })),
            ])),
            ("demand", .object([
                ("street_pieces", .number(Double(model.pieceCount))),
                ("demand_pieces", .number(Double(inst.demandCount))),
                ("nonzeros", .number(Double(inst.nonzeroCount))),
                ("total_weight", m3(inst.totalDemandWeight)),
                ("coverable_m", m3(model.coverableMeters)),
                ("weighting", .object(weighting)),
            ])),
            ("existing", .object([
                ("cameras", .number(Double(model.existingCameras.count))),
                ("skipped", .array(model.skippedExisting.map { .object([("id", .string($0.id)), ("problem", .string($0.problem))]) })),
            ])),
            ("solver", .object([
                ("seed", .number(Double(request.options.seed))),
                ("greedy_objective", m3(s.greedyObjective)),
                ("local_search_moves", .number(Double(s.localSearchMoves))),
                ("bound_iterations", .number(Double(s.boundIterations))),
                ("branch_and_bound_nodes", .number(Double(s.branchAndBoundNodes))),
                ("reduced_demand", .number(Double(s.reducedDemandCount))),
                ("reduced_candidates", .number(Double(s.reducedCandidateCount))),
                ("reduced_nonzeros", .number(Double(s.reducedNonzeroCount))),
            ])),
            ("occlusion", .bool(request.occlusion)),
            ("proposed", .array(r.proposed.map { c in
                .object([("rank", .number(Double(c.rank))), ("id", .string(c.pose.id)), ("type", .string(c.pose.type.name)),
                         ("heading_deg", .num(r1(c.pose.headingDeg))), ("marginal_gain", m3(c.marginalGain)),
                         ("marginal_m", m3(c.marginalMeters)), ("cost_tenge", .num(c.costTenge)),
                         ("cumulative_covered_fraction", frac(c.cumulativeCoveredFraction))])
            })),
            ("working_crs", .string(crs.identifier)),
        ])
    }

    /// The new cameras as points, best first. Field names `id`, `heading_deg`, `fov_deg`,
    /// `range_m`, `min_range_m`, `type` are those the city loader reads as cameras, so the layer
    /// feeds straight back into `covplan coverage --cameras`.
    public static func proposedLayer(_ r: CameraPlacementResult, city: City) -> FeatureLayer {
        let fields = [
            FieldDefinition("rank", .int), FieldDefinition("id", .string), FieldDefinition("type", .string),
            FieldDefinition("heading_deg", .double), FieldDefinition("fov_deg", .double), FieldDefinition("range_m", .double),
            FieldDefinition("min_range_m", .double), FieldDefinition("cost_tenge", .double),
            FieldDefinition("marginal_gain", .double), FieldDefinition("marginal_m", .double),
            FieldDefinition("cumulative_covered_fraction", .double), FieldDefinition("site_kind", .string),
            FieldDefinition("street_id", .string), FieldDefinition("street_name", .string),
        ]
        var layer = FeatureLayer(name: "proposed", fields: fields, crs: city.crs.identifier, geometryKind: .point)
        layer.features = r.proposed.map { c in
            let pose = c.pose
            let street = pose.site.streetIndex < city.streets.count ? city.streets[pose.site.streetIndex] : nil
            return Feature(id: pose.id, geometry: .point(pose.site.position), values: [
                .int(Int64(c.rank)), .string(pose.id), .string(pose.type.name), .double(r1(pose.headingDeg)),
                .double(pose.type.fovDeg), .double(pose.type.rangeMeters), .double(pose.type.minRangeMeters),
                .double(c.costTenge), .double(r3(c.marginalGain)), .double(r3(c.marginalMeters)),
                .double((c.cumulativeCoveredFraction * 1e6).rounded() / 1e6), .string(pose.site.kind.rawValue),
                street.map { .string($0.id) } ?? .null, street?.name.map(FieldValue.string) ?? .null,
            ])
        }
        return layer
    }

    /// The street stretches the new cameras see that no existing camera saw, merged along each
    /// street (fields `street_id`, `street_name`, `road_class`, `from_m`, `to_m`, `length_m`).
    public static func newlyCoveredLayer(_ r: CameraPlacementResult, city: City) -> FeatureLayer {
        let fields = [FieldDefinition("street_id", .string), FieldDefinition("street_name", .string),
                      FieldDefinition("road_class", .string), FieldDefinition("from_m", .double),
                      FieldDefinition("to_m", .double), FieldDefinition("length_m", .double)]
        var layer = FeatureLayer(name: "newly_covered", fields: fields, crs: city.crs.identifier, geometryKind: .lineString)
        let stretches = r.model.newlyCoveredStretches(by: r.proposed.map(\.candidateIndex))
        layer.features = stretches.enumerated().map { i, st in
            let street = city.streets[st.streetIndex]
            return Feature(id: "newly_covered/\(i + 1)", geometry: .lineString(Planar.slice(street.points, from: st.fromMeters, to: st.toMeters)),
                           values: [.string(street.id), street.name.map(FieldValue.string) ?? .null, .string(street.highway),
                                    .double(r3(st.fromMeters)), .double(r3(st.toMeters)), .double(r3(st.toMeters - st.fromMeters))])
        }
        return layer
    }

    /// Each new camera's visibility polygon (occluded by the city's buildings when the request
    /// has occlusion), with `rank`, `id`, `type`, `heading_deg`.
    public static func viewshedsLayer(_ r: CameraPlacementResult, request: CameraPlacementRequest, city: City) -> FeatureLayer {
        let fields = [FieldDefinition("rank", .int), FieldDefinition("id", .string), FieldDefinition("type", .string),
                      FieldDefinition("heading_deg", .double)]
        var layer = FeatureLayer(name: "viewsheds", fields: fields, crs: city.crs.identifier, geometryKind: .multiPolygon)
        let obstacles = request.occlusion ? ObstacleIndex(buildings: city.buildings) : .empty
        layer.features = r.proposed.map { c in
            let polys = VisibilitySweep.region(for: c.pose.camera, obstacles: obstacles, occlusion: request.occlusion).polygons()
            return Feature(id: c.pose.id, geometry: polys.isEmpty ? nil : .multiPolygon(polys),
                           values: [.int(Int64(c.rank)), .string(c.pose.id), .string(c.pose.type.name), .double(r1(c.pose.headingDeg))])
        }
        return layer
    }

    /// Writes `dir/summary.json`, `dir/proposed.geojson`, `dir/proposed.csv` (lon/lat columns
    /// `x`, `y`, then the layer's fields), `dir/newly_covered.geojson` and `dir/viewsheds.geojson`,
    /// all or nothing. Throws `.cannotCreate` when `dir` exists without `overwrite`.
    public static func write(_ r: CameraPlacementResult, request: CameraPlacementRequest, city: City, to dir: String,
                             overwrite: Bool, summary: JSONValue? = nil) throws {
        let layer = proposedLayer(r, city: city)
        try AnalysisFolder(summary: summary ?? summaryJSON(r, request: request, crs: city.crs),
                           entries: [.layer("proposed", layer), .pointCSV("proposed", layer),
                                     .layer("newly_covered", newlyCoveredLayer(r, city: city)),
                                     .layer("viewsheds", viewshedsLayer(r, request: request, city: city))])
            .write(to: dir, overwrite: overwrite)
    }

}

/// Writing a coverage instance in the exchange shape (`CoverageInstance.jsonBytes()`).
public enum PlacementInstanceExport {
    /// Writes the instance JSON to `path` atomically (`--export-instance FILE`). Throws
    /// `.cannotCreate` when the file exists without `overwrite` or its folder is missing.
    public static func write(_ instance: CoverageInstance, to path: String, overwrite: Bool) throws {
        let bytes = instance.jsonBytes()
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
                throw CovplanError(.cannotCreate, file: path, "cannot create file")
            }
        }
    }
}
