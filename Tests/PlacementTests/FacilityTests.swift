import Testing
import GeoCore
import Placement

/// p-median and p-center against exhaustive enumeration written here from the matrix alone.
@Suite struct FacilityTests {
    struct Case {
        let instance: FacilityInstance
        let dense: [[Double]]
        let label: String
    }

    /// Seeded random matrix: times 30…1200 s; with `gaps`, ~25 % of pairs unreachable and a
    /// finite unserved time; some zero-weight demand.
    func makeCase(seed: UInt64) throws -> Case {
        var rng = SplitMix64(seed: seed &* 7919 &+ 3)
        let n = 4 + rng.nextIndex(24)
        let m = 3 + rng.nextIndex(8)
        let fixedCount = rng.nextIndex(3) == 0 ? 1 : 0
        let p = 1 + rng.nextIndex(min(3, m - fixedCount))
        let gaps = seed % 2 == 0
        let weights = (0 ..< n).map { _ in rng.nextIndex(5) == 0 ? 0 : Double(1 + rng.nextIndex(20)) }
        let dense = (0 ..< m).map { _ in
            (0 ..< n).map { _ in gaps && rng.nextIndex(4) == 0 ? Double.infinity : Double(30 + rng.nextIndex(1171)) }
        }
        let ids = (0 ..< m).map { "post\($0)" }
        let unserved = gaps ? Double(600 + rng.nextIndex(1200)) : Double.infinity
        let inst = try FacilityInstance(demandWeights: weights, candidateIDs: ids, denseSeconds: dense,
                                        fixed: (0 ..< fixedCount).map { Int32($0) }, count: p, unservedSeconds: unserved)
        return Case(instance: inst, dense: dense, label: "seed \(seed): n \(n), m \(m), p \(p), fixed \(fixedCount), unserved \(unserved)")
    }

    /// Per-demand time of a plan, straight from the dense matrix.
    func times(_ c: Case, open: [Int]) -> [Double] {
        let inst = c.instance
        return (0 ..< inst.demandCount).map { i in
            var t = inst.unservedSeconds
            for j in open { t = min(t, c.dense[j][i]) }
            return t
        }
    }

    func median(_ c: Case, _ open: [Int]) -> Double {
        zip(c.instance.demandWeights, times(c, open: open)).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * $1.1 : 0) }
    }

    func center(_ c: Case, _ open: [Int], weighted: Bool) -> Double {
        zip(c.instance.demandWeights, times(c, open: open)).reduce(0) { acc, wt in
            wt.0 > 0 ? max(acc, weighted ? wt.0 * wt.1 : wt.1) : acc
        }
    }

    /// The best value over all sets of exactly min(p, free) new sites.
    func brute(_ c: Case, _ f: ([Int]) -> Double) -> Double {
        let inst = c.instance
        let fixed = inst.fixed.map(Int.init)
        let free = (0 ..< inst.candidateCount).filter { !fixed.contains($0) }
        let q = min(inst.count, free.count)
        var best = Double.infinity
        for s in 0 ..< (1 << free.count) where s.nonzeroBitCount == q {
            let open = fixed + free.indices.filter { s & (1 << $0) != 0 }.map { free[$0] }
            best = min(best, f(open))
        }
        return best
    }

    @Test func pMedianMatchesBruteForce() throws {
        for seed in UInt64(0) ..< 200 {
            let c = try makeCase(seed: seed)
            let opt = brute(c) { median(c, $0) }
            let r = try PMedian.solve(c.instance, options: PlacementOptions(seed: seed))
            let open = c.instance.fixed.map(Int.init) + r.selected.map(\.candidate)
            #expect(close(r.objective, median(c, open)), "objective disagrees with plan: \(c.label)")
            #expect(close(r.objective, opt), "p-median \(r.objective) vs optimum \(opt): \(c.label)")
            #expect(r.selected.count <= c.instance.count)
            #expect(r.bound <= opt + 1e-9 && r.provenOptimal, "\(c.label)")
            var o = PlacementOptions(seed: seed)
            o.exactCandidateLimit = 0
            for strategy in LocalSearchStrategy.allCases {
                o.localSearch = strategy
                let h = try PMedian.solve(c.instance, options: o)
                #expect(h.objective >= opt - 1e-9, "\(c.label)")
                #expect(h.bound <= opt + 1e-9, "Lagrangian bound \(h.bound) above optimum \(opt): \(c.label)")
                #expect(h.objective <= h.statistics.greedyObjective + 1e-9, "\(c.label)")
                #expect(close(h.objective, median(c, c.instance.fixed.map(Int.init) + h.selected.map(\.candidate))))
                if let before = h.objectiveBefore {
                    #expect(close(before - h.selected.reduce(0) { $0 + $1.marginalGain }, h.objective), "\(c.label)")
                }
            }
        }
    }

    @Test func pCenterMatchesBruteForce() throws {
        for seed in UInt64(500) ..< 700 {
            let c = try makeCase(seed: seed)
            let weighted = seed % 3 == 0
            let kind: PCenterObjective = weighted ? .maximumWeightedSeconds : .maximumSeconds
            let opt = brute(c) { center(c, $0, weighted: weighted) }
            let r = try PCenter.solve(c.instance, objective: kind, options: PlacementOptions(seed: seed))
            let open = c.instance.fixed.map(Int.init) + r.selected.map(\.candidate)
            #expect(close(r.objective, center(c, open, weighted: weighted)), "\(c.label)")
            #expect(close(r.objective, opt), "p-center \(r.objective) vs optimum \(opt): \(c.label)")
            #expect(r.bound <= opt + 1e-9 && r.provenOptimal, "\(c.label)")
            var o = PlacementOptions(seed: seed)
            o.exactCandidateLimit = 0
            let h = try PCenter.solve(c.instance, objective: kind, options: o)
            #expect(h.objective >= opt - 1e-9 && h.bound <= opt + 1e-9, "radius-search bounds wrong: \(c.label)")
            #expect(close(h.objective, center(c, c.instance.fixed.map(Int.init) + h.selected.map(\.candidate), weighted: weighted)))
        }
    }

    @Test func sparseAndDenseAgree() throws {
        let c = try makeCase(seed: 42)
        let inst = c.instance
        var offsets = [0], indices: [Int32] = [], secs: [Double] = []
        for row in c.dense {
            for (i, t) in row.enumerated() where t.isFinite {
                indices.append(Int32(i))
                secs.append(t)
            }
            offsets.append(indices.count)
        }
        let sparse = try FacilityInstance(demandWeights: inst.demandWeights, candidateIDs: inst.candidateIDs,
                                          offsets: offsets, demandIndices: indices, seconds: secs, fixed: inst.fixed,
                                          count: inst.count, unservedSeconds: inst.unservedSeconds)
        #expect(sparse == inst)
        for j in 0 ..< inst.candidateCount {
            for i in 0 ..< inst.demandCount { #expect(inst.seconds(from: j, to: i) == c.dense[j][i]) }
        }
    }

    @Test func badFacilityInput() throws {
        let w: [Double] = [1, 1]
        let full: [[Double]] = [[10, 20], [30, 40]]
        func message(_ body: () throws -> Void) -> CovplanError? {
            do { try body() } catch let e as CovplanError { return e } catch {}
            return nil
        }
        let tooMany = message {
            _ = try PMedian.solve(try FacilityInstance(demandWeights: w, candidateIDs: ["a", "b"], denseSeconds: full,
                                                       fixed: [0], count: 2))
        }
        #expect(tooMany?.kind == .usage)
        #expect(tooMany?.description.contains("at most 1 new sites") == true, "\(String(describing: tooMany))")
        let gaps = message {
            _ = try FacilityInstance(demandWeights: w, candidateIDs: ["a", "b"], denseSeconds: [[10, .infinity], [30, 40]],
                                     count: 1)
        }
        #expect(gaps?.kind == .usage && gaps?.description.contains("unserved seconds") == true)
        let negative = message {
            _ = try FacilityInstance(demandWeights: w, candidateIDs: ["a", "b"], denseSeconds: [[10, -1], [30, 40]], count: 1)
        }
        #expect(negative?.kind == .dataError && negative?.description.contains("'a'") == true)
        let nothingOpen = message {
            _ = try PCenter.solve(try FacilityInstance(demandWeights: w, candidateIDs: ["a", "b"], denseSeconds: full, count: 0))
        }
        #expect(nothingOpen?.kind == .usage)
    }
}
