import CityIngest
import CityModel
import GEOSBridge
import GeoCore
@testable import Staffing
import Testing
import TestSupport

/// Street length per precinct by the sweep (`LineClip.lengthInside`) against the exact clip of
/// every segment (`lengthInsideExact`, bit for bit) and against GEOS intersection lengths.
@Suite struct LineClipTests {
    struct Rng {
        var s: UInt64
        mutating func next() -> Double {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    /// GEOS: Σ over lines of the length of line ∩ area, per area.
    static func geosLengths(_ lines: [[Point]], _ areas: [[Polygon]]) throws -> [Double] {
        let engine = try GEOSEngine()
        return try areas.map { area in
            let g = try engine.geometry(.multiPolygon(area))
            var env = Envelope.empty
            for p in area { env.expand(by: p.envelope) }
            var sum = 0.0
            for line in lines where line.count > 1 {
                var e = Envelope.empty
                for q in line { e.expand(by: Envelope(minX: q.x, minY: q.y, maxX: q.x, maxY: q.y)) }
                guard e.intersects(env) else { continue }
                sum += try engine.length(engine.intersection(engine.geometry(.lineString(line)), g))
            }
            return sum
        }
    }

    static func relClose(_ a: [Double], _ b: [Double], _ tol: Double) -> Bool {
        let scale = max(b.map(abs).max() ?? 0, 1e-12)
        return a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(abs($1), scale * 1e-3) }
    }

    @Test func helsinkiGeneratedPrecincts() throws {
        let city = HelsinkiPopulationTests.city
        let lines = city.streets.map(\.points)
        for count in [6, 40] {
            let offices = try PrecinctGenerator.officeSites(count: count, buildings: city.buildings, model: ResidentsModel(), seed: 3)
            let areas = try PrecinctGenerator.voronoi(offices: offices, city: city, inspectors: 2).map(\.polygons)
            let (sweep, whole, clipped) = LineClip.sweep(lines, areas: areas)
            #expect(whole > 3 * clipped && clipped > 0, "\(whole) segments whole, \(clipped) clipped")
            let exact = LineClip.lengthInsideExact(lines, areas: areas)
            #expect(sweep == exact, "\(count) precincts: sweep differs from the exact clip")
            let geos = try Self.geosLengths(lines, areas)
            #expect(Self.relClose(sweep, geos, 1e-9), "\(count) precincts: \(zip(sweep, geos).map { $0 - $1 })")
            #expect(abs(sweep.reduce(0, +) - city.streetLengthMeters) < 1e-6 * city.streetLengthMeters)
        }
    }

    /// A jittered grid of quads sharing edges (one with a hole, one missing), random lines, lines
    /// along the shared edges and through their vertices.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64]) func randomPolygons(seed: UInt64) throws {
        var rng = Rng(s: seed)
        let n = 6, size = 100.0
        var v = [[Point]]()
        for i in 0...n {
            v.append((0...n).map { j in
                let jx = (i == 0 || i == n) ? 0 : (rng.next() - 0.5) * 40
                let jy = (j == 0 || j == n) ? 0 : (rng.next() - 0.5) * 40
                return Point(500_000 + Double(i) * size + jx, 6_600_000 + Double(j) * size + jy)
            })
        }
        var areas: [[Polygon]] = []
        for i in 0..<n {
            for j in 0..<n where !(i == 2 && j == 3) {
                let ring = [v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1], v[i][j]]
                var holes: [Ring] = []
                if i == 4, j == 1 {
                    let c = Centroid.of([Polygon(exterior: ring)])!
                    holes = [[Point(c.x - 10, c.y - 10), Point(c.x - 10, c.y + 10), Point(c.x + 10, c.y + 10),
                              Point(c.x + 10, c.y - 10), Point(c.x - 10, c.y - 10)]]
                }
                areas.append([Polygon(exterior: ring, holes: holes)])
            }
        }
        var lines: [[Point]] = []
        for _ in 0..<400 {
            var p = Point(500_000 - 50 + rng.next() * 700, 6_600_000 - 50 + rng.next() * 700)
            var line = [p]
            for _ in 0..<Int(1 + rng.next() * 12) {
                let step = rng.next() < 0.2 ? 60.0 : 6.0
                p = Point(p.x + (rng.next() - 0.5) * step, p.y + (rng.next() - 0.5) * step)
                line.append(p)
            }
            lines.append(line)
        }
        for i in 1..<n { lines.append(v[i]) }                 // along shared edges, through vertices
        lines.append([v[1][1], v[3][3], v[5][5]])              // corner to corner
        lines.append([Point(v[2][2].x - 30, v[2][2].y), v[2][2], Point(v[2][2].x + 30, v[2][2].y)])
        let (sweep, whole, clipped) = LineClip.sweep(lines, areas: areas)
        #expect(whole > clipped && clipped > 0, "\(whole) segments whole, \(clipped) clipped")
        let exact = LineClip.lengthInsideExact(lines, areas: areas)
        #expect(sweep == exact)
        // Lines along shared edges count (once, to one side) in the clip; GEOS counts them
        // on both sides: compare GEOS on the lines not lying along an edge.
        let free = Array(lines.prefix(400))
        #expect(Self.relClose(LineClip.lengthInside(free, areas: areas), try Self.geosLengths(free, areas), 1e-9))
    }
}
