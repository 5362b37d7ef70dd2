import CityModel
import Coverage
import GeoCore
import Staffing
import StreetGraph

/// The parts of `ScenarioRunner.run` that an interactive session recomputes after an edit, with
/// everything that does not change between edits (camera types, districts, precincts and load,
/// the travel graph and its snapper, residents per building) prepared once.
///
/// `coverage(of:)` and `reach(from:)` compute exactly what `ScenarioRunner.run` computes for a
/// scenario whose camera inventory and posts are the given ones (same functions, same inputs).
/// Scenarios with a `placement` section: the proposals are not part of the editable plan.
public struct EditableScenario: Sendable {
    /// Posts as ids and points in the working CRS (metres), in order.
    public typealias Posts = PostSites

    public let doc: ScenarioDocument
    public let city: City
    /// Camera types (built-in overlaid with the scenario's `cameras.types`).
    public let cameraDefaults: CameraDefaults
    public let resolver: CameraResolver
    public let coverageOptions: CoverageOptions
    public let districts: [DistrictArea]
    /// Unit cost per camera type, tenge (types without one are absent).
    public let unitCostsTenge: [String: Double]
    /// The scenario's camera inventory (mapped cameras and `cameras.sources`).
    public let inventory: [CameraRecord]
    /// The scenario's posts; nil when it has no `posts` section.
    public let posts: Posts?
    /// The travel graph of the posts' mode (nil without a `posts` section).
    public let graph: RoadGraph?
    let snapper: EdgeSnapper?
    public let precincts: PrecinctSet?
    public let load: PrecinctLoadResult?
    /// The scenario's `precincts.moves` applied (nil without moves): further block moves
    /// continue from it, so a session's moves and the scenario's form one sequence.
    public let precinctMoves: PrecinctMoves?
    /// Where the load's residents come from (nil without precincts), for recounting a precinct
    /// whose area an edit changes.
    public let populationInput: PopulationInput?
    /// Residents per building as reach counts them (scaled to the load's total when load ran).
    public let residentsPerBuilding: [Double]
    public let populationMethod: String
    /// Reach thresholds, minutes (`response_minutes`; its default is in the schema).
    public let minutes: [Double]
    public let maxSnapMeters: Double
    /// Warnings from reading the inventory's sources.
    public let warnings: [String]

    /// Unit cost of a post, tenge (`placement.posts.unit_cost_tenge`), when the scenario states one.
    public var postUnitCostTenge: Double? { doc.root.at("placement.posts.unit_cost_tenge")?.number }

    /// Prepares a scenario for editing: reads every input (`ScenarioInputs.read`, as the
    /// runner does) and computes the load. With `graphWithoutPosts`, a scenario without a `posts`
    /// section still gets the drive graph (its posts start empty). Throws as `ScenarioRunner.run`.
    public init(_ doc: ScenarioDocument, city: City, graphWithoutPosts: Bool = false) throws {
        try self.init(doc, inputs: try ScenarioInputs.read(doc, city: city), graphWithoutPosts: graphWithoutPosts)
    }

    /// Prepares a scenario for editing from inputs already read: opens no file.
    public init(_ doc: ScenarioDocument, inputs: ScenarioInputs, graphWithoutPosts: Bool = false) throws {
        self.doc = doc
        let city = inputs.city
        self.city = city
        let population = inputs.population
        inventory = inputs.cameras
        warnings = inputs.cameraWarnings
        cameraDefaults = inputs.cameraDefaults
        resolver = CameraResolver(defaults: cameraDefaults, skipInvalid: doc.cityReadOptions().skipInvalid)
        coverageOptions = ScenarioCoverage.options(doc)
        districts = inputs.districts
        unitCostsTenge = ScenarioCoverage.unitCosts(doc)
        if let set = inputs.precincts, let input = inputs.populationInput {
            let norm = doc.setting("precincts.norm")!.number!
            let read = try StaffingAnalysis.precinctLoad(city: city, precincts: set, population: input, norm: norm, incidents: nil)
            let moved = try ScenarioPrecinctMoves.apply(doc, city: city, set: set, load: read, population: input)
            load = moved.1
            populationInput = input
            precincts = moved.0
            precinctMoves = moved.2
        } else {
            load = nil
            populationInput = nil
            precincts = nil
            precinctMoves = nil
        }
        residentsPerBuilding = ScenarioReach.residents(city, model: population.model, total: load?.summary.totalResidents)
        populationMethod = population.model.methodName
        minutes = doc.setting("response_minutes")!.items.compactMap(\.number)
        maxSnapMeters = doc.root.at("posts.max_snap_m")?.number ?? SnapDefaults.maxSnapMeters
        if doc.root.at("posts") != nil || graphWithoutPosts {
            let g = try ScenarioReach.graph(doc, city: city, speeds: inputs.speeds)
            graph = g
            snapper = EdgeSnapper(graph: g)
            posts = doc.root.at("posts") != nil ? inputs.posts : Posts()
        } else {
            graph = nil
            snapper = nil
            posts = nil
        }
    }

    /// Coverage of the streets by `cameras` (records as a camera layer gives them), as the
    /// runner computes it for an inventory of exactly these cameras. Throws as `CoverageAnalysis.run`.
    public func coverage(of cameras: [CameraRecord]) throws -> CoverageResult {
        try CoverageAnalysis.run(city: city, cameraRecords: cameras, districts: districts, resolver: resolver,
                                 options: coverageOptions)
    }

    /// Reach from `posts` as the runner computes it; nil when the scenario has no `posts`
    /// section or `posts` is empty. Throws as `ReachAnalysis.run` (e.g. no post within the snap distance).
    public func reach(from posts: Posts) throws -> ReachResults? {
        guard let graph, !posts.ids.isEmpty else { return nil }
        let outcome = try ReachAnalysis.run(graph: graph, snapper: snapper, request: ReachRequest(
            sourcePoints: posts.points, sourceIds: posts.ids, minutes: minutes, maxSnapMeters: maxSnapMeters,
            buildings: city.buildings, residentsPerBuilding: residentsPerBuilding,
            populationMethod: populationMethod, schools: city.schools))
        return ReachResults(graph: graph, postIds: posts.ids, postPoints: posts.points, outcome: outcome)
    }
}

extension EditableScenario {
    /// The reach analysis of `reach(from:)` with what does not depend on the posts (thresholds,
    /// buildings and schools snapped to the network) done once; nil without a travel graph.
    /// `prepared.run(...)` from posts gives exactly `reach(from:)`'s outcome. Throws as
    /// `ReachAnalysis.run` for bad thresholds or snap distance.
    public func preparedReach() throws -> PreparedReach? {
        guard let graph else { return nil }
        return try PreparedReach(graph: graph, snapper: snapper, request: ReachRequest(
            sourcePoints: [], sourceIds: [], minutes: minutes, maxSnapMeters: maxSnapMeters,
            buildings: city.buildings, residentsPerBuilding: residentsPerBuilding,
            populationMethod: populationMethod, schools: city.schools))
    }

    /// `reach(from:)` by way of `prepared` (from `preparedReach()`), with each post's snap
    /// (`prepared.snaps`) and the search (`shortestTimes` from the snapped posts in order) given
    /// by the caller, without isochrones; nil without posts.
    public func reach(from posts: Posts, prepared: PreparedReach, snaps: [Snap?], times: NodeTimes?) throws -> ReachResults? {
        guard let graph, !posts.ids.isEmpty else { return nil }
        let outcome = try prepared.run(sourcePoints: posts.points, sourceIds: posts.ids, sourceSnaps: snaps, times: times,
                                       isochroneBufferMeters: nil)
        return ReachResults(graph: graph, postIds: posts.ids, postPoints: posts.points, outcome: outcome)
    }

    /// The isochrone buffer width `reach(from:)` would draw with, metres.
    public static var isochroneBufferMeters: Double? {
        ReachRequest(sourcePoints: [], sourceIds: [], minutes: []).isochroneBufferMeters
    }
}

extension ScenarioDocument {
    /// A scenario from YAML text (no `extends`), validated; relative paths resolve against the
    /// folder of `path`. Throws as `load`.
    public static func parse(_ text: String, path: String) throws -> ScenarioDocument {
        let node = try YAMLReader.parse(text, file: path)
        var validator = SchemaValidator()
        try validator.validate(node)
        return ScenarioDocument(root: node, files: [path])
    }
}
