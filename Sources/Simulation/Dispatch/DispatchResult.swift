/// Distribution summary of response times (call → first unit on scene), in seconds.
///
/// Percentiles are nearest-rank: p-th = the ⌈p·n⌉-th smallest value. All zero when `count` is 0.
public struct ResponseSummary: Sendable, Hashable {
    public var count: Int
    public var meanSeconds: Double
    public var p50Seconds: Double
    public var p90Seconds: Double
    public var maxSeconds: Double
    /// Share of incidents whose response time is ≤ their type's target.
    public var withinTargetFraction: Double

    public init(count: Int, meanSeconds: Double, p50Seconds: Double, p90Seconds: Double,
                maxSeconds: Double, withinTargetFraction: Double) {
        self.count = count
        self.meanSeconds = meanSeconds
        self.p50Seconds = p50Seconds
        self.p90Seconds = p90Seconds
        self.maxSeconds = maxSeconds
        self.withinTargetFraction = withinTargetFraction
    }

    /// Summary of `values` (any order) with `withinTarget` of them on time. Expected O(n).
    init(values: [Double], withinTarget: Int) {
        count = values.count
        guard !values.isEmpty else {
            meanSeconds = 0; p50Seconds = 0; p90Seconds = 0; maxSeconds = 0; withinTargetFraction = 0
            return
        }
        var work = values
        var sum = 0.0
        var largest = -Double.infinity
        for v in values {
            sum += v
            if v > largest { largest = v }
        }
        meanSeconds = sum / Double(values.count)
        (p50Seconds, p90Seconds) = OrderStatistics.nearestRanks(0.5, 0.9, in: &work)
        maxSeconds = largest
        withinTargetFraction = Double(withinTarget) / Double(values.count)
    }
}

/// Queue waits (call → dispatch), in seconds, over counted incidents.
public struct WaitSummary: Sendable, Hashable {
    /// Share of incidents that found no unit available and waited.
    public var delayedFraction: Double
    /// Mean wait over all counted incidents (0 for those dispatched at once).
    public var meanSeconds: Double
    /// Mean wait of those that waited.
    public var meanIfDelayedSeconds: Double
    public var p90Seconds: Double
    public var maxSeconds: Double
    /// Longest queue seen (incidents waiting at once), over the whole run.
    public var maxQueueLength: Int
}

/// Figures of one response unit.
public struct UnitFigures: Sendable, Hashable {
    public var id: String
    /// Dispatches to counted incidents.
    public var dispatches: Int
    /// Unavailable time inside the counted period [warm-up, study end], seconds.
    public var busySeconds: Double
    /// `busySeconds / counted period` (0…1).
    public var utilization: Double
    /// Mean travel time of its counted dispatches, seconds.
    public var meanTravelSeconds: Double
    /// Counted dispatches to atoms whose primary unit is another unit.
    public var crossBeatDispatches: Int
}

/// Figures of one zone (precinct).
public struct ZoneFigures: Sendable, Hashable {
    public var name: String
    public var residents: Double
    public var incidents: Int
    /// Incidents per 10,000 residents over the counted period; nil when the zone has no residents.
    public var incidentsPer10kResidents: Double?
    public var response: ResponseSummary
}

/// Figures of one incident type.
public struct TypeFigures: Sendable, Hashable {
    public var name: String
    public var priority: Int
    public var response: ResponseSummary
    public var meanWaitSeconds: Double
}

/// Per-incident outcomes (all incidents, including warm-up), struct-of-arrays by incident index.
public struct IncidentOutcomes: Sendable, Hashable {
    /// Unit index sent.
    public var unit: [Int32]
    /// Time the unit was dispatched (seconds).
    public var dispatchSeconds: [Double]
    /// Time the unit reached the scene.
    public var onSceneSeconds: [Double]
    /// Time the unit cleared the scene.
    public var clearSeconds: [Double]
}

/// Everything a dispatch simulation run reports.
public struct DispatchResult: Sendable, Hashable {
    /// Incidents counted (called at or after the warm-up).
    public var incidents: Int
    /// Length of the counted period (study end − warm-up), seconds.
    public var countedSeconds: Double
    public var response: ResponseSummary
    /// Mean travel time (dispatch → on scene) of counted incidents.
    public var meanTravelSeconds: Double
    public var wait: WaitSummary
    public var types: [TypeFigures]
    public var units: [UnitFigures]
    /// Mean of the units' utilisations.
    public var meanUtilization: Double
    /// Share of counted dispatches that sent a unit other than the atom's primary unit.
    public var crossBeatFraction: Double
    /// Per zone, in `StudyArea.zoneNames` order.
    public var zones: [ZoneFigures]
    /// Counted incidents per atom.
    public var atomIncidents: [Int]
    /// Mean response time per atom (0 where no incidents).
    public var atomMeanResponseSeconds: [Double]
    /// Mean travel time per atom (0 where no incidents).
    public var atomMeanTravelSeconds: [Double]
    /// Per-incident outcomes when `recordOutcomes` was set.
    public var outcomes: IncidentOutcomes?
}
