import CityModel
import GeoCore
import Staffing
import StreetGraph

/// Runs every analysis a scenario asks for, in dependency order: camera placement, coverage of
/// the inventory plus proposed cameras, precincts and load, post placement, reach from existing
/// plus proposed posts, then the incident simulation with every unit. Each step is a function of the document and earlier results.
public enum ScenarioRunner {
    /// Reads every input (`ScenarioInputs.read`), then runs the analyses on those values.
    /// - Parameter log: progress lines for stderr.
    public static func run(_ doc: ScenarioDocument, city: City, log: (String) -> Void = { _ in }) throws -> ScenarioResults {
        try run(doc, inputs: try ScenarioInputs.read(doc, city: city, log: log), log: log)
    }

    /// Runs the analyses on inputs already read: opens no file.
    /// - Parameter needs: what the caller writes (default: everything a report uses).
    public static func run(_ doc: ScenarioDocument, inputs: ScenarioInputs, needs: RunNeeds = RunNeeds(),
                           log: (String) -> Void = { _ in }) throws -> ScenarioResults {
        let city = inputs.city
        var r = ScenarioResults(city: city)
        r.city.ingest = inputs.ingest
        let population = inputs.population
        // Cameras: the inventory, then the proposed ones, then coverage of both.
        var cameras = inputs.cameras
        if let placed = try ScenarioPlacement.cameras(doc, inputs: inputs, inventory: cameras) {
            log("camera placement: \(placed.0.proposed.count) cameras proposed")
            r.cameraPlacement = placed.0
            r.cameraPlacementRequest = placed.1
            cameras += ScenarioPlacement.records(placed.0.proposed)
        }
        if let placed = try ScenarioPlacement.anprCameras(doc, inputs: inputs, inventory: cameras) {
            log("ANPR camera placement: \(placed.0.proposed.count) cameras proposed")
            r.anprPlacement = placed.0
            r.anprPlacementRequest = placed.1
            cameras += ScenarioPlacement.records(placed.0.proposed)
        }
        if needs.coverage, doc.root.at("cameras") != nil || !cameras.isEmpty {
            log("camera coverage")
            r.coverage = try ScenarioCoverage.run(doc, inputs: inputs, cameras: cameras, needs: needs)
        }
        if doc.root.at("junctions") != nil {
            log("junction completeness")
            r.junctions = try ScenarioJunctions.run(doc, inputs: inputs, cameras: cameras)
        }
        if !needs.load, let read = inputs.precincts {
            guard doc.root.at("precincts.moves") == nil, doc.root.at("precincts.rebalance")?.bool != true else {
                throw CovplanError(.software, "precinct moves and rebalancing need the precinct load")
            }
            r.precincts = read
            r.precinctsGenerated = inputs.precinctsGenerated
        } else if let read = inputs.precincts, let input = inputs.populationInput {
            log("precincts and load")
            r.precinctsGenerated = inputs.precinctsGenerated
            let norm = doc.setting("precincts.norm")!.number!
            // `precincts.street_km: false`: street km left empty (the streets play no part).
            var loadCity = city
            if doc.root.at("precincts.street_km")?.bool == false { loadCity.streets = [] }
            let readLoad = try StaffingAnalysis.precinctLoad(city: loadCity, precincts: read, population: input, norm: norm, incidents: nil)
            // `precincts.moves`: street blocks moved after reading (none: `read` and its load as they are).
            let (set, load, _) = try ScenarioPrecinctMoves.apply(doc, city: city, set: read, load: readLoad, population: input)
            r.precincts = set
            r.load = load
            if doc.root.at("precincts.rebalance")?.bool == true {
                log("rebalancing precincts")
                guard !city.streets.isEmpty else {
                    throw CovplanError(.dataError, file: inputs.ingest.primarySource ?? "the city", "no streets: rebalancing builds precincts from street blocks")
                }
                r.rebalance = try StaffingAnalysis.rebalance(city: city, precincts: set, population: input, norm: norm,
                                                             model: population.model)
            }
        }
        if doc.root.at("crime") != nil {
            log("crime: hot spots, crime over time, camera impact")
            r.crime = try ScenarioCrime.run(doc, inputs: inputs, load: r.load)
        }
        if doc.root.at("growth") != nil {
            log("growth: planned housing")
            r.growth = try ScenarioCrime.growth(doc, inputs: inputs, load: r.load)
        }
        if doc.root.at("posts") != nil, var posts = inputs.posts {
            let graph = try ScenarioReach.graph(doc, city: city, speeds: inputs.speeds)
            if let placed = try ScenarioPlacement.posts(doc, inputs: inputs, graph: graph, existing: (posts.ids, posts.points),
                                                        model: population.model, hotCells: r.crime?.hotCells) {
                log("post placement: \(placed.0.proposed.count) posts proposed")
                r.postPlacement = placed.0
                r.postPlacementRequest = placed.1
                posts.ids += placed.0.proposed.map { "proposed/\($0.rank)" }
                posts.points += placed.0.proposed.map(\.point)
            }
            if needs.reach {
                guard !posts.ids.isEmpty else {
                    throw SchemaValidator.error(doc.root.at("posts.from")?.location ?? doc.root.location,
                                                "reach from posts needs a post: 'posts.from: none' gives none and placement.posts proposes none")
                }
                log("reach from posts")
                r.reach = try ScenarioReach.run(doc, city: city, graph: graph, posts: (posts.ids, posts.points), model: population.model,
                                                totalResidents: r.load?.summary.totalResidents, bufferMeters: needs.isochroneBufferMeters)
            }
        }
        if doc.root.at("simulation") != nil {
            log("incident and dispatch simulation")
            let sim = try ScenarioSimulation.run(doc, city: city, reach: r.reach, posts: inputs.posts ?? PostSites(),
                                                 precincts: r.precincts, model: population.model, coverage: r.coverage,
                                                 cameraDefaults: inputs.cameraDefaults, cameras: cameras,
                                                 inputs: inputs.simulation ?? NetworkModelInputs(),
                                                 hotCells: ScenarioSimulation.hotCells(doc, r))
            r.simulation = sim.outcome
            r.simulationGraphModes = sim.graphModes
            r.simulationGraph = sim.graph
            r.simulationCallTimeOrigin = sim.callTimeOrigin
        }
        if let section = doc.root.at("hypercube") {
            log("hypercube queueing model")
            let (outcome, modes, graph) = try ScenarioHypercube.run(section, doc: doc, city: city, reach: r.reach, posts: inputs.posts ?? PostSites(),
                                                             precincts: r.precincts, model: population.model,
                                                             inputs: inputs.hypercube ?? NetworkModelInputs(),
                                                             hotCells: ScenarioSimulation.hotCells(doc, r))
            r.hypercube = outcome
            r.hypercubeGraphModes = modes
            r.hypercubeGraph = graph
        }
        r.money = try ScenarioMoney.run(doc, inputs: inputs, results: r, cameras: cameras, log: log)
        return r
    }
}
