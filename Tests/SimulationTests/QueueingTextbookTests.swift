import Foundation
import GeoCore
import Testing
@testable import Simulation

/// Textbook M/M/c formulas, written independently of the library (plain factorial sums).
enum Textbook {
    static func factorial(_ n: Int) -> Double { n <= 1 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) } }

    /// Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ.
    static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        let rho = a / Double(c)
        var sum = 0.0
        for k in 0..<c { sum += pow(a, Double(k)) / factorial(k) }
        let top = pow(a, Double(c)) / factorial(c) / (1 - rho)
        return top / (sum + top)
    }

    /// Mean wait in queue Wq = C(c, a) / (cμ − λ).
    static func meanWait(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double) -> Double {
        erlangC(servers: c, offeredLoad: lambda / mu) / (Double(c) * mu - lambda)
    }
}

/// One atom, `c` identical units at it, exponential service: the M/M/c queue.
func mmcRun(servers c: Int, arrivalsPerHour: Double, meanServiceMinutes: Double, travelSeconds: Double,
            serviceTime: ServiceTimeModel, days: Double, seed: UInt64) throws -> DispatchResult {
    let area = StudyArea(atoms: [DemandAtom(id: "a", residents: 1)])
    let type = IncidentType(name: "call", priority: 1, share: 1,
                            onScene: .exponential(meanSeconds: meanServiceMinutes * 60), targetSeconds: 600)
    let stream = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
        incidentsPerDay: arrivalsPerHour * 24, days: days, types: [type], seed: seed))
    let units = (0..<c).map { ResponseUnit(id: "u\($0)", homeAtom: 0) }
    return try DispatchSimulator.run(
        area: area, incidents: stream, travel: [ConstantTravelTimes(atomCount: 1, seconds: travelSeconds)],
        settings: DispatchSettings(units: units, serviceTime: serviceTime, warmupSeconds: 86_400))
}

/// Long seeded runs of the dispatch simulation against the M/M/c formulas. Run lengths are
/// chosen so that the standard error of the simulated mean wait is about 0.7 % (measured by
/// independent replications), making the 2 % tolerance a ≈3σ check.
@Suite struct QueueingTextbookTests {
    @Test func mm1MeanWaitMatchesFormula() throws {
        // λ = 3/h, 1/μ = 10 min → ρ = 0.5, Wq = ρ/(μ − λ) = 10 min; ≈ 700,000 calls.
        let r = try mmcRun(servers: 1, arrivalsPerHour: 3, meanServiceMinutes: 10, travelSeconds: 0,
                           serviceTime: .travelPlusOnScene, days: 9_700, seed: 11)
        let expected = Textbook.meanWait(servers: 1, arrivalRate: 3.0 / 3600, serviceRate: 1.0 / 600)
        #expect(abs(expected - 600) < 1e-9)  // the formula itself: ρ/(μ−λ) = 0.5/(1/600 − 1/1200)
        #expect(abs(r.wait.meanSeconds / expected - 1) < 0.02, "Wq \(r.wait.meanSeconds) s vs \(expected) s")
        #expect(abs(r.wait.delayedFraction - 0.5) < 0.01)      // P(wait) = ρ for M/M/1
        #expect(abs(r.meanUtilization - 0.5) < 0.01)
        #expect(abs(r.response.meanSeconds - r.wait.meanSeconds) < 1e-6)  // zero travel
    }

    @Test func mm2MeanWaitMatchesErlangC() throws {
        // λ = 6/h, 1/μ = 10 min, c = 2 → ρ = 0.5, C = 1/3, Wq = 200 s; ≈ 900,000 calls.
        let r = try mmcRun(servers: 2, arrivalsPerHour: 6, meanServiceMinutes: 10, travelSeconds: 0,
                           serviceTime: .travelPlusOnScene, days: 6_250, seed: 12)
        let expected = Textbook.meanWait(servers: 2, arrivalRate: 6.0 / 3600, serviceRate: 1.0 / 600)
        #expect(abs(expected - 200) < 1e-9)
        #expect(abs(r.wait.meanSeconds / expected - 1) < 0.02, "Wq \(r.wait.meanSeconds) s vs \(expected) s")
        #expect(abs(r.wait.delayedFraction - Textbook.erlangC(servers: 2, offeredLoad: 1)) < 0.01)
        #expect(abs(r.meanUtilization - 0.5) < 0.01)
        // Ties go to the lower unit index, so unit 0 works more (the split is checked against the
        // hypercube model in SimulationVersusHypercubeTests).
        #expect(r.units[0].utilization > r.units[1].utilization)
    }

    @Test func mm3WithConstantTravelMatchesErlangC() throws {
        // Hypercube convention: on-scene time is the whole busy time, travel (2 min) only delays
        // the response. λ = 9/h, 1/μ = 10 min, c = 3 → ρ = 0.5; ≈ 1,000,000 calls.
        let r = try mmcRun(servers: 3, arrivalsPerHour: 9, meanServiceMinutes: 10, travelSeconds: 120,
                           serviceTime: .onSceneIsTotalBusyTime, days: 4_630, seed: 13)
        let expected = Textbook.meanWait(servers: 3, arrivalRate: 9.0 / 3600, serviceRate: 1.0 / 600)
        #expect(abs(r.wait.meanSeconds / expected - 1) < 0.02, "Wq \(r.wait.meanSeconds) s vs \(expected) s")
        #expect(abs(r.response.meanSeconds / (expected + 120) - 1) < 0.02)
        #expect(abs(r.meanTravelSeconds - 120) < 1e-6)
        #expect(abs(r.meanUtilization - 0.5) < 0.01)
    }
}
