import CityModel
import Coverage
import GeoCore
import Simulation
import StreetGraph

/// The simulation's result with the travel modes of its graphs (the main graph's first, then
/// one per other mode a unit uses), which its outputs name.
struct SimulationResults: Sendable {
    var outcome: SimulationOutcome
    var graphModes: [String]
    /// The main graph (its size is what the command line reports).
    var graph: RoadGraph
    /// The time origin of real calls (`simulation.calls`), nil for generated incidents.
    var callTimeOrigin: String?
}

/// The scenario's `simulation` section: incidents on the street graph, dispatch of the units,
/// and — when camera coverage is known — the camera–vehicle ("Korgau") check.
enum ScenarioSimulation {
    /// - Parameters:
    ///   - posts: the scenario's posts (`ScenarioInputs.posts`), used when reach did not run.
    ///   - inputs: what the section names besides the city (`ScenarioInputs.simulation`).
    ///   - hotCells: the crime analysis's hot cells (`crime.hot_spots.simulation`).
    static func run(_ doc: ScenarioDocument, city: City, reach: ReachResults?, posts inputPosts: PostSites, precincts: PrecinctSet?,
                    model: ResidentsModel, coverage: CoverageResult?, cameraDefaults: CameraDefaults, cameras: [CameraRecord],
                    inputs: NetworkModelInputs, hotCells: (ids: [String], points: [Point], weights: [Double])? = nil) throws -> SimulationResults {
        let s = doc.root.at("simulation")!
        let graph = try NetworkModelSettings.mainGraph(s, doc: doc, city: city, reach: reach, inputs: inputs)
        let population = SimulationPopulation.buildings(model, totalPopulation: doc.root.at("population.total")?.number)
        let study = NetworkModelSettings.study(s)
        let units = try NetworkModelSettings.units(s, doc: doc, city: city, graph: graph, reach: reach, posts: inputPosts,
                                                   population: population, study: study, inputs: inputs)
        let extra = try NetworkModelSettings.extraGraphs(s, doc: doc, city: city, primary: graph, units: units, inputs: inputs)
        let options = Self.options(doc, population: population, calls: inputs.calls?.records,
                                   hotSpots: Self.hotSpots(inputs: inputs, hotCells: hotCells))
        try options.validate()
        var streetCoverage: StreetCoverage?
        if let covered = inputs.covered {
            streetCoverage = covered
        } else if let coverage, !cameras.isEmpty {
            let resolver = CameraResolver(defaults: cameraDefaults)
            let entries = try CityEntries.find(graph: graph, bandMeters: options.korgau.entryBandMeters)
            let cordon = entries.cordonCameras(cameras, graph: graph, cordonRadiusMeters: CameraStreetCoverage.cordonRadiusMeters)
            let cordonResult = cordon.isEmpty ? nil
                : try CoverageAnalysis.run(city: city, cameraRecords: cordon.map { cameras[$0] }, resolver: resolver,
                                           options: CoverageOptions(viewsheds: false, geometries: false, allGaps: false))
            streetCoverage = StreetCoverage(covered: CameraStreetCoverage.intervals(coverage, streets: city.streets),
                                            cordon: cordonResult.map { CameraStreetCoverage.intervals($0, streets: city.streets) } ?? [],
                                            cameraCount: coverage.cameras.count, cordonCameraCount: cordonResult?.cameras.count ?? 0)
        }
        let outcome = try SimulationRun.run(city: city, graph: graph, extraGraphs: extra, units: units, precincts: precincts,
                                            coverage: streetCoverage, options: options)
        return SimulationResults(outcome: outcome, graphModes: ([graph] + extra).map(\.mode.rawValue), graph: graph,
                                 callTimeOrigin: inputs.calls?.origin)
    }

    /// The simulation options a scenario states: the `simulation` section's keys (each default
    /// from the schema where the section or key is absent), `population`, and the calls and hot
    /// spots read. One builder for the simulation and for fleet sizing, so both simulate the
    /// same city day. Without `calls` the study period is `simulation.days`.
    static func options(_ doc: ScenarioDocument, population: SimulationPopulation, calls: [CallRecord]?,
                        hotSpots: HotSpots?) -> SimulationOptions {
        let s = doc.root.at("simulation")
        let k = s?["korgau"]
        let trips = TripSettings(trips: k?["trips"]?.integer ?? TripSettings().trips,
                                 dangerousShare: k?["dangerous_share"]?.number ?? TripSettings().dangerousShare,
                                 entryShare: k?["entry_share"]?.number ?? TripSettings().entryShare)
        var options = SimulationOptions(
            seed: doc.seed,
            days: calls == nil ? doc.setting("simulation.days")!.number! : s?["days"]?.number,
            incidentsPerDay: doc.setting("simulation.incidents_per_day")!.number!, calls: calls,
            profile: s?["profile"]?.text == "flat" ? .flat : .typicalUrbanPolice,
            targetMinutes: s?["target_minutes"]?.number,
            afterService: s?["after_service"]?.text.flatMap(AfterService.init(settingName:)) ?? .returnHome,
            warmupDays: s?["warmup_days"]?.number ?? 0, population: population, network: NetworkModelSettings.study(s),
            korgau: KorgauOptions(trips: trips, alertDelaySeconds: k?["alert_delay_s"]?.number ?? KorgauOptions().alertDelaySeconds))
        options.hotSpots = hotSpots
        return options
    }

    /// The crime analysis's hot cells when `crime.hot_spots.simulation` asks the simulation (and
    /// the models that simulate the same day) to use them; nil otherwise.
    static func hotCells(_ doc: ScenarioDocument, _ r: ScenarioResults) -> (ids: [String], points: [Point], weights: [Double])? {
        doc.root.at("crime.hot_spots.simulation")?.bool == true ? r.crime?.hotCells : nil
    }

    /// The hot spots incidents concentrate on: the `simulation.hot_spots` layer read, else the
    /// hot cells of `crime.hot_spots` when it says `simulation: true` (passed as `hotCells`).
    static func hotSpots(inputs: NetworkModelInputs, hotCells: (ids: [String], points: [Point], weights: [Double])?) -> HotSpots? {
        if let spots = inputs.hotSpots { return spots }
        return hotCells.map { HotSpots(ids: $0.ids, points: $0.points, weights: $0.weights) }
    }
}
