import GeoCore
import Placement

/// Independent reference answers by exhaustive enumeration, on instances with at most 64 demand
/// pieces (each cover is a 64-bit mask) and few candidates. Shares no code with the solvers.
struct BruteForce {
    let weights: [Double]
    let masks: [UInt64]          // per candidate
    let costs: [Double]
    let free: [Int]              // candidates that are not fixed
    let fixedOnce: UInt64
    let fixedTwice: UInt64

    init(_ instance: CoverageInstance) {
        precondition(instance.demandCount <= 64, "brute force handles at most 64 demand pieces")
        weights = instance.demandWeights
        masks = (0 ..< instance.candidateCount).map { j in
            instance.covers(j).reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
        }
        costs = instance.candidateCosts
        let fixed = Set(instance.fixed.map(Int.init))
        free = (0 ..< instance.candidateCount).filter { !fixed.contains($0) }
        var once: UInt64 = 0, twice: UInt64 = 0
        for f in fixed.sorted() {
            twice |= once & masks[f]
            once |= masks[f]
        }
        fixedOnce = once
        fixedTwice = twice
    }

    func weight(_ mask: UInt64) -> Double {
        var total = 0.0
        var m = mask
        while m != 0 {
            let i = m.trailingZeroBitCount
            total += weights[i]
            m &= m - 1
        }
        return total
    }

    /// Objective of choosing `subset` (bit k = free[k]) plus the fixed sites.
    func value(_ subset: Int, times: Int) -> Double {
        var once = fixedOnce, twice = fixedTwice
        for k in 0 ..< free.count where subset & (1 << k) != 0 {
            twice |= once & masks[free[k]]
            once |= masks[free[k]]
        }
        return weight(times == 1 ? once : twice)
    }

    func cost(_ subset: Int) -> Double {
        (0 ..< free.count).filter { subset & (1 << $0) != 0 }.reduce(0) { $0 + costs[free[$1]] }
    }

    /// Best objective with at most `p` new sites.
    func bestWithCount(_ p: Int, times: Int = 1) -> Double {
        var best = 0.0
        for s in 0 ..< (1 << free.count) where s.nonzeroBitCount <= p { best = max(best, value(s, times: times)) }
        return best
    }

    /// Best objective with new sites costing at most `budget`.
    func bestWithBudget(_ budget: Double, times: Int = 1) -> Double {
        var best = 0.0
        for s in 0 ..< (1 << free.count) where cost(s) <= budget + 1e-9 { best = max(best, value(s, times: times)) }
        return best
    }

    /// Fewest (or cheapest) new sites whose coverage reaches `target`; nil when unreachable.
    func cheapestReaching(_ target: Double, byCost: Bool) -> Double? {
        var best: Double? = nil
        for s in 0 ..< (1 << free.count) where value(s, times: 1) >= target - 1e-9 {
            let c = byCost ? cost(s) : Double(s.nonzeroBitCount)
            if best == nil || c < best! { best = c }
        }
        return best
    }
}

/// Seeded instance parameters for the exhaustive tests.
struct SmallCase: CustomStringConvertible {
    let seed: UInt64
    let demand: Int
    let candidates: Int
    let density: Double
    let fixed: Int
    let costs: ClosedRange<Int>

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 17)
        self.seed = seed
        demand = 8 + rng.nextIndex(40)
        candidates = 4 + rng.nextIndex(9)
        density = 0.08 + 0.3 * rng.nextUnit()
        fixed = rng.nextIndex(3)
        costs = 1 ... (1 + rng.nextIndex(6))
    }

    func instance(limit: PlacementLimit?) throws -> CoverageInstance {
        try SyntheticCoverage.uniform(demandCount: demand, candidateCount: candidates, density: density,
                                      fixedCount: fixed, costRange: costs, limit: limit, seed: seed)
    }

    var description: String {
        "seed \(seed): \(demand) demand, \(candidates) candidates, density \(density), \(fixed) fixed, costs \(costs)"
    }
}

/// `a ≈ b` within a small absolute tolerance scaled by magnitude.
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(a), abs(b))
}
