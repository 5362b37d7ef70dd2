/// Exact branch and bound for small covering maximisations over a `ReducedCoverage`
/// (MCLP and backup coverage, count or budget).
///
/// Depth-first include/exclude over the candidates sorted by their initial surrogate gain. The
/// bound at a node with plan S and candidates R still open is
/// g(S) + max { Σ_{j∈T} a_j : T ⊆ R within the remaining count/budget, x relaxed to [0,1] },
/// a_j = Σ over pieces of j still short of their need of w_i / (need_i − count_i(S)) — valid
/// because a piece needing r more covers is only gained when r members of T cover it, which
/// then contribute w_i in total (for MCLP this is the submodular bound with marginal gains).
/// A node is cut when its bound does not beat the incumbent by more than a rounding tolerance.
/// Worst case O(2^candidates · nonzeros); `nodeLimit` caps the work, and `proven` is false
/// when it was hit.
enum MaximalCoverageBranchAndBound {
    struct Outcome {
        var picks: [Int32]
        var value: Double
        var proven: Bool
        var nodes: Int
    }

    static func solve(_ r: ReducedCoverage, limit: PlacementLimit, incumbent: [Int32],
                      incumbentValue: Double, nodeLimit: Int) -> Outcome {
        let m = r.candidateCount
        let eps = 1e-9 * max(1, r.totalWeight)
        var initial = [Double](repeating: 0, count: m)
        for j in 0 ..< m {
            for p in r.offsets[j] ..< r.offsets[j + 1] {
                let i = Int(r.indices[p])
                initial[j] += r.weights[i] / Double(r.need[i])
            }
        }
        let order = (0 ..< m).sorted { a, b in initial[a] > initial[b] || (initial[a] == initial[b] && a < b) }
        var count = [Int32](repeating: 0, count: r.demandCount)
        var value = 0.0
        var stack: [Int32] = []
        var best = incumbent
        var bestValue = incumbentValue
        var nodes = 0
        var aborted = false
        var values: [Double] = []
        var costs: [Double] = []
        var picks: [(item: Int32, fraction: Double)] = []
        var countLeft = 0
        var budgetLeft = 0.0
        switch limit {
        case .count(let p): countLeft = p
        case .budget(let b): budgetLeft = b + budgetSlack(b)
        }
        let isCount: Bool = { if case .count = limit { return true } else { return false } }()

        func bound(from position: Int) -> Double {
            values.removeAll(keepingCapacity: true)
            costs.removeAll(keepingCapacity: true)
            for t in position ..< m {
                let j = order[t]
                var a = 0.0
                for p in r.offsets[j] ..< r.offsets[j + 1] {
                    let i = Int(r.indices[p])
                    let short = r.need[i] - count[i]
                    if short > 0 { a += r.weights[i] / Double(short) }
                }
                values.append(a)
                costs.append(r.costs[j])
            }
            let remaining: PlacementLimit = isCount ? .count(countLeft) : .budget(max(0, budgetLeft))
            return value + Selection.best(values: values, costs: costs, limit: remaining, into: &picks)
        }

        func visit(_ position: Int) {
            if aborted { return }
            nodes += 1
            if nodes > nodeLimit {
                aborted = true
                return
            }
            if position == m { return }
            if bound(from: position) <= bestValue + eps { return }
            let j = order[position]
            let fits = isCount ? countLeft > 0 : r.costs[j] <= budgetLeft
            if fits {
                var gained = 0.0
                for p in r.offsets[j] ..< r.offsets[j + 1] {
                    let i = Int(r.indices[p])
                    count[i] += 1
                    if count[i] == r.need[i] { gained += r.weights[i] }
                }
                value += gained
                stack.append(Int32(j))
                if isCount { countLeft -= 1 } else { budgetLeft -= r.costs[j] }
                if value > bestValue + eps {
                    bestValue = value
                    best = stack
                }
                visit(position + 1)
                if isCount { countLeft += 1 } else { budgetLeft += r.costs[j] }
                stack.removeLast()
                value -= gained
                for p in r.offsets[j] ..< r.offsets[j + 1] { count[Int(r.indices[p])] -= 1 }
            }
            visit(position + 1)
        }
        visit(0)
        return Outcome(picks: best, value: bestValue, proven: !aborted, nodes: nodes)
    }
}
