import Testing
import Placement

/// Backup coverage and partial set covering against exhaustive enumeration (`BruteForce`).
@Suite struct BackupAndSetCoveringTests {
    func subset(_ r: PlacementResult, _ brute: BruteForce) -> Int {
        r.selected.reduce(0) { s, site in s | (1 << (brute.free.firstIndex(of: site.candidate) ?? 62)) }
    }

    @Test func backupFindsOptimumAndBoundIsValid() throws {
        for seed in UInt64(3000) ..< 3250 {
            let c = SmallCase(seed: seed)
            let useBudget = seed % 2 == 0
            let p = 2 + Int(seed % 4)
            guard p <= c.candidates - c.fixed else { continue }
            let budget = Double(c.costs.upperBound + 2 + Int(seed % 5))
            let limit: PlacementLimit = useBudget ? .budget(budget) : .count(p)
            let inst = try c.instance(limit: limit)
            let brute = BruteForce(inst)
            let opt = useBudget ? brute.bestWithBudget(budget, times: 2) : brute.bestWithCount(p, times: 2)
            let label = "\(c), \(limit)"
            let r = try BackupCoverage.solve(inst, options: PlacementOptions(seed: seed))
            let s = subset(r, brute)
            #expect(close(r.objective, brute.value(s, times: 2)), "\(label)")
            #expect(close(r.coveredWeight ?? -1, brute.value(s, times: 1)), "\(label)")
            #expect(close(r.objective, opt), "backup not optimal \(r.objective) vs \(opt): \(label)")
            #expect(r.bound >= opt - 1e-9, "\(label)")
            if useBudget { #expect(r.costTenge <= budget + 1e-9) } else { #expect(r.selected.count <= p) }
            var options = PlacementOptions(seed: seed)
            options.exactCandidateLimit = 0
            let h = try BackupCoverage.solve(inst, options: options)
            #expect(h.objective <= opt + 1e-9, "\(label)")
            #expect(h.bound >= opt - 1e-9, "backup bound \(h.bound) < optimum \(opt): \(label)")
            #expect(close(h.objective, brute.value(subset(h, brute), times: 2)), "\(label)")
        }
    }

    @Test func setCoveringFindsOptimumAndBoundIsValid() throws {
        for seed in UInt64(4000) ..< 4300 {
            let c = SmallCase(seed: seed)
            let inst = try c.instance(limit: nil)
            let brute = BruteForce(inst)
            let byCost = seed % 2 == 1
            let reachable = brute.value((1 << brute.free.count) - 1, times: 1)
            let total = inst.totalDemandWeight
            let fraction = (0.3 + 0.7 * Double(seed % 10) / 10) * reachable / total
            let target = fraction * total
            let label = "\(c), fraction \(fraction), by cost \(byCost)"
            guard let opt = brute.cheapestReaching(target, byCost: byCost) else {
                Issue.record("brute force found the reachable target unreachable: \(label)")
                continue
            }
            let r = try SetCovering.solve(inst, target: .fraction(fraction), minimize: byCost ? .cost : .count,
                                          options: PlacementOptions(seed: seed))
            let s = subset(r, brute)
            #expect(brute.value(s, times: 1) >= target - 1e-9, "target not reached: \(label)")
            #expect(close(r.coveredWeight ?? -1, brute.value(s, times: 1)), "\(label)")
            #expect(close(r.objective, byCost ? brute.cost(s) : Double(s.nonzeroBitCount)), "\(label)")
            #expect(close(r.objective, opt), "not optimal \(r.objective) vs \(opt): \(label)")
            #expect(r.bound <= opt + 1e-9, "\(label)")
            var options = PlacementOptions(seed: seed)
            options.exactCandidateLimit = 0
            let h = try SetCovering.solve(inst, target: .weight(target), minimize: byCost ? .cost : .count, options: options)
            let hs = subset(h, brute)
            #expect(brute.value(hs, times: 1) >= target - 1e-9, "\(label)")
            #expect(h.objective >= opt - 1e-9, "\(label)")
            #expect(h.bound <= opt + 1e-9, "lower bound \(h.bound) above optimum \(opt): \(label)")
            #expect(h.sense == .minimize && h.lowerBound == h.bound && h.upperBound == h.objective)
            if h.objective > 0 { #expect(close(h.gap, (h.objective - h.bound) / h.objective)) }
        }
    }

    @Test func targetAlreadyMetByFixedSitesNeedsNothing() throws {
        var b = CoverageInstance.Builder(demandWeights: [3, 1])
        b.addCandidate(id: "old", costTenge: 9, covers: [0], fixed: true)
        b.addCandidate(id: "new", costTenge: 1, covers: [1])
        let inst = try b.build()
        let r = try SetCovering.solve(inst, target: .fraction(0.75), minimize: .count)
        #expect(r.selected.isEmpty && r.objective == 0 && r.provenOptimal)
        let all = try SetCovering.solve(inst, target: .fraction(1), minimize: .cost)
        #expect(all.selectedIDs == ["new"] && all.objective == 1)
    }
}
