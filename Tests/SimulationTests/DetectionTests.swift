import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// Covered street intervals → arc detection, city entries and cordon cameras, on hand-made streets.
@Suite struct DetectionTests {
    /// A: (0,0)→(100,0)→(200,0) two-way, cut at (100,0) by B: (100,0)→(100,100) one-way;
    /// C: (200,0)→(300,0) two-way. Residential speed 30 km/h... seconds from the speed table.
    static let streets = [
        Street(id: "A", highway: "residential", points: [Point(0, 0), Point(100, 0), Point(200, 0)]),
        Street(id: "B", highway: "residential", oneway: .forward, points: [Point(100, 0), Point(100, 100)]),
        Street(id: "C", highway: "residential", points: [Point(200, 0), Point(300, 0)]),
        Street(id: "F", highway: "footway", points: [Point(0, 50), Point(50, 50)]),
    ]

    func arc(_ g: RoadGraph, from a: Point, to b: Point) -> Int {
        (0..<g.arcCount).first { k in
            g.node(Int(g.arcTail(k))) == a && g.node(Int(g.arcHead[k])) == b
        }!
    }

    @Test func edgesKnowWhereTheyLieOnTheirStreet() throws {
        let g = try GraphBuilder.build(streets: Self.streets, mode: .drive)
        let start = g.edgeStartOnStreetMeters()
        for e in 0..<g.edgeCount {
            let street = Self.streets[Int(g.edgeStreet[e])]
            // Independent: distance along the street's own polyline to the edge's first vertex.
            let first = g.geometry(ofEdge: e)[0]
            var acc = 0.0, found: Double?
            for i in 0..<street.points.count {
                if street.points[i] == first { found = acc; break }
                if i + 1 < street.points.count { acc += street.points[i].distance(to: street.points[i + 1]) }
            }
            #expect(start[e] == found)
        }
    }

    @Test func coveredIntervalsBecomeDirectionalFractions() throws {
        let g = try GraphBuilder.build(streets: Self.streets, mode: .drive)
        let coverage = StreetCoverage(covered: [
            StreetInterval(streetId: "A", fromMeters: 50, toMeters: 150),
            StreetInterval(streetId: "B", fromMeters: 20, toMeters: 40),
            StreetInterval(streetId: "F", fromMeters: 0, toMeters: 50),  // footway: not in the drive graph
        ], cordon: [StreetInterval(streetId: "C", fromMeters: 75, toMeters: 100)])
        let o = try coverage.oracle(on: g)
        /// Detection times rounded to 1e-4 s (the oracle stores fractions as Float).
        func at(_ a: Int) -> (Double?, Double?) {
            let d = o.detection(piece: Int32(a), entrySeconds: 100, exitSeconds: 200)
            func r(_ v: Double?) -> Double? { v.map { ($0 * 1e4).rounded() / 1e4 } }
            return (r(d?.seconds), r(d?.cordonSeconds ?? nil))
        }
        let p0 = Point(0, 0), p1 = Point(100, 0), p2 = Point(200, 0), p3 = Point(300, 0), top = Point(100, 100)
        // A's first edge covered on [50, 100]: forward seen from half-way, backward at once.
        #expect(at(arc(g, from: p0, to: p1)) == (150, nil))
        #expect(at(arc(g, from: p1, to: p0)) == (100, nil))
        // A's second edge covered on [0, 50] of it: forward at once, backward from half-way.
        #expect(at(arc(g, from: p1, to: p2)) == (100, nil))
        #expect(at(arc(g, from: p2, to: p1)) == (150, nil))
        // B one-way, covered [20, 40]: seen at 20 % of the way; no backward arc exists.
        #expect(at(arc(g, from: p1, to: top)) == (120, nil))
        #expect(!(0..<g.arcCount).contains { g.node(Int(g.arcTail($0))) == top })
        // C: cordon only, last quarter: forward 175, backward at once.
        #expect(at(arc(g, from: p2, to: p3)) == (175, 175))
        #expect(at(arc(g, from: p3, to: p2)) == (100, 100))
        // Unknown street ids and reversed ranges are errors.
        #expect(throws: CovplanError.self) { try StreetCoverage(covered: [StreetInterval(streetId: "X", fromMeters: 0, toMeters: 1)]).oracle(on: g) }
        #expect(throws: CovplanError.self) { try StreetCoverage(covered: [StreetInterval(streetId: "A", fromMeters: 5, toMeters: 1)]).oracle(on: g) }
    }

    @Test func tripDetectionTimeIsComputedByHand() throws {
        let g = try GraphBuilder.build(streets: Self.streets, mode: .drive)
        // Drive (0,0) → (300,0): three arcs of 100 m each, 30 km/h residential → 12 s each.
        let s = g.edgeSeconds[0]
        let tree = g.shortestPathTree(fromNode: Int(g.nearerEnd(of: EdgePosition(edge: 0, offsetMeters: 0))))
        let end = (0..<g.nodeCount).first { g.node($0) == Point(300, 0) }!
        let arcs = try #require(tree.arcs(to: end, in: g))
        #expect(arcs.count == 3)
        var trips = VehicleTrips()
        try trips.append(arcs.enumerated().map { k, a in
            TripStep(piece: a, entrySeconds: Double(k) * s, exitSeconds: Double(k + 1) * s, exitNode: g.arcHead[Int(a)])
        }, dangerous: true, entersCity: true)
        let coverage = StreetCoverage(covered: [StreetInterval(streetId: "A", fromMeters: 150, toMeters: 160),
                                                StreetInterval(streetId: "C", fromMeters: 90, toMeters: 100)],
                                      cordon: [StreetInterval(streetId: "C", fromMeters: 90, toMeters: 100)])
        // One unit at (300,0): reaches the trip's last node at once.
        let unitNode = Int32(end)
        let units = try UnitNodeTravelTable(unitCount: 1, nodeCount: g.nodeCount,
                                            secondsRowMajor: (0..<g.nodeCount).map { $0 == Int(unitNode) ? 0 : 1000 })
        let r = try KorgauAnalysis.analyse(trips: trips, cameras: try coverage.oracle(on: g), units: units,
                                           settings: KorgauSettings(alertDelaySeconds: 5))
        // First seen 150 m along A = half-way through the second arc: 1.5 s-units.
        #expect(abs(r.firstDetectionSeconds[0] - 1.5 * s) < 1e-9)
        #expect(r.entryTripsCaughtByCordon == 1)
        // Alert at 1.5 s + 5 s; the unit is at the end node already: interceptable at the last step.
        #expect(r.interceptable == 1 && r.interceptStep == [2])
    }

    @Test func cityEntriesAreStreetEndsAtTheEdgeOfTheNetwork() throws {
        // A 3×3 grid (0…400 m) with spurs leaving it at west (−100, 200) and north (200, 500),
        // and an inner dead end (200, 250) that is not at the edge.
        var streets: [Street] = []
        for i in 0..<3 {
            let c = Double(i) * 200
            streets.append(Street(id: "h\(i)", highway: "residential", points: [Point(0, c), Point(200, c), Point(400, c)]))
            streets.append(Street(id: "v\(i)", highway: "residential", points: [Point(c, 0), Point(c, 200), Point(c, 400)]))
        }
        streets.append(Street(id: "west", highway: "primary", points: [Point(-100, 200), Point(0, 200)]))
        streets.append(Street(id: "north", highway: "primary", points: [Point(200, 400), Point(200, 500)]))
        streets.append(Street(id: "inner", highway: "service", points: [Point(200, 200), Point(200, 250)]))
        let g = try GraphBuilder.build(streets: streets, mode: .drive)
        let e = try CityEntries.find(graph: g, bandMeters: 10)
        let points = Set(e.nodes.map { g.node(Int($0)) })
        #expect(points == [Point(-100, 200), Point(200, 500)])
        let cams = [CameraRecord(id: "c1", position: Point(-90, 210)), CameraRecord(id: "c2", position: Point(200, 260)),
                    CameraRecord(id: "c3", position: Point(200, 420))]
        #expect(e.cordonCameras(cams, graph: g, cordonRadiusMeters: 100) == [0, 2])
        #expect(throws: CovplanError.self) { try CityEntries.find(graph: g, bandMeters: -1) }
    }
}
