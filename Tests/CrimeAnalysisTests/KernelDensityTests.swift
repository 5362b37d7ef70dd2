import CrimeAnalysis
import Foundation
import GeoCore
import Testing

/// The quartic kernel against its textbook formula and its unit integral.
@Suite struct KernelDensityTests {
    @Test func valueMatchesFormula() throws {
        let k = try QuarticKernel(bandwidthMeters: 200)
        // d = 100: 3/(π·200²)·(1 − 0.25)² = 3·0.5625/(π·40000)
        #expect(abs(k.value(distanceSquared: 100 * 100) - 3 * 0.5625 / (Double.pi * 40_000)) < 1e-18)
        #expect(k.value(distanceSquared: 200 * 200) == 0)
        #expect(abs(k.value(distanceSquared: 0) - 3 / (Double.pi * 40_000)) < 1e-18)
    }

    /// Riemann sum over a fine grid: ∫ λ = Σ w (two points of weight 1 and 2.5 well inside).
    @Test func integratesToTotalWeight() throws {
        let k = try QuarticKernel(bandwidthMeters: 150)
        let pts = [Point(x: 0, y: 0), Point(x: 60, y: -30)]
        let w = [1.0, 2.5]
        var sum = 0.0
        let step = 2.0
        var x = -300.0 + step / 2
        while x < 300 {
            var y = -300.0 + step / 2
            while y < 300 {
                sum += k.density(at: Point(x: x, y: y), points: pts, weights: w) * step * step
                y += step
            }
            x += step
        }
        #expect(abs(sum - 3.5) < 1e-3)
    }

    @Test func rejectsBadBandwidth() {
        #expect(throws: CovplanError.self) { try QuarticKernel(bandwidthMeters: 0) }
        #expect(throws: CovplanError.self) { try QuarticKernel(bandwidthMeters: -5) }
        #expect(throws: CovplanError.self) { try QuarticKernel(bandwidthMeters: .nan) }
    }
}
