import GeoCore

/// The pipeline shared by maximal coverage (times = 1) and backup coverage (times = 2):
/// reduce → lazy greedy (+ best single site for budgets) → swap local search → Lagrangian bound
/// started from the online bound → branch and bound when the reduced instance is small.
enum CoverageMaximizer {
    struct Outcome {
        var reduced: ReducedCoverage
        var chosen: [Int32]          // reduced candidate indices
        var reducedObjective: Double // satisfied reduced weight
        var reducedBound: Double
        var method: BoundMethod
        var proven: Bool
        var statistics: SolveStatistics
    }

    /// - Parameter stopBelow: stop the bound descent as soon as the bound (fixed-site weight
    ///   included) drops below this — used by p-center to prove a radius infeasible quickly.
    static func run(_ instance: CoverageInstance, times: Int, limit: PlacementLimit,
                    options: PlacementOptions, stopBelow: Double = -.infinity) -> Outcome {
        var maxCost = Double.infinity
        if case .budget(let b) = limit { maxCost = b + budgetSlack(b) }
        let reduced = ReducedCoverage(instance, times: times, maxCostTenge: maxCost, merge: options.mergeIdenticalDemand)
        var stats = SolveStatistics()
        stats.reducedDemandCount = reduced.demandCount
        stats.reducedCandidateCount = reduced.candidateCount
        stats.reducedNonzeroCount = reduced.nonzeroCount

        var state = CoverageState(reduced)
        for k in LazyGreedy.run(reduced, limit: limit) { state.add(Int(k)) }
        if case .budget(let b) = limit {
            // Best single paid site on top of the free ones (Khuller et al. 1999).
            var single = CoverageState(reduced)
            for k in 0 ..< reduced.candidateCount where reduced.costs[k] == 0 && single.gain[k] > 0 { single.add(k) }
            var bestK = -1
            var bestGain = 0.0
            for k in 0 ..< reduced.candidateCount where !single.isChosen[k] && reduced.costs[k] <= b + budgetSlack(b) {
                if single.gain[k] > bestGain {
                    bestGain = single.gain[k]
                    bestK = k
                }
            }
            if bestK >= 0 { single.add(bestK) }
            if single.exactObjective() > state.exactObjective() { state = single }
        }
        state.objective = state.exactObjective()
        stats.greedyObjective = reduced.baseObjective + state.objective
        let everything = reduced.totalWeight - 1e-12 * max(1, reduced.totalWeight)
        func allSatisfied() -> Outcome {
            // Everything that can be satisfied is: optimal, nothing to search or bound.
            Outcome(reduced: reduced, chosen: state.chosen, reducedObjective: state.objective,
                    reducedBound: state.objective, method: .trivial, proven: true, statistics: stats)
        }
        if state.objective >= everything { return allSatisfied() }

        stats.localSearchMoves = SwapLocalSearch.run(&state, limit: limit, strategy: options.localSearch,
                                                     seed: options.seed, maxMoves: options.maxLocalSearchMoves)
        stats.localSearchMoves += IteratedLocalSearch.run(&state, limit: limit, options: options,
                                                          rounds: options.perturbationRounds)
        if state.objective >= everything { return allSatisfied() }

        var lagrangian = MaximalCoverageUpperBound(reduced, limit: limit)
        let online = lagrangian.evaluate(MaximalCoverageUpperBound.onlineMultipliers(state))
        var bound = online
        var method = BoundMethod.onlineBound
        var incumbent = (plan: state.chosen, value: state.objective)
        let (descended, iterations) = lagrangian.descend(from: MaximalCoverageUpperBound.onlineMultipliers(state),
                                                         incumbent: &incumbent,
                                                         iterations: options.boundIterations,
                                                         tolerance: options.boundTolerance,
                                                         stopBelow: stopBelow - reduced.baseObjective)
        stats.boundIterations = iterations
        if descended < bound {
            bound = descended
            method = .lagrangian
        }
        if incumbent.value > state.objective {
            // The Lagrangian heuristic found a better plan: polish it with local search too.
            var better = CoverageState(reduced)
            for k in incumbent.plan { better.add(Int(k)) }
            better.objective = better.exactObjective()
            stats.localSearchMoves += SwapLocalSearch.run(&better, limit: limit, strategy: options.localSearch,
                                                          seed: options.seed, maxMoves: options.maxLocalSearchMoves)
            if better.objective > state.objective { state = better }
        }
        var chosen = state.chosen
        var objective = state.objective
        var proven = bound - objective <= 1e-9 * max(1, reduced.totalWeight)
        if !proven, options.exactCandidateLimit > 0, reduced.candidateCount <= options.exactCandidateLimit {
            let exact = MaximalCoverageBranchAndBound.solve(reduced, limit: limit, incumbent: chosen, incumbentValue: objective,
                                                     nodeLimit: options.exactNodeLimit)
            stats.branchAndBoundNodes = exact.nodes
            if exact.value > objective {
                chosen = exact.picks
                var check = CoverageState(reduced)
                for k in chosen { check.add(Int(k)) }
                objective = check.exactObjective()
            }
            if exact.proven {
                proven = true
                bound = objective
                method = .branchAndBound
            }
        }
        if proven, method != .branchAndBound { bound = max(objective, bound) }
        return Outcome(reduced: reduced, chosen: chosen, reducedObjective: objective,
                       reducedBound: max(bound, objective), method: method, proven: proven, statistics: stats)
    }

    /// Orders chosen reduced candidates as a lazy greedy on the surrogate would (by gain, or by
    /// gain per tenge for budgets) and reports each one's true marginal objective gain.
    static func pickOrder(_ r: ReducedCoverage, chosen: [Int32], byRatio: Bool) -> [(Int32, Double)] {
        var count = [Int32](repeating: 0, count: r.demandCount)
        func surrogate(_ k: Int) -> Double {
            var g = 0.0
            for p in r.offsets[k] ..< r.offsets[k + 1] {
                let i = Int(r.indices[p])
                if count[i] < r.need[i] { g += r.weights[i] / Double(r.need[i]) }
            }
            return g
        }
        func key(_ k: Int, _ g: Double) -> Double {
            guard byRatio else { return g }
            return r.costs[k] == 0 ? .greatestFiniteMagnitude : g / r.costs[k]
        }
        var heap = IndexedMaxHeap(minimumCapacity: chosen.count)
        for k in chosen { heap.push(key(Int(k), surrogate(Int(k))), k) }
        var stamp = [Int](repeating: 0, count: r.candidateCount)
        var out: [(Int32, Double)] = []
        while let (_, item) = heap.pop() {
            let k = Int(item)
            if stamp[k] != out.count {
                stamp[k] = out.count
                heap.push(key(k, surrogate(k)), item)
                continue
            }
            var gained = 0.0
            for p in r.offsets[k] ..< r.offsets[k + 1] {
                let i = Int(r.indices[p])
                count[i] += 1
                if count[i] == r.need[i] { gained += r.weights[i] }
            }
            out.append((item, gained))
        }
        return out
    }

    /// Assembles the public result; the objective is re-evaluated on the original instance.
    static func result(_ instance: CoverageInstance, outcome o: Outcome, times: Int, problem: PlacementProblem,
                       byRatio: Bool, guarantee: Double?) -> PlacementResult {
        let r = o.reduced
        let fixed = instance.fixed.map { Int($0) }
        let ordered = pickOrder(r, chosen: o.chosen, byRatio: byRatio)
        let selected = ordered.map { (k, gain) -> SelectedSite in
            let j = Int(r.original[Int(k)])
            return SelectedSite(candidate: j, id: instance.candidateIDs[j], type: instance.candidateTypes[j],
                                costTenge: instance.candidateCosts[j], marginalGain: gain)
        }
        let all = fixed + selected.map(\.candidate)
        let objective = instance.coveredWeight(by: all, times: times)
        let before = instance.coveredWeight(by: fixed, times: times)
        let bound = o.proven ? objective : max(r.baseObjective + o.reducedBound, objective)
        return PlacementResult(
            problem: problem, sense: .maximize, objective: objective, bound: bound,
            gap: PlacementResult.relativeGap(objective: objective, bound: bound, sense: .maximize),
            provenOptimal: o.proven, boundMethod: o.method, selected: selected,
            fixedIDs: fixed.map { instance.candidateIDs[$0] }, objectiveBefore: before,
            totalWeight: instance.totalDemandWeight, costTenge: instance.cost(of: selected.map(\.candidate)),
            guarantee: guarantee, statistics: o.statistics,
            coveredWeight: times == 1 ? objective : instance.coveredWeight(by: all))
    }
}
