import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// `GraphTravelTimes` (anchor forward/backward rows, lazily filled rows, intercept node rows)
/// against independent searches.
@Suite struct GraphTravelTimesTests {
    @Test func helsinkiRowsMatchANaiveDijkstraOnTheEdgeList() throws {
        let h = try HelsinkiNetwork.get()
        let graphs = try NetworkGraphs(primary: h.graph)
        let study = try NetworkStudy.build(graphs: graphs, residents: try ResidentPoints.buildings(h.city.buildings),
                                           units: h.posts)
        let anchors = study.units.map(\.homeAtom)
        let p = try GraphTravelTimes(graph: h.graph, atomNodes: study.atomNodes[0], anchors: anchors,
                                     interceptUnitAnchors: anchors)
        let ref = EdgeListReference(h.graph)
        let nodes = study.atomNodes[0].map(Int.init)
        // Anchors: forward rows, backward rows and full node rows.
        for (u, a) in anchors.enumerated() {
            let fwd = ref.dijkstra(nodes[a])
            let bwd = ref.dijkstra(nodes[a], reverse: true)
            for b in 0..<study.atomCount {
                #expect(abs(p.seconds(from: a, to: b) - fwd[nodes[b]]) <= 1e-9 * max(1, fwd[nodes[b]]))
                if study.atomRole[b] == .demand {
                    #expect(abs(p.seconds(from: b, to: a) - bwd[nodes[b]]) <= 1e-9 * max(1, bwd[nodes[b]]))
                }
            }
            for v in stride(from: 0, to: h.graph.nodeCount, by: 7) {
                let want = fwd[v], got = p.seconds(unit: u, to: Int32(v))
                #expect(want.isFinite ? abs(got - want) <= 1e-3 : got.isInfinite)
            }
        }
        // Lazily computed rows between demand atoms (Float storage: 1 ms tolerance).
        #expect(p.extraRowCount == 0)
        let demand = (0..<study.atomCount).filter { study.atomRole[$0] == .demand }
        for o in demand.prefix(6) {
            let fwd = ref.dijkstra(nodes[o])
            for d in demand { #expect(abs(p.seconds(from: o, to: d) - fwd[nodes[d]]) <= 1e-3) }
        }
        #expect(p.extraRowCount == 6)
        // Every demand atom reaches every home and back (main component).
        for a in demand { for h in anchors { #expect(p.seconds(from: a, to: h).isFinite && p.seconds(from: h, to: a).isFinite) } }
    }

    @Test func forwardRowsEqualStreetGraphsOwnMultiSourceSearch() throws {
        let h = try HelsinkiNetwork.get()
        let g = h.graph
        let snapper = EdgeSnapper.mainComponent(of: g)
        for unit in h.posts {
            let s = try #require(snapper.snap(unit.location))
            let node = Int(g.nearerEnd(of: s.position))
            // StreetGraph's multi-source search from the same node, entered as an edge position.
            let e = Int(s.position.edge)
            let at = node == Int(g.edgeFrom[e]) ? 0 : g.edgeLengthMeters[e]
            let viaStreetGraph = g.shortestTimes(from: [SearchSource(EdgePosition(edge: Int32(e), offsetMeters: at))]).seconds
            let viaNode = g.shortestTimes(fromNode: node)
            #expect(viaNode == viaStreetGraph)
        }
    }

    @Test func randomGridsAgreeWithBellmanFord() throws {
        for seed in UInt64(1)...12 {
            let streets = GridStreets.make(seed: seed, side: 7)
            let g = try GraphBuilder.build(streets: streets, mode: .drive)
            let main = (0..<g.nodeCount).filter { g.nodeComponent[$0] == 0 }
            let atomNodes = main.map { Int32($0) }
            let anchors = [0, atomNodes.count / 2, atomNodes.count - 1]
            let p = try GraphTravelTimes(graph: g, atomNodes: atomNodes, anchors: anchors)
            let ref = EdgeListReference(g)
            for o in [0, 1, atomNodes.count / 2, atomNodes.count - 2] {
                let bf = ref.bellmanFord(main[o])
                for d in atomNodes.indices {
                    let want = bf[main[d]]
                    let tol = anchors.contains(o) || anchors.contains(d) ? 1e-9 : 1e-3
                    #expect(abs(p.seconds(from: o, to: d) - want) <= tol * max(1, want), "seed \(seed) \(o)→\(d)")
                }
            }
            // Reverse search on ReverseArcs vs Bellman–Ford from every node to a target.
            let target = main[anchors[1]]
            let rev = g.shortestTimes(toNode: target, reverse: ReverseArcs(graph: g))
            for v in main.prefix(10) { #expect(abs(rev[v] - ref.bellmanFord(v)[target]) <= 1e-9 * max(1, rev[v])) }
        }
    }

    @Test func precomputingAllRowsChangesNothing() throws {
        let g = try GraphBuilder.build(streets: GridStreets.make(seed: 5, side: 6), mode: .drive)
        let main = (0..<g.nodeCount).filter { g.nodeComponent[$0] == 0 }.map { Int32($0) }
        let lazy = try GraphTravelTimes(graph: g, atomNodes: main, anchors: [0])
        let eager = try GraphTravelTimes(graph: g, atomNodes: main, anchors: [0])
        eager.precomputeAllRows()
        #expect(eager.extraRowCount == main.count - 1)
        for o in main.indices { for d in main.indices { #expect(lazy.seconds(from: o, to: d) == eager.seconds(from: o, to: d)) } }
    }
}
