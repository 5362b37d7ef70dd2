import GeoCore
import Staffing
import Testing

@Suite struct ReliefFactorTests {
    /// The default: 8,760 h ÷ (40 × 52 − (22 + 10 + 5 + 5) × 8 = 1,744 h) = 5.0229 officers per
    /// round-the-clock position; 10 posts (Uralsk) with one officer on duty need ⌈50.23⌉ = 51.
    @Test func defaultReliefFactorByHand() throws {
        let r = ReliefFactor()
        #expect(r.productiveHours == 1744)
        #expect(abs(r.officersPerPosition - 8760.0 / 1744.0) < 1e-12)
        let s = try PostStaffing.compute(posts: 10, officersOnDuty: 1)
        #expect(s.officersNeeded == 51)
        let two = try PostStaffing.compute(posts: 10, officersOnDuty: 2)
        #expect(two.officersNeeded == 101)  // 100.46 → 101
        #expect(try PostStaffing.compute(posts: 0, officersOnDuty: 1).officersNeeded == 0)
    }

    /// A 12-hour post at a 48-hour week with no absences: 4,380 / 2,496 = 1.755 per position.
    @Test func configurable() throws {
        var r = ReliefFactor()
        r.coveredHoursPerDay = 12
        r.weeklyHours = 48
        r.leaveDays = 0; r.holidayDays = 0; r.trainingDays = 0; r.sicknessDays = 0
        #expect(abs(r.officersPerPosition - 4380.0 / 2496.0) < 1e-12)
        #expect(try PostStaffing.compute(posts: 4, officersOnDuty: 1, relief: r).officersNeeded == 8)  // 7.02 → 8
    }

    @Test func badAssumptionsAreOneLineErrors() {
        var r = ReliefFactor()
        r.leaveDays = -1
        #expect(throws: CovplanError(.dataError, file: "s.yaml", feature: "leave_days", "must be in 0.0…365.0, found -1.0")) {
            try r.validate(source: "s.yaml")
        }
        var none = ReliefFactor()
        none.leaveDays = 300
        #expect(throws: CovplanError.self) { try none.validate() }
        #expect(throws: CovplanError.self) { try PostStaffing.compute(posts: -1, officersOnDuty: 1) }
        #expect(throws: CovplanError.self) { try PostStaffing.compute(posts: 1, officersOnDuty: 0) }
    }
}
