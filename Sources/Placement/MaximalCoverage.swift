import GeoCore

/// Maximal covering location problem (MCLP, Church & ReVelle 1974) over a sparse
/// `CoverageInstance`: choose at most `p` new sites, or new sites whose total cost fits a budget
/// in tenge, to maximise the weight of demand covered by at least one chosen or fixed site.
///
/// Method: lazy greedy (count: (1 − 1/e) guarantee, Nemhauser–Wolsey–Fisher 1978; budget:
/// cost-benefit greedy and the best single site, the better of the two — (1 − 1/e)/2
/// (Leskovec et al. 2007), 1 − 1/√e per Khuller, Moss, Naor 1999), then swap local search, then
/// an upper bound: the smaller of the submodular online bound and the Lagrangian (LP)
/// relaxation descended by subgradient. Small reduced instances (≤ `exactCandidateLimit`
/// candidates) are solved exactly by branch and bound, so the answer there is optimal.
/// Typical cost O(nonzeros · (log candidates + bound iterations)).
public enum MaximalCoverage {
    /// Solves the MCLP with the instance's `limit` (count or budget).
    ///
    /// - Throws: `CovplanError(.usage)` when the instance has no limit, the count is larger than
    ///   the number of candidates that are not already installed, or the budget is below the
    ///   cheapest such candidate — each message says what is possible instead.
    public static func solve(_ instance: CoverageInstance, options: PlacementOptions = PlacementOptions()) throws
        -> PlacementResult {
        guard let limit = instance.limit else {
            throw CovplanError(.usage, "maximal coverage needs a count of new sites or a budget in tenge; give one of them")
        }
        try LimitCheck.validate(instance, limit)
        let outcome = CoverageMaximizer.run(instance, times: 1, limit: limit, options: options)
        switch limit {
        case .count:
            return CoverageMaximizer.result(instance, outcome: outcome, times: 1, problem: .maximalCoverageCount,
                                            byRatio: false, guarantee: 1 - 1 / 2.718281828459045)
        case .budget:
            return CoverageMaximizer.result(instance, outcome: outcome, times: 1, problem: .maximalCoverageBudget,
                                            byRatio: true, guarantee: (1 - 1 / 2.718281828459045) / 2)
        }
    }
}

/// Backup coverage (Hogan & ReVelle 1986): choose new sites under a count or budget to maximise
/// the weight of demand covered by at least TWO chosen or fixed sites.
///
/// This objective is not submodular, so no a-priori guarantee is claimed. Method: lazy greedy on
/// the submodular surrogate Σ w_i·min(covers_i, 2)/2, swap local search on the true objective,
/// Lagrangian (LP) upper bound started from the modular bound of the plan, branch and bound on
/// small reduced instances.
public enum BackupCoverage {
    /// Solves backup coverage with the instance's `limit`.
    /// - Throws: like `MaximalCoverage.solve`.
    public static func solve(_ instance: CoverageInstance, options: PlacementOptions = PlacementOptions()) throws
        -> PlacementResult {
        guard let limit = instance.limit else {
            throw CovplanError(.usage, "backup coverage needs a count of new sites or a budget in tenge; give one of them")
        }
        try LimitCheck.validate(instance, limit)
        let outcome = CoverageMaximizer.run(instance, times: 2, limit: limit, options: options)
        let byRatio: Bool = { if case .budget = limit { return true } else { return false } }()
        return CoverageMaximizer.result(instance, outcome: outcome, times: 2, problem: .backupCoverage,
                                        byRatio: byRatio, guarantee: nil)
    }
}

/// Checks of a count or budget against the candidates, with messages that say what is possible.
enum LimitCheck {
    static func validate(_ instance: CoverageInstance, _ limit: PlacementLimit) throws {
        var isFixed = [Bool](repeating: false, count: instance.candidateCount)
        for f in instance.fixed { isFixed[Int(f)] = true }
        let open = (0 ..< instance.candidateCount).filter { !isFixed[$0] }
        switch limit {
        case .count(let p):
            if p > open.count {
                throw CovplanError(.usage, "count \(p) is larger than the \(open.count) candidate sites not already installed; choose at most \(open.count) new sites or add candidates")
            }
        case .budget(let b):
            guard let cheapest = open.min(by: { instance.candidateCosts[$0] < instance.candidateCosts[$1] }) else {
                throw CovplanError(.usage, "there are no candidate sites besides the \(instance.fixed.count) installed ones; nothing can be bought")
            }
            let c = instance.candidateCosts[cheapest]
            if b + budgetSlack(b) < c {
                throw CovplanError(.usage, "budget \(formatTenge(b)) tenge is below the cheapest candidate site ('\(instance.candidateIDs[cheapest])', \(formatTenge(c)) tenge); a budget of at least \(formatTenge(c)) tenge buys one site")
            }
        }
    }
}

/// A tenge amount without a spurious fraction ("45000000", "1250.5").
func formatTenge(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 9e15 ? String(Int64(v)) : String(v)
}
