@testable import CityIngest
import CityModel
import Coverage
import GeoCore
import StreetGraph
import Testing

/// The builder versions a prepared city records for its stored obstacle index and graphs
/// (`PreparedDerivedVersions`) change whenever the builders' output does: the digest of what
/// they build for a fixed synthetic city must be the last one recorded next to the version. A
/// change of `ObstacleIndex` or `GraphBuilder` that changes any array fails here until a new
/// version is appended, so prepared cities made before are refused as stale.
@Suite struct PreparedDerivedVersionTests {
    /// A fixed synthetic city, from its own generator (splitmix64, written out here so that no
    /// change elsewhere moves it): a 14 × 14 street grid in metres with intermediate vertices,
    /// every road class of the drive/walk tables and some outside both, one-way streets both
    /// ways, speed limits (one invalid), a detached component, a duplicate vertex and a street
    /// that collapses to a point; buildings with holes, several polygons, repeated vertices and
    /// open rings.
    static func fixture() -> (streets: [Street], buildings: [Building]) {
        var state: UInt64 = 0x5EED_C0DE
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        let classes = ["primary", "secondary", "residential", "service", "footway", "path", "motorway", "cycleway",
                       "living_street", "steps", "construction", "trunk_link", "unclassified", "pedestrian"]
        let n = 14, step = 80.0, x0 = 385_000.0, y0 = 6_672_000.0
        var streets: [Street] = []
        func add(_ pts: [Point]) {
            let i = streets.count
            let oneway: [Oneway] = [.no, .no, .no, .forward, .reverse]
            let r = next()
            streets.append(Street(id: "way/\(1000 + i)", highway: classes[Int(r % UInt64(classes.count))],
                                  name: r % 3 == 0 ? nil : "Katu \(i % 17)", oneway: oneway[Int((r >> 8) % 5)],
                                  maxspeedKmh: (r >> 16) % 4 == 0 ? [30, 40, 50, 80][Int((r >> 20) % 4)] : nil, points: pts))
        }
        for row in 0..<n {
            for col in 0..<(n - 1) {
                let a = Point(x0 + Double(col) * step, y0 + Double(row) * step), b = Point(a.x + step, a.y)
                let mid = Point(a.x + step * (0.3 + 0.4 * unit()), a.y + 10 * (unit() - 0.5))
                add(next() % 4 == 0 ? [a, mid, b] : [a, b])
                let c = Point(x0 + Double(row) * step, y0 + Double(col) * step), d = Point(c.x, c.y + step)
                add(next() % 5 == 0 ? [c, c, d] : [c, d])  // a repeated vertex now and then
            }
        }
        // Diagonals crossing the grid without shared vertices, a detached pair, a degenerate line.
        add([Point(x0 + 40, y0 + 40), Point(x0 + 600, y0 + 600)])
        add([Point(x0 + 5000, y0), Point(x0 + 5100, y0)])
        add([Point(x0 + 5100, y0), Point(x0 + 5100, y0 + 70)])
        add([Point(x0 + 7000, y0), Point(x0 + 7000, y0)])
        // Fixed where the checks below rely on them: drivable streets with an invalid and a
        // valid speed limit, a drivable degenerate line.
        streets[0].highway = "primary"; streets[0].maxspeedKmh = 50
        streets[5].highway = "residential"; streets[5].maxspeedKmh = -5
        streets[streets.count - 1].highway = "residential"

        var buildings: [Building] = []
        for i in 0..<60 {
            let cx = x0 + 20 + unit() * Double(n - 1) * step, cy = y0 + 20 + unit() * Double(n - 1) * step
            let w = 5 + unit() * 25, h = 5 + unit() * 25
            func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [Point] {
                [Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h), Point(x, y)]
            }
            var outer = rect(cx, cy, w, h)
            if i % 7 == 0 { outer.insert(outer[1], at: 1) }  // a zero-length edge
            if i % 11 == 0 { outer.removeLast() }  // an open ring
            var polys = [Polygon(exterior: outer, holes: i % 5 == 0 ? [rect(cx + 1, cy + 1, w / 3, h / 3)] : [])]
            if i % 9 == 0 { polys.append(Polygon(exterior: rect(cx + w + 3, cy, 4, 4), holes: [])) }
            buildings.append(Building(id: "way/\(5000 + i)", footprint: polys, levels: i % 2 == 0 ? Double(i % 6 + 1) : nil,
                                      buildingTag: "yes", use: .unknown))
        }
        return (streets, buildings)
    }

    static func expectCurrent(_ history: [PreparedDerivedVersions.Entry], digest: String, _ what: String) {
        // Append-only, numbered 1, 2, 3, …, each digest new.
        #expect(history.map(\.version) == Array(1...UInt32(history.count)), "\(what): versions")
        #expect(Set(history.map(\.digest)).count == history.count, "\(what): a digest recorded twice")
        let last = history.last!
        #expect(digest == last.digest, """
            \(what)'s output changed (digest \(digest), recorded for version \(last.version): \(last.digest)): \
            append Entry(version: \(last.version + 1), digest: "\(digest)") to its history in PreparedDerivedVersions
            """)
    }

    @Test func obstacleIndexVersionMatchesTheBuildersOutput() {
        let (_, buildings) = Self.fixture()
        let ob = ObstacleIndex(buildings: buildings)
        // The fixture exercises what the index does: holes, several polygons, dropped edges.
        #expect(ob.polygons.count > 60 && ob.ignoredEdges > 0 && ob.edgeCount > 250)
        Self.expectCurrent(PreparedDerivedVersions.obstacleIndexHistory, digest: PreparedDerivedVersions.digest(ob),
                           "ObstacleIndex(buildings:)")
    }

    @Test func roadGraphVersionMatchesTheBuildersOutput() throws {
        let (streets, _) = Self.fixture()
        let graphs = try TravelMode.allCases.map { try GraphBuilder.build(streets: streets, mode: $0) }
        for g in graphs {
            // One-way arcs, streets of the other mode, several components, bad input reported.
            #expect(g.edgeCount > 100 && g.report.streetsOtherMode > 0 && g.report.componentCount > 1, "\(g.mode)")
        }
        #expect(graphs.contains { !$0.report.degenerateStreets.isEmpty && !$0.report.invalidMaxspeedStreets.isEmpty })
        Self.expectCurrent(PreparedDerivedVersions.roadGraphHistory, digest: PreparedDerivedVersions.digest(graphs),
                           "GraphBuilder.build")
    }

    @Test func snapsVersionMatchesTheSnappersOutput() throws {
        let (streets, buildings) = Self.fixture()
        let graphs = try TravelMode.allCases.map { try GraphBuilder.build(streets: streets, mode: $0) }
        // Schools on the grid, between streets, far outside (unsnapped) and not finite.
        let schools = [Point(385_010, 6_672_013), Point(385_333.3, 6_672_444.4), Point(390_000, 6_680_000), Point(.nan, 0)]
        Self.expectCurrent(PreparedDerivedVersions.snapsHistory,
                           digest: PreparedDerivedVersions.digest(snaps: graphs, buildings: buildings, schools: schools),
                           "EdgeSnapper and StoredSnaps")
    }

    /// The digests see any change: one coordinate's last bit, one edge's seconds.
    @Test func theDigestsSeeOneBit() throws {
        var (streets, buildings) = Self.fixture()
        let ob = PreparedDerivedVersions.digest(ObstacleIndex(buildings: buildings))
        buildings[3].footprint[0].exterior[2].x = buildings[3].footprint[0].exterior[2].x.nextUp
        #expect(PreparedDerivedVersions.digest(ObstacleIndex(buildings: buildings)) != ob)
        let g = try GraphBuilder.build(streets: streets, mode: .drive)
        streets[0].maxspeedKmh = 51
        #expect(PreparedDerivedVersions.digest([try GraphBuilder.build(streets: streets, mode: .drive)])
                != PreparedDerivedVersions.digest([g]))
    }
}
