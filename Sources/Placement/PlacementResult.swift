/// Which location problem a result answers.
public enum PlacementProblem: String, Sendable, Equatable {
    /// Maximal covering (MCLP) with a count of new sites.
    case maximalCoverageCount = "mclp-count"
    /// Maximal covering with a budget in tenge.
    case maximalCoverageBudget = "mclp-budget"
    /// Maximise the demand weight covered at least twice.
    case backupCoverage = "backup"
    /// Fewest new sites reaching a covered-weight target (LSCP).
    case setCoveringCount = "lscp-count"
    /// Cheapest new sites reaching a covered-weight target.
    case setCoveringCost = "lscp-cost"
    /// Minimise the weighted sum of travel times to the nearest open site.
    case pMedian = "p-median"
    /// Minimise the largest travel time to the nearest open site.
    case pCenter = "p-center"
}

/// Whether larger or smaller objectives are better.
public enum ObjectiveSense: String, Sendable, Equatable {
    case maximize, minimize
}

/// How the reported bound was obtained.
public enum BoundMethod: String, Sendable, Equatable {
    /// Branch and bound finished: the objective is optimal and the bound equals it.
    case branchAndBound = "branch-and-bound"
    /// Lagrangian relaxation (subgradient) of the LP relaxation.
    case lagrangian
    /// Submodular online bound f(S) + best marginal gains w.r.t. S (Minoux; Leskovec et al.).
    case onlineBound = "online-bound"
    /// A closed-form bound that needs no search (e.g. every demand at its nearest candidate).
    case trivial
}

/// One chosen site, in pick order.
public struct SelectedSite: Sendable, Equatable {
    /// Index of the candidate in the instance.
    public var candidate: Int
    /// The candidate's id.
    public var id: String
    /// The candidate's type ("" when unknown).
    public var type: String
    /// Cost in tenge.
    public var costTenge: Double
    /// Objective change when this site is added after the fixed sites and the sites listed before
    /// it (covered weight gained; for p-median/p-center the decrease of the travel-time objective).
    public var marginalGain: Double

    /// A chosen site; `costTenge` in tenge, `marginalGain` in objective units.
    public init(candidate: Int, id: String, type: String, costTenge: Double, marginalGain: Double) {
        self.candidate = candidate
        self.id = id
        self.type = type
        self.costTenge = costTenge
        self.marginalGain = marginalGain
    }
}

/// Counters from one solve (for reports and benchmarks; not part of the answer's meaning).
public struct SolveStatistics: Sendable, Equatable {
    /// Objective of the greedy construction before local search.
    public var greedyObjective: Double = 0
    /// Improving moves applied by local search.
    public var localSearchMoves: Int = 0
    /// Subgradient iterations spent on the bound.
    public var boundIterations: Int = 0
    /// Branch-and-bound nodes visited (0 when not run).
    public var branchAndBoundNodes: Int = 0
    /// Demand pieces / candidates / nonzeros left after removing what fixed sites already cover,
    /// useless candidates and (optionally) merging identical demand pieces.
    public var reducedDemandCount: Int = 0
    /// Candidates left after the reduction.
    public var reducedCandidateCount: Int = 0
    /// (Candidate, demand) pairs left after the reduction.
    public var reducedNonzeroCount: Int = 0

    /// All counters zero.
    public init() {}
}

/// The answer of a placement solver: the plan, its objective, and a proven bound on the optimum.
///
/// For maximisation problems `bound` is an upper bound on the optimum and
/// `gap = (bound − objective) / bound`; for minimisation problems `bound` is a lower bound and
/// `gap = (objective − bound) / objective`. Either way the plan is within `gap` of optimal:
/// objective ≥ (1 − gap)·optimum when maximising, optimum ≥ (1 − gap)·objective when minimising.
public struct PlacementResult: Sendable, Equatable {
    /// Which problem was solved.
    public var problem: PlacementProblem
    /// Whether the objective is maximised or minimised.
    public var sense: ObjectiveSense
    /// Objective of the plan, fixed sites included (covered weight; tenge or site count for LSCP;
    /// weighted seconds for p-median; seconds for p-center).
    public var objective: Double
    /// Proven bound on the optimum (upper when maximising, lower when minimising).
    public var bound: Double
    /// Relative distance between objective and bound, in [0, 1].
    public var gap: Double
    /// True when the plan is proven optimal (bound met within rounding).
    public var provenOptimal: Bool
    /// Which method gave `bound`.
    public var boundMethod: BoundMethod
    /// The new sites in pick order with marginal gains and costs (fixed sites not included).
    public var selected: [SelectedSite]
    /// Ids of the fixed (already installed) sites, counted in the objective.
    public var fixedIDs: [String]
    /// The objective with only the fixed sites (`nil` when it is undefined, e.g. a p-median
    /// with no fixed site).
    public var objectiveBefore: Double?
    /// Total demand weight (covered fractions are `objective / totalWeight`).
    public var totalWeight: Double
    /// Summed cost of the new sites, in tenge.
    public var costTenge: Double
    /// An a-priori approximation ratio of the construction heuristic, when one is known
    /// (1 − 1/e for count-limited MCLP; (1 − 1/e)/2 for the budgeted variant); `nil` otherwise.
    public var guarantee: Double?
    /// Counters of the solve (greedy objective, moves, iterations, nodes, reduced sizes).
    public var statistics: SolveStatistics
    /// Demand weight covered at least once by the chosen and fixed sites (covering problems; for
    /// maximal coverage it equals `objective`); `nil` for p-median and p-center.
    public var coveredWeight: Double? = nil

    /// Upper bound on the optimum: `bound` when maximising, else the objective itself.
    public var upperBound: Double { sense == .maximize ? bound : objective }
    /// Lower bound on the optimum: the objective when maximising, else `bound`.
    public var lowerBound: Double { sense == .maximize ? objective : bound }

    /// The ids of the new sites in pick order.
    public var selectedIDs: [String] { selected.map(\.id) }

    /// Relative gap of a maximisation (`upper` ≥ `objective` ≥ 0) or minimisation answer.
    static func relativeGap(objective: Double, bound: Double, sense: ObjectiveSense) -> Double {
        switch sense {
        case .maximize:
            guard bound > 0 else { return 0 }
            return min(1, max(0, (bound - objective) / bound))
        case .minimize:
            guard objective > 0 else { return 0 }
            return min(1, max(0, (objective - bound) / objective))
        }
    }
}
