import GeoCore

/// What p-center minimises.
public enum PCenterObjective: String, Sendable, Equatable {
    /// The largest travel time, in seconds, over demand points of positive weight.
    case maximumSeconds = "max-seconds"
    /// The largest weight × travel time over demand points (weighted p-center).
    case maximumWeightedSeconds = "max-weighted-seconds"
}

/// p-center (Hakimi 1965): open `count` new sites (installed ones stay open) to minimise the
/// largest travel time from a demand point of positive weight to its nearest open site (or the
/// largest weight × time). Unreached demand costs `unservedSeconds`.
///
/// Method (radius search, Minieka 1970; Daskin 2000): the optimum is one of the distinct
/// demand-to-site times, so a binary search over them asks, for a radius r, whether `count`
/// sites cover every demand point not already within r — a maximal-coverage question answered by
/// `MaximalCoverage` (a full cover proves r feasible; its upper bound below the number of points
/// proves r infeasible, and every proven-infeasible radius lifts the lower bound to the next
/// distinct time). Starts from the p-median plan; small instances are enumerated (optimal).
/// O(log(pairs) · MCLP solve).
public enum PCenter {
    /// Solves the p-center problem.
    /// - Throws: like `PMedian.solve`.
    public static func solve(_ instance: FacilityInstance, objective kind: PCenterObjective = .maximumSeconds,
                             options: PlacementOptions = PlacementOptions()) throws -> PlacementResult {
        let net = FacilityNetwork(instance)
        try FacilityChecks.validate(instance, net)
        let p = instance.count
        let positive = (0 ..< net.n).filter { net.weights[$0] > 0 }
        func cost(_ i: Int, _ t: Double) -> Double { kind == .maximumSeconds ? t : net.weights[i] * t }
        func objective(_ s: FacilityState) -> Double {
            var worst = 0.0
            for i in positive { worst = max(worst, cost(i, s.d1[i])) }
            return worst
        }
        var stats = SolveStatistics()
        stats.reducedDemandCount = positive.count
        stats.reducedCandidateCount = net.free.count
        stats.reducedNonzeroCount = net.colDemand.count
        let before = FacilityState(net)
        let base = before.d1  // time to the nearest installed site (or the unserved time)

        // Start: the p-median plan (greedy + swap search; the radius search does the rest).
        var bestState = PMedian.greedy(before, p: p)
        _ = PMedian.localSearch(&bestState, p: p, options: options)
        var bestValue = objective(bestState)
        stats.greedyObjective = bestValue

        // Distinct candidate values of the objective, and the all-sites-open lower bound.
        var values: [Double] = []
        var nearestAny = [Double](repeating: .infinity, count: net.n)
        for i in positive {
            values.append(cost(i, base[i]))
            nearestAny[i] = base[i]
        }
        for j in net.free {
            for q in net.colOffsets[Int(j)] ..< net.colOffsets[Int(j) + 1] {
                let i = Int(net.colDemand[q])
                let t = net.colSeconds[q]
                guard net.weights[i] > 0, t < base[i] else { continue }
                values.append(cost(i, t))
                nearestAny[i] = min(nearestAny[i], t)
            }
        }
        values.sort()
        var distinct: [Double] = []
        for v in values where distinct.last != v { distinct.append(v) }
        var lowerBound = positive.reduce(0.0) { max($0, cost($1, nearestAny[$1])) }
        var method = BoundMethod.trivial

        func index(of v: Double) -> Int {
            var lo = 0, hi = distinct.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if distinct[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var lo = index(of: lowerBound)
        var hi = index(of: bestValue)
        var searches = 0
        while lo < hi, p > 0 {
            let mid = (lo + hi) / 2
            let radius = distinct[mid]
            searches += 1
            switch try cover(net, positive: positive, base: base, radius: radius, p: p, cost: cost, options: options) {
            case .feasible(let sites):
                var s = before
                for k in sites { s.openSite(Int(k)) }
                let v = objective(s)
                if v < bestValue {
                    bestValue = v
                    bestState = s
                }
                hi = min(mid, index(of: v))
            case .infeasible:
                lo = mid + 1
                if distinct[lo] > lowerBound {
                    lowerBound = distinct[lo]
                    method = .lagrangian
                }
            case .unknown:
                lo = mid + 1
            }
        }
        stats.boundIterations = searches
        var proven = bestValue <= lowerBound
        if !proven, let exact = FacilityEnumeration.best(net, p: p, options: options, objective: objective) {
            stats.branchAndBoundNodes = exact.nodes
            if exact.value < bestValue {
                var s = before
                for k in exact.sites { s.openSite(Int(k)) }
                bestState = s
                bestValue = objective(s)
            }
            proven = true
            method = .branchAndBound
        }
        if proven { lowerBound = bestValue }
        let hasBefore = !(instance.fixed.isEmpty && !instance.unservedSeconds.isFinite)
        let ordered = FacilityChecks.pickOrder(before, chosen: bestState.chosen, hasBefore: hasBefore, objective: objective)
        return FacilityChecks.result(instance, problem: .pCenter, objective: bestValue, bound: min(lowerBound, bestValue),
                                     proven: proven, method: method, ordered: ordered,
                                     before: hasBefore ? objective(before) : nil, statistics: stats)
    }

    enum CoverAnswer {
        case feasible([Int32])
        case infeasible
        case unknown
    }

    /// Can `p` free sites bring every positive-weight demand point within `radius`?
    static func cover(_ net: FacilityNetwork, positive: [Int], base: [Double], radius: Double, p: Int,
                      cost: (Int, Double) -> Double, options: PlacementOptions) throws -> CoverAnswer {
        var compact = [Int32](repeating: -1, count: net.n)
        var needed = 0
        for i in positive where cost(i, base[i]) > radius {
            compact[i] = Int32(needed)
            needed += 1
        }
        if needed == 0 { return .feasible([]) }
        var offsets = [0]
        var indices: [Int32] = []
        var ids: [String] = []
        var original: [Int32] = []
        for j in net.free {
            for q in net.colOffsets[Int(j)] ..< net.colOffsets[Int(j) + 1] {
                let i = Int(net.colDemand[q])
                if compact[i] >= 0, cost(i, net.colSeconds[q]) <= radius { indices.append(compact[i]) }
            }
            offsets.append(indices.count)
            ids.append("\(j)")
            original.append(j)
        }
        // Cheap proof first: even the p largest covers together are too few.
        var sizes = (0 ..< ids.count).map { offsets[$0 + 1] - offsets[$0] }
        sizes.sort(by: >)
        if sizes.prefix(p).reduce(0, +) < needed { return .infeasible }
        let instance = try CoverageInstance(demandWeights: [Double](repeating: 1, count: needed), candidateIDs: ids,
                                            candidateCosts: [Double](repeating: 0, count: ids.count),
                                            coverOffsets: offsets, coverIndices: indices, limit: .count(p))
        // A feasibility question, asked ~log2(distinct times) times: lighter search settings.
        var light = options
        light.perturbationRounds = min(options.perturbationRounds, 5)
        light.boundIterations = min(options.boundIterations, 150)
        let threshold = Double(needed) - 0.5
        let o = CoverageMaximizer.run(instance, times: 1, limit: .count(p), options: light, stopBelow: threshold)
        if o.reducedObjective >= threshold {
            return .feasible(o.chosen.map { original[Int(o.reduced.original[Int($0)])] })
        }
        if o.reduced.baseObjective + o.reducedBound < threshold { return .infeasible }
        return .unknown
    }
}
