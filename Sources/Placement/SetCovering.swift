import GeoCore

/// A covered-weight target for set covering.
public enum CoverageTarget: Sendable, Equatable {
    /// Covered demand weight (same unit as the demand weights, e.g. street metres).
    case weight(Double)
    /// Fraction of the total demand weight, in [0, 1] (0.95 = 95 %).
    case fraction(Double)
}

/// What set covering minimises.
public enum SetCoveringObjective: String, Sendable, Equatable {
    /// The number of new sites (LSCP, Toregas et al. 1971).
    case count
    /// The total cost of the new sites, in tenge.
    case cost
}

/// Location set covering with a partial target: the fewest (or cheapest) new sites such that the
/// demand weight covered by chosen and fixed sites reaches a target — e.g. 95 % of arterial
/// street length.
///
/// Method: greedy by (covered weight still needed ∩ gain) per cost, redundant-site removal, and
/// for counts a descent that tries to reach the target with one site fewer by swap local search.
/// Lower bound: Lagrangian relaxation of the LP (`SetCoveringLowerBound`), rounded up for counts.
/// Small reduced instances are solved exactly by branch and bound.
public enum SetCovering {
    /// Solves partial set covering. The instance's `limit` is ignored.
    ///
    /// - Throws: `CovplanError(.usage)` when the target is negative, a fraction above 1, or not
    ///   reachable — the message states the largest coverable weight and fraction.
    public static func solve(_ instance: CoverageInstance, target: CoverageTarget, minimize: SetCoveringObjective,
                             options: PlacementOptions = PlacementOptions()) throws -> PlacementResult {
        let total = instance.totalDemandWeight
        let goal: Double
        switch target {
        case .weight(let t):
            guard t.isFinite, t >= 0 else { throw CovplanError(.usage, "coverage target \(t) must be a finite weight ≥ 0") }
            goal = t
        case .fraction(let f):
            guard f.isFinite, f >= 0, f <= 1 else {
                throw CovplanError(.usage, "coverage target fraction \(f) must lie between 0 and 1")
            }
            goal = f * total
        }
        let reduced = ReducedCoverage(instance, times: 1, merge: options.mergeIdenticalDemand)
        let eps = 1e-9 * max(1, total)
        let reachable = reduced.baseObjective + reduced.totalWeight
        if goal > reachable + eps {
            let pct = total > 0 ? 100 * reachable / total : 0
            let wanted = total > 0 ? 100 * goal / total : 0
            throw CovplanError(.usage, "coverage target \(describe(goal)) (\(describe(wanted)) % of \(describe(total))) is unreachable: all \(instance.candidateCount) candidate sites together cover at most \(describe(reachable)) (\(describe(pct)) %); lower the target to at most that")
        }
        let costs = minimize == .count ? [Double](repeating: 1, count: reduced.candidateCount) : reduced.costs
        var stats = SolveStatistics()
        stats.reducedDemandCount = reduced.demandCount
        stats.reducedCandidateCount = reduced.candidateCount
        stats.reducedNonzeroCount = reduced.nonzeroCount
        let need = goal - reduced.baseObjective
        var chosen: [Int32] = []
        var bound = 0.0
        var method = BoundMethod.trivial
        var proven = true
        if need > eps {
            var state = CoverageState(reduced)
            greedy(&state, costs: costs, need: need, eps: eps)
            prune(&state, costs: costs, need: need, eps: eps)
            stats.greedyObjective = cost(state.chosen, costs)
            if minimize == .count {
                stats.localSearchMoves = descend(&state, need: need, eps: eps, options: options)
            }
            chosen = state.chosen
            let upper = cost(chosen, costs)
            var lower = SetCoveringLowerBound(reduced, costs: costs, target: need)
            let (lb, iterations) = lower.ascend(upper: upper, iterations: options.boundIterations,
                                                tolerance: options.boundTolerance, integral: minimize == .count)
            stats.boundIterations = iterations
            bound = minimize == .count ? (lb - 1e-9).rounded(.up) : lb
            bound = max(0, min(bound, upper))
            method = .lagrangian
            proven = upper - bound <= 1e-9 * max(1, upper)
            if !proven, options.exactCandidateLimit > 0, reduced.candidateCount <= options.exactCandidateLimit {
                let exact = SetCoveringBranchAndBound.solve(reduced, costs: costs, need: need, eps: eps, incumbent: chosen,
                                                      nodeLimit: options.exactNodeLimit)
                stats.branchAndBoundNodes = exact.nodes
                chosen = exact.picks
                if exact.proven {
                    proven = true
                    bound = cost(chosen, costs)
                    method = .branchAndBound
                }
            }
        }
        let ordered = CoverageMaximizer.pickOrder(reduced, chosen: chosen, byRatio: minimize == .cost)
        let selected = ordered.map { (k, gain) -> SelectedSite in
            let j = Int(reduced.original[Int(k)])
            return SelectedSite(candidate: j, id: instance.candidateIDs[j], type: instance.candidateTypes[j],
                                costTenge: instance.candidateCosts[j], marginalGain: gain)
        }
        let fixed = instance.fixed.map { Int($0) }
        let objective = minimize == .count ? Double(selected.count) : instance.cost(of: selected.map(\.candidate))
        if proven { bound = objective }
        bound = min(bound, objective)
        return PlacementResult(
            problem: minimize == .count ? .setCoveringCount : .setCoveringCost, sense: .minimize,
            objective: objective, bound: bound,
            gap: PlacementResult.relativeGap(objective: objective, bound: bound, sense: .minimize),
            provenOptimal: proven, boundMethod: method, selected: selected,
            fixedIDs: fixed.map { instance.candidateIDs[$0] },
            objectiveBefore: instance.coveredWeight(by: fixed), totalWeight: total,
            costTenge: instance.cost(of: selected.map(\.candidate)), guarantee: nil, statistics: stats,
            coveredWeight: instance.coveredWeight(by: fixed + selected.map(\.candidate)))
    }

    static func cost(_ chosen: [Int32], _ costs: [Double]) -> Double {
        chosen.reduce(0) { $0 + costs[Int($1)] }
    }

    /// Greedy by min(gain, still needed) per cost (zero-cost useful sites first); lazy, since the
    /// truncated coverage min(f(S), need) is submodular.
    static func greedy(_ state: inout CoverageState, costs: [Double], need: Double, eps: Double) {
        let r = state.reduced
        for k in 0 ..< r.candidateCount where costs[k] == 0 && state.gain[k] > 0 && state.objective < need - eps {
            state.add(k)
        }
        var heap = IndexedMaxHeap(minimumCapacity: r.candidateCount)
        var stamp = [Int](repeating: -1, count: r.candidateCount)
        func key(_ k: Int) -> Double { min(state.freshGain(k), need - state.objective) / costs[k] }
        for k in 0 ..< r.candidateCount where !state.isChosen[k] && costs[k] > 0 {
            let v = key(k)
            stamp[k] = state.chosen.count
            if v > 0 { heap.push(v, Int32(k)) }
        }
        while state.objective < need - eps, let (_, item) = heap.pop() {
            let k = Int(item)
            if stamp[k] == state.chosen.count {
                state.add(k)
                continue
            }
            stamp[k] = state.chosen.count
            let v = key(k)
            if v > 0 { heap.push(v, item) }
        }
    }

    /// Removes sites not needed to keep the target, most expensive (then least useful) first.
    static func prune(_ state: inout CoverageState, costs: [Double], need: Double, eps: Double) {
        var changed = true
        while changed {
            changed = false
            let order = state.chosen.sorted { a, b in
                let ca = costs[Int(a)], cb = costs[Int(b)]
                if ca != cb { return ca > cb }
                let la = state.loss[Int(a)], lb = state.loss[Int(b)]
                return la < lb || (la == lb && a < b)
            }
            for j in order where state.objective - state.loss[Int(j)] >= need - eps {
                state.remove(Int(j))
                changed = true
                break
            }
        }
    }

    /// Counts only: while a plan with one site fewer, improved by swap local search, still
    /// reaches the target, take it. Returns the number of local-search moves.
    static func descend(_ state: inout CoverageState, need: Double, eps: Double, options: PlacementOptions) -> Int {
        var moves = 0
        while state.chosen.count > 1 {
            var trial = state
            let weakest = trial.chosen.min { a, b in
                let la = trial.loss[Int(a)], lb = trial.loss[Int(b)]
                return la < lb || (la == lb && a < b)
            }!
            trial.remove(Int(weakest))
            moves += SwapLocalSearch.run(&trial, limit: .count(trial.chosen.count), strategy: options.localSearch,
                                         seed: options.seed, maxMoves: options.maxLocalSearchMoves)
            guard trial.objective >= need - eps else { break }
            state = trial
        }
        return moves
    }

    static func describe(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format2(v))
    }

    static func format2(_ v: Double) -> String {
        let scaled = (v * 100).rounded() / 100
        return scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int64(scaled)) : String(scaled)
    }
}
