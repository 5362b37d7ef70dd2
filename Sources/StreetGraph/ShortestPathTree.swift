import GeoCore

/// Shortest routes from one node, with the arc each node was reached by (for path
/// reconstruction: vehicle trips, routes for display).
public struct ShortestPathTree: Sendable {
    /// The node the tree grows from.
    public let source: Int32
    /// Seconds from `source`. Exact for the targets the tree was built for (and every node
    /// settled before the search stopped); elsewhere an upper bound or `+infinity`.
    public let seconds: [Double]
    /// The arc (index into `RoadGraph.arcHead` / `arcEdge`) by which each node is reached on its
    /// shortest route; -1 for the source and unreached nodes.
    public let predecessorArc: [Int32]

    /// The arcs of the shortest route from `source` to `node`, in driving order; `[]` when
    /// `node == source`; nil when `node` was not reached. O(route length).
    public func arcs(to node: Int, in graph: RoadGraph) -> [Int32]? {
        guard node >= 0, node < seconds.count, seconds[node].isFinite else { return nil }
        var out: [Int32] = []
        var v = node
        while v != Int(source) {
            let a = predecessorArc[v]
            guard a >= 0, out.count <= seconds.count else { return nil }
            out.append(a)
            v = Int(graph.arcTail(Int(a)))
        }
        return out.reversed()
    }
}

extension RoadGraph {
    /// The node an arc leaves from (the other end of its edge from `arcHead`). O(1).
    @inlinable public func arcTail(_ a: Int) -> Int32 {
        let e = arcEdge[a]
        return e >= 0 ? edgeFrom[Int(e)] : edgeTo[Int(~e)]
    }

    /// A shortest-path tree from node `source` (Dijkstra recording predecessor arcs). With
    /// `targets`, the search stops once all of them are settled (their routes are then final).
    ///
    /// Ties between equally fast routes are broken by the order arcs are scanned (CSR order),
    /// so the tree is deterministic.
    /// - Complexity: O((V' + A') log V') for the V' nodes settled; O(V) memory.
    public func shortestPathTree(fromNode source: Int, targets: [Int32] = [],
                                 cutoffSeconds: Double = .infinity) -> ShortestPathTree {
        let n = nodeCount
        let pred = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
        pred.initialize(repeating: -1, count: max(n, 1))
        defer { pred.deallocate() }
        let dist = NodeDijkstra.run(start: arcStart, next: arcHead, seconds: arcSeconds, nodeCount: n, source: source,
                                    cutoffSeconds: cutoffSeconds, predecessors: pred, targets: targets)
        var p = [Int32](repeating: -1, count: n)
        for i in 0..<n where dist[i].isFinite && i != source { p[i] = pred[i] }
        return ShortestPathTree(source: Int32(source), seconds: dist, predecessorArc: p)
    }
}
