import CrimeAnalysis
import Foundation
import GeoCore
import Testing

/// Street-segment hot spots against brute force: nearest piece by distance to every piece, Gi*
/// from generic weights over the midpoints, density by the kernel over every attached incident.
@Suite struct HotSpotSegmentsTests {
    static let streets: [(id: String, points: [Point])] = [
        ("s0", [Point(x: 0, y: 0), Point(x: 1000, y: 0)]),
        ("s1", [Point(x: 0, y: 200), Point(x: 500, y: 200), Point(x: 1000, y: 200)]),
        ("s2", [Point(x: 0, y: 400), Point(x: 1000, y: 400)]),
    ]

    static func incidents() -> [Point] {
        var rng = SplitMix64(seed: 11)
        var pts: [Point] = []
        for _ in 0..<120 { pts.append(Point(x: 400 + Double(rng.next() % 200), y: Double(rng.next() % 30))) }   // on s0 around 500
        for _ in 0..<80 { pts.append(Point(x: Double(rng.next() % 1000), y: Double(rng.next() % 420))) }
        pts.append(Point(x: 500, y: 900))                                                                      // far from every street
        return pts
    }

    static func distance2(_ p: Point, _ pts: [Point]) -> Double {
        (1..<pts.count).map { Planar.closestOnSegment(p, pts[$0 - 1], pts[$0]).distanceSquared }.min()!
    }

    @Test(arguments: [SegmentNeighbours.band(meters: 250), .nearest(k: 4)])
    func agreesWithBruteForce(_ neighbours: SegmentNeighbours) throws {
        let pts = Self.incidents()
        let o = SegmentHotSpotOptions(segmentMeters: 100, maxSnapMeters: 50, bandwidthMeters: 200, neighbours: neighbours)
        let r = try HotSpotSegments.analyse(points: pts, streets: Self.streets, options: o)
        #expect(r.segments.count == 30)
        #expect(r.segments.allSatisfy { abs($0.lengthMeters - 100) < 1e-9 })
        var counts = [Double](repeating: 0, count: r.segments.count)
        var attached: [Point] = []
        var far = 0
        for p in pts {
            let d = r.segments.map { Self.distance2(p, $0.points) }
            let j = d.indices.min { (d[$0], $0) < (d[$1], $1) }!
            if d[j] <= 50 * 50 { counts[j] += 1; attached.append(p) } else { far += 1 }
        }
        #expect(r.unattached == far && far >= 1)
        #expect(r.segments.map(\.count) == counts)
        let mids = r.segments.map(\.midpoint)
        let w: SpatialWeights
        switch neighbours {
        case .band(let m): w = try SpatialWeights.distanceBand(mids, meters: m)
        case .nearest(let k): w = try SpatialWeights.kNearest(mids, k: k)
        }
        let z = try GetisOrd.zScores(counts, weights: w)
        for (i, s) in r.segments.enumerated() { #expect(abs(s.giZ - z[i]) < 1e-12) }
        let k = try QuarticKernel(bandwidthMeters: 200)
        for s in r.segments { #expect(abs(s.densityPerKm2 - k.density(at: s.midpoint, points: attached) * 1e6) < 1e-9) }
        // The cluster on s0 around x = 500 has the highest z; classes follow the adjusted p.
        let top = r.segments.max { $0.giZ < $1.giZ }!
        #expect(top.streetId == "s0", "\(top.id) \(top.giZ)")
        #expect(top.midpoint.x >= 300 && top.midpoint.x <= 700, "\(top.id) \(top.giZ)")
        #expect(top.giZ > 1.96, "\(top.id) \(top.giZ)")
        for s in r.segments {
            #expect((s.hotSpotClass == .hot) == (s.pFDR <= 0.05 && s.giZ > 0))
            #expect((s.hotSpotClass == .cold) == (s.pFDR <= 0.05 && s.giZ < 0))
        }
    }

    @Test func rejectsBadInput() {
        #expect(throws: CovplanError.self) {
            try HotSpotSegments.analyse(points: Self.incidents(), streets: Self.streets, options: SegmentHotSpotOptions(segmentMeters: 0))
        }
        #expect(throws: CovplanError.self) {
            try HotSpotSegments.analyse(points: Self.incidents(), streets: Self.streets, options: SegmentHotSpotOptions(neighbours: .nearest(k: 0)))
        }
        #expect(throws: CovplanError.self) {
            try HotSpotSegments.analyse(points: [Point(x: 0, y: 5000)], streets: Self.streets)
        }
    }
}
