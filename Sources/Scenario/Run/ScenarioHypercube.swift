import CityModel
import GeoCore
import Simulation
import StreetGraph

/// The scenario's `hypercube` section: Larson's hypercube queueing model of the units (the same
/// units, graphs and demand atoms as the simulation's keys state) — workloads, interdistrict
/// dispatches and mean response.
enum ScenarioHypercube {
    /// - Returns: the outcome, the travel modes of its graphs (the main graph's first) and the main graph.
    static func run(_ section: ConfigNode, doc: ScenarioDocument, city: City, reach: ReachResults?, posts: PostSites,
                    precincts: PrecinctSet?, model: ResidentsModel, inputs: NetworkModelInputs,
                    hotCells: (ids: [String], points: [Point], weights: [Double])?) throws -> (HypercubeOutcome, [String], RoadGraph) {
        let graph = try NetworkModelSettings.mainGraph(section, doc: doc, city: city, reach: reach, inputs: inputs)
        let population = SimulationPopulation.buildings(model, totalPopulation: doc.root.at("population.total")?.number)
        let study = NetworkModelSettings.study(section)
        let units = try NetworkModelSettings.units(section, doc: doc, city: city, graph: graph, reach: reach, posts: posts,
                                                   population: population, study: study, inputs: inputs)
        let extra = try NetworkModelSettings.extraGraphs(section, doc: doc, city: city, primary: graph, units: units, inputs: inputs)
        var options = HypercubeOptions(incidentsPerDay: doc.setting("hypercube.incidents_per_day")!.number!,
                                       meanServiceSeconds: section["mean_service_minutes"]?.number.map { $0 * 60 },
                                       method: section["method"]?.text.flatMap(HypercubeMethod.init(rawValue:)) ?? .auto,
                                       population: population, network: study)
        if let hotCells { options.hotSpots = HotSpots(ids: hotCells.ids, points: hotCells.points, weights: hotCells.weights) }
        if let spots = inputs.hotSpots { options.hotSpots = spots }
        let outcome = try HypercubeRun.run(city: city, graph: graph, extraGraphs: extra, units: units, precincts: precincts, options: options)
        return (outcome, ([graph] + extra).map(\.mode.rawValue), graph)
    }
}
