import GeoCore
import Scenario
import StreetGraph

/// Reach from the session's posts after a post edit, incremental where the analysis allows it:
/// the buildings and schools are attached to the travel graph once (`PreparedReach`), each
/// post's snap is kept with the post, the multi-source search follows the edit (`SourceTimes`:
/// only the nodes whose time can change are searched again), and isochrones are drawn only when
/// the map asks for them. Reach pieces, beats and arrival times are then recomputed from the
/// search exactly as `covplan run` computes them (`PreparedReach.run`, the runner's own code),
/// so the result is bit-identical to the scenario's own reach run (`PostEditEqualityTests`).
struct ReachEngine: Sendable {
    let scenario: EditableScenario
    /// nil when the scenario has no travel graph or its reach settings are refused (every post
    /// edit then runs `EditableScenario.reach(from:)` and fails as it does).
    let prepared: PreparedReach?

    init(_ scenario: EditableScenario) {
        self.scenario = scenario
        prepared = try? scenario.preparedReach()
    }

    /// Snap of a post at `p` (nil beyond the snap distance or without a graph).
    func snap(_ p: Point) -> Snap? {
        prepared?.snaps([p])[0]
    }

    /// The search sources of posts with `snaps`: the snapped ones, in order.
    static func sources(_ snaps: [Snap?]) -> [SearchSource] {
        snaps.compactMap { $0.map { SearchSource($0.position) } }
    }

    /// The search from posts with `snaps` (nil without a prepared analysis).
    func search(_ snaps: [Snap?]) -> SourceTimes? {
        prepared.map { SourceTimes(graph: $0.graph, sources: Self.sources(snaps)) }
    }

    /// `search` after post `edited` (an index into `oldSnaps`; nil for an added post) changed:
    /// the posts' snaps went from `oldSnaps` to `snaps`.
    static func follow(_ search: SourceTimes?, oldSnaps: [Snap?], edited: Int?, snaps: [Snap?]) -> SourceTimes? {
        guard var s = search else { return nil }
        let next = sources(snaps)
        var removed: Int?
        if let i = edited, oldSnaps[i] != nil { removed = oldSnaps[..<i].reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
        if removed == nil && next == s.sources { return s }
        s.update(to: next, removed: removed)
        return s
    }

    /// Reach from `posts`, whose snaps are `snaps` (`snap(_:)` of each point, in order) and whose
    /// search is `search` (`follow`ed to these posts); nil without posts.
    /// Throws as `EditableScenario.reach(from:)`.
    func reach(from posts: EditableScenario.Posts, snaps: [Snap?], search: SourceTimes?) throws -> ReachResults? {
        guard let prepared else { return try scenario.reach(from: posts) }
        return try scenario.reach(from: posts, prepared: prepared, snaps: snaps, times: search?.times)
    }
}
