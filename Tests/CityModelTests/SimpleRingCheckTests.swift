@testable import CityIngest
import CityModel

import Foundation
import GEOSBridge
import GeoCore
import Testing
import TestSupport

/// The GEOS-free validity proof must never accept what GEOS rejects, and must accept enough
/// plain footprints to matter.
@Suite struct SimpleRingCheckTests {
    /// Random polygons of every kind that trips validity: star-shaped (valid) rings, shuffled
    /// (mostly self-intersecting) rings, collinear and repeated vertices, holes inside, outside,
    /// crossing or touching the shell, near-degenerate slivers.
    func randomPolygon(_ rng: inout SplitMix64) -> Polygon {
        func star(_ c: Point, _ radius: Double, _ n: Int) -> Ring {
            var angles = (0..<n).map { _ in Double.random(in: 0..<(2 * .pi), using: &rng) }.sorted()
            if Int.random(in: 0..<6, using: &rng) == 0 { angles.shuffle(using: &rng) }
            var r = angles.map { a -> Point in
                let d = radius * Double.random(in: 0.3...1, using: &rng)
                return Point(c.x + d * cos(a), c.y + d * sin(a))
            }
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: r.insert(r[0], at: 1)                                                 // repeated vertex
            case 1: r.insert(Point((r[0].x + r[1].x) / 2, (r[0].y + r[1].y) / 2), at: 1)  // collinear vertex
            case 2: r[2] = r[0]                                                           // self-touch
            default: break
            }
            return r + [r[0]]
        }
        let c = Point(385_000 + Double.random(in: 0..<1000, using: &rng), 6_672_000 + Double.random(in: 0..<1000, using: &rng))
        let shell = star(c, 20, Int.random(in: 3...12, using: &rng))
        var holes: [Ring] = []
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let off = Point(c.x + Double.random(in: -25...25, using: &rng), c.y + Double.random(in: -25...25, using: &rng))
            holes.append(star(off, Double.random(in: 1...8, using: &rng), Int.random(in: 3...6, using: &rng)))
        }
        if Int.random(in: 0..<8, using: &rng) == 0, shell.count > 3 {  // hole touching the shell at a vertex
            let v = shell[1]
            holes.append([v, Point(v.x - 2, v.y - 1), Point(v.x - 1, v.y - 2), v])
        }
        return Polygon(exterior: shell, holes: holes)
    }

    @Test func neverAcceptsWhatGEOSRejects() throws {
        let engine = try GEOSEngine()
        var rng = SplitMix64(seed: 20261122)
        var proven = 0, geosValid = 0
        let n = 20_000
        for _ in 0..<n {
            let p = randomPolygon(&rng)
            let valid = try engine.validity(.polygon(p)).isValid
            if valid { geosValid += 1 }
            if SimpleRingCheck.provesValid(.polygon(p)) {
                proven += 1
                #expect(valid, "proved valid but GEOS says not: \(p)")
            }
        }
        // The generator makes both kinds, and the proof is not vacuous.
        #expect(geosValid > n / 5 && geosValid < n * 9 / 10)
        #expect(proven > geosValid / 2)
    }

    @Test func helsinkiFootprintsAgreeWithGEOS() throws {
        let city = try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.buildings], makeValid: true))
        let engine = try GEOSEngine()
        var proven = 0
        for b in city.buildings {
            let g = Geometry.multiPolygon(b.footprint)
            if SimpleRingCheck.provesValid(g) {
                proven += 1
                #expect(try engine.validity(g).isValid, "building \(b.id)")
            }
        }
        #expect(proven > city.buildings.count * 3 / 4)
    }

    @Test func handMadeCases() {
        let square: Ring = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]
        let bowtie: Ring = [Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]
        let hole: Ring = [Point(2, 2), Point(2, 4), Point(4, 4), Point(4, 2), Point(2, 2)]
        let touching: Ring = [Point(0, 0), Point(2, 1), Point(1, 2), Point(0, 0)]
        let outside: Ring = [Point(20, 20), Point(20, 24), Point(24, 24), Point(24, 20), Point(20, 20)]
        #expect(SimpleRingCheck.provesValid(Polygon(exterior: square)))
        #expect(SimpleRingCheck.provesValid(Polygon(exterior: square, holes: [hole])))
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: bowtie)))
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: square, holes: [touching])))
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: square, holes: [outside])))
        #expect(!SimpleRingCheck.provesValid(Polygon(exterior: square, holes: [hole, hole])))
        // Two disjoint parts: a valid multipolygon (SimpleRingCheckPartsTests for more).
        #expect(SimpleRingCheck.provesValid(.multiPolygon([Polygon(exterior: square), Polygon(exterior: outside)])))
    }
}
