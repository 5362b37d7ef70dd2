import CityModel
import GEOSBridge
import GeoCore
import StreetGraph
import Testing
import TestSupport

/// Distance from `p` to the nearest of `segments` (brute force).
func distanceToSegments(_ p: Point, _ segments: [(Point, Point)]) -> Double {
    var best = Double.infinity
    for (a, b) in segments { best = min(best, Planar.closestOnSegment(p, a, b).distanceSquared) }
    return best.squareRoot()
}

@Suite struct IsochroneTests {
    @Test func isochronesContainReachedStreetsAndNothingFartherThanTheBuffer() throws {
        let city = try #require(Helsinki.city)
        let g = try GraphBuilder.build(streets: city.streets, mode: .drive)
        let snapper = EdgeSnapper(graph: g)
        let c = city.extent.center
        let starts = [Point(c.x - 400, c.y), Point(c.x + 300, c.y + 200)].compactMap { snapper.snap($0)?.position }
        let reach = try g.reach(from: starts.map { SearchSource($0) }, thresholdsSeconds: [60, 150])
        let width = 40.0
        let isos = try g.isochrones(of: reach, bufferMeters: width)
        #expect(isos.count == 2)
        let engine = try GEOSEngine()
        for (i, iso) in isos.enumerated() {
            let pieces = reach.pieces(within: i).map { g.geometry(ofEdge: Int($0.edge), fromMeters: $0.fromMeters, toMeters: $0.toMeters) }
            #expect(!pieces.isEmpty && !iso.polygons.isEmpty)
            // GEOS: reached lines minus the polygons leave (almost) nothing.
            let lines = try engine.geometry(.multiLineString(pieces))
            let area = try engine.geometry(.multiPolygon(iso.polygons))
            let outside = try engine.length(try engine.difference(lines, area))
            let total = try engine.length(lines)
            #expect(outside <= 1e-6 * total, "threshold \(i): \(outside) m of \(total) m outside")
            // Every polygon vertex and sampled interior point lies within the buffer width of a
            // reached piece (8 segments per quadrant: the polygon lies inside the true buffer).
            var segments: [(Point, Point)] = []
            for l in pieces { for k in 1..<l.count { segments.append((l[k - 1], l[k])) } }
            var checked = 0
            for poly in iso.polygons {
                for ring in poly.rings {
                    for (k, v) in ring.enumerated() where k % 7 == 0 {
                        #expect(distanceToSegments(v, segments) <= width * 1.0001)
                        checked += 1
                    }
                }
            }
            var rng = SeededRandom(seed: UInt64(i + 1))
            var env = Envelope.empty
            for p in iso.polygons { env.expand(by: p.envelope) }
            var inside = 0
            for _ in 0..<400 {
                let p = Point(Double.random(in: env.minX...env.maxX, using: &rng), Double.random(in: env.minY...env.maxY, using: &rng))
                guard iso.polygons.contains(where: { $0.contains(p) }) else { continue }
                #expect(distanceToSegments(p, segments) <= width * 1.0001)
                inside += 1
            }
            #expect(checked > 20 && inside > 20)
            // The larger threshold is no smaller, and follows the streets (blocks stay holes).
            if i == 1 {
                #expect(iso.areaM2 >= isos[0].areaM2)
                #expect(iso.polygons.contains { !$0.holes.isEmpty })
            }
        }
        #expect(throws: CovplanError.self) { try g.isochrones(of: reach, bufferMeters: 0) }
    }
}
