import GeoCore

/// How many officers it takes to keep one position filled around the clock: the shift relief
/// factor.
///
/// The standard computation (e.g. J. M. Wilson & A. Weiss, *A Performance-Based Approach to
/// Police Staffing and Allocation*, COPS Office 2012, "shift relief factor"; the same formula is
/// used for any 24/7 post):
///
///     relief factor = hours to cover per year ÷ productive hours per officer per year
///     hours to cover = 24 × 365 = 8,760 per position
///     productive hours = weekly hours × 52 − (leave + holidays + training + sickness) days × shift-day hours
///
/// Default assumptions (stated, to be replaced by the department's own records): a 40-hour week
/// (Labour Code of the Republic of Kazakhstan, art. 68 — normal working time at most 40 hours a
/// week), 8-hour day; 30 calendar days of annual leave ≈ 22 working days (law-enforcement
/// service, assumed); 10 public holidays off; 5 days of training; 5 days of sickness. Productive hours =
/// 2,080 − 42 × 8 = 1,744; relief factor = 8,760 / 1,744 = 5.02 officers per round-the-clock
/// position.
public struct ReliefFactor: Sendable, Hashable {
    public var weeklyHours: Double = 40
    public var dayHours: Double = 8
    public var leaveDays: Double = 22
    public var holidayDays: Double = 10
    public var trainingDays: Double = 5
    public var sicknessDays: Double = 5
    /// Hours a position is staffed per day (24 for round the clock).
    public var coveredHoursPerDay: Double = 24

    public init() {}

    /// Productive hours per officer per year.
    public var productiveHours: Double {
        weeklyHours * 52 - (leaveDays + holidayDays + trainingDays + sicknessDays) * dayHours
    }

    /// Hours one position must be covered per year.
    public var coveredHours: Double { coveredHoursPerDay * 365 }

    /// Officers per position: `coveredHours / productiveHours`.
    public var officersPerPosition: Double { coveredHours / productiveHours }

    /// Checks the assumptions: hours in (0, 168] a week, (0, 24] a day, days ≥ 0, at least one
    /// productive hour left.
    ///
    /// - Throws: `CovplanError(.dataError)` naming the setting (`source` as the file).
    public func validate(source: String = "staffing") throws {
        func check(_ v: Double, _ name: String, _ range: ClosedRange<Double>) throws {
            guard v.isFinite, range.contains(v) else {
                throw CovplanError(.dataError, file: source, feature: name, "must be in \(range.lowerBound)…\(range.upperBound), found \(v)")
            }
        }
        try check(weeklyHours, "weekly_hours", 1...168)
        try check(dayHours, "day_hours", 1...24)
        try check(coveredHoursPerDay, "covered_hours_per_day", 1...24)
        for (v, n) in [(leaveDays, "leave_days"), (holidayDays, "holiday_days"), (trainingDays, "training_days"), (sicknessDays, "sickness_days")] {
            try check(v, n, 0...365)
        }
        guard productiveHours > 0 else {
            throw CovplanError(.dataError, file: source, feature: "relief", "leave, holidays, training and sickness leave no productive hours (\(productiveHours))")
        }
    }
}

/// Staff for posts staffed around the clock.
public struct PostStaffing: Sendable, Hashable {
    public var posts: Int
    /// Officers on duty at each post at any time.
    public var officersOnDuty: Int
    public var relief: ReliefFactor
    /// Officers to employ: ⌈posts × on duty × relief factor⌉.
    public var officersNeeded: Int

    /// - Throws: `CovplanError(.dataError)` for a negative count or bad relief assumptions.
    public static func compute(posts: Int, officersOnDuty: Int, relief: ReliefFactor = ReliefFactor(), source: String = "staffing") throws -> PostStaffing {
        try relief.validate(source: source)
        guard posts >= 0, officersOnDuty >= 1, officersOnDuty <= 100 else {
            throw CovplanError(.dataError, file: source, feature: "officers_per_post", "needs posts ≥ 0 and 1…100 officers on duty per post, found \(posts) posts, \(officersOnDuty) on duty")
        }
        let n = Double(posts * officersOnDuty) * relief.officersPerPosition
        return PostStaffing(posts: posts, officersOnDuty: officersOnDuty, relief: relief,
                            officersNeeded: Int((n - 1e-9).rounded(.up)))
    }
}
