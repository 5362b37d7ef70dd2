import Foundation
import GeoCore
import Testing
@testable import Simulation

@Suite struct RandomAndDistributionTests {
    @Test func xoshiroMatchesReferenceVectors() {
        // Reference outputs of xoshiro256** from the state {1, 2, 3, 4} (Blackman & Vigna's C code,
        // recomputed with an independent Python implementation).
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600]
        #expect((0..<6).map { _ in g.next() } == expected)
        // SplitMix64 from seed 0 (its published first outputs) and the seeded generator.
        var s = SplitMix64(seed: 0)
        #expect(s.next() == 0xE220_A839_7B1D_CDAF)
        #expect(s.next() == 0x6E78_9E6A_A1B9_65F4)
        var h = Xoshiro256StarStar(seed: 42)
        #expect([h.next(), h.next(), h.next()] == [1546998764402558742, 6990951692964543102, 12544586762248559009])
    }

    @Test func uniformsAndIndicesAreInRange() {
        var g = Xoshiro256StarStar(seed: 3)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let u = g.nextUnit()
            #expect(u >= 0 && u < 1)
            let o = g.nextOpenUnit()
            #expect(o > 0 && o <= 1)
            counts[g.nextIndex(below: 7)] += 1
        }
        // χ² with 6 degrees of freedom; 99.99 % quantile ≈ 27.9.
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        #expect(chi2 < 27.9)
    }

    @Test func aliasTableDrawsInProportion() {
        let weights = [0.0, 1, 2, 0, 5, 0.5]
        let table = AliasTable(weights: weights)!
        var g = Xoshiro256StarStar(seed: 9)
        var counts = [Int](repeating: 0, count: weights.count)
        let n = 170_000
        for _ in 0..<n { counts[table.sample(&g)] += 1 }
        #expect(counts[0] == 0 && counts[3] == 0)
        let total = weights.reduce(0, +)
        var chi2 = 0.0
        for k in weights.indices where weights[k] > 0 {
            let e = Double(n) * weights[k] / total
            chi2 += pow(Double(counts[k]) - e, 2) / e
        }
        #expect(chi2 < 23.5)  // 3 d.f., 99.99 % quantile ≈ 21.1
        #expect(AliasTable(weights: [0, 0]) == nil)
        #expect(AliasTable(weights: [1, -1]) == nil)
        #expect(AliasTable(weights: [1, .nan]) == nil)
    }

    /// Sample mean and standard deviation of n draws.
    func moments(_ d: DurationDistribution, n: Int = 200_000, seed: UInt64 = 4) -> (mean: Double, sd: Double) {
        var g = Xoshiro256StarStar(seed: seed)
        var s = 0.0, s2 = 0.0
        for _ in 0..<n {
            let x = d.sample(&g)
            s += x
            s2 += x * x
        }
        let m = s / Double(n)
        return (m, (s2 / Double(n) - m * m).squareRoot())
    }

    @Test func durationDistributionsHaveTheirMoments() {
        let c = moments(.constant(seconds: 42), n: 10)
        #expect(c.mean == 42 && c.sd < 1e-9)
        let e = moments(.exponential(meanSeconds: 600))
        #expect(abs(e.mean / 600 - 1) < 0.01 && abs(e.sd / 600 - 1) < 0.015)
        let u = moments(.uniform(minSeconds: 100, maxSeconds: 700))
        #expect(abs(u.mean / 400 - 1) < 0.005 && abs(u.sd / (600 / 12.0.squareRoot()) - 1) < 0.01)
        let l = moments(.logNormal(meanSeconds: 1800, standardDeviationSeconds: 1200))
        #expect(abs(l.mean / 1800 - 1) < 0.01 && abs(l.sd / 1200 - 1) < 0.03)
        let k = moments(.erlang(phases: 4, meanSeconds: 800))
        #expect(abs(k.mean / 800 - 1) < 0.01 && abs(k.sd / 400 - 1) < 0.015)   // sd = mean/√k
        let big = moments(.erlang(phases: 40, meanSeconds: 100), n: 20_000)     // exercises the block product
        #expect(abs(big.mean / 100 - 1) < 0.01)
    }

    @Test func badDistributionParametersAreUsageErrors() {
        for d: DurationDistribution in [.constant(seconds: -1), .exponential(meanSeconds: .nan),
                                        .uniform(minSeconds: 5, maxSeconds: 1), .logNormal(meanSeconds: -3, standardDeviationSeconds: 1),
                                        .erlang(phases: 0, meanSeconds: 10), .exponential(meanSeconds: .infinity)] {
            #expect(throws: CovplanError.self) { try d.validate("test") }
            do { try d.validate("test") } catch let err as CovplanError { #expect(err.kind == .usage) } catch {}
        }
    }
}
