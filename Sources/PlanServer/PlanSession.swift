import CityModel
import Coverage
import GeoCore
import Scenario
import Staffing
import StreetGraph

/// One state of an edited plan: the cameras and posts, their coverage and reach, and the
/// figures, next to those of the scenario as given (the baseline).
///
/// Every edit is all-or-nothing: the new state is computed first and kept only when every
/// analysis accepts it; otherwise the session stays as it was and the edit throws a
/// `PlanError`. Positions are in the working CRS (metres).
public struct PlanSession: Sendable {
    public let scenario: EditableScenario
    public private(set) var cameras: [CameraRecord]
    public private(set) var posts: EditableScenario.Posts
    public private(set) var coverage: CoverageResult
    public private(set) var reach: ReachResults?
    /// Precinct load against the norm (the scenario's, changed by block moves); nil without precincts.
    public private(set) var load: PrecinctLoadResult?
    /// Street blocks of the precincts and each block's current precinct, after the moves so far
    /// (set at the first move of the session).
    var blocks: PrecinctMoves?
    public let baseline: PlanFigures
    public private(set) var figures: PlanFigures
    /// Edits applied so far.
    public private(set) var revision = 0
    let engine: CoverageEngine
    let reachEngine: ReachEngine
    /// Snap of each post (`reachEngine.snap`), in `posts` order.
    private(set) var postSnaps: [Snap?]
    /// The multi-source search from the snapped posts (nil without a travel graph).
    private(set) var search: SourceTimes?

    /// Furthest an edited camera or post may be from the city's extent, metres.
    public static let maxOutsideMeters = 5_000.0
    /// Most cameras and posts a session holds.
    public static let maxCameras = 200_000, maxPosts = 10_000

    /// The scenario's inventory and posts, analysed. Throws as the analyses.
    public init(_ scenario: EditableScenario) throws {
        self.scenario = scenario
        cameras = scenario.inventory
        posts = scenario.posts ?? .init()
        engine = try CoverageEngine(scenario)
        coverage = try engine.coverage(of: cameras)
        reachEngine = ReachEngine(scenario)
        postSnaps = posts.points.map { [reachEngine] in reachEngine.snap($0) }
        search = reachEngine.search(postSnaps)
        reach = try reachEngine.reach(from: posts, snaps: postSnaps, search: search)
        load = scenario.load
        figures = Self.figures(scenario, coverage, reach, posts.ids.count, load)
        baseline = figures
    }

    static func figures(_ s: EditableScenario, _ c: CoverageResult, _ r: ReachResults?, _ posts: Int, _ load: PrecinctLoadResult?) -> PlanFigures {
        PlanFigures(coverage: c, reach: r, posts: posts, load: load, unitCostsTenge: s.unitCostsTenge,
                    postUnitCostTenge: s.postUnitCostTenge)
    }

    public func cameraIndex(_ id: String) throws(PlanError) -> Int {
        guard let i = cameras.firstIndex(where: { $0.id == id }) else { throw .notFound(key: "serve.err.no_camera", id.oneLine) }
        return i
    }

    public func postIndex(_ id: String) throws(PlanError) -> Int {
        guard let i = posts.ids.firstIndex(of: id) else { throw .notFound(key: "serve.err.no_post", id.oneLine) }
        return i
    }

    /// Refuses a position outside the city's extent grown by `maxOutsideMeters`: the reason is
    /// `serve.err.outside_WHAT` (camera, post, post_id, point) with `id`.
    func checkInside(_ p: Point, what: String, id: String = "") throws(PlanError) {
        let e = scenario.city.extent
        let m = Self.maxOutsideMeters
        guard p.isFinite, p.x >= e.minX - m, p.x <= e.maxX + m, p.y >= e.minY - m, p.y <= e.maxY + m else {
            throw PlanError.bad(key: "serve.err.outside_" + what, id.oneLine, "\(Int(m))")
        }
    }

    /// A fresh id `prefix-N` not used by `taken`.
    func freshId(_ prefix: String, taken: Set<String>) -> String {
        var n = revision + 1
        while taken.contains("\(prefix)-\(n)") { n += 1 }
        return "\(prefix)-\(n)"
    }

    // MARK: cameras

    /// Adds `record` (its id: given, or a fresh `new-camera-N`). Returns the id.
    public mutating func addCamera(_ record: CameraRecord) throws(PlanError) -> String {
        var r = record
        guard cameras.count < Self.maxCameras else { throw PlanError(409, key: "serve.err.max_cameras", "\(Self.maxCameras)") }
        let taken = Set(cameras.map(\.id))
        if r.id.isEmpty { r.id = freshId("new-camera", taken: taken) }
        guard !taken.contains(r.id) else { throw PlanError(409, key: "serve.err.camera_exists", r.id.oneLine) }
        try checkCamera(r)
        var next = cameras
        next.append(r)
        try commit(cameras: next)
        return r.id
    }

    /// Replaces the camera `id` with `change` applied to it (its id may change to an unused one).
    public mutating func updateCamera(_ id: String, _ change: (inout CameraRecord) throws(PlanError) -> Void) throws(PlanError) {
        let i = try cameraIndex(id)
        var r = cameras[i]
        try change(&r)
        if r.id != id, cameras.contains(where: { $0.id == r.id }) {
            throw PlanError(409, key: "serve.err.camera_exists_rename", r.id.oneLine)
        }
        try checkCamera(r)
        var next = cameras
        next[i] = r
        try commit(cameras: next)
    }

    public mutating func deleteCamera(_ id: String) throws(PlanError) {
        let i = try cameraIndex(id)
        var next = cameras
        next.remove(at: i)
        try commit(cameras: next)
    }

    func checkCamera(_ r: CameraRecord) throws(PlanError) {
        try checkInside(r.position, what: "camera", id: r.id)
        if scenario.cameraDefaults.unknownTypeProblem(r.type) != nil {
            let d = scenario.cameraDefaults
            throw .bad(key: "serve.err.camera_type", (r.type ?? "").oneLine, d.types.keys.sorted().joined(separator: ", "),
                       d.aliases.keys.sorted().joined(separator: ", "))
        }
    }

    mutating func commit(cameras next: [CameraRecord]) throws(PlanError) {
        let c: CoverageResult
        do { c = try engine.coverage(of: next) } catch { throw .refused(error) }
        cameras = next
        coverage = c
        revision += 1
        figures = Self.figures(scenario, coverage, reach, posts.ids.count, load)
    }

    // MARK: posts

    /// Adds a post at `point` (id given or a fresh `new-post-N`). Returns the id.
    public mutating func addPost(id: String?, at point: Point) throws(PlanError) -> String {
        guard scenario.graph != nil else { throw PlanError(409, key: "serve.err.no_graph") }
        guard posts.ids.count < Self.maxPosts else { throw PlanError(409, key: "serve.err.max_posts", "\(Self.maxPosts)") }
        try checkInside(point, what: "post")
        let taken = Set(posts.ids)
        let pid = id ?? freshId("new-post", taken: taken)
        guard !taken.contains(pid) else { throw PlanError(409, key: "serve.err.post_exists", pid.oneLine) }
        var next = posts
        next.ids.append(pid)
        next.points.append(point)
        try commit(posts: next, snaps: postSnaps + [reachEngine.snap(point)], edited: nil)
        return pid
    }

    /// Moves and/or renames the post `id`.
    public mutating func updatePost(_ id: String, newId: String?, to point: Point?) throws(PlanError) {
        let i = try postIndex(id)
        var next = posts
        var snaps = postSnaps
        if let point {
            try checkInside(point, what: "post_id", id: id)
            next.points[i] = point
            snaps[i] = reachEngine.snap(point)
        }
        if let newId, newId != id {
            guard !posts.ids.contains(newId) else { throw PlanError(409, key: "serve.err.post_exists_rename", newId.oneLine) }
            next.ids[i] = newId
        }
        try commit(posts: next, snaps: snaps, edited: point == nil ? nil : i)
    }

    public mutating func deletePost(_ id: String) throws(PlanError) {
        let i = try postIndex(id)
        if posts.ids.count == 1, scenario.posts != nil {
            throw PlanError(409, key: "serve.err.last_post", id.oneLine)
        }
        var next = posts
        next.ids.remove(at: i)
        next.points.remove(at: i)
        var snaps = postSnaps
        snaps.remove(at: i)
        try commit(posts: next, snaps: snaps, edited: i)
    }

    /// - Parameter edited: the post (index before the edit) moved or deleted; nil for an added
    ///   or renamed one.
    mutating func commit(posts next: EditableScenario.Posts, snaps: [Snap?], edited: Int?) throws(PlanError) {
        let r: ReachResults?
        let s = ReachEngine.follow(search, oldSnaps: postSnaps, edited: edited, snaps: snaps)
        do { r = try reachEngine.reach(from: next, snaps: snaps, search: s) } catch { throw .refused(error) }
        posts = next
        postSnaps = snaps
        search = s
        reach = r
        revision += 1
        figures = Self.figures(scenario, coverage, reach, posts.ids.count, load)
    }

    // MARK: precincts

    /// Moves the street block at `point` (working CRS) to the precinct `precinctId`; only the
    /// two precincts involved are recounted (`PrecinctMoves`, continuing the scenario's
    /// `precincts.moves`). Returns the block's index and the id of the precinct it left.
    public mutating func moveBlock(at point: Point, to precinctId: String) throws(PlanError) -> (block: Int, from: String) {
        guard let load, let population = scenario.populationInput else {
            throw PlanError(409, key: "serve.err.no_precincts")
        }
        try checkInside(point, what: "point")
        var state = try blockState(load)
        let moved: (block: Int, from: String)
        do {
            moved = try state.apply(BlockMove(at: point, to: precinctId), city: scenario.city, population: population)
        } catch let e as BlockMoveError {
            switch e {
            case .noBlock: throw .bad(key: "serve.err.no_block")
            case .unknownPrecinct(let id): throw .notFound(key: "serve.err.no_precinct", id.oneLine)
            case .alreadyIn(let id): throw PlanError(409, key: "serve.err.already_in", id.oneLine)
            }
        } catch { throw .refused(error) }
        blocks = state
        self.load = state.load
        revision += 1
        figures = Self.figures(scenario, coverage, reach, posts.ids.count, state.load)
        return moved
    }

    /// The street blocks and their precincts after the moves so far (built at the first call).
    mutating func blockState(_ load: PrecinctLoadResult) throws(PlanError) -> PrecinctMoves {
        if let blocks { return blocks }
        if let moves = scenario.precinctMoves { return moves }
        do { blocks = try PrecinctMoves(load: load, streets: scenario.city.streets) } catch { throw .refused(error) }
        guard let blocks else { throw PlanError(500, "no street blocks") }
        return blocks
    }

    /// The street block at `point` (working CRS): its index, outline and current precinct, the
    /// block `moveBlock(at:to:)` would move (the lowest-numbered block containing the point, as
    /// `PrecinctMoves.apply` picks). Changes no figure and no revision.
    public mutating func block(at point: Point) throws(PlanError) -> (block: Int, polygon: Polygon, precinct: String) {
        guard let load else { throw PlanError(409, key: "serve.err.no_precincts") }
        try checkInside(point, what: "point")
        let state = try blockState(load)
        guard point.isFinite, let k = state.polygons.indices.first(where: { state.polygons[$0].contains(point) }) else {
            throw .bad(key: "serve.err.no_block")
        }
        return (k, state.polygons[k], state.load.precincts[Int(state.owner[k])].id)
    }

    /// Every block move of the plan, the scenario's `precincts.moves` first, in order (what the
    /// export writes as `precincts.moves`).
    public var blockMoves: [BlockMove] { (blocks ?? scenario.precinctMoves)?.moves ?? [] }
}
