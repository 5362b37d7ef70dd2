import CityModel
import GeoCore
import StreetGraph
import Testing

/// Street-route lengths for cable to the control centre: a hand-solved grid and a check against
/// the graph's own travel-time search at uniform walking speed.
@Suite struct ConnectionRouteTests {
    func length(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    /// The 3×3 grid of 100 m blocks (nodes at 0, 100, 200). Connection points: the control
    /// centre at (0, 0) and a connected school at (200, −5), 5 m south of node (200, 0).
    /// By hand:
    /// - (200, 200): from the school, 5 + 200 = 205 m (the centre is 400 m away);
    /// - (150, 210): 10 m to the street at (150, 200); from the school 5 + 200 + 50 + 10 = 265 m
    ///   (from the centre 200 + 150 + 10 = 360 m);
    /// - (50, −3): on the centre's own edge: 50 + 3 = 53 m;
    /// - (0, 200): from the centre straight up, 200 m (from the school 5 + 400 = 405 m).
    /// One-way rules do not bind a cable: the one-way edge (0,0)→(100,0) is used westwards.
    @Test func handSolvedGrid() throws {
        let g = try GraphBuilder.build(streets: handGrid(oneway: .forward), mode: .drive)
        let hubs = [Point(0, 0), Point(200, -5)]
        let targets = [Point(200, 200), Point(150, 210), Point(50, -3), Point(0, 200), Point(5000, 5000)]
        let r = g.connectionRoutes(from: hubs, to: targets, maxSnapMeters: 100)
        let expected: [(Double, Int)] = [(205, 1), (265, 1), (53, 0), (200, 0)]
        for (i, (m, s)) in expected.enumerated() {
            let route = try #require(r[i])
            #expect(abs(route.meters - m) < 1, "target \(i): \(route.meters) m, expected \(m)")
            #expect(abs(route.meters - m) < 1e-6)
            #expect(route.source == s)
            // The drawn route is as long as the figure, and runs from the target to the hub.
            #expect(abs(length(route.geometry) - route.meters) < 1e-6, "target \(i) geometry \(length(route.geometry))")
            #expect(route.geometry.first == targets[i] && route.geometry.last == hubs[s])
        }
        #expect(r[1]!.accessMeters == 15)
        #expect(r[4] == nil)  // beyond max snap
        // A westward route along the one-way edge: from (100, −2) the centre is 100 + 2 m away.
        let west = try #require(g.connectionRoutes(from: [Point(0, 0)], to: [Point(100, -2)])[0])
        #expect(abs(west.meters - 102) < 1e-9)
    }

    /// Targets and hubs at nodes of random walk networks (5 km/h everywhere, so metres =
    /// seconds × 1.3889): the route length equals the graph's multi-source shortest time × speed.
    @Test func equalsTheTravelTimeSearchAtUniformSpeed() throws {
        for seed in UInt64(1)...5 {
            let g = try GraphBuilder.build(streets: RandomStreets.make(seed: seed, nodes: 60, streets: 140), mode: .walk)
            let main = (0..<g.nodeCount).filter { g.nodeComponent[$0] == 0 }
            guard main.count > 10 else { continue }
            let hubs = [main[0], main[main.count / 2]]
            let targets = Array(main.suffix(8))
            let routes = g.connectionRoutes(from: hubs.map { g.node($0) }, to: targets.map { g.node($0) })
            // Sources at nodes: an edge position at offset 0 of an edge leaving the node, or at the end of one arriving.
            func position(_ n: Int) -> EdgePosition {
                if let e = (0..<g.edgeCount).first(where: { Int(g.edgeFrom[$0]) == n }) { return EdgePosition(edge: Int32(e), offsetMeters: 0) }
                let e = (0..<g.edgeCount).first { Int(g.edgeTo[$0]) == n }!
                return EdgePosition(edge: Int32(e), offsetMeters: g.edgeLengthMeters[e])
            }
            let times = g.shortestTimes(from: hubs.map { SearchSource(position($0)) })
            let speed = g.edgeLengthMeters[0] / g.edgeSeconds[0]
            for (k, t) in targets.enumerated() {
                let route = try #require(routes[k])
                #expect(abs(route.meters - times.seconds[t] * speed) < 1e-6, "seed \(seed) target node \(t)")
            }
        }
    }
}
