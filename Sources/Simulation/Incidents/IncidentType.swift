import GeoCore

/// A kind of incident: its dispatch priority, share of all incidents, on-scene time and target.
///
/// Priority: **1 is the most urgent**; a waiting incident with a smaller priority number is
/// served before any waiting incident with a larger one (FIFO within a priority). Priorities
/// re-order the waiting queue only; a unit already committed is never pre-empted.
public struct IncidentType: Sendable, Hashable {
    /// Stable machine name (e.g. `"citizen-102-app"`).
    public var name: String
    /// 1 = most urgent. Any integer ≥ 1.
    public var priority: Int
    /// Relative frequency among generated incidents (≥ 0; normalised over all types).
    public var share: Double
    /// Time the unit spends on scene, in seconds.
    public var onScene: DurationDistribution
    /// Response-time target in seconds (call to unit on scene) used for "within target" shares.
    public var targetSeconds: Double
    /// Optional type-specific spatial weights per atom (e.g. 1 at school atoms, 0 elsewhere for
    /// panic-button alarms). When nil, incidents of this type follow the generator's atom weights.
    public var atomWeights: [Double]?

    public init(name: String, priority: Int, share: Double, onScene: DurationDistribution,
                targetSeconds: Double, atomWeights: [Double]? = nil) {
        self.name = name
        self.priority = priority
        self.share = share
        self.onScene = onScene
        self.targetSeconds = targetSeconds
        self.atomWeights = atomWeights
    }

    /// Throws `CovplanError(.usage)` for a priority < 1, a negative/NaN share or target, or a bad
    /// on-scene distribution.
    public func validate() throws {
        guard priority >= 1 else {
            throw CovplanError(.usage, "incident type '\(name)': priority must be ≥ 1 (1 = most urgent), got \(priority)")
        }
        guard share.isFinite, share >= 0 else {
            throw CovplanError(.usage, "incident type '\(name)': share must be a finite number ≥ 0, got \(share)")
        }
        guard targetSeconds.isFinite, targetSeconds >= 0 else {
            throw CovplanError(.usage, "incident type '\(name)': target must be ≥ 0 seconds, got \(targetSeconds)")
        }
        try onScene.validate("incident type '\(name)' on-scene time")
    }
}

extension IncidentType {
    /// Documented default mix (illustrative planning assumptions, not measured data — replace
    /// them with the local call-for-service statistics when available):
    ///
    /// | name | priority | share | on-scene (log-normal mean / sd) | target |
    /// | --- | --- | --- | --- | --- |
    /// | `school-panic-alarm` (school panic button to the control centre) | 1 | 1 % | 20 / 10 min | 5 min |
    /// | `citizen-102-app` (citizen call via the 102 line/app) | 2 | 64 % | 30 / 20 min | 10 min |
    /// | `traffic-incident` | 3 | 35 % | 40 / 25 min | 15 min |
    ///
    /// `schoolAtomWeights`, when given, places panic-button alarms only at school atoms.
    public static func defaultMix(schoolAtomWeights: [Double]? = nil) -> [IncidentType] {
        [
            IncidentType(name: "school-panic-alarm", priority: 1, share: 0.01,
                         onScene: .logNormal(meanSeconds: 20 * 60, standardDeviationSeconds: 10 * 60),
                         targetSeconds: 5 * 60, atomWeights: schoolAtomWeights),
            IncidentType(name: "citizen-102-app", priority: 2, share: 0.64,
                         onScene: .logNormal(meanSeconds: 30 * 60, standardDeviationSeconds: 20 * 60),
                         targetSeconds: 10 * 60),
            IncidentType(name: "traffic-incident", priority: 3, share: 0.35,
                         onScene: .logNormal(meanSeconds: 40 * 60, standardDeviationSeconds: 25 * 60),
                         targetSeconds: 15 * 60),
        ]
    }
}
