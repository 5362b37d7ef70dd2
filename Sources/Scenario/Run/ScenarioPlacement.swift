import CityModel
import Coverage
import GeoCore
import Placement
import PlacementModels
import StreetGraph

/// The scenario's `placement` section: where the next cameras and posts go. Existing cameras and
/// posts are fixed; what is proposed then joins the inventory for coverage, reach and simulation,
/// so a plan's report shows the city as it would be.
enum ScenarioPlacement {
    /// Camera placement against the inventory (`cameras` section) with the scenario's camera
    /// types and unit costs.
    /// - Parameter defaults: the scenario's camera types (`ScenarioInputs.cameraDefaults`).
    static func cameras(_ doc: ScenarioDocument, city: City, inventory: [CameraRecord],
                        defaults: CameraDefaults) throws -> (CameraPlacementResult, CameraPlacementRequest)? {
        guard let p = doc.root.at("placement.cameras") else { return nil }
        let goal: CameraPlacementGoal
        if let n = p["count"]?.integer {
            goal = .count(n)
        } else if let b = p["budget_tenge"]?.number {
            goal = .budgetTenge(b)
        } else {
            throw SchemaValidator.error(p.location, "placement.cameras needs 'count' or 'budget_tenge'")
        }
        if p["count"] != nil, p["budget_tenge"] != nil {
            throw SchemaValidator.error(p.location, "placement.cameras takes 'count' or 'budget_tenge', not both")
        }
        let request = try cameraRequest(doc, goal: goal, inventory: inventory, defaults: defaults)
        return (try CameraPlacement.run(city: city, request: request), request)
    }

    /// The placement request for `goal` against `inventory`: the scenario's camera types, unit
    /// costs, occlusion and covered level, `placement.cameras` types and spacing when given, the
    /// scenario's seed. Throws `CovplanError(.usage)` for an invalid request.
    static func cameraRequest(_ doc: ScenarioDocument, goal: CameraPlacementGoal, inventory: [CameraRecord],
                              defaults: CameraDefaults) throws -> CameraPlacementRequest {
        let p = doc.root.at("placement.cameras")
        var costs = CameraCostTable.builtIn
        for (k, v) in ScenarioCoverage.unitCosts(doc) { costs.unitCostTenge[k] = v }
        var request = CameraPlacementRequest(goal: goal, costs: costs, cameraDefaults: defaults,
                                             existing: inventory, skipInvalidExisting: doc.cityReadOptions().skipInvalid,
                                             occlusion: doc.root.at("cameras.occlusion")?.bool ?? true)
        request.coveredLevel = ScenarioCoverage.options(doc).coveredLevel
        if let types = p?["types"]?.items.compactMap(\.text), !types.isEmpty { request.types = types.map { $0.lowercased() } }
        if let s = p?["spacing_m"]?.number { request.spacingMeters = s }
        request.options.seed = doc.seed
        try request.validate()
        return request
    }

    /// The proposed cameras as camera records with explicit view values (so coverage uses them
    /// exactly as placed).
    static func records(_ r: CameraPlacementResult) -> [CameraRecord] {
        r.proposed.map { p in
            let c = p.pose.camera
            return CameraRecord(id: "proposed/\(p.rank)", position: c.position, headingDeg: c.fovDeg >= 360 ? nil : c.headingDeg,
                                fovDeg: c.fovDeg, rangeMeters: c.rangeMeters, minRangeMeters: c.minRangeMeters, type: c.type)
        }
    }

    /// Post placement for coverage within `minutes` of the travel-time graph, existing posts fixed.
    /// `placement.posts`: the request the section states and its result, or nil without it.
    /// Demand: residents (the model), street metres, `crime.incidents` (weighted by
    /// `crime.weight_field`) or hot spots (`placement.posts.hot_spots`, else the hot cells of
    /// `crime.hot_spots`). Errors name the key.
    static func posts(_ doc: ScenarioDocument, inputs: ScenarioInputs, graph: RoadGraph, existing: (ids: [String], points: [Point]),
                      model: ResidentsModel, hotCells: (ids: [String], points: [Point], weights: [Double])? = nil) throws
        -> (PostPlacementResult, PostPlacementRequest)? {
        guard let p = doc.root.at("placement.posts") else { return nil }
        let count: Int
        if let c = p["count"]?.integer {
            guard p["budget_tenge"] == nil else { throw SchemaValidator.error(p.location, "placement.posts: give either 'count' or 'budget_tenge', not both") }
            count = c
        } else if let budget = p["budget_tenge"]?.number {
            do {
                count = try PostPlacementRequest.count(forBudgetTenge: budget, unitCostTenge: p["unit_cost_tenge"]?.number ?? 0)
            } catch let e as CovplanError { throw SchemaValidator.error(p.location, "placement.posts: \(e.problem)") }
        } else {
            throw SchemaValidator.error(p.location, "placement.posts needs 'count' or 'budget_tenge'")
        }
        var request = postRequest(doc, count: count, existing: existing, model: model)
        switch p["demand"]?.text ?? "residents" {
        case "street":
            request.demand = .streetMeters(pieceMeters: doc.setting("placement.posts.street_piece_m")!.number!)
        case "incidents":
            guard let (layer, _) = inputs.incidents else {
                throw SchemaValidator.error(p.location, "placement.posts.demand: incidents needs crime.incidents")
            }
            request.demand = .points(label: "incidents", points: layer.points,
                                     weights: layer.weights ?? Array(repeating: 1, count: layer.points.count))
        case "hot_spots":
            if let (spots, _) = inputs.postHotSpots {
                request.demand = .points(label: "hot_spots", points: spots.points, weights: spots.weights)
            } else if let hotCells {
                request.demand = .points(label: "hot_spots", points: hotCells.points, weights: hotCells.weights)
            } else {
                throw SchemaValidator.error(p.location, "placement.posts.demand: hot_spots needs placement.posts.hot_spots or crime.hot_spots with at least one hot cell")
            }
        default:
            break
        }
        try request.validate()
        return (try PostPlacement.run(city: inputs.city, graph: graph, request: request), request)
    }

    /// The post placement request for `count` posts with `existing` fixed, residents demand:
    /// minutes and unit cost from `placement.posts` (else the first response threshold, 5),
    /// objective, candidate sites and site type from its keys, snapping as `posts.max_snap_m`,
    /// the scenario's seed.
    static func postRequest(_ doc: ScenarioDocument, count: Int, existing: (ids: [String], points: [Point]),
                            model: ResidentsModel) -> PostPlacementRequest {
        let p = doc.root.at("placement.posts")
        let minutes = p?["minutes"]?.number ?? doc.setting("response_minutes")!.items.compactMap(\.number)[0]
        var request = PostPlacementRequest(count: count, minutes: minutes,
                                           objective: p?["objective"]?.text == "p_median" ? .pMedian : .coverage,
                                           demand: .residents(model),
                                           existing: zip(existing.ids, existing.points).map { ($0.0, $0.1) },
                                           nodeSites: p?["node_sites"]?.bool ?? true,
                                           spacingMeters: doc.setting("placement.posts.spacing_m")!.number!,
                                           maxSnapMeters: doc.root.at("posts.max_snap_m")?.number ?? SnapDefaults.maxSnapMeters,
                                           pMedianCutoffMinutes: p?["p_median_cutoff_minutes"]?.number,
                                           siteType: doc.setting("placement.posts.site_type")!.text!,
                                           unitCostTenge: p?["unit_cost_tenge"]?.number ?? 0)
        request.options.seed = doc.seed
        return request
    }
}
