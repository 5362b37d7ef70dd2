import Testing
import Placement

/// MCLP with count or budget against exhaustive enumeration (`BruteForce`).
@Suite struct MaximalCoverageTests {
    static let e = 2.718281828459045

    /// The subset mask (over `brute.free`) of a result's selected sites; fails on fixed/unknown.
    func mask(_ r: PlacementResult, _ brute: BruteForce) -> Int {
        var s = 0
        for site in r.selected {
            guard let k = brute.free.firstIndex(of: site.candidate) else {
                Issue.record("selected \(site.id) is fixed or unknown")
                continue
            }
            #expect(s & (1 << k) == 0, "selected twice: \(site.id)")
            s |= 1 << k
        }
        return s
    }

    func checkPlan(_ r: PlacementResult, _ brute: BruteForce, _ inst: CoverageInstance, times: Int = 1,
                   _ label: String) {
        let s = mask(r, brute)
        #expect(close(r.objective, brute.value(s, times: times)), "objective disagrees with plan: \(label)")
        #expect(close(r.objectiveBefore ?? -1, brute.value(0, times: times)), "\(label)")
        let gains = r.selected.reduce(0) { $0 + $1.marginalGain }
        #expect(close((r.objectiveBefore ?? 0) + gains, r.objective), "marginal gains do not add up: \(label)")
        #expect(close(r.costTenge, brute.cost(s)), "\(label)")
        #expect(r.fixedIDs == inst.fixed.map { inst.candidateIDs[Int($0)] })
        #expect(r.bound >= r.objective - 1e-9 && r.gap >= 0 && r.gap <= 1, "\(label)")
        if r.bound > 0 { #expect(close(r.gap, (r.bound - r.objective) / r.bound, 1e-9), "\(label)") }
    }

    @Test func countFindsOptimumAndBoundIsValid() throws {
        for seed in UInt64(0) ..< 300 {
            let c = SmallCase(seed: seed)
            let p = 1 + Int(seed % 5)
            guard p <= c.candidates - c.fixed else { continue }
            let inst = try c.instance(limit: .count(p))
            let brute = BruteForce(inst)
            let opt = brute.bestWithCount(p)
            let r = try MaximalCoverage.solve(inst, options: PlacementOptions(seed: seed))
            let label = "\(c), p \(p)"
            checkPlan(r, brute, inst, label)
            #expect(r.selected.count <= p, "\(label)")
            #expect(close(r.objective, opt), "not optimal: \(r.objective) vs \(opt): \(label)")
            #expect(r.bound >= opt - 1e-9, "bound \(r.bound) below optimum \(opt): \(label)")
            #expect(r.provenOptimal && r.gap < 1e-9, "\(label)")
        }
    }

    /// Without branch and bound: the plan is feasible, never above the optimum, the Lagrangian /
    /// online bound is never below it, and greedy alone meets 1 − 1/e.
    @Test func heuristicsAndBoundsWithoutExactSearch() throws {
        var worstGreedy = 1.0
        for seed in UInt64(1000) ..< 1300 {
            let c = SmallCase(seed: seed)
            let p = 1 + Int(seed % 4)
            guard p <= c.candidates - c.fixed else { continue }
            let inst = try c.instance(limit: .count(p))
            let brute = BruteForce(inst)
            let opt = brute.bestWithCount(p)
            var options = PlacementOptions(seed: seed)
            options.exactCandidateLimit = 0
            let label = "\(c), p \(p)"
            for strategy in LocalSearchStrategy.allCases {
                options.localSearch = strategy
                let r = try MaximalCoverage.solve(inst, options: options)
                checkPlan(r, brute, inst, label)
                #expect(r.objective <= opt + 1e-9, "\(label)")
                #expect(r.bound >= opt - 1e-9, "bound \(r.bound) < optimum \(opt) (\(r.boundMethod)): \(label)")
                #expect(r.statistics.greedyObjective >= (1 - 1 / Self.e) * opt - 1e-9, "greedy below 1-1/e: \(label)")
                #expect(r.objective >= r.statistics.greedyObjective - 1e-9, "local search made it worse: \(label)")
                if strategy == .none, opt > 0 { worstGreedy = min(worstGreedy, r.statistics.greedyObjective / opt) }
            }
        }
        #expect(worstGreedy >= 1 - 1 / Self.e)
    }

    @Test func budgetFindsOptimumAndBoundIsValid() throws {
        for seed in UInt64(2000) ..< 2300 {
            let c = SmallCase(seed: seed)
            let budget = Double(c.costs.upperBound + Int(seed % 7))
            let inst = try c.instance(limit: .budget(budget))
            let brute = BruteForce(inst)
            let opt = brute.bestWithBudget(budget)
            let label = "\(c), budget \(budget)"
            let r = try MaximalCoverage.solve(inst, options: PlacementOptions(seed: seed))
            checkPlan(r, brute, inst, label)
            #expect(r.costTenge <= budget + 1e-9, "\(label)")
            #expect(close(r.objective, opt), "not optimal: \(r.objective) vs \(opt): \(label)")
            #expect(r.bound >= opt - 1e-9, "\(label)")
            var options = PlacementOptions(seed: seed)
            options.exactCandidateLimit = 0
            options.localSearch = .none
            let g = try MaximalCoverage.solve(inst, options: options)
            checkPlan(g, brute, inst, label)
            #expect(g.costTenge <= budget + 1e-9, "\(label)")
            #expect(g.bound >= opt - 1e-9, "budget bound \(g.bound) < optimum \(opt): \(label)")
            // greedy + best single site: (1 − 1/e)/2 (Leskovec et al.) and 1 − 1/√e (Khuller et al.)
            #expect(g.objective >= (1 - 1 / Self.e) / 2 * opt - 1e-9, "\(label)")
            #expect(g.objective >= (1 - 1 / Self.e.squareRoot()) * opt - 1e-9, "\(label)")
        }
    }

    @Test func zeroCostCandidatesAreAlwaysWorthTaking() throws {
        var b = CoverageInstance.Builder(demandWeights: [5, 4, 3, 2], limit: .budget(1))
        b.addCandidate(id: "free", costTenge: 0, covers: [3])
        b.addCandidate(id: "a", costTenge: 1, covers: [0, 1])
        b.addCandidate(id: "b", costTenge: 1, covers: [2])
        let r = try MaximalCoverage.solve(try b.build())
        #expect(Set(r.selectedIDs) == ["free", "a"])
        #expect(r.objective == 11)
        #expect(r.costTenge == 1)
    }

    @Test func fixedSitesAreCountedAndNeverChosen() throws {
        var b = CoverageInstance.Builder(demandWeights: [10, 1, 1, 1], limit: .count(1))
        b.addCandidate(id: "installed", costTenge: 5, covers: [0], fixed: true)
        b.addCandidate(id: "dup", costTenge: 1, covers: [0])
        b.addCandidate(id: "small", costTenge: 1, covers: [1, 2])
        let r = try MaximalCoverage.solve(try b.build())
        #expect(r.selectedIDs == ["small"])
        #expect(r.objective == 12)
        #expect(r.objectiveBefore == 10)
        #expect(r.fixedIDs == ["installed"])
    }

    @Test func sameSeedSameAnswerAcrossStrategies() throws {
        let inst = try SyntheticCoverage.spatial(demandCount: 3000, candidateCount: 600, meanCover: 25, fixedCount: 5,
                                                 costsTenge: [3, 5, 8], limit: .count(25), seed: 7)
        for strategy in LocalSearchStrategy.allCases {
            var o = PlacementOptions(seed: 42, localSearch: strategy)
            o.boundIterations = 60
            let a = try MaximalCoverage.solve(inst, options: o)
            let b = try MaximalCoverage.solve(inst, options: o)
            #expect(a == b, "\(strategy) not deterministic")
            #expect(a.selected.count == 25)
            #expect(a.bound >= a.objective)
            // the plan's objective recomputed independently from the covers
            let ids = Set(a.selected.map(\.candidate)).union(inst.fixed.map(Int.init))
            var seen = Set<Int32>()
            for j in ids { seen.formUnion(inst.covers(j)) }
            let total = seen.reduce(0.0) { $0 + inst.demandWeights[Int($1)] }
            #expect(close(total, a.objective))
        }
        var budgeted = inst
        budgeted.limit = .budget(100)
        var o = PlacementOptions(seed: 3, localSearch: .firstImprovement)
        o.boundIterations = 60
        let x = try MaximalCoverage.solve(budgeted, options: o)
        #expect(x == (try MaximalCoverage.solve(budgeted, options: o)))
        #expect(x.costTenge <= 100)
    }
}
