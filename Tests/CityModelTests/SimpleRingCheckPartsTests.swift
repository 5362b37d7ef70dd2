@testable import CityIngest
import CityModel

import Foundation
import GEOSBridge
import GeoCore
import Testing
import TestSupport

/// The GEOS-free proof for multipolygons and for rings too large to compare edge pairs directly
/// (the x-order sweep) must never accept what GEOS rejects, and must accept plain cases.
@Suite struct SimpleRingCheckPartsTests {
    /// A star-shaped ring of `n` vertices around `c` (valid), sometimes shuffled (mostly
    /// self-intersecting) or with a spike back along an edge.
    func star(_ c: Point, _ radius: Double, _ n: Int, _ rng: inout SplitMix64) -> Ring {
        var angles = (0..<n).map { _ in Double.random(in: 0..<(2 * .pi), using: &rng) }.sorted()
        if Int.random(in: 0..<5, using: &rng) == 0 {
            let i = Int.random(in: 0..<n, using: &rng), j = Int.random(in: 0..<n, using: &rng)
            angles.swapAt(i, j)
        }
        var r = angles.map { a -> Point in
            let d = radius * Double.random(in: 0.5...1, using: &rng)
            return Point(c.x + d * cos(a), c.y + d * sin(a))
        }
        if n > 3, Int.random(in: 0..<10, using: &rng) == 0 { r[3] = r[1] }  // touches itself
        return r + [r[0]]
    }

    @Test func largeRingsNeverAcceptedWhenGEOSRejects() throws {
        let engine = try GEOSEngine()
        var rng = SplitMix64(seed: 20261206)
        var proven = 0, geosValid = 0
        for _ in 0..<1_500 {
            let c = Point(385_000 + Double.random(in: 0..<1000, using: &rng), 6_672_000)
            let shell = star(c, 50, Int.random(in: 50...400, using: &rng), &rng)
            var holes: [Ring] = []
            if Bool.random(using: &rng) {
                holes.append(star(Point(c.x + Double.random(in: -30...30, using: &rng), c.y), 12, Int.random(in: 3...80, using: &rng), &rng))
            }
            let g = Geometry.polygon(Polygon(exterior: shell, holes: holes))
            let valid = try engine.validity(g).isValid
            if valid { geosValid += 1 }
            if SimpleRingCheck.provesValid(g) {
                proven += 1
                #expect(valid, "proved valid but GEOS says not: \(g)")
            }
        }
        #expect(geosValid > 200 && geosValid < 1_400)
        #expect(proven > geosValid / 2)
    }

    @Test func multipolygonsNeverAcceptedWhenGEOSRejects() throws {
        let engine = try GEOSEngine()
        var rng = SplitMix64(seed: 61220262)
        var proven = 0, geosValid = 0
        for _ in 0..<4_000 {
            let c = Point(385_000, 6_672_000)
            let parts = (0..<Int.random(in: 2...4, using: &rng)).map { _ -> Polygon in
                let at = Point(c.x + Double.random(in: -60...60, using: &rng), c.y + Double.random(in: -60...60, using: &rng))
                var holes: [Ring] = []
                if Int.random(in: 0..<4, using: &rng) == 0 { holes.append(star(at, 6, 4, &rng).reversed()) }
                return Polygon(exterior: star(at, Double.random(in: 10...30, using: &rng), Int.random(in: 3...20, using: &rng), &rng),
                               holes: holes)
            }
            let g = Geometry.multiPolygon(parts)
            let valid = try engine.validity(g).isValid
            if valid { geosValid += 1 }
            if SimpleRingCheck.provesValid(g) {
                proven += 1
                #expect(valid, "proved valid but GEOS says not: \(g)")
            }
        }
        #expect(geosValid > 400 && geosValid < 3_600)
        #expect(proven > geosValid / 2)
    }

    @Test func handMadeParts() {
        func square(_ x: Double, _ y: Double, _ s: Double) -> Polygon {
            Polygon(exterior: [Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s), Point(x, y)])
        }
        #expect(SimpleRingCheck.provesValid(.multiPolygon([square(0, 0, 10), square(20, 0, 10)])))
        #expect(!SimpleRingCheck.provesValid(.multiPolygon([square(0, 0, 10), square(10, 0, 10)])))  // shared edge
        #expect(!SimpleRingCheck.provesValid(.multiPolygon([square(0, 0, 10), square(10, 10, 10)])))  // shared corner
        #expect(!SimpleRingCheck.provesValid(.multiPolygon([square(0, 0, 10), square(5, 5, 10)])))  // overlapping
        #expect(!SimpleRingCheck.provesValid(.multiPolygon([square(0, 0, 10), square(2, 2, 2)])))  // nested
        // Convex rings are proven at once, but a five-pointed star drawn in one stroke turns the
        // same way at every vertex and winds twice: not simple.
        #expect(SimpleRingCheck.provesValid(Polygon(exterior: [Point(0, 0), Point(4, 0), Point(5, 3), Point(2, 5), Point(-1, 3), Point(0, 0)])))
        let pentagram: Ring = (0...5).map { k in
            let a = Double((k * 2) % 5) / 5 * 2 * .pi
            return Point(10 * sin(a), 10 * cos(a))
        }
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: pentagram)))
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: pentagram.reversed())))
        // A 1,000-vertex circle goes through the sweep; with one vertex pulled across, it fails.
        var circle: Ring = (0..<1000).map { k in Point(cos(Double(k) / 500 * .pi) * 100, sin(Double(k) / 500 * .pi) * 100) }
        circle.append(circle[0])
        #expect(SimpleRingCheck.provesValid(Polygon(exterior: circle)))
        circle[250] = Point(0, -150)
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: circle)))
    }
}
