/// Steady-state performance of a hypercube model (exact or approximate).
public struct HypercubeResult: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// Larson (1974): the 2^N-state Markov chain solved numerically.
        case exact
        /// Larson (1975) A-hypercube: N non-linear equations with M/M/N correction factors.
        case approximate
    }

    public var method: Method
    /// ρ_n: long-run fraction of time each unit is busy.
    public var workloads: [Double]
    /// f_nj, row-major `[n * atomCount + j]`: fraction of all calls that are atom j's calls served
    /// by unit n (sums to 1 over n and j; queued calls included).
    public var dispatchFractions: [Double]
    /// P_Q: probability that a call finds all units busy and waits.
    public var queueProbability: Double
    /// Mean wait in queue over all calls, seconds.
    public var meanQueueWaitSeconds: Double
    /// Share of calls served by a unit other than the atom's district (primary) unit.
    public var interdistrictFraction: Double
    /// Per unit: share of its dispatches that leave its own district.
    public var unitInterdistrictFraction: [Double]
    /// Mean travel time over all calls, seconds (nil without a travel table). Queued calls are
    /// costed from the serving unit's home.
    public var meanTravelSeconds: Double?
    /// Mean travel time per atom (nil without a travel table).
    public var atomMeanTravelSeconds: [Double]?
    /// Mean response (queue wait + travel) over all calls (nil without a travel table).
    public var meanResponseSeconds: Double?
    /// Mean response per atom: its mean travel plus the (FCFS, atom-independent) mean queue wait.
    public var atomMeanResponseSeconds: [Double]?
    /// Exact model only: P(B) for each busy set B (bit n = unit n busy); the all-busy entry
    /// includes the probability of all queue states. Nil for the approximation.
    public var stateProbabilities: [Double]?
    /// Iterations used by the numerical method.
    public var iterations: Int
    /// Largest change in the last iteration (convergence measure).
    public var lastChange: Double
}
