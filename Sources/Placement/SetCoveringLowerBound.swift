/// Lower bound on the cheapest set of sites reaching a covered-weight target (partial set
/// covering) over a `ReducedCoverage` with every need 1.
///
/// LP: min Σ c_j x_j  s.t.  y_i ≤ Σ_{j∋i} x_j,  Σ w_i y_i ≥ T,  0 ≤ x, y ≤ 1. Relaxing the coverage
/// rows with λ_i ≥ 0:
///
///   L(λ) = Σ_j min(0, c_j − Σ_{i∈j} λ_i) + min_y { Σ λ_i y_i : Σ w_i y_i ≥ T, 0 ≤ y ≤ 1 },
///
/// a lower bound for every λ ≥ 0 (the inner y-problem is a fractional covering knapsack: cheapest
/// λ_i/w_i first). Started at λ = ρ·w with ρ = min_j c_j / (Σ_{i∈j} w_i) (which gives ρ·T), then
/// subgradient ascent with Polyak steps towards the best known plan's cost. One evaluation
/// O(nonzeros + demand) expected (weighted quickselect).
struct SetCoveringLowerBound {
    let reduced: ReducedCoverage
    let costs: [Double]
    let target: Double
    private var taken: [Int32] = []
    private var boundary: Int32 = -1
    private var boundaryFraction = 0.0
    private var opened: [Int32] = []
    private var order: [Int32]

    init(_ reduced: ReducedCoverage, costs: [Double], target: Double) {
        self.reduced = reduced
        self.costs = costs
        self.target = target
        order = (0 ..< Int32(reduced.demandCount)).map { $0 }
    }

    mutating func evaluate(_ lambda: [Double]) -> Double {
        let r = reduced
        var total = 0.0
        opened.removeAll(keepingCapacity: true)
        for j in 0 ..< r.candidateCount {
            var s = 0.0
            for p in r.offsets[j] ..< r.offsets[j + 1] { s += lambda[Int(r.indices[p])] }
            if s > costs[j] {
                total += costs[j] - s
                opened.append(Int32(j))
            }
        }
        total += cheapestCover(lambda)
        return total
    }

    /// min Σ λ_i y_i with Σ w_i y_i ≥ target: fills `taken` (y = 1) and the boundary piece.
    private mutating func cheapestCover(_ lambda: [Double]) -> Double {
        let w = reduced.weights
        taken.removeAll(keepingCapacity: true)
        boundary = -1
        var need = target
        var lo = 0, hi = order.count  // candidates for the boundary lie in order[lo..<hi]
        var cost = 0.0
        @inline(__always) func before(_ a: Int32, _ b: Int32) -> Bool {
            let ra = lambda[Int(a)] * w[Int(b)], rb = lambda[Int(b)] * w[Int(a)]
            return ra < rb || (ra == rb && a < b)
        }
        while hi - lo > 0, need > 0 {
            if hi - lo <= 16 {
                order[lo ..< hi].sort(by: before)
                for t in lo ..< hi {
                    let i = order[t]
                    if need <= 0 { break }
                    if w[Int(i)] <= need {
                        taken.append(i)
                        cost += lambda[Int(i)]
                        need -= w[Int(i)]
                    } else {
                        boundary = i
                        boundaryFraction = need / w[Int(i)]
                        cost += lambda[Int(i)] * boundaryFraction
                        need = 0
                    }
                }
                break
            }
            let mid = lo + (hi - lo) / 2
            if before(order[mid], order[lo]) { order.swapAt(mid, lo) }
            if before(order[hi - 1], order[lo]) { order.swapAt(hi - 1, lo) }
            if before(order[hi - 1], order[mid]) { order.swapAt(hi - 1, mid) }
            let pivot = order[mid]
            // three-way partition: [lo, lt) before pivot, [lt, gt) == pivot, [gt, hi) after
            var lt = lo, i = lo, gt = hi
            while i < gt {
                if before(order[i], pivot) {
                    order.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if order[i] == pivot {
                    i += 1
                } else {
                    gt -= 1
                    order.swapAt(i, gt)
                }
            }
            var lowWeight = 0.0
            for t in lo ..< lt { lowWeight += w[Int(order[t])] }
            if lowWeight >= need {
                hi = lt
            } else {
                for t in lo ..< lt {
                    let item = order[t]
                    taken.append(item)
                    cost += lambda[Int(item)]
                }
                need -= lowWeight
                // the pivot itself
                let wp = w[Int(pivot)]
                if wp <= need {
                    taken.append(pivot)
                    cost += lambda[Int(pivot)]
                    need -= wp
                } else {
                    boundary = pivot
                    boundaryFraction = need / wp
                    cost += lambda[Int(pivot)] * boundaryFraction
                    need = 0
                }
                lo = gt
            }
        }
        return cost
    }

    /// Subgradient ascent; returns the largest L(λ) seen and the iterations used.
    mutating func ascend(upper: Double, iterations: Int, tolerance: Double, integral: Bool)
        -> (bound: Double, iterations: Int) {
        let r = reduced
        let n = r.demandCount
        var rho = Double.infinity
        for j in 0 ..< r.candidateCount {
            var a = 0.0
            for p in r.offsets[j] ..< r.offsets[j + 1] { a += r.weights[Int(r.indices[p])] }
            if a > 0 { rho = min(rho, costs[j] / a) }
        }
        if !rho.isFinite { rho = 0 }
        var lambda = r.weights.map { $0 * rho }
        var best = evaluate(lambda)
        var current = best
        func closed(_ b: Double) -> Bool {
            let lb = integral ? (b - 1e-9).rounded(.up) : b
            return upper - lb <= tolerance * max(upper, 1e-300)
        }
        guard iterations > 0, !closed(best) else { return (best, 0) }
        var schedule = StepSchedule(initial: 1, patience: 5)
        var g = [Double](repeating: 0, count: n)
        var used = 0
        for _ in 0 ..< iterations {
            used += 1
            for i in 0 ..< n { g[i] = 0 }
            for i in taken { g[Int(i)] = 1 }
            if boundary >= 0 { g[Int(boundary)] = boundaryFraction }
            for jj in opened {
                let j = Int(jj)
                for p in r.offsets[j] ..< r.offsets[j + 1] { g[Int(r.indices[p])] -= 1 }
            }
            var norm2 = 0.0
            for i in 0 ..< n {
                if g[i] < 0 && lambda[i] <= 0 { continue }
                norm2 += g[i] * g[i]
            }
            if norm2 <= 0 { break }
            let step = schedule.theta * max(upper - current, 1e-9 * max(upper, 1)) / norm2
            for i in 0 ..< n {
                let next = lambda[i] + step * g[i]
                lambda[i] = next < 0 ? 0 : next
            }
            current = evaluate(lambda)
            let improved = current > best + 1e-12 * abs(best)
            if improved { best = current }
            schedule.record(improved: improved)
            if closed(best) || schedule.isSpent { break }
        }
        return (best, used)
    }
}
