import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// Shortest-path trees and vehicle trips against a reference Dijkstra on the edge list.
@Suite struct TripRoutingTests {
    /// Checks that `arcs` is a drivable route from `o` to `d` and returns its seconds.
    func routeSeconds(_ g: RoadGraph, _ arcs: [Int32], from o: Int, to d: Int) -> Double? {
        var at = o, total = 0.0
        for a in arcs.map(Int.init) {
            let e = g.arcEdge[a]
            let (tail, head, allowed) = e >= 0
                ? (Int(g.edgeFrom[Int(e)]), Int(g.edgeTo[Int(e)]), g.allowsForward(Int(e)))
                : (Int(g.edgeTo[Int(~e)]), Int(g.edgeFrom[Int(~e)]), g.allowsBackward(Int(~e)))
            guard tail == at, allowed, head == Int(g.arcHead[a]) else { return nil }
            total += g.edgeSeconds[Int(e >= 0 ? e : ~e)]
            at = head
        }
        return at == d ? total : nil
    }

    @Test func helsinkiTreesGiveShortestDrivableRoutes() throws {
        let h = try HelsinkiNetwork.get()
        let g = h.graph
        let ref = EdgeListReference(g)
        let main = (0..<g.nodeCount).filter { g.nodeComponent[$0] == 0 }
        var rng = SeededRandom(seed: 11)
        for _ in 0..<8 {
            let o = main[Int.random(in: 0..<main.count, using: &rng)]
            let targets = (0..<6).map { _ in Int32(main[Int.random(in: 0..<main.count, using: &rng)]) }
            let tree = g.shortestPathTree(fromNode: o, targets: targets)
            let want = ref.dijkstra(o)
            for t in targets.map(Int.init) {
                let arcs = try #require(tree.arcs(to: t, in: g))
                let secs = try #require(routeSeconds(g, arcs, from: o, to: t), "route \(o)→\(t) is not a drivable chain")
                #expect(abs(secs - want[t]) <= 1e-9 * max(1, want[t]))
                #expect(abs(tree.seconds[t] - want[t]) <= 1e-9 * max(1, want[t]))
            }
            #expect(tree.arcs(to: o, in: g) == [])
        }
        // Full tree (no targets): every main-component node's route is shortest.
        let full = g.shortestPathTree(fromNode: main[0])
        let want = ref.dijkstra(main[0])
        for v in main { #expect(abs((routeSeconds(g, full.arcs(to: v, in: g)!, from: main[0], to: v) ?? -1) - want[v]) <= 1e-9 * max(1, want[v])) }
    }

    @Test func tripsFollowShortestRoutesWithConsistentTimes() throws {
        let h = try HelsinkiNetwork.get()
        let g = h.graph
        let study = try NetworkStudy.build(graphs: try NetworkGraphs(primary: g),
                                           residents: try ResidentPoints.buildings(h.city.buildings), units: h.posts)
        let entries = try CityEntries.find(graph: g)
        let routed = try TripRouter.route(graph: g, nodeWeights: study.nodeResidents, entries: entries.nodes,
                                          settings: TripSettings(trips: 120, tripsPerOrigin: 3, entryShare: 0.3, seed: 4))
        let ref = EdgeListReference(g)
        #expect(routed.trips.count + routed.skippedTrips == 120)
        let entrySet = Set(entries.nodes)
        var cache: [Int32: [Double]] = [:]
        for t in 0..<routed.trips.count {
            let steps = routed.trips.steps(of: t)
            let o = routed.originNode[t], d = routed.destinationNode[t]
            #expect(routed.trips.entrySeconds[steps.lowerBound] == 0)
            for k in steps.dropFirst() { #expect(routed.trips.entrySeconds[k] == routed.trips.exitSeconds[k - 1]) }
            for k in steps { #expect(routed.trips.exitNode[k] == g.arcHead[Int(routed.trips.piece[k])]) }
            #expect(routed.trips.exitNode[steps.upperBound - 1] == d)
            let dist = cache[o] ?? ref.dijkstra(Int(o))
            cache[o] = dist
            #expect(abs(routed.trips.exitSeconds[steps.upperBound - 1] - dist[Int(d)]) <= 1e-6)
            #expect(abs(routed.seconds[t] - dist[Int(d)]) <= 1e-6)
            // Residents at both ends, unless the trip comes in through an entry.
            if routed.trips.entersCity[t] { #expect(entrySet.contains(o)) } else { #expect(study.nodeResidents[Int(o)] > 0) }
            #expect(study.nodeResidents[Int(d)] > 0)
        }
        #expect(routed.trips.entersCity.contains(true))
        // Same seed, same trips.
        let again = try TripRouter.route(graph: g, nodeWeights: study.nodeResidents, entries: entries.nodes,
                                         settings: TripSettings(trips: 120, tripsPerOrigin: 3, entryShare: 0.3, seed: 4))
        #expect(again.trips == routed.trips)
    }
}
