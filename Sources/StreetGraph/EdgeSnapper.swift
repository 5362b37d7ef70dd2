import Dispatch
import GeoCore

/// Snaps arbitrary points (posts, schools, incidents, buildings) to the nearest position along
/// a graph edge — anywhere on its polyline, not just at nodes.
///
/// Holds a `PackedRTree` over every polyline segment of every edge. Build once per graph:
/// O(S log S) for S segments; each snap is a best-first nearest search, O(log S) typical.
/// Immutable and safe to share between threads.
public struct EdgeSnapper: Sendable {
    public let graph: RoadGraph
    /// Flat vertex index of each indexed segment's first vertex.
    let segmentVertex: [Int32]
    /// Edge of each indexed segment.
    let segmentEdge: [Int32]
    /// Distance in metres from the edge's `from` node to each flat vertex.
    let vertexOffset: [Double]
    let tree: PackedRTree

    /// Indexes the segments of `graph`.
    public init(graph: RoadGraph) {
        self.graph = graph
        var segV: [Int32] = [], segE: [Int32] = [], envs: [Envelope] = []
        var offset = [Double](repeating: 0, count: graph.vertexX.count)
        segV.reserveCapacity(graph.vertexX.count)
        segE.reserveCapacity(graph.vertexX.count)
        envs.reserveCapacity(graph.vertexX.count)
        let vx = graph.vertexX, vy = graph.vertexY
        for e in 0..<graph.edgeCount {
            let a = Int(graph.edgeVertexStart[e]), b = Int(graph.edgeVertexStart[e + 1])
            var acc = 0.0
            offset[a] = 0
            for i in a..<(b - 1) {
                let dx = vx[i + 1] - vx[i], dy = vy[i + 1] - vy[i]
                acc += (dx * dx + dy * dy).squareRoot()
                offset[i + 1] = acc
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

    /// The nearest position on the network to `p` within `maxDistanceMeters`, or nil.
    ///
    /// Offsets are measured along the edge polyline and clamped to `[0, edge length]` (the
    /// polyline length equals `edgeLengthMeters` up to rounding).
    public func snap(_ p: Point, maxDistanceMeters: Double = .infinity) -> Snap? {
        guard p.isFinite else { return nil }
        let vx = graph.vertexX, vy = graph.vertexY
        let hits = tree.nearest(to: p, k: 1, maxDistance: maxDistanceMeters) { s in
            let i = Int(segmentVertex[s])
            return Planar.closestOnSegment(p, Point(vx[i], vy[i]), Point(vx[i + 1], vy[i + 1])).distanceSquared
        }
        guard let hit = hits.first else { return nil }
        let i = Int(segmentVertex[hit.item]), e = Int(segmentEdge[hit.item])
        let a = Point(vx[i], vy[i]), b = Point(vx[i + 1], vy[i + 1])
        let (t, _) = Planar.closestOnSegment(p, a, b)
        let offset = min(graph.edgeLengthMeters[e], max(0, vertexOffset[i] + t * a.distance(to: b)))
        return Snap(position: EdgePosition(edge: Int32(e), offsetMeters: offset), point: a.lerp(b, t),
                    distanceMeters: hit.distance)
    }

    /// Snaps many points in parallel; nil where nothing lies within `maxDistanceMeters` (or the
    /// point is not finite). Output order = input order; deterministic.
    public func snapAll(_ points: [Point], maxDistanceMeters: Double = .infinity) -> [Snap?] {
        var out = [Snap?](repeating: nil, count: points.count)
        let chunk = 2048
        let chunks = (points.count + chunk - 1) / chunk
        if chunks <= 1 {
            for (i, p) in points.enumerated() { out[i] = snap(p, maxDistanceMeters: maxDistanceMeters) }
            return out
        }
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * chunk)..<min(points.count, (c + 1) * chunk) {
                    base[i] = snap(points[i], maxDistanceMeters: maxDistanceMeters)
                }
            }
        }
        return out
    }
}
