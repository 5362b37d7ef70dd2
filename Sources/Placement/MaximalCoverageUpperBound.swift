/// Upper bounds on a covering maximisation over a `ReducedCoverage` (MCLP: need 1; backup
/// coverage: need up to 2).
///
/// LP relaxation: max Σ w_i y_i  s.t.  need_i·y_i ≤ Σ_{j∋i} x_j,  0 ≤ y ≤ 1,  0 ≤ x ≤ 1,
/// Σ x_j ≤ p (or Σ c_j x_j ≤ b). Relaxing the coverage rows with multipliers λ_i ≥ 0 gives
///
///   L(λ) = Σ_i max(0, w_i − need_i·λ_i) + max_x { Σ_j v_j x_j : count or budget },  v_j = Σ_{i∈j} λ_i,
///
/// an upper bound for every λ ≥ 0 whose minimum equals the LP optimum. The inner maximum is the
/// top-p values or a fractional knapsack (`Selection`). With λ_i = w_i/need_i on the pieces a
/// plan S leaves unsatisfied and 0 elsewhere, L(λ) is the submodular online bound
/// f(S) + Σ top-p marginal gains (Minoux; Leskovec et al. 2007) — the starting point of the
/// subgradient descent (Held–Karp–Crowder, Polyak steps aimed at the best known plan, step
/// factor 3 halved after 10 non-improving iterations). Every evaluated L(λ) is a valid bound; the
/// smallest is returned. One evaluation O(nonzeros + candidates).
struct MaximalCoverageUpperBound {
    let reduced: ReducedCoverage
    let limit: PlacementLimit
    /// Candidates by their largest possible value a_j = Σ_{i∈j} w_i/need_i (per tenge for
    /// budgets; free ones first), largest first, and those bounds in the same order.
    private let byBound: [Int32]
    private let boundInOrder: [Double]
    private var values: [Double] = []
    private var costs: [Double] = []
    private var prefixPicks: [(item: Int32, fraction: Double)] = []
    private(set) var picks: [(item: Int32, fraction: Double)] = []
    /// Candidates whose value was computed in the last evaluation (for statistics).
    private(set) var lastEvaluated = 0

    init(_ reduced: ReducedCoverage, limit: PlacementLimit) {
        self.reduced = reduced
        self.limit = limit
        let r = reduced
        var a = [Double](repeating: 0, count: r.candidateCount)
        for j in 0 ..< r.candidateCount {
            var s = 0.0
            for p in r.offsets[j] ..< r.offsets[j + 1] {
                let i = Int(r.indices[p])
                s += r.weights[i] / Double(r.need[i])
            }
            a[j] = s
        }
        var key = a
        if case .budget = limit {
            for j in 0 ..< r.candidateCount { key[j] = r.costs[j] == 0 ? .infinity : a[j] / r.costs[j] }
        }
        var order = [Int32](0 ..< Int32(r.candidateCount))
        order.sort { x, y in
            let kx: Double = key[Int(x)], ky: Double = key[Int(y)]
            return kx > ky || (kx == ky && x < y)
        }
        byBound = order
        boundInOrder = order.map { key[Int($0)] }
    }

    /// L(λ) for the given multipliers (assumed within [0, w/need]); sets `picks`.
    ///
    /// Since λ_i ≤ w_i/need_i, v_j ≤ a_j: candidate values are computed in decreasing order of
    /// a_j (a_j/c_j for budgets) in doubling batches, and the scan stops once no candidate left
    /// could enter the selection — the result equals the full evaluation.
    mutating func evaluate(_ lambda: [Double]) -> Double {
        let r = reduced
        var total = 0.0
        for i in 0 ..< r.demandCount {
            let slack = r.weights[i] - Double(r.need[i]) * lambda[i]
            if slack > 0 { total += slack }
        }
        let m = r.candidateCount
        values.removeAll(keepingCapacity: true)
        costs.removeAll(keepingCapacity: true)
        var batch: Int
        switch limit {
        case .count(let p): batch = max(256, 2 * p)
        case .budget: batch = 256
        }
        var selected = 0.0
        while true {
            let from = values.count
            let to = min(m, from + batch)
            values.append(contentsOf: Self.candidateValues(r, order: byBound, from: from, to: to, lambda: lambda))
            for t in from ..< to { costs.append(r.costs[Int(byBound[t])]) }
            selected = Selection.best(values: values, costs: costs, limit: limit, into: &prefixPicks)
            if to == m { break }
            let next = boundInOrder[to]
            if next <= 0 { break }
            if canStop(next: next) { break }
            batch *= 2
        }
        lastEvaluated = values.count
        picks.removeAll(keepingCapacity: true)
        for (t, f) in prefixPicks { picks.append((byBound[Int(t)], f)) }
        return total + selected
    }

    /// v_j = Σ_{i∈j} λ_i for the candidates `order[from..<to]`. (Splitting this over two threads
    /// was measured on the shared 2-core machine and gave no gain, so it stays sequential.)
    static func candidateValues(_ r: ReducedCoverage, order: [Int32], from: Int, to: Int,
                                lambda: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: to - from)
        r.indices.withUnsafeBufferPointer { idx in
            r.offsets.withUnsafeBufferPointer { off in
                lambda.withUnsafeBufferPointer { lam in
                    for t in from ..< to {
                        let j = Int(order[t])
                        var s = 0.0
                        for p in off[j] ..< off[j + 1] { s += lam[Int(idx[p])] }
                        out[t - from] = s
                    }
                }
            }
        }
        return out
    }

    /// True when no unseen candidate (value ≤ `next`, or ratio ≤ `next` for budgets) can enter.
    private func canStop(next: Double) -> Bool {
        switch limit {
        case .count(let p):
            guard prefixPicks.count >= p else { return false }
            var smallest = Double.infinity
            for (t, _) in prefixPicks { smallest = min(smallest, values[Int(t)]) }
            return smallest >= next
        case .budget(let b):
            var spent = 0.0
            var smallestRatio = Double.infinity
            for (t, f) in prefixPicks {
                let c = costs[Int(t)]
                guard c > 0 else { continue }
                spent += c * f
                smallestRatio = min(smallestRatio, values[Int(t)] / c)
            }
            guard spent >= b + budgetSlack(b) - 1e-12 * max(1, b) else { return false }
            return smallestRatio >= next
        }
    }

    /// The multipliers of the online bound of a plan: w_i/need_i where the plan leaves piece i
    /// unsatisfied, 0 where it is satisfied.
    static func onlineMultipliers(_ state: CoverageState) -> [Double] {
        let r = state.reduced
        var lambda = [Double](repeating: 0, count: r.demandCount)
        for i in 0 ..< r.demandCount where state.count[i] < r.need[i] {
            lambda[i] = r.weights[i] / Double(r.need[i])
        }
        return lambda
    }

    /// Subgradient descent on L from `start`; returns the smallest L(λ) seen and the iterations
    /// used. Stops after `iterations`, when (bound − incumbent) ≤ tolerance·bound, or when the step
    /// factor has shrunk below 1e-6.
    ///
    /// Lagrangian heuristic: the whole candidates of every inner maximiser form a feasible plan;
    /// whenever one beats `incumbent` it replaces it and becomes the step target.
    mutating func descend(from start: [Double], incumbent: inout (plan: [Int32], value: Double), iterations: Int,
                          tolerance: Double, stopBelow: Double = -.infinity) -> (bound: Double, iterations: Int) {
        let r = reduced
        let n = r.demandCount
        var lambda = start
        var best = evaluate(lambda)
        var target = incumbent.value
        guard iterations > 0, best - target > tolerance * best, best >= stopBelow else { return (best, 0) }
        var hits = [Int32](repeating: 0, count: n)
        func tryPlan() {
            var value = 0.0
            for (item, fraction) in picks where fraction == 1 {
                let j = Int(item)
                for p in r.offsets[j] ..< r.offsets[j + 1] {
                    let i = Int(r.indices[p])
                    hits[i] += 1
                    if hits[i] == r.need[i] { value += r.weights[i] }
                }
            }
            for (item, fraction) in picks where fraction == 1 {
                let j = Int(item)
                for p in r.offsets[j] ..< r.offsets[j + 1] { hits[Int(r.indices[p])] = 0 }
            }
            if value > incumbent.value {
                incumbent = (picks.filter { $0.fraction == 1 }.map(\.item), value)
                target = value
            }
        }
        tryPlan()
        var current = best
        // Step factor and patience tuned on seeded spatial instances (θ = 3, halve after 10
        // iterations without a new best bound).
        var schedule = StepSchedule(initial: 3, patience: 10)
        var coverage = [Double](repeating: 0, count: n)
        var used = 0
        for _ in 0 ..< iterations {
            used += 1
            // Subgradient g_i = Σ_{j∋i} x_j − need_i·y_i at the maximisers of the current L.
            for i in 0 ..< n { coverage[i] = 0 }
            for (item, fraction) in picks {
                let j = Int(item)
                for p in r.offsets[j] ..< r.offsets[j + 1] { coverage[Int(r.indices[p])] += fraction }
            }
            var norm2 = 0.0
            for i in 0 ..< n {
                let need = Double(r.need[i])
                let upper = r.weights[i] / need
                let y: Double = lambda[i] < upper ? 1 : 0
                let g = coverage[i] - need * y
                coverage[i] = g
                // Moves that projection would cancel do not count towards the step length.
                if (g > 0 && lambda[i] <= 0) || (g < 0 && lambda[i] >= upper) { continue }
                norm2 += g * g
            }
            if norm2 <= 0 { break }
            let step = schedule.theta * (current - target) / norm2
            for i in 0 ..< n {
                let upper = r.weights[i] / Double(r.need[i])
                let next = lambda[i] - step * coverage[i]
                lambda[i] = next < 0 ? 0 : (next > upper ? upper : next)
            }
            current = evaluate(lambda)
            tryPlan()
            let improved = current < best - 1e-12 * best
            if improved { best = current }
            schedule.record(improved: improved)
            if best - target <= tolerance * best || schedule.isSpent || best < stopBelow { break }
        }
        return (best, used)
    }
}
