/// Cost-aware clean-up of a covering plan: a chosen site is replaced by a cheaper candidate when
/// the plan then covers at least as much demand weight — so a plan never pays for an expensive
/// type where a cheap one gives the same gain. The count is unchanged, the covered weight never
/// drops and the cost strictly falls with each swap, so a count or budget stays met, a set
/// covering target stays reached, and the bound stays valid (the objective of a maximal coverage
/// is unchanged or higher; of a cheapest cover, lower).
public enum CheaperSwap {
    /// Applies swaps (most expensive chosen site first; for each the cheapest replacement, ties
    /// by covered weight then index) until none helps, and returns the result with selection,
    /// cost, objective (when it is cost) and gap updated. Sites keep their pick order slot.
    ///
    /// - Complexity: O(rounds · chosen · candidates · cover size) in the worst case; candidates
    ///   that cost at least the chosen site are skipped at once.
    public static func apply(_ result: PlacementResult, instance: CoverageInstance) throws -> PlacementResult {
        var chosen = result.selected.map(\.candidate)
        guard !chosen.isEmpty else { return result }
        let costs = instance.candidateCosts
        let fixed = instance.fixed.map(Int.init)
        var count = [Int32](repeating: 0, count: instance.demandCount)
        for j in fixed + chosen { for d in instance.covers(j) { count[Int(d)] += 1 } }
        var isChosen = [Bool](repeating: false, count: instance.candidateCount)
        for j in fixed + chosen { isChosen[j] = true }
        let byCost = (0..<instance.candidateCount).sorted { (costs[$0], $0) < (costs[$1], $1) }
        // Demand → candidates covering it (a replacement must cover what only j covers).
        var first = [Int](repeating: 0, count: instance.demandCount + 1)
        for d in instance.coverIndices { first[Int(d) + 1] += 1 }
        for i in 0..<instance.demandCount { first[i + 1] += first[i] }
        var fill = first
        var coveredBy = [Int32](repeating: 0, count: instance.coverIndices.count)
        for j in 0..<instance.candidateCount {
            for d in instance.covers(j) { coveredBy[fill[Int(d)]] = Int32(j); fill[Int(d)] += 1 }
        }
        var improved = true
        var rounds = 0
        while improved && rounds < 100 {
            improved = false
            rounds += 1
            let order = chosen.indices.sorted { (-costs[chosen[$0]], chosen[$0]) < (-costs[chosen[$1]], chosen[$1]) }
            for slot in order {
                let j = chosen[slot]
                // Weight only j covers (lost when it goes).
                var loss = 0.0
                var uniquePiece = -1
                for d in instance.covers(j) where count[Int(d)] == 1 {
                    loss += instance.demandWeights[Int(d)]
                    if uniquePiece < 0 { uniquePiece = Int(d) }
                }
                // Candidates that could replace j: those covering one of its unique pieces (any
                // when it has none), cheapest first.
                let pool: [Int] = uniquePiece < 0 ? byCost
                    : coveredBy[first[uniquePiece]..<first[uniquePiece + 1]].map(Int.init).sorted { (costs[$0], $0) < (costs[$1], $1) }
                for k in pool {
                    guard costs[k] < costs[j] else { break }
                    guard !isChosen[k] else { continue }
                    // Weight k adds once j is gone.
                    var gain = 0.0
                    for d in instance.covers(k) {
                        let c = count[Int(d)] - (instance.covers(j).contains(d) ? 1 : 0)
                        if c == 0 { gain += instance.demandWeights[Int(d)] }
                    }
                    guard gain >= loss - 1e-9 * max(1, loss) else { continue }
                    for d in instance.covers(j) { count[Int(d)] -= 1 }
                    for d in instance.covers(k) { count[Int(d)] += 1 }
                    isChosen[j] = false
                    isChosen[k] = true
                    chosen[slot] = k
                    improved = true
                    break
                }
            }
        }
        guard chosen != result.selected.map(\.candidate) else { return result }
        var r = result
        var running = [Int32](repeating: 0, count: instance.demandCount)
        for j in fixed { for d in instance.covers(j) { running[Int(d)] += 1 } }
        r.selected = chosen.map { j in
            var gain = 0.0
            for d in instance.covers(j) {
                if running[Int(d)] == 0 { gain += instance.demandWeights[Int(d)] }
                running[Int(d)] += 1
            }
            return SelectedSite(candidate: j, id: instance.candidateIDs[j], type: instance.candidateTypes[j],
                                costTenge: costs[j], marginalGain: gain)
        }
        r.costTenge = instance.cost(of: chosen)
        let covered = instance.coveredWeight(by: fixed + chosen)
        if r.coveredWeight != nil { r.coveredWeight = covered }
        switch r.problem {
        case .maximalCoverageCount, .maximalCoverageBudget:
            r.objective = covered
        case .setCoveringCost:
            r.objective = r.costTenge
        default:
            break
        }
        r.bound = r.sense == .maximize ? max(r.bound, r.objective) : min(r.bound, r.objective)
        r.gap = PlacementResult.relativeGap(objective: r.objective, bound: r.bound, sense: r.sense)
        return r
    }
}
