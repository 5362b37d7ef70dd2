import CityIngest
import CityModel
import GeoCore
import StreetGraph

/// The scenario's `posts` and `response_minutes`: reach, isochrones, beats, response coverage.
enum ScenarioReach {
    static func posts(_ doc: ScenarioDocument, city: City) throws -> (ids: [String], points: [Point]) {
        let p = doc.root.at("posts")
        if p?["from"]?.text == "layer" {
            guard let ref = p?["layer"].flatMap(ScenarioDocument.layerSource) else {
                throw SchemaValidator.error(p!.location, "posts from: layer needs 'layer: {source: FILE}'")
            }
            let layer = try WorkingLayerReader.read(path: ref.path, layer: ref.layer, filter: ref.filter,
                                                    defaultNames: ["posts", "units"], expect: .points, workingCRS: city.crs,
                                                    sourceCRS: doc.cityReadOptions().sourceCRS,
                                                    forceSourceCRS: doc.cityReadOptions().forceSourceCRS, what: "post")
            let idI = layer.fieldIndex(ref.fields["id"], aliases: ["id", "post_id", "unit_id", "name"])
            var ids: [String] = [], points: [Point] = []
            for f in layer.features {
                guard let pt = f.geometry?.representativePoint else { continue }
                ids.append(idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)")
                points.append(pt)
            }
            return (ids, points)
        }
        guard !city.police.isEmpty else {
            throw SchemaValidator.error(p?.location ?? doc.root.location,
                                        "posts come from the city's police stations, but it has none; give 'from: layer' with a layer of posts")
        }
        return (city.police.map(\.id), city.police.map(\.location))
    }

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
