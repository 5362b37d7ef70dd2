import CityModel
import GeoCore
import StreetGraph

/// The scenario's `posts` and `response_minutes`: reach, isochrones, beats, response coverage.
enum ScenarioReach {
    /// Residents per building: the building model, scaled to the load's total when precinct
    /// load ran (so reach and load count the same residents).
    static func residents(_ city: City, model: ResidentsModel, total: Double?) -> [Double] {
        if let figures = city.buildingsLeftInStore { return model.residents(of: figures, scaledTo: total) }
        return model.residents(of: city.buildings, scaledTo: total)
    }

    /// The posts' travel mode (`posts.mode`, drive by default).
    static func mode(_ doc: ScenarioDocument) -> TravelMode {
        doc.root.at("posts.mode")?.text == "walk" ? .walk : .drive
    }

    /// The travel graph of the posts' mode, with `posts.speeds` (as read into `speeds`) and
    /// `posts.snap_tolerance_m`. Throws `.dataError` when no street of the mode exists.
    static func graph(_ doc: ScenarioDocument, city: City, speeds: SpeedTable?) throws -> RoadGraph {
        let mode = mode(doc)
        let tolerance = doc.root.at("posts.snap_tolerance_m")?.number ?? 0
        let noding = tolerance > 0 ? NodingOptions(snapToleranceMeters: tolerance, nodeCrossings: true) : .exact
        let graph = try GraphBuilder.build(streetsOf: city, mode: mode, speeds: speeds, noding: noding)
        guard graph.edgeCount > 0 else {
            throw CovplanError(.dataError, layer: "streets", "no \(mode.rawValue) streets: the \(mode.rawValue) graph is empty")
        }
        return graph
    }

    /// - Parameter bufferMeters: isochrone buffer width, metres (nil: no isochrones).
    static func run(_ doc: ScenarioDocument, city: City, graph: RoadGraph, posts: (ids: [String], points: [Point]),
                    model: ResidentsModel, totalResidents: Double?, bufferMeters: Double? = RunNeeds().isochroneBufferMeters) throws -> ReachResults {
        let (ids, points) = posts
        let p = doc.root.at("posts")
        let minutes = doc.setting("response_minutes")!.items.compactMap(\.number)
        var request = ReachRequest(
            sourcePoints: points, sourceIds: ids, minutes: minutes, maxSnapMeters: p?["max_snap_m"]?.number ?? SnapDefaults.maxSnapMeters,
            buildings: city.buildings, residentsPerBuilding: residents(city, model: model, total: totalResidents),
            populationMethod: model.methodName, schools: city.schools, isochroneBufferMeters: bufferMeters)
        request.buildingFigures = city.buildingsLeftInStore
        let outcome = try ReachAnalysis.run(graph: graph, request: request)
        return ReachResults(graph: graph, postIds: ids, postPoints: points, outcome: outcome)
    }
}
