/// Exact branch and bound for small partial set covering over a `ReducedCoverage` (need 1):
/// the cheapest set of candidates whose covered weight reaches `need`.
///
/// Depth-first include/exclude over candidates sorted by initial gain. At a node with plan S,
/// covered weight f(S) < need and open candidates R, the extra cost is at least the fractional
/// covering knapsack over R with marginal gains a_j(S) and costs c_j (by submodularity the gain of
/// any T ⊆ R is at most Σ_{j∈T} a_j(S)); with unit costs it is rounded up. A node is cut when
/// cost(S) + that bound cannot beat the incumbent, or when all of R cannot reach the target.
/// Worst case O(2^candidates · nonzeros); `nodeLimit` caps the work (`proven` false when hit).
enum SetCoveringBranchAndBound {
    struct Outcome {
        var picks: [Int32]
        var proven: Bool
        var nodes: Int
    }

    static func solve(_ r: ReducedCoverage, costs: [Double], need: Double, eps: Double, incumbent: [Int32],
                      nodeLimit: Int) -> Outcome {
        let m = r.candidateCount
        let unit = costs.allSatisfy { $0 == 1 }
        var initial = [Double](repeating: 0, count: m)
        for j in 0 ..< m {
            for p in r.offsets[j] ..< r.offsets[j + 1] { initial[j] += r.weights[Int(r.indices[p])] }
        }
        let order = (0 ..< m).sorted { a, b in initial[a] > initial[b] || (initial[a] == initial[b] && a < b) }
        var count = [Int32](repeating: 0, count: r.demandCount)
        var covered = 0.0
        var spent = 0.0
        var stack: [Int32] = []
        var best = incumbent
        var bestCost = incumbent.reduce(0) { $0 + costs[Int($1)] }
        var nodes = 0
        var aborted = false
        var gains: [(gain: Double, cost: Double)] = []
        let costEps = 1e-9 * max(1, bestCost)

        /// Least extra cost to gain `missing` from order[position...], or nil when impossible.
        func extraCost(from position: Int, missing: Double) -> Double? {
            gains.removeAll(keepingCapacity: true)
            var reachable = 0.0
            for t in position ..< m {
                let j = order[t]
                var a = 0.0
                for p in r.offsets[j] ..< r.offsets[j + 1] where count[Int(r.indices[p])] == 0 {
                    a += r.weights[Int(r.indices[p])]
                }
                if a > 0 {
                    gains.append((a, costs[j]))
                    reachable += a
                }
            }
            if reachable < missing - eps { return nil }
            gains.sort { x, y in x.gain * y.cost > y.gain * x.cost }
            var left = missing
            var total = 0.0
            for (a, c) in gains {
                if left <= eps { break }
                if a <= left {
                    total += c
                    left -= a
                } else {
                    total += c * left / a
                    left = 0
                }
            }
            return unit ? (total - 1e-9).rounded(.up) : total
        }

        func visit(_ position: Int) {
            if aborted { return }
            nodes += 1
            if nodes > nodeLimit {
                aborted = true
                return
            }
            if covered >= need - eps {
                if spent < bestCost - costEps {
                    bestCost = spent
                    best = stack
                }
                return
            }
            if position == m { return }
            guard let extra = extraCost(from: position, missing: need - covered) else { return }
            if spent + extra >= bestCost - costEps { return }
            let j = order[position]
            var gained = 0.0
            for p in r.offsets[j] ..< r.offsets[j + 1] {
                let i = Int(r.indices[p])
                if count[i] == 0 { gained += r.weights[i] }
                count[i] += 1
            }
            if gained > 0 {
                covered += gained
                spent += costs[j]
                stack.append(Int32(j))
                visit(position + 1)
                stack.removeLast()
                spent -= costs[j]
                covered -= gained
            }
            for p in r.offsets[j] ..< r.offsets[j + 1] { count[Int(r.indices[p])] -= 1 }
            visit(position + 1)
        }
        visit(0)
        return Outcome(picks: best, proven: !aborted, nodes: nodes)
    }
}
