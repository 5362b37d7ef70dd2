import CityModel
import Foundation
import GeoCore
import Testing

/// `Centroid.ofRing` (the lean building read's figures of a one-ring footprint) must equal, bit
/// for bit, `Centroid.of` and `Polygon.area` of that footprint as a polygon, and both must match
/// the textbook shoelace formulas.
@Suite struct CentroidOfRingTests {
    @Test func equalsCentroidOfAndAreaOfThePolygon() {
        var rng = SplitMix64(seed: 21)
        func u() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        var rings: [[Point]] = [
            [], [Point(5, 5)], [Point(1, 1), Point(2, 2)],
            [Point(0, 0), Point(1, 1), Point(2, 2), Point(0, 0)],  // zero area: the vertex mean
            [Point(-0.0, -0.0), Point(1, 0), Point(1, 1), Point(-0.0, -0.0)],
        ]
        for _ in 0..<500 {
            let n = 3 + Int(u() * 30)
            let cx = 380_000 + u() * 10_000, cy = 6_670_000 + u() * 10_000
            var ring = (0..<n).map { k -> Point in
                let a = Double(k) / Double(n) * 2 * .pi, r = 1 + u() * 40
                return Point(cx + r * cos(a), cy + r * sin(a))
            }
            if u() < 0.5 { ring.reverse() }
            ring.append(ring[0])
            rings.append(ring)
        }
        for ring in rings {
            let (c, a) = Centroid.ofRing(ring)
            let polygon = Polygon(exterior: ring)
            let expected = Centroid.of([polygon]) ?? Point(0, 0)
            #expect(c.x.bitPattern == expected.x.bitPattern && c.y.bitPattern == expected.y.bitPattern, "\(ring.count) points")
            #expect(a.bitPattern == [polygon].reduce(0, { $0 + $1.area }).bitPattern)
            // Textbook shoelace (relative to the first vertex), for the rings with an area.
            guard ring.count >= 4 else { continue }
            let o = ring[0]
            var s = 0.0, sx = 0.0, sy = 0.0
            for i in 0..<(ring.count - 1) {
                let p = ring[i] - o, q = ring[i + 1] - o
                let cross = p.x * q.y - q.x * p.y
                s += cross
                sx += (p.x + q.x) * cross
                sy += (p.y + q.y) * cross
            }
            #expect(abs(abs(s / 2) - a) <= 1e-9 * max(1, a))
            if abs(s) > 1e-6 {
                #expect(abs(o.x + sx / (3 * s) - c.x) < 1e-6 && abs(o.y + sy / (3 * s) - c.y) < 1e-6)
            }
        }
    }
}
