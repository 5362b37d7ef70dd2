import Foundation
@testable import CityIngest
import CityModel
import GeoCore
@testable import StreetGraph
import Testing
import TestSupport

/// The snap index and the building and school snaps a prepared city stores with each default
/// graph (`sd.*`, `sw.*`): what snapping again gives, checked against a brute-force nearest
/// segment; used by reach only for the graph and distance they were made for; refused with one
/// line when corrupt.
@Suite(.serialized) struct PreparedSnapsTests {
    typealias P = PreparedCityTests

    /// The point at `offset` metres along edge `e` of `g` (its polyline).
    static func point(_ g: RoadGraph, edge e: Int, offset: Double) -> Point {
        var left = offset
        let a = Int(g.edgeVertexStart[e]), b = Int(g.edgeVertexStart[e + 1])
        for i in a..<(b - 1) {
            let p = Point(g.vertexX[i], g.vertexY[i]), q = Point(g.vertexX[i + 1], g.vertexY[i + 1])
            let len = p.distance(to: q)
            if left <= len || i == b - 2 { return len > 0 ? p.lerp(q, min(1, left / len)) : p }
            left -= len
        }
        return Point(g.vertexX[a], g.vertexY[a])
    }

    /// Distance from `p` to the nearest segment of any edge of `g`, by looking at every one.
    static func bruteNearest(_ g: RoadGraph, _ p: Point) -> Double {
        var best = Double.infinity
        for e in 0..<g.edgeCount {
            for i in Int(g.edgeVertexStart[e])..<(Int(g.edgeVertexStart[e + 1]) - 1) {
                let d = Planar.closestOnSegment(p, Point(g.vertexX[i], g.vertexY[i]), Point(g.vertexX[i + 1], g.vertexY[i + 1])).distanceSquared
                best = min(best, d)
            }
        }
        return best.squareRoot()
    }

    /// Stored snaps equal snapping the loaded city again with a freshly built index, and each is
    /// the nearest point of the network (brute force over every segment, a sample of buildings
    /// and every school): within 250 m exactly when the nearest segment is.
    @Test func storedSnapsAreTheNearestPointsOfTheNetwork() throws {
        let city = try P.load(P.prepared.path)
        #expect(city.schools.count >= 3)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: city.streets, mode: mode)
            let fresh = try #require(EdgeSnapper(graph: g, segmentOrder: nil))
            #expect(EdgeSnapper(graph: g).segmentOrder == fresh.segmentOrder)
            let homes = try #require(PrebuiltValues.lookup(city.buildings, key: StoredSnaps.key(.buildings, mode), as: StoredSnaps.self))
            let schools = try #require(PrebuiltValues.lookup(city.schools, key: StoredSnaps.key(.schools, mode), as: StoredSnaps.self))
            let points = StoredSnaps.points(of: P.copy(city.buildings))
            let again = StoredSnaps.snap(points, snapper: fresh, maxSnapMeters: 250)
            #expect(homes.edges == again.edges && homes.offsets == again.offsets && homes.maxSnapMeters == 250)
            #expect(homes.edges.filter { $0 >= 0 }.count > city.buildings.count * 9 / 10, "\(mode)")
            let sample = Array(stride(from: 0, to: points.count, by: max(1, points.count / 150)))
            for (snaps, pts, idx) in [(homes, points, sample), (schools, city.schools.map(\.location), Array(city.schools.indices))] {
                for i in idx {
                    let nearest = Self.bruteNearest(g, pts[i])
                    if snaps.edges[i] < 0 {
                        #expect(nearest > 250, "\(mode) item \(i): unsnapped at \(nearest) m")
                    } else {
                        let at = Self.point(g, edge: Int(snaps.edges[i]), offset: snaps.offsets[i])
                        #expect(abs(at.distance(to: pts[i]) - nearest) < 1e-6, "\(mode) item \(i)")
                    }
                }
            }
        }
    }

    /// Reach uses the stored snaps for the graph and distance they were made for, and only
    /// then: forged snaps (valid, but every building unattached) change the result from the
    /// prepared city; another snap distance, or a copy of the buildings, snaps again.
    @Test func reachUsesStoredSnapsOnlyForWhatTheyAnswer() throws {
        let container = try PreparedContainer(P.prepared.bytes.withUnsafeBytes { $0 })
        let be = try #require(container.sections.first { $0.name == "sd.b.e" })
        let bo = try #require(container.sections.first { $0.name == "sd.b.o" })
        var forged = try P.forge(P.prepared.bytes, section: "sd.b.e", [UInt8](repeating: 0xFF, count: be.length))
        forged = try P.forge(forged, section: "sd.b.o", [UInt8](repeating: 0, count: bo.length))
        let city = try P.load(P.write(forged, name: "forged-snaps.covplan"))
        let g = try GraphBuilder.build(streets: city.streets, mode: .drive)
        func reach(_ buildings: [Building], max: Double) throws -> ReachSummary {
            try ReachAnalysis.run(graph: g, request: ReachRequest(
                sourcePoints: city.schools.map(\.location), sourceIds: city.schools.map(\.id), minutes: [5], maxSnapMeters: max,
                buildings: buildings, residentsPerBuilding: buildings.map { _ in 1 }, isochroneBufferMeters: nil)).summary
        }
        let forgedRun = try reach(city.buildings, max: 250)
        #expect(forgedRun.residentsUnattached == Double(city.buildings.count))
        let copied = try reach(P.copy(city.buildings), max: 250)
        #expect(copied.residentsUnattached < Double(city.buildings.count) / 10)
        #expect(copied.thresholds[0].residents > 0)
        let other = try reach(city.buildings, max: 249.5)
        #expect(other.residentsUnattached < Double(city.buildings.count) / 10)
    }

    /// A stored snap section that fails its checksum is refused with one line naming the file
    /// and the section when it is first used: the segment order when the graph is read, the
    /// building snaps when reach attaches the buildings.
    @Test func corruptStoredSnapsAreRefusedWithOneLine() throws {
        let container = try PreparedContainer(P.prepared.bytes.withUnsafeBytes { $0 })
        for name in ["sd.so", "sd.b.e", "sw.b.o"] {
            let s = try #require(container.sections.first { $0.name == name })
            var b = P.prepared.bytes
            b[s.offset + s.length / 2] ^= 0x21
            let path = P.write(b, name: "snaps-\(name).covplan")
            let city = try P.load(path)
            let mode: TravelMode = name.hasPrefix("sd.") ? .drive : .walk
            let e = #expect(throws: CovplanError.self) {
                let g = try GraphBuilder.build(streets: city.streets, mode: mode)
                _ = try PreparedReach(graph: g, request: ReachRequest(
                    sourcePoints: [], sourceIds: [], minutes: [5], buildings: city.buildings,
                    residentsPerBuilding: city.buildings.map { _ in 1 }))
            }
            #expect(e?.kind == .dataError && e?.file == path, "\(name): \(String(describing: e))")
            #expect(e?.problem.contains("'\(name)'") == true && e?.problem.contains("\(mode.rawValue) graph") == true
                    && e?.problem.contains("\n") == false, "\(String(describing: e))")
        }
    }
}
