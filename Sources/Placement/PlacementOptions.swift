import GeoCore
/// How the swap local search picks its move.
public enum LocalSearchStrategy: String, Sendable, Equatable, CaseIterable {
    /// No local search: the greedy answer is returned as is.
    case none
    /// Visit the chosen sites in a seeded random order and apply the first improving swap found.
    case firstImprovement = "first"
    /// Apply the best swap over all chosen sites and all candidates in each pass.
    case bestImprovement = "best"
}

/// Knobs shared by all placement solvers. Every default is deterministic; the same instance,
/// options and seed give identical results.
public struct PlacementOptions: Sendable, Equatable {
    /// Seed of the solver's own PRNG (SplitMix64); used for the visiting order of first-improvement
    /// local search. Default 1.
    public var seed: UInt64 = 1
    /// Local search after the greedy construction. Default best improvement.
    public var localSearch: LocalSearchStrategy = .bestImprovement
    /// At most this many improving moves are applied by local search. Default 10,000.
    public var maxLocalSearchMoves: Int = 10_000
    /// Rounds of iterated local search (remove 2–5 random sites, refill greedily, swap search
    /// again, keep if better) after the first local search; 0 disables. Default 50.
    public var perturbationRounds: Int = 50
    /// Subgradient iterations of the Lagrangian bound (0: only the closed-form bounds). Default 300.
    public var boundIterations: Int = 300
    /// The Lagrangian iterations stop early once the relative gap is below this. Default 1e-4.
    public var boundTolerance: Double = 1e-4
    /// Branch and bound is tried when the reduced instance has at most this many candidates
    /// (0 disables it). When it finishes, the answer is proven optimal (gap 0). Default 48.
    public var exactCandidateLimit: Int = 48
    /// Node limit of the branch and bound; when it is hit, the best answer so far is kept and
    /// the ordinary bound is reported. Default 2,000,000.
    public var exactNodeLimit: Int = 2_000_000
    /// Merge demand pieces covered by exactly the same candidates before solving (same answer,
    /// less work). Default true.
    public var mergeIdenticalDemand: Bool = true

    /// All defaults (seed 1, best-improvement swaps, 50 perturbation rounds, 300 bound iterations).
    public init() {}

    /// Options with the given seed and local-search strategy, other fields at their defaults.
    public init(seed: UInt64, localSearch: LocalSearchStrategy = .bestImprovement) {
        self.seed = seed
        self.localSearch = localSearch
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable PRNG. Deterministic across
/// platforms; never use `SystemRandomNumberGenerator` where results must reproduce.

