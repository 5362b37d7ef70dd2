import GeoCore
import Testing
import PropertyBased
@testable import Placement

/// Building blocks checked against simpler computations.
@Suite struct InternalsTests {
    @Test func quickselectEqualsSortedPrefix() async {
        await propertyCheck(input: Gen.int(in: 0 ... 300), Gen.int(in: 0 ... 1_000_000)) { size, seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let values = (0 ..< size).map { _ in Double(rng.nextIndex(20)) }  // many ties
            let k = size == 0 ? 0 : rng.nextIndex(size + 1)
            var items = (0 ..< Int32(size)).map { $0 }
            Selection.select(&items, k: k, values: values)
            func above(_ a: Int32, _ b: Int32) -> Bool {
                let va: Double = values[Int(a)], vb: Double = values[Int(b)]
                return va > vb || (va == vb && a < b)
            }
            let expected = (0 ..< Int32(size)).sorted(by: above)
            #expect(Set(items.prefix(k)) == Set(expected.prefix(k)))
        }
    }

    @Test func fractionalKnapsackMatchesGreedyByRatio() async {
        await propertyCheck(input: Gen.int(in: 1 ... 40), Gen.int(in: 0 ... 1_000_000)) { size, seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let values = (0 ..< size).map { _ in Double(rng.nextIndex(50)) }
            let costs = (0 ..< size).map { _ in Double(rng.nextIndex(10)) }
            let budget = Double(rng.nextIndex(60))
            var picks: [(item: Int32, fraction: Double)] = []
            let got = Selection.best(values: values, costs: costs, limit: .budget(budget), into: &picks)
            // reference: LP optimum by brute force over "which item is fractional" is overkill; use
            // the textbook rule on a sorted copy
            var free = 0.0
            var items: [(Double, Double)] = []
            for j in 0 ..< size where values[j] > 0 {
                if costs[j] == 0 { free += values[j] } else { items.append((values[j], costs[j])) }
            }
            items.sort { $0.0 / $0.1 > $1.0 / $1.1 }
            var left = budget + budgetSlack(budget), total = free  // the solver's rounding allowance
            for (v, c) in items {
                if c <= left { total += v; left -= c } else { total += v * left / c; break }
            }
            #expect(abs(got - total) <= 1e-9 * max(1, total))
            let spent = picks.reduce(0.0) { $0 + costs[Int($1.item)] * $1.fraction }
            #expect(spent <= budget + budgetSlack(budget) + 1e-12)
        }
    }

    /// Merging identical demand pieces changes neither objectives nor bounds.
    @Test func mergingPreservesObjectivesAndBounds() throws {
        for seed in UInt64(0) ..< 30 {
            // few distinct demand rows: many duplicates
            let base = try SyntheticCoverage.uniform(demandCount: 60, candidateCount: 12, density: 0.3, fixedCount: 1,
                                                     limit: .count(3), seed: seed)
            var b = CoverageInstance.Builder(demandWeights: base.demandWeights + base.demandWeights, limit: .count(3))
            for j in 0 ..< base.candidateCount {
                let c = base.covers(j).map(Int.init)
                b.addCandidate(id: base.candidateIDs[j], costTenge: 1, covers: c + c.map { $0 + 60 },
                               fixed: base.fixed.contains(Int32(j)))
            }
            let doubled = try b.build()
            for times in 1 ... 2 {
                let merged = ReducedCoverage(doubled, times: times, merge: true)
                let plain = ReducedCoverage(doubled, times: times, merge: false)
                #expect(merged.demandCount < plain.demandCount)
                #expect(abs(merged.totalWeight - plain.totalWeight) < 1e-9)
                #expect(merged.baseObjective == plain.baseObjective)
                var lm = MaximalCoverageUpperBound(merged, limit: .count(3))
                var lp = MaximalCoverageUpperBound(plain, limit: .count(3))
                var sm = CoverageState(merged), sp = CoverageState(plain)
                for k in LazyGreedy.run(plain, limit: .count(3)) {
                    sm.add(Int(k))
                    sp.add(Int(k))
                }
                #expect(abs(sm.exactObjective() - sp.exactObjective()) < 1e-9)
                let om = lm.evaluate(MaximalCoverageUpperBound.onlineMultipliers(sm))
                let op = lp.evaluate(MaximalCoverageUpperBound.onlineMultipliers(sp))
                #expect(abs(om - op) < 1e-9, "online bounds differ after merging")
            }
        }
    }

    /// The incremental gain/loss bookkeeping equals a recount after random adds and removes.
    @Test func incrementalCountersMatchRecount() throws {
        for seed in UInt64(0) ..< 20 {
            let inst = try SyntheticCoverage.uniform(demandCount: 50, candidateCount: 15, density: 0.25, fixedCount: 2,
                                                     limit: .count(4), seed: seed)
            for times in 1 ... 2 {
                let r = ReducedCoverage(inst, times: times, merge: seed % 2 == 0)
                var s = CoverageState(r)
                var rng = SplitMix64(seed: seed)
                for _ in 0 ..< 40 where r.candidateCount > 0 {
                    let k = rng.nextIndex(r.candidateCount)
                    if s.isChosen[k] { s.remove(k) } else { s.add(k) }
                    for j in 0 ..< r.candidateCount {
                        // gain: objective change when adding j; loss: when removing j
                        var t = s
                        if s.isChosen[j] {
                            t.remove(j)
                            #expect(abs((s.exactObjective() - t.exactObjective()) - s.loss[j]) < 1e-9)
                        } else {
                            t.add(j)
                            #expect(abs((t.exactObjective() - s.exactObjective()) - s.gain[j]) < 1e-9)
                        }
                    }
                    #expect(abs(s.objective - s.exactObjective()) < 1e-9)
                    for j in 0 ..< r.candidateCount {
                        var twoShort = 0.0
                        for p in r.offsets[j] ..< r.offsets[j + 1] {
                            let i = Int(r.indices[p])
                            if s.count[i] == r.need[i] - 2 { twoShort += r.weights[i] }
                        }
                        #expect(abs(s.reach[j] - twoShort) < 1e-9)
                    }
                }
            }
        }
    }
}

/// Local search ends where no single swap or addition improves (checked by trying every one).
@Suite struct LocalOptimumTests {
    func assertSwapOptimal(_ r: ReducedCoverage, _ s: CoverageState, limit: PlacementLimit, _ label: String) {
        let value = s.exactObjective()
        var budget = Double.infinity, maxCount = Int.max
        switch limit {
        case .count(let p): maxCount = p
        case .budget(let b): budget = b
        }
        for k in 0 ..< r.candidateCount where !s.isChosen[k] {
            if s.chosen.count < maxCount, s.costTenge + r.costs[k] <= budget + 1e-9 {
                var t = s
                t.add(k)
                #expect(t.exactObjective() <= value + 1e-9, "adding \(k) improves: \(label)")
            }
            for jj in s.chosen where s.costTenge - r.costs[Int(jj)] + r.costs[k] <= budget + 1e-9 {
                var t = s
                t.remove(Int(jj))
                t.add(k)
                #expect(t.exactObjective() <= value + 1e-9, "swap \(jj)→\(k) improves \(t.exactObjective()) > \(value): \(label)")
            }
        }
    }

    @Test func swapSearchReachesLocalOptimum() throws {
        for seed in UInt64(0) ..< 6 {
            let limit: PlacementLimit = seed % 2 == 0 ? .count(12) : .budget(30)
            let inst = try SyntheticCoverage.spatial(demandCount: 500, candidateCount: 70, meanCover: 30,
                                                     fixedCount: 2, costsTenge: [1, 2, 4], limit: limit, seed: seed)
            for times in 1 ... 2 {
                for strategy in [LocalSearchStrategy.firstImprovement, .bestImprovement] {
                    let r = ReducedCoverage(inst, times: times, maxCostTenge: .infinity, merge: true)
                    var s = CoverageState(r)
                    for k in LazyGreedy.run(r, limit: limit) { s.add(Int(k)) }
                    _ = SwapLocalSearch.run(&s, limit: limit, strategy: strategy, seed: seed, maxMoves: 10_000)
                    assertSwapOptimal(r, s, limit: limit, "seed \(seed) times \(times) \(strategy)")
                }
            }
        }
    }
}
