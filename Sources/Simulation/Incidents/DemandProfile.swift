import GeoCore

/// Relative incident intensity by hour of day and day of week (t = 0 is Monday 00:00).
///
/// The rate at time t is `meanRate × hourly[h] / mean(hourly) × weekday[d] / mean(weekday)`, so
/// the profile shapes *when* incidents happen without changing the weekly mean rate.
public struct DemandProfile: Sendable, Hashable {
    /// 24 relative weights, hour 0 = 00:00–01:00.
    public var hourly: [Double]
    /// 7 relative weights, index 0 = Monday.
    public var weekday: [Double]

    public init(hourly: [Double] = Array(repeating: 1, count: 24),
                weekday: [Double] = Array(repeating: 1, count: 7)) {
        self.hourly = hourly
        self.weekday = weekday
    }

    /// A flat profile (homogeneous Poisson process).
    public static let flat = DemandProfile()

    /// An illustrative urban police call profile (assumption, not data): quietest 04:00–06:00 at
    /// 40 % of the daily mean level, peaking 18:00–21:00 at about 150 %; Friday and Saturday 10 %
    /// above the other days.
    public static let typicalUrbanPolice = DemandProfile(
        hourly: [1.00, 0.85, 0.70, 0.55, 0.45, 0.40, 0.45, 0.60, 0.80, 0.95, 1.00, 1.05,
                 1.10, 1.10, 1.15, 1.20, 1.30, 1.40, 1.50, 1.55, 1.50, 1.40, 1.25, 1.10],
        weekday: [1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.0])

    /// Throws `CovplanError(.usage)` unless there are 24 hourly and 7 weekday weights, all finite,
    /// ≥ 0, each set with a positive sum.
    public func validate() throws {
        guard hourly.count == 24 else {
            throw CovplanError(.usage, "demand profile needs 24 hourly weights, got \(hourly.count)")
        }
        guard weekday.count == 7 else {
            throw CovplanError(.usage, "demand profile needs 7 weekday weights, got \(weekday.count)")
        }
        for w in hourly + weekday where !(w.isFinite && w >= 0) {
            throw CovplanError(.usage, "demand profile weights must be finite and ≥ 0, got \(w)")
        }
        guard hourly.reduce(0, +) > 0, weekday.reduce(0, +) > 0 else {
            throw CovplanError(.usage, "demand profile weights must not all be zero")
        }
    }

    /// Multiplier of the mean rate for each of the 168 hours of a week (mean 1).
    func weeklyMultipliers() -> [Double] {
        let hm = hourly.reduce(0, +) / 24
        let dm = weekday.reduce(0, +) / 7
        var out = [Double](repeating: 0, count: 168)
        for d in 0..<7 {
            for h in 0..<24 { out[d * 24 + h] = hourly[h] / hm * weekday[d] / dm }
        }
        return out
    }
}
