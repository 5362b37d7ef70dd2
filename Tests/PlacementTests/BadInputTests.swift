import Testing
import GeoCore
import Placement

/// Bad limits and targets: one-line `CovplanError`s that say what is possible instead.
@Suite struct BadInputTests {
    func instance(limit: PlacementLimit?) throws -> CoverageInstance {
        var b = CoverageInstance.Builder(demandWeights: [10, 20, 30, 40], limit: limit)
        b.addCandidate(id: "old", costTenge: 1_000, covers: [0], fixed: true)
        b.addCandidate(id: "cam-a", costTenge: 2_500_000, covers: [1])
        b.addCandidate(id: "cam-b", costTenge: 1_800_000, covers: [1, 2])
        return try b.build()
    }

    func error(_ body: () throws -> Void) -> CovplanError? {
        do { try body() } catch let e as CovplanError { return e } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func budgetBelowCheapestCandidate() throws {
        let inst = try instance(limit: .budget(1_000_000))
        for solve in [MaximalCoverage.solve, BackupCoverage.solve] as [(CoverageInstance, PlacementOptions) throws -> PlacementResult] {
            let e = error { _ = try solve(inst, PlacementOptions()) }
            #expect(e?.kind == .usage)
            #expect(e?.description == "budget 1000000 tenge is below the cheapest candidate site ('cam-b', 1800000 tenge); a budget of at least 1800000 tenge buys one site")
        }
        // the installed site's lower cost does not count
        #expect(try MaximalCoverage.solve(try instance(limit: .budget(1_800_000))).selectedIDs == ["cam-b"])
    }

    @Test func countLargerThanCandidates() throws {
        let e = error { _ = try MaximalCoverage.solve(try instance(limit: .count(3))) }
        #expect(e?.kind == .usage)
        #expect(e?.description == "count 3 is larger than the 2 candidate sites not already installed; choose at most 2 new sites or add candidates")
        #expect(try MaximalCoverage.solve(try instance(limit: .count(2))).objective == 60)
    }

    @Test func unreachableCoverageTarget() throws {
        let inst = try instance(limit: nil)
        let e = error { _ = try SetCovering.solve(inst, target: .fraction(0.95), minimize: .count) }
        #expect(e?.kind == .usage)
        #expect(e?.description == "coverage target 95 (95 % of 100) is unreachable: all 3 candidate sites together cover at most 60 (60 %); lower the target to at most that")
        let w = error { _ = try SetCovering.solve(inst, target: .weight(61), minimize: .cost) }
        #expect(w?.description.contains("at most 60 (60 %)") == true)
        #expect(try SetCovering.solve(inst, target: .weight(60), minimize: .cost).selectedIDs == ["cam-b"])
        let f = error { _ = try SetCovering.solve(inst, target: .fraction(1.5), minimize: .cost) }
        #expect(f?.kind == .usage && f?.description.contains("between 0 and 1") == true)
    }

    @Test func missingLimitAndBadValues() throws {
        let e = error { _ = try MaximalCoverage.solve(try instance(limit: nil)) }
        #expect(e?.kind == .usage && e?.description.contains("count of new sites or a budget") == true)
        let negative = error { _ = try instance(limit: .count(-1)) }
        #expect(negative?.kind == .usage)
        let nan = error { _ = try instance(limit: .budget(.nan)) }
        #expect(nan?.kind == .usage)
        var b = CoverageInstance.Builder(demandWeights: [1], limit: .count(1))
        b.addCandidate(id: "x", costTenge: .infinity, covers: [0])
        let cost = error { _ = try b.build() }
        #expect(cost?.kind == .dataError && cost?.description.hasPrefix("feature 'x': ") == true)
        var big = CoverageInstance.Builder(demandWeights: [1], limit: .count(1))
        big.addCandidate(id: "y", costTenge: 1, covers: [Int(Int32.max) + 5])
        #expect(error { _ = try big.build() }?.description.contains("demand indices run from 0 to 0") == true)
    }

    @Test func degenerateInstancesGiveTrivialAnswers() throws {
        // no demand, no candidates, count 0
        let empty = try CoverageInstance.Builder(demandWeights: [], limit: .count(0)).build()
        let r = try MaximalCoverage.solve(empty)
        #expect(r.objective == 0 && r.bound == 0 && r.gap == 0 && r.selected.isEmpty)
        // zero weights everywhere
        var b = CoverageInstance.Builder(demandWeights: [0, 0, 0], limit: .count(1))
        b.addCandidate(id: "a", costTenge: 1, covers: [0, 1])
        b.addCandidate(id: "b", costTenge: 1, covers: [2])
        let zero = try b.build()
        for solve in [MaximalCoverage.solve, BackupCoverage.solve] as [(CoverageInstance, PlacementOptions) throws -> PlacementResult] {
            let z = try solve(zero, PlacementOptions())
            #expect(z.objective == 0 && z.bound == 0 && z.gap == 0)
        }
        #expect(try SetCovering.solve(zero, target: .fraction(1), minimize: .count).objective == 0)
        // p-median with only installed sites
        let f = try FacilityInstance(demandWeights: [1, 2], candidateIDs: ["x", "y"], denseSeconds: [[5, 7], [1, 1]],
                                     fixed: [0], count: 0)
        let pm = try PMedian.solve(f)
        #expect(pm.objective == 19 && pm.selected.isEmpty && pm.provenOptimal)
        #expect(try PCenter.solve(f).objective == 7)
    }
}
