@testable import Placement
import Testing

@Suite struct StepScheduleTests {
    /// θ halves only after `patience` iterations in a row without a new best; an improvement
    /// resets the count; the search is spent once θ < 1e-6 (after 20 halvings from 1).
    @Test func halvesAfterPatienceAndResetsOnImprovement() {
        var s = StepSchedule(initial: 3, patience: 4)
        for _ in 0..<3 { s.record(improved: false) }
        #expect(s.theta == 3)
        s.record(improved: true)
        for _ in 0..<3 { s.record(improved: false) }
        #expect(s.theta == 3)
        s.record(improved: false)
        #expect(s.theta == 1.5)
        for _ in 0..<4 { s.record(improved: false) }
        #expect(s.theta == 0.75)

        var t = StepSchedule(initial: 1, patience: 1)
        var halvings = 0
        while !t.isSpent {
            t.record(improved: false)
            halvings += 1
        }
        #expect(halvings == 20 && t.theta == 1.0 / 1_048_576)
    }
}
