import GeoCore
import StreetGraph

/// Stand-in unit positions for studies without a unit layer.
public enum UnitPlacement {
    /// `count` units at distinct street nodes of the graph's main component, drawn in proportion
    /// to the residents attached to each node (resident points snapped within `maxSnapMeters`),
    /// seeded. Ids `unit-1` … `unit-N`; positions are the nodes. A planning stand-in ("cars
    /// spread like the population"), not a deployment plan.
    ///
    /// - Throws: `CovplanError(.usage)` for `count` < 1; `.dataError` when fewer than `count`
    ///   nodes have residents.
    /// Throws `CovplanError(.usage)` for more than `InputLimits.maxUnits` stand-in units.
    public static func checkCount(_ count: Int) throws(CovplanError) {
        try InputLimits.check(count, max: InputLimits.maxUnits, "number of stand-in units", why: "each is simulated")
    }

    public static func residentsWeighted(count: Int, graph: RoadGraph, residents: ResidentPoints, maxSnapMeters: Double = SnapDefaults.maxSnapMeters,
                                         seed: UInt64 = 1, mode: TravelMode? = nil) throws -> [UnitSite] {
        guard count >= 1 else { throw CovplanError(.usage, "the number of units must be at least 1, got \(count)") }
        try checkCount(count)
        try residents.validate()
        let snapper = EdgeSnapper.mainComponent(of: graph)
        var weight = [Double](repeating: 0, count: graph.nodeCount)
        for (i, s) in snapper.snapAll(residents.points, maxDistanceMeters: maxSnapMeters).enumerated() {
            guard let s else { continue }
            weight[Int(graph.nearerEnd(of: s.position))] += residents.residents[i]
        }
        let positive = weight.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard positive >= count, let table = AliasTable(weights: weight) else {
            throw CovplanError(.dataError, "cannot place \(count) units: only \(positive) street node(s) have residents")
        }
        var rng = Xoshiro256StarStar(seed: seed)
        var taken = Set<Int>()
        var out: [UnitSite] = []
        while out.count < count {
            let n = table.sample(&rng)
            guard taken.insert(n).inserted else { continue }
            out.append(UnitSite(id: "unit-\(out.count + 1)", location: graph.node(n), mode: mode, kind: "stand_in"))
        }
        return out
    }
}

extension UnitPlacement {
    /// `count` units spread over `posts` in turn (post 1, 2, …, k, 1, 2, …): several patrol cars
    /// based at the same post. Ids: the post id for the first unit of a post, then `id#2`,
    /// `id#3`, …; positions, modes and kinds are the post's.
    ///
    /// - Throws: `CovplanError(.usage)` for `count` < 1; `.dataError` for no posts.
    public static func roundRobin(posts: [UnitSite], count: Int) throws -> [UnitSite] {
        guard count >= 1 else { throw CovplanError(.usage, "the number of units must be at least 1, got \(count)") }
        guard !posts.isEmpty else { throw CovplanError(.dataError, layer: "posts", "no posts to base units at") }
        return (0..<count).map { i in
            var u = posts[i % posts.count]
            let round = i / posts.count
            if round > 0 { u.id += "#\(round + 1)" }
            return u
        }
    }
}
