import CityModel
import Coverage
import GeoCore
import Placement
import PlacementModels
import Simulation
import StreetGraph

/// The scenario's `placement` section: where the next cameras and posts go. Existing cameras and
/// posts are fixed; what is proposed then joins the inventory for coverage, reach and simulation,
/// so a plan's report shows the city as it would be.
enum ScenarioPlacement {
    /// Camera placement against the inventory (`cameras` section) with the scenario's camera
    /// types and unit costs: `count`, `budget_tenge` or `target_fraction` new cameras.
    /// - Parameter defaults: the scenario's camera types (`ScenarioInputs.cameraDefaults`).
    static func cameras(_ doc: ScenarioDocument, inputs: ScenarioInputs, inventory: [CameraRecord]) throws
        -> (CameraPlacementResult, CameraPlacementRequest)? {
        guard let p = doc.root.at("placement.cameras"), anprObjective(doc) == nil else { return nil }
        let given = ["count", "budget_tenge", "target_fraction"].filter { p[$0] != nil }
        guard given.count == 1 else {
            throw SchemaValidator.error(p.location, given.isEmpty ? "placement.cameras needs 'count', 'budget_tenge' or 'target_fraction'"
                                                                   : "placement.cameras takes one of 'count', 'budget_tenge' or 'target_fraction', not \(given.joined(separator: " and "))")
        }
        let goal: CameraPlacementGoal
        if let n = p["count"]?.integer {
            goal = .count(n)
        } else if let b = p["budget_tenge"]?.number {
            goal = .budgetTenge(b)
        } else {
            goal = .coveredFraction(p["target_fraction"]!.number!, minimize: p["minimize"]?.text == "cost" ? .cost : .count)
        }
        let request = try cameraRequest(doc, goal: goal, inventory: inventory, defaults: inputs.cameraDefaults,
                                        costs: inputs.cameraCosts, incidents: inputs.cameraIncidents)
        return (try CameraPlacement.run(city: inputs.city, request: request), request)
    }

    /// The placement request for `goal` against `inventory`: the scenario's camera types, unit
    /// costs (`costs`, else the built-in table, with `cameras.types` unit costs laid over),
    /// occlusion and covered level, and the `placement.cameras` keys (types, spacing, candidate
    /// sites, street weights with `incidents` as the incident layer read), the scenario's seed.
    /// Throws `CovplanError(.usage)` for an invalid request.
    static func cameraRequest(_ doc: ScenarioDocument, goal: CameraPlacementGoal, inventory: [CameraRecord],
                              defaults: CameraDefaults, costs base: CameraCostTable? = nil,
                              incidents: [Point]? = nil) throws -> CameraPlacementRequest {
        let p = doc.root.at("placement.cameras")
        var costs = base ?? CameraCostTable.builtIn
        for (k, v) in ScenarioCoverage.unitCosts(doc) { costs.unitCostTenge[k] = v }
        var request = CameraPlacementRequest(goal: goal, costs: costs, cameraDefaults: defaults,
                                             existing: inventory, skipInvalidExisting: doc.cityReadOptions().skipInvalid,
                                             occlusion: doc.root.at("cameras.occlusion")?.bool ?? true)
        request.coveredLevel = ScenarioCoverage.options(doc).coveredLevel
        if let types = p?["types"]?.items.compactMap(\.text), !types.isEmpty { request.types = types.map { $0.lowercased() } }
        request.spacingMeters = doc.setting("placement.cameras.spacing_m")!.number!
        request.junctionSites = p?["junction_sites"]?.bool ?? true
        request.cornerHeadings = p?["corner_headings"]?.bool ?? true
        request.targetBasis = p?["target_basis"]?.text == "weighted" ? .weighted : .length
        if p?["uniform_weights"]?.bool == true { request.weighting.roadClassWeights = .uniform }
        request.weighting.schoolFactor = doc.setting("placement.cameras.school_weight")!.number!
        request.weighting.schoolRadiusMeters = doc.setting("placement.cameras.school_weight_radius_m")!.number!
        request.weighting.incidentRadiusMeters = doc.setting("placement.cameras.incident_radius_m")!.number!
        request.weighting.incidentWeight = doc.setting("placement.cameras.incident_weight")!.number!
        if let incidents { request.weighting.incidents = incidents }
        if let classes = p?["demand_classes"]?.items.compactMap(\.text), !classes.isEmpty { request.weighting.demandClasses = Set(classes) }
        request.options.seed = doc.seed
        try request.validate()
        return request
    }

    /// `placement.cameras.objective` when it is an ANPR objective (nil: street metres, the default).
    static func anprObjective(_ doc: ScenarioDocument) -> TrafficObjective? {
        doc.root.at("placement.cameras.objective")?.text.flatMap { ScenarioSchema.anprObjectives[$0] }
    }

    /// ANPR / Sergek camera placement (`placement.cameras.objective: anpr_*`) against the
    /// inventory: targets by direction of travel on the traffic network (city entries, junction
    /// approaches, straight stretches or vehicle trips), goal `count`, `budget_tenge`,
    /// `target_fraction` of the targets' weight, or none (every readable target, fewest cameras).
    /// Entries `auto` are the traffic-street ends at the edge of the city extract; trips are drawn
    /// with the scenario's seed. Nil without an ANPR objective. Throws a schema error (with the
    /// YAML location) for a missing `entries` or two goals, `.usage` for an invalid request.
    static func anprCameras(_ doc: ScenarioDocument, inputs: ScenarioInputs, inventory: [CameraRecord]) throws
        -> (TrafficPlacementResult, TrafficPlacementRequest)? {
        guard let p = doc.root.at("placement.cameras"), let objective = anprObjective(doc) else { return nil }
        let given = ["count", "budget_tenge", "target_fraction"].filter { p[$0] != nil }
        guard given.count <= 1 else {
            throw SchemaValidator.error(p.location, "placement.cameras takes one of 'count', 'budget_tenge' or 'target_fraction', not \(given.joined(separator: " and "))")
        }
        let minimize: SetCoveringObjective = p["minimize"]?.text == "cost" ? .cost : .count
        let goal: CameraPlacementGoal
        if let n = p["count"]?.integer {
            goal = .count(n)
        } else if let b = p["budget_tenge"]?.number {
            goal = .budgetTenge(b)
        } else {
            goal = .coveredFraction(p["target_fraction"]?.number ?? 1, minimize: minimize)
        }
        let city = inputs.city
        var request = TrafficPlacementRequest(objective: objective, goal: goal)
        if let types = p["types"]?.items.compactMap(\.text), !types.isEmpty { request.types = types.map { $0.lowercased() } }
        var costs = inputs.cameraCosts ?? CameraCostTable.builtIn
        for (k, v) in ScenarioCoverage.unitCosts(doc) { costs.unitCostTenge[k] = v }
        request.costs = costs
        request.cameraDefaults = inputs.cameraDefaults
        request.existing = inventory
        let level = DoriLevel(rawValue: doc.setting("placement.cameras.read_level")!.text!)!
        request.rule = DirectedReadingRule(level: level, headingToleranceDeg: doc.setting("placement.cameras.heading_tolerance_deg")!.number!)
        request.spacingMeters = doc.setting("placement.cameras.anpr_spacing_m")!.number!
        request.approachMeters = doc.setting("placement.cameras.approach_m")!.number!
        request.straightMeters = doc.setting("placement.cameras.straight_m")!.number!
        request.entryWindowMeters = doc.setting("placement.cameras.entry_window_m")!.number!
        request.occlusion = doc.root.at("cameras.occlusion")?.bool ?? true
        request.options.seed = doc.seed
        _ = try request.candidateTypes()
        if objective == .entries {
            if p["entries"]?.text == "auto" {
                let net = try TrafficNetwork(city: city, classes: request.classes)
                let nodes = try CityEntries.find(graph: net.graph).nodes
                request.entries = nodes.map { (id: "entry/n\($0)", point: net.graph.node(Int($0))) }
                request.entriesSource = "auto"
            } else if let e = inputs.anprEntries {
                request.entries = zip(e.ids, e.points).map { (id: $0, point: $1) }
                request.entriesSource = e.path
            } else {
                throw SchemaValidator.error(p.location, "objective anpr_entries needs 'entries': a point layer ({source: FILE}) or auto")
            }
        }
        if let j = inputs.anprJunctions {
            request.junctionPoints = zip(j.ids, j.points).map { (id: $0, point: $1) }
            request.junctionsSource = j.path
        }
        if objective == .flow {
            let net = try TrafficNetwork(city: city, classes: request.classes)
            let residents = try ResidentPoints.buildings(city.buildings, model: inputs.population.model.validated(),
                                                         totalPopulation: doc.root.at("population.total")?.number)
            request.trips = try TripEnds.draw(graph: net.graph, residents: residents,
                                              count: doc.setting("placement.cameras.trip_count")!.integer!, seed: doc.seed)
        }
        return (try TrafficPlacement.run(city: city, request: request), request)
    }

    /// The proposed cameras as camera records with explicit view values (so coverage uses them
    /// exactly as placed).
    static func records(_ proposed: [ProposedCamera]) -> [CameraRecord] {
        proposed.map { p in
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
