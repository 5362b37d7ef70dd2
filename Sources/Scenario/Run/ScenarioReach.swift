import CityModel
import GeoCore
import StreetGraph

/// The scenario's `posts` and `response_minutes`: reach, isochrones, beats, response coverage.
enum ScenarioReach {
    /// Residents per building: the building model, scaled to the load's total when precinct
    /// load ran (so reach and load count the same residents).
    static func residents(_ city: City, model: ResidentsModel, total: Double?) -> [Double] {
        model.residents(of: city.buildings, scaledTo: total)
    }

    /// The travel graph of the posts' mode.
    static func graph(_ doc: ScenarioDocument, city: City) throws -> RoadGraph {
        let mode: TravelMode = doc.root.at("posts.mode")?.text == "walk" ? .walk : .drive
        let graph = try GraphBuilder.build(streets: city.streets, mode: mode)
        guard graph.edgeCount > 0 else {
            throw CovplanError(.dataError, layer: "streets", "no \(mode.rawValue) streets: the graph is empty")
        }
        return graph
    }

    static func run(_ doc: ScenarioDocument, city: City, graph: RoadGraph, posts: (ids: [String], points: [Point]),
                    model: ResidentsModel, totalResidents: Double?) throws -> ReachResults {
        let (ids, points) = posts
        let p = doc.root.at("posts")
        let minutes = doc.setting("response_minutes")!.items.compactMap(\.number)
        let outcome = try ReachAnalysis.run(graph: graph, request: ReachRequest(
            sourcePoints: points, sourceIds: ids, minutes: minutes, maxSnapMeters: p?["max_snap_m"]?.number ?? SnapDefaults.maxSnapMeters,
            buildings: city.buildings, residentsPerBuilding: residents(city, model: model, total: totalResidents),
            populationMethod: model.methodName, schools: city.schools))
        return ReachResults(graph: graph, postIds: ids, postPoints: points, outcome: outcome)
    }
}
