import GeoCore
import Testing
@testable import Simulation

/// The dispatch simulation and the exact hypercube model on one configuration. For the models to
/// describe the same system the simulation uses exponential on-scene times as the *total* busy
/// time (`.onSceneIsTotalBusyTime`, Larson's convention), the hypercube's preference lists, and
/// the same queue rule (one FCFS queue, the freed unit takes the head).
@Suite struct SimulationVersusHypercubeTests {
    struct Setup {
        var area: StudyArea
        var travel: StraightLineTravelTimes
        var units: [ResponseUnit]
        var problem: HypercubeProblem
        var stream: IncidentStream
    }

    /// Six units over a 6 × 5 grid of atoms (500 m), 30-minute mean service, λ/μ = 3 (ρ = 0.5).
    func setup(days: Double, seed: UInt64) throws -> Setup {
        let points = (0..<30).map { Point(Double($0 % 6) * 500, Double($0 / 6) * 500) }
        let travel = try StraightLineTravelTimes(points: points, speedMetersPerSecond: 8)
        let units = [0, 4, 13, 16, 24, 29].enumerated().map { ResponseUnit(id: "u\($0.offset)", homeAtom: $0.element) }
        var rng = Xoshiro256StarStar(seed: 99)
        let weights = points.map { _ in 0.2 + rng.nextUnit() }
        let lambda = 3.0 / 1800  // calls per second
        let rates = weights.map { $0 / weights.reduce(0, +) * lambda }
        let problem = try HypercubeProblem.nearestFirst(arrivalRatesPerSecond: rates, units: units, travel: [travel],
                                                        meanServiceSeconds: 1800)
        let area = StudyArea(atoms: weights.enumerated().map { DemandAtom(id: "a\($0.offset)", hotSpotWeight: $0.element) })
        let type = IncidentType(name: "call", priority: 1, share: 1, onScene: .exponential(meanSeconds: 1800),
                                targetSeconds: 600)
        let stream = try IncidentGenerator.generate(area: area, settings: IncidentGeneratorSettings(
            incidentsPerDay: lambda * 86_400, days: days, types: [type], seed: seed))
        return Setup(area: area, travel: travel, units: units, problem: problem, stream: stream)
    }

    @Test func workloadsAgreeWithExactHypercube() throws {
        let s = try setup(days: 1_000, seed: 21)  // ≈ 144,000 calls, ≈ 48,000 mean service times
        let model = try ExactHypercube.solve(s.problem)
        let sim = try DispatchSimulator.run(
            area: s.area, incidents: s.stream, travel: [s.travel],
            settings: DispatchSettings(units: s.units, selection: .preferenceLists(s.problem.preferences),
                                       serviceTime: .onSceneIsTotalBusyTime, warmupSeconds: 86_400))
        for n in 0..<s.units.count {
            #expect(abs(sim.units[n].utilization - model.workloads[n]) < 0.02,
                    "unit \(n): simulated \(sim.units[n].utilization), hypercube \(model.workloads[n])")
        }
        #expect(abs(sim.crossBeatFraction - model.interdistrictFraction) < 0.02)
        #expect(abs(sim.wait.delayedFraction - model.queueProbability) < 0.01)
        #expect(abs(sim.meanTravelSeconds / model.meanTravelSeconds! - 1) < 0.02)
        #expect(abs(sim.wait.meanSeconds / model.meanQueueWaitSeconds - 1) < 0.10)
    }

    @Test func nearestAvailableEqualsNearestFirstPreferenceLists() throws {
        // With units always at home when free, "nearest available" and the nearest-first lists
        // must dispatch identically, incident by incident.
        let s = try setup(days: 60, seed: 22)
        func run(_ selection: UnitSelection) throws -> DispatchResult {
            try DispatchSimulator.run(area: s.area, incidents: s.stream, travel: [s.travel],
                                      settings: DispatchSettings(units: s.units, selection: selection,
                                                                 serviceTime: .onSceneIsTotalBusyTime,
                                                                 recordOutcomes: true))
        }
        let a = try run(.nearestAvailable)
        let b = try run(.preferenceLists(s.problem.preferences))
        #expect(a == b)
        #expect(a.incidents > 8_000)
    }

    @Test func tieBreakSplitMatchesHypercube() throws {
        // M/M/2 with both units at one atom: ties go to unit 0. The hypercube with preference
        // (0, 1) predicts each unit's share of the work.
        let r = try mmcRun(servers: 2, arrivalsPerHour: 6, meanServiceMinutes: 10, travelSeconds: 0,
                           serviceTime: .onSceneIsTotalBusyTime, days: 1_500, seed: 23)
        let model = try ExactHypercube.solve(HypercubeProblem(arrivalRatesPerSecond: [6.0 / 3600],
                                                              meanServiceSeconds: [600, 600], preferences: [[0, 1]]))
        #expect(abs(r.units[0].utilization - model.workloads[0]) < 0.02)
        #expect(abs(r.units[1].utilization - model.workloads[1]) < 0.02)
        #expect(model.workloads[0] > model.workloads[1] + 0.1)
    }
}
