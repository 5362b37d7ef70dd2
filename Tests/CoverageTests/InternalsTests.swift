@testable import Coverage
import Foundation
import GeoCore
import PropertyBased
import Testing

/// Internal helpers of the coverage pipeline: the sector shortcut of `SegmentClip`, the Z-order
/// of `SpatialOrder` and the concurrent array builders of `Parallel`.
@Suite struct InternalsTests {
    /// Whenever `outsideSector` says so, every point of the segment lies outside the field of
    /// view by more than the margin (so the angular pre-selection it skips finds nothing).
    @Test func outsideSectorOnlyForSegmentsClearOfTheFieldOfView() async {
        await propertyCheck(count: 60, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let sweeps = [0.3, .pi / 2, .pi, .pi + 0.2, 1.9 * .pi, rng.nextUnit() * 2 * .pi + 0.01]
            for sweep in sweeps {
                let region = VisibilityRegion(center: Point(0, 0), startAngle: 0, sweep: sweep, rangeMeters: 50,
                                              minRangeMeters: 0, pieceStart: [0], pieceEnd: [sweep], wx: [0], wy: [0],
                                              isArc: [true])
                for _ in 0..<200 {
                    let p = Point((rng.nextUnit() - 0.5) * 100, (rng.nextUnit() - 0.5) * 100)
                    let q = Point((rng.nextUnit() - 0.5) * 100, (rng.nextUnit() - 0.5) * 100)
                    guard SegmentClip.outsideSector(p, q, region) else { continue }
                    for i in 0...64 {
                        let x = p.lerp(q, Double(i) / 64)
                        var theta = atan2(x.y, x.x)
                        if theta < 0 { theta += 2 * .pi }
                        #expect(theta > sweep + 1e-7 && theta < 2 * .pi - 1e-7,
                                "sweep \(sweep): point \(x) at angle \(theta) is not clear of the field of view")
                    }
                }
            }
        }
    }

    @Test func zOrderIsAPermutationAndKeepsNeighboursTogether() {
        var rng = SplitMix64(seed: 7)
        let points = (0..<1000).map { _ in Point(rng.nextUnit() * 5000, rng.nextUnit() * 5000) }
        let order = SpatialOrder.zOrder(points, cellMeters: 256)
        #expect(order.sorted() == Array(points.indices))
        // Consecutive points are much closer than random pairs on average.
        let step = zip(order, order.dropFirst()).map { points[$0].distance(to: points[$1]) }.reduce(0, +) / 999
        #expect(step < 1000)
        #expect(SpatialOrder.zOrder([]) == [])
        #expect(SpatialOrder.zOrder([Point(1, 1)]) == [0])
    }

    /// `GapSpan.top(k, …)` is the head of the full ranking, whatever the ties in score (spans of
    /// equal score are ordered by street, then position).
    @Test func topGapsAreTheHeadOfTheFullRanking() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let n = Int(rng.next() % 3000)
            let spans = (0..<n).map { i -> GapSpan in
                // Few distinct lengths and weights: many equal scores.
                let length = Double(10 + rng.next() % 8) * 5
                let weight = [0.5, 1, 2][Int(rng.next() % 3)]
                return GapSpan(street: Int(rng.next() % 200), district: -1, fromMeters: Double(i), toMeters: Double(i) + length,
                               lengthMeters: length, weight: weight, score: length * weight)
            }
            let full = GapSpan.ranked(spans)
            for k in [0, 1, 20, n, n + 5] {
                let top = GapSpan.top(k, of: spans)
                #expect(top.count == min(k, n))
                #expect(zip(top, full).allSatisfy { $0.street == $1.street && $0.fromMeters == $1.fromMeters })
            }
        }
    }
}
