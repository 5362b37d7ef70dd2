import CityModel
import Coverage
import GeoCore
import PlacementModels

/// "Suggest" in `covplan serve`: the scenario's own placement (`ScenarioPlacement`, what
/// `covplan run` does for a `placement` section) against an edited plan: the plan's cameras or
/// posts are the existing ones, the goal comes from the request.
extension EditableScenario {
    /// New cameras for `goal` with `cameras` kept: exactly what `covplan run` proposes for this
    /// scenario with `cameras` as its inventory and `placement.cameras` set to the goal (types
    /// and spacing from the scenario's `placement.cameras` when it has one).
    /// Throws as `CameraPlacement.run` (e.g. a budget below every unit cost is a usage error).
    public func suggestCameras(_ goal: CameraPlacementGoal, cameras: [CameraRecord]) throws -> CameraPlacementResult {
        let request = try ScenarioPlacement.cameraRequest(doc, goal: goal, inventory: cameras, defaults: cameraDefaults)
        return try CameraPlacement.run(city: city, request: request)
    }

    /// Camera records of proposed cameras, as the runner adds them to the inventory.
    public static func records(_ r: CameraPlacementResult) -> [CameraRecord] { ScenarioPlacement.records(r.proposed) }

    /// `count` new posts with `posts` kept: exactly what `covplan run` proposes for this scenario
    /// with these posts and `placement.posts.count: count` (minutes and unit cost from the
    /// scenario's `placement.posts` when it has one). Throws as `PostPlacement.run`;
    /// `CovplanError(.usage)` without a travel graph or for hot-spot demand.
    public func suggestPosts(count: Int, posts: Posts) throws -> PostPlacementResult {
        guard let graph else { throw CovplanError(.usage, "this plan has no travel graph for posts") }
        guard doc.root.at("placement.posts.demand")?.text != "hot_spots" else {
            throw CovplanError(.usage, "suggesting posts for hot-spot demand is not supported in the served plan")
        }
        let model = try ScenarioPopulation.request(doc).model
        let request = ScenarioPlacement.postRequest(doc, count: count, existing: (posts.ids, posts.points), model: model)
        return try PostPlacement.run(city: city, graph: graph, request: request)
    }
}
