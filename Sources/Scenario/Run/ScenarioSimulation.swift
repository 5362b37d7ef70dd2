import CityModel
import Coverage
import GeoCore
import Simulation
import StreetGraph

/// The scenario's `simulation` section: incidents on the street graph, dispatch of the post
/// units, and — when cameras are present — the camera–vehicle ("Korgau") check.
enum ScenarioSimulation {
    /// - Parameter posts: the scenario's posts (`ScenarioInputs.posts`), used when reach did not run.
    static func run(_ doc: ScenarioDocument, city: City, reach: ReachResults?, posts inputPosts: PostSites, precincts: PrecinctSet?,
                    model: ResidentsModel, coverage: CoverageResult?, cameraDefaults: CameraDefaults, cameras: [CameraRecord],
                    hotCells: (ids: [String], points: [Point], weights: [Double])? = nil) throws -> SimulationOutcome {
        let s = doc.root.at("simulation")
        let graph: RoadGraph
        let posts: (ids: [String], points: [Point])
        if let reach {
            graph = reach.graph
            posts = (reach.postIds, reach.postPoints)
        } else {
            graph = try GraphBuilder.build(streets: city.streets, mode: .drive)
            posts = (inputPosts.ids, inputPosts.points)
        }
        guard !posts.ids.isEmpty else {
            throw SchemaValidator.error(doc.root.at("posts.from")?.location ?? s?.location ?? doc.root.location,
                                        "the simulation's units start from the posts: 'posts.from: none' gives none")
        }
        let sites = zip(posts.ids, posts.points).map { UnitSite(id: $0.0, location: $0.1) }
        let units = try UnitPlacement.roundRobin(posts: sites, count: s?["units"]?.integer ?? sites.count)
        var options = SimulationOptions(seed: doc.seed, days: doc.setting("simulation.days")!.number!,
                                        incidentsPerDay: doc.setting("simulation.incidents_per_day")!.number!,
                                        targetMinutes: s?["target_minutes"]?.number,
                                        population: .buildings(model, totalPopulation: doc.root.at("population.total")?.number))
        options.korgau = KorgauOptions()
        if let hotCells { options.hotSpots = HotSpots(ids: hotCells.ids, points: hotCells.points, weights: hotCells.weights) }
        try options.validate()
        var streetCoverage: StreetCoverage?
        if let coverage, !cameras.isEmpty {
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
        return try SimulationRun.run(city: city, graph: graph, units: units, precincts: precincts, coverage: streetCoverage,
                                     options: options)
    }
}
