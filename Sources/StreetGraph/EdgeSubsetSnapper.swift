import GeoCore

extension EdgeSnapper {
    /// A snapper over only the edges `includeEdge` accepts (e.g. those of the main network
    /// component, so that snapped points are reachable in both directions). Same semantics and
    /// costs as `init(graph:)`; `snap` returns nil when no accepted edge lies within range.
    public init(graph: RoadGraph, includeEdge: (Int) -> Bool) {
        self.graph = graph
        var segV: [Int32] = [], segE: [Int32] = [], envs: [Envelope] = []
        var offset = [Double](repeating: 0, count: graph.vertexX.count)
        let vx = graph.vertexX, vy = graph.vertexY
        for e in 0..<graph.edgeCount {
            let a = Int(graph.edgeVertexStart[e]), b = Int(graph.edgeVertexStart[e + 1])
            var acc = 0.0
            offset[a] = 0
            for i in a..<(b - 1) {
                let dx = vx[i + 1] - vx[i], dy = vy[i + 1] - vy[i]
                acc += (dx * dx + dy * dy).squareRoot()
                offset[i + 1] = acc
            }
            guard includeEdge(e) else { continue }
            for i in a..<(b - 1) {
                segV.append(Int32(i))
                segE.append(Int32(e))
                envs.append(Envelope(minX: min(vx[i], vx[i + 1]), minY: min(vy[i], vy[i + 1]),
                                     maxX: max(vx[i], vx[i + 1]), maxY: max(vy[i], vy[i + 1])))
            }
        }
        segmentVertex = segV
        segmentEdge = segE
        vertexOffset = offset
        tree = PackedRTree(envs)
    }

    /// A snapper over the edges whose two end nodes both lie in the main component (component
    /// 0: strongly connected for drive), so every snapped position can be reached from, and can
    /// reach, every other one.
    public static func mainComponent(of graph: RoadGraph) -> EdgeSnapper {
        EdgeSnapper(graph: graph) { e in
            graph.nodeComponent[Int(graph.edgeFrom[e])] == 0 && graph.nodeComponent[Int(graph.edgeTo[e])] == 0
        }
    }
}

extension RoadGraph {
    /// The end node of a snapped position's edge that is nearer along the edge (the `from` node
    /// on a tie). O(1).
    public func nearerEnd(of position: EdgePosition) -> Int32 {
        let e = Int(position.edge)
        return position.offsetMeters <= edgeLengthMeters[e] / 2 ? edgeFrom[e] : edgeTo[e]
    }

    /// For each edge, the distance in metres from the first vertex of its street line to the
    /// edge's `from` node, measured along the line — the position of the edge on its street.
    ///
    /// The builder cuts each street line into edges in order and in the line's direction, so
    /// the offsets are running sums of edge lengths per street. Exact for exact noding; with a
    /// snap tolerance, vertices moved by noding shift positions by at most that tolerance.
    /// O(E).
    public func edgeStartOnStreetMeters() -> [Double] {
        var out = [Double](repeating: 0, count: edgeCount)
        var running = [Double](repeating: 0, count: streetIds.count)
        for e in 0..<edgeCount {
            let s = Int(edgeStreet[e])
            out[e] = running[s]
            running[s] += edgeLengthMeters[e]
        }
        return out
    }
}
