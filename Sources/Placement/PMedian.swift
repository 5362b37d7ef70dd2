import GeoCore

/// p-median (Hakimi 1964; ReVelle & Swain 1970): open `count` new sites (installed ones stay
/// open) to minimise Σ_i w_i · time_i, where time_i is the travel time from demand point i to its
/// nearest open site (capped by, or — when unreached — equal to `unservedSeconds`).
///
/// Method: lazy greedy on the savings (the savings function is submodular), swap local search
/// with the fast-interchange bookkeeping of Whitaker (1983) / Resende & Werneck (2004)
/// (nearest and second-nearest open site per demand point), iterated local search, and a lower
/// bound from the
/// Lagrangian relaxation of the assignment constraints (subgradient ascent; each evaluation picks
/// the `count` most negative reduced costs). Small instances (≤ `exactCandidateLimit` free
/// candidates and a small enough number of subsets) are enumerated, so the answer is optimal.
/// One local-search pass or bound evaluation costs O(pairs + candidates).
public enum PMedian {
    /// Solves the p-median problem.
    /// - Throws: `CovplanError(.usage)` when `count` exceeds the candidates that are not already
    ///   installed, or when no site would be open while unreached demand costs +∞.
    public static func solve(_ instance: FacilityInstance, options: PlacementOptions = PlacementOptions()) throws
        -> PlacementResult {
        let net = FacilityNetwork(instance)
        try FacilityChecks.validate(instance, net)
        let p = instance.count
        var stats = SolveStatistics()
        stats.reducedDemandCount = net.n
        stats.reducedCandidateCount = net.free.count
        stats.reducedNonzeroCount = net.colDemand.count
        let before = FacilityState(net)

        var state = greedy(before, p: p)
        stats.greedyObjective = state.totalCost
        stats.localSearchMoves = localSearch(&state, p: p, options: options)
        stats.localSearchMoves += iteratedLocalSearch(&state, p: p, options: options)
        var objective = state.totalCost
        var bound: Double
        var method = BoundMethod.lagrangian
        (bound, stats.boundIterations) = lagrangianBound(net, plan: state, p: p, upper: objective,
                                                         iterations: options.boundIterations,
                                                         tolerance: options.boundTolerance)
        var proven = objective - bound <= 1e-9 * max(1, objective)
        if !proven, let exact = FacilityEnumeration.best(net, p: p, options: options, objective: { s in s.totalCost }) {
            stats.branchAndBoundNodes = exact.nodes
            if exact.value < objective - 1e-9 * max(1, objective) {
                state = before
                for k in exact.sites { state.openSite(Int(k)) }
                objective = state.totalCost
            }
            proven = true
            method = .branchAndBound
        }
        if proven { bound = objective }
        bound = min(bound, objective)
        let hasBefore = !(instance.fixed.isEmpty && !instance.unservedSeconds.isFinite)
        let ordered = FacilityChecks.pickOrder(before, chosen: state.chosen, hasBefore: hasBefore) { s in s.totalCost }
        return FacilityChecks.result(instance, problem: .pMedian, objective: objective, bound: bound, proven: proven,
                                     method: method, ordered: ordered, before: hasBefore ? before.totalCost : nil,
                                     statistics: stats)
    }

    /// Lazy greedy on savings, opening up to `p` sites with positive saving.
    static func greedy(_ start: FacilityState, p: Int) -> FacilityState {
        var state = start
        let net = state.net
        var heap = IndexedMaxHeap(minimumCapacity: net.free.count)
        var stamp = [Int](repeating: 0, count: net.m)
        for k in net.free {
            let s = state.saving(Int(k))
            if s > 0 { heap.push(s, k) }
        }
        while state.chosen.count < p, let (_, item) = heap.pop() {
            let k = Int(item)
            if stamp[k] == state.chosen.count {
                state.openSite(k)
                continue
            }
            stamp[k] = state.chosen.count
            let s = state.saving(k)
            if s > 0 { heap.push(s, item) }
        }
        return state
    }

    /// Iterated local search: close 1–3 random new sites, reopen greedily by saving (not the
    /// closed ones), swap search again, keep strict improvements. At most
    /// `options.perturbationRounds` rounds, fewer on big matrices (about 2·10⁷ pair visits in
    /// total; the round count depends only on the sizes, so results stay deterministic).
    static func iteratedLocalSearch(_ state: inout FacilityState, p: Int, options: PlacementOptions) -> Int {
        let net = state.net
        let rounds = min(options.perturbationRounds, max(5, 20_000_000 / max(1, 4 * net.colDemand.count)))
        guard options.perturbationRounds > 0, options.localSearch != .none, !state.chosen.isEmpty else { return 0 }
        var rng = SplitMix64(seed: options.seed ^ 0x5851_F42D_4C95_7F2D)
        var best = state
        var bestCost = best.totalCost
        let eps = 1e-11 * max(1, bestCost)
        var moves = 0
        for _ in 0 ..< rounds {
            var trial = best
            var closed: [Int32] = []
            for _ in 0 ..< min(trial.chosen.count, 1 + rng.nextIndex(3)) {
                let j = trial.chosen[rng.nextIndex(trial.chosen.count)]
                trial.closeSite(Int(j))
                closed.append(j)
            }
            while trial.chosen.count < p {
                var pick = -1
                var pickSaving = 0.0
                for k in net.free where !trial.isOpen[Int(k)] && !closed.contains(k) {
                    let s = trial.saving(Int(k))
                    if s > pickSaving {
                        pickSaving = s
                        pick = Int(k)
                    }
                }
                guard pick >= 0 else { break }
                trial.openSite(pick)
            }
            var o = options
            o.seed = rng.next()
            moves += localSearch(&trial, p: p, options: o)
            let cost = trial.totalCost
            if cost < bestCost - eps {
                best = trial
                bestCost = cost
                moves += 1
            }
        }
        state = best
        return moves
    }

    /// Swap local search (see the type's notes); returns the moves applied.
    static func localSearch(_ state: inout FacilityState, p: Int, options: PlacementOptions) -> Int {
        guard options.localSearch != .none else { return 0 }
        let net = state.net
        let eps = 1e-11 * max(1, state.totalCost)
        var rng = SplitMix64(seed: options.seed)
        var extra = [Double](repeating: 0, count: net.m)
        var isTouched = [Bool](repeating: false, count: net.m)
        var touched: [Int32] = []
        var loss = [Double](repeating: 0, count: net.m)
        var moves = 0
        while moves < options.maxLocalSearchMoves {
            for j in state.chosen { loss[Int(j)] = 0 }
            for i in 0 ..< net.n {
                let j = state.near[i]
                if j >= 0, !net.isFixed[Int(j)] { loss[Int(j)] += net.weights[i] * (state.d2[i] - state.d1[i]) }
            }
            let byLoss = state.chosen.sorted { a, b in loss[Int(a)] < loss[Int(b)] || (loss[Int(a)] == loss[Int(b)] && a < b) }
            var order = net.free.filter { !state.isOpen[Int($0)] }
            if options.localSearch == .firstImprovement { order.shuffle(using: &rng) }
            var bestProfit = eps
            var bestIn = -1, bestOut = -1
            for kk in order {
                let k = Int(kk)
                var gain = 0.0
                for q in net.colOffsets[k] ..< net.colOffsets[k + 1] {
                    let i = Int(net.colDemand[q])
                    let t = net.colSeconds[q]
                    let w = net.weights[i]
                    if t < state.d1[i] { gain += w * (state.d1[i] - t) }
                    let j = Int(state.near[i])
                    if j >= 0, !net.isFixed[j], t < state.d2[i] {
                        if !isTouched[j] {
                            isTouched[j] = true
                            touched.append(Int32(j))
                        }
                        extra[j] += w * (state.d2[i] - max(t, state.d1[i]))
                    }
                }
                var profit = -Double.infinity
                var out = -1
                if state.chosen.count < p {
                    profit = gain
                } else {
                    for jj in touched {
                        let v = gain + extra[Int(jj)] - loss[Int(jj)]
                        if v > profit || (v == profit && Int(jj) < out) {
                            profit = v
                            out = Int(jj)
                        }
                    }
                    for jj in byLoss where !isTouched[Int(jj)] {
                        let v = gain - loss[Int(jj)]
                        if v > profit || (v == profit && Int(jj) < out) {
                            profit = v
                            out = Int(jj)
                        }
                        break
                    }
                }
                for jj in touched {
                    extra[Int(jj)] = 0
                    isTouched[Int(jj)] = false
                }
                touched.removeAll(keepingCapacity: true)
                if profit > bestProfit, out >= 0 || state.chosen.count < p {
                    bestProfit = profit
                    bestIn = k
                    bestOut = out
                    if options.localSearch == .firstImprovement { break }
                }
            }
            guard bestIn >= 0 else { break }
            if bestOut >= 0 { state.closeSite(bestOut) }
            state.openSite(bestIn)
            moves += 1
        }
        return moves
    }

    /// Lagrangian lower bound (relaxing Σ_j x_ij + z_i = 1 with multipliers u_i; z_i is the
    /// unserved dummy): L(u) = Σ u_i + Σ min(0, w_i·U − u_i) + Σ_{fixed} ρ_j + (the p most negative
    /// ρ_j of the free sites), ρ_j = Σ_{i reached by j} min(0, w_i·t_ij − u_i). Started from the
    /// better of u_i = w_i · (time to the nearest of all sites) — the all-sites-open bound — and
    /// u_i = w_i · (time under the heuristic plan) — cost(plan) minus its p largest savings — then
    /// deflected subgradient ascent.
    static func lagrangianBound(_ net: FacilityNetwork, plan: FacilityState, p: Int, upper: Double, iterations: Int,
                                tolerance: Double) -> (Double, Int) {
        // Two closed-form starting points; the better one is descended from.
        var allOpen = [Double](repeating: 0, count: net.n)
        for i in 0 ..< net.n {
            var best = net.unserved
            for q in net.rowOffsets[i] ..< net.rowOffsets[i + 1] { best = min(best, net.rowSeconds[q]) }
            allOpen[i] = net.weights[i] * best
        }
        let atPlan = (0 ..< net.n).map { net.weights[$0] * plan.d1[$0] }
        var rho = [Double](repeating: 0, count: net.m)
        var chosen: [Int32] = []
        var negatives: [Int32] = []
        func evaluate(_ u: [Double]) -> Double {
            var total = 0.0
            for i in 0 ..< net.n {
                total += u[i]
                let z = net.weights[i] * net.unserved - u[i]
                if z < 0 { total += z }
            }
            for j in 0 ..< net.m {
                var r = 0.0
                for q in net.colOffsets[j] ..< net.colOffsets[j + 1] {
                    let i = Int(net.colDemand[q])
                    let v = net.weights[i] * net.colSeconds[q] - u[i]
                    if v < 0 { r += v }
                }
                rho[j] = r
            }
            chosen.removeAll(keepingCapacity: true)
            negatives.removeAll(keepingCapacity: true)
            for j in net.fixed {
                total += rho[Int(j)]
                chosen.append(j)
            }
            for j in net.free where rho[Int(j)] < 0 { negatives.append(j) }
            if negatives.count > p {
                // p most negative = p largest of −ρ
                let minus = rho.map { -$0 }
                Selection.select(&negatives, k: p, values: minus)
                negatives.removeLast(negatives.count - p)
            }
            for j in negatives {
                total += rho[Int(j)]
                chosen.append(j)
            }
            return total
        }
        let fromAllOpen = evaluate(allOpen)
        var u = atPlan
        var best = evaluate(atPlan)
        if fromAllOpen > best {
            u = allOpen
            best = evaluate(allOpen)
        }
        var current = best
        guard iterations > 0, upper - best > tolerance * upper else { return (best, 0) }
        // Deflected subgradient (Camerini–Fratta–Maffioli: direction g + 0.5·previous direction),
        // Polyak steps towards the plan's cost, factor 1 halved after 20 iterations without a new
        // best — tuned against HiGHS LP values on seeded instances.
        var schedule = StepSchedule(initial: 1, patience: 20)
        let beta = 0.5
        var dir = [Double](repeating: 0, count: net.n)
        var g = [Double](repeating: 0, count: net.n)
        var used = 0
        for _ in 0 ..< iterations {
            used += 1
            // g_i = 1 − z_i − Σ_j x_ij
            for i in 0 ..< net.n {
                g[i] = net.weights[i] == 0 || net.weights[i] * net.unserved - u[i] < 0 ? 0 : 1
            }
            for jj in chosen {
                let j = Int(jj)
                for q in net.colOffsets[j] ..< net.colOffsets[j + 1] {
                    let i = Int(net.colDemand[q])
                    if net.weights[i] * net.colSeconds[q] - u[i] < 0 { g[i] -= 1 }
                }
            }
            var norm2 = 0.0
            for i in 0 ..< net.n { dir[i] = g[i] + beta * dir[i]; norm2 += dir[i] * dir[i] }
            if norm2 <= 0 { break }
            let step = schedule.theta * max(upper - current, 1e-9 * max(1, upper)) / norm2
            for i in 0 ..< net.n { u[i] += step * dir[i] }
            current = evaluate(u)
            let improved = current > best + 1e-12 * abs(best)
            if improved { best = current }
            schedule.record(improved: improved)
            if upper - best <= tolerance * upper || schedule.isSpent { break }
        }
        return (best, used)
    }
}

/// Exhaustive search over the free candidates for small facility instances.
enum FacilityEnumeration {
    /// The best set of exactly min(p, free) new sites under `objective`, or nil when the instance
    /// is too large (more free candidates than `exactCandidateLimit`, or subsets × demand above
    /// a fixed work limit of 4·10⁷).
    static func best(_ net: FacilityNetwork, p: Int, options: PlacementOptions,
                     objective: (FacilityState) -> Double) -> (sites: [Int32], value: Double, nodes: Int)? {
        let free = net.free
        let q = min(p, free.count)
        guard options.exactCandidateLimit > 0, free.count <= options.exactCandidateLimit else { return nil }
        var subsets = 1.0
        for t in 0 ..< q { subsets = subsets * Double(free.count - t) / Double(t + 1) }
        guard subsets * Double(max(net.n, 1) + net.colDemand.count / max(net.m, 1)) <= 4e7 else { return nil }
        let start = FacilityState(net)
        var bestValue = Double.infinity
        var bestSites: [Int32] = []
        var nodes = 0
        var picked: [Int32] = []
        func visit(_ state: FacilityState, from position: Int) {
            nodes += 1
            if picked.count == q {
                let v = objective(state)
                if v < bestValue {
                    bestValue = v
                    bestSites = picked
                }
                return
            }
            let left = q - picked.count
            guard free.count - position >= left else { return }
            for t in position ... free.count - left {
                var next = state
                next.openSite(Int(free[t]))
                picked.append(free[t])
                visit(next, from: t + 1)
                picked.removeLast()
            }
        }
        visit(start, from: 0)
        return (bestSites, bestValue, nodes)
    }
}

/// Checks and result assembly shared by p-median and p-center.
enum FacilityChecks {
    static func validate(_ instance: FacilityInstance, _ net: FacilityNetwork) throws {
        if instance.count > net.free.count {
            throw CovplanError(.usage, "count \(instance.count) is larger than the \(net.free.count) candidate sites not already installed; choose at most \(net.free.count) new sites or add candidates")
        }
        if instance.count == 0, net.fixed.isEmpty, !instance.unservedSeconds.isFinite,
           instance.demandWeights.contains(where: { $0 > 0 }) {
            throw CovplanError(.usage, "no site would be open (count 0, none installed) and unreached demand has no finite time; open at least one site")
        }
    }

    /// Orders the chosen sites greedily by their p-median saving (from the fixed-only state),
    /// reporting each one's decrease of `objective`; without a defined starting objective
    /// (`hasBefore` false: nothing installed, unreached demand infinite) the first site's
    /// decrease is reported as 0. O(chosen² · reach).
    static func pickOrder(_ start: FacilityState, chosen: [Int32], hasBefore: Bool,
                          objective: (FacilityState) -> Double) -> [(Int32, Double)] {
        var state = start
        var left = chosen
        var out: [(Int32, Double)] = []
        var current = objective(state)
        while !left.isEmpty {
            var bestAt = 0
            var bestSaving = -Double.infinity
            for (t, k) in left.enumerated() {
                let s = state.saving(Int(k))
                if s > bestSaving || (s == bestSaving && k < left[bestAt]) {
                    bestSaving = s
                    bestAt = t
                }
            }
            let k = left.remove(at: bestAt)
            state.openSite(Int(k))
            let next = objective(state)
            out.append((k, out.isEmpty && !hasBefore ? 0 : current - next))
            current = next
        }
        return out
    }

    static func result(_ instance: FacilityInstance, problem: PlacementProblem, objective: Double, bound: Double,
                       proven: Bool, method: BoundMethod, ordered: [(Int32, Double)], before: Double?,
                       statistics: SolveStatistics) -> PlacementResult {
        let selected = ordered.map { (k, gain) in
            SelectedSite(candidate: Int(k), id: instance.candidateIDs[Int(k)], type: instance.candidateTypes[Int(k)],
                         costTenge: instance.candidateCosts[Int(k)], marginalGain: gain)
        }
        return PlacementResult(
            problem: problem, sense: .minimize, objective: objective, bound: bound,
            gap: PlacementResult.relativeGap(objective: objective, bound: bound, sense: .minimize),
            provenOptimal: proven, boundMethod: method, selected: selected,
            fixedIDs: instance.fixed.map { instance.candidateIDs[Int($0)] }, objectiveBefore: before,
            totalWeight: instance.demandWeights.reduce(0, +),
            costTenge: selected.reduce(0) { $0 + $1.costTenge }, guarantee: nil, statistics: statistics)
    }
}
