import GeoCore
/// Iterated local search (Lourenço, Martin, Stützle 2003) around `SwapLocalSearch`: remove a few
/// chosen sites at random, refill greedily (best gain + ½·reach — see `CoverageState.reach` — or
/// that per tenge for budgets), run the
/// swap search again, keep the result if it is strictly better. Escapes swap-local optima that
/// differ from better plans in several sites at once. After a perturbation only the sites that
/// share demand with a removed or added site are tried for removal; a final full swap search
/// confirms local optimality. Deterministic for a seed; a round costs O(candidates · refilled +
/// the neighbourhood of the change).
enum IteratedLocalSearch {
    static func run(_ state: inout CoverageState, limit: PlacementLimit, options: PlacementOptions, rounds: Int) -> Int {
        guard rounds > 0, options.localSearch != .none, state.chosen.count > 1 else { return 0 }
        let r = state.reduced
        let eps = 1e-11 * max(1, r.totalWeight)
        var rng = SplitMix64(seed: options.seed ^ 0xA076_1D64_78BD_642F)
        var best = state
        var moves = 0
        var budget = Double.infinity, maxCount = Int.max
        switch limit {
        case .count(let p): maxCount = p
        case .budget(let b): budget = b + budgetSlack(b)
        }
        let everything = r.totalWeight - 1e-12 * max(1, r.totalWeight)
        for _ in 0 ..< rounds where best.objective < everything {
            var trial = best
            let removeCount = min(trial.chosen.count - 1, 2 + rng.nextIndex(4))
            for _ in 0 ..< removeCount {
                let j = trial.chosen[rng.nextIndex(trial.chosen.count)]
                trial.remove(Int(j))
            }
            var wasChosen = [Bool](repeating: false, count: r.candidateCount)
            for k in trial.chosen { wasChosen[Int(k)] = true }
            let removed = best.chosen.filter { !trial.isChosen[Int($0)] }
            var isRemoved = [Bool](repeating: false, count: r.candidateCount)
            for k in removed { isRemoved[Int(k)] = true }
            while trial.chosen.count < maxCount {
                var pick = -1
                var pickKey = 0.0
                let left = budget - trial.costTenge
                for k in 0 ..< r.candidateCount
                    where !trial.isChosen[k] && trial.gain[k] + trial.reach[k] > eps && r.costs[k] <= left {
                    if isRemoved[k] { continue }
                    let value = trial.gain[k] + 0.5 * trial.reach[k]
                    let key = budget.isFinite ? (r.costs[k] > 0 ? value / r.costs[k] : .infinity) : value
                    if key > pickKey {
                        pickKey = key
                        pick = k
                    }
                }
                guard pick >= 0 else { break }
                trial.add(pick)
            }
            // Only sites near the change are tried for removal.
            var focus = [Bool](repeating: false, count: r.candidateCount)
            var changed = removed
            for k in trial.chosen where !wasChosen[Int(k)] { changed.append(k) }
            for s in changed {
                focus[Int(s)] = true
                for p in r.offsets[Int(s)] ..< r.offsets[Int(s) + 1] {
                    let i = Int(r.indices[p])
                    for q in r.demandOffsets[i] ..< r.demandOffsets[i + 1] { focus[Int(r.demandIndices[q])] = true }
                }
            }
            moves += SwapLocalSearch.run(&trial, limit: limit, strategy: options.localSearch,
                                         seed: rng.next(), maxMoves: options.maxLocalSearchMoves, focus: focus)
            if trial.objective > best.objective + eps {
                best = trial
                moves += 1
            }
        }
        if best.objective > state.objective {
            // Confirm swap-local optimality over all sites.
            moves += SwapLocalSearch.run(&best, limit: limit, strategy: options.localSearch, seed: options.seed,
                                         maxMoves: options.maxLocalSearchMoves)
            state = best
        }
        return moves
    }
}
