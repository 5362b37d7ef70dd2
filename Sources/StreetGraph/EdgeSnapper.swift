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

    /// Indexes the segments of `graph`, or returns the index registered for exactly this graph
    /// (`PrebuiltValues`, key `prebuiltKey` under `graph.edgeFrom`: a prepared city's stored
    /// graph comes with its segment order, so the R-tree is packed without sorting; the same
    /// value).
    public init(graph: RoadGraph) {
        if let stored = PrebuiltValues.lookup(graph.edgeFrom, key: Self.prebuiltKey, as: EdgeSnapper.self),
           stored.graph.sharesStorage(with: graph) {
            self = stored
            return
        }
        self.init(graph: graph, segmentOrder: nil)!
    }

    /// The `PrebuiltValues` key of a graph's snap index (registered under its `edgeFrom`).
    public static let prebuiltKey = "StreetGraph.EdgeSnapper"

    /// The leaf order of the segment R-tree (segment slots in packing order), for storing.
    public var segmentOrder: [Int32] { Array(tree.leafOrder) }

    /// Indexes the segments of `graph`; with `segmentOrder` (that of the index built from the
    /// same graph) the R-tree is packed in that order instead of sorting: the same index, O(S).
    /// Nil when `segmentOrder` is not a permutation of the segments. Segment arrays are filled in
    /// parallel over edge chunks: edge `e`'s segments start at slot `edgeVertexStart[e] − e`
    /// (each edge of k vertices has k − 1 segments), so the result is the same as filling them in
    /// edge order.
    public init?(graph: RoadGraph, segmentOrder: [Int32]?) {
        self.graph = graph
        let vertexCount = graph.vertexX.count, edgeCount = graph.edgeCount
        let segmentCount = vertexCount - edgeCount
        var segV = [Int32](repeating: 0, count: segmentCount)
        var segE = [Int32](repeating: 0, count: segmentCount)
        var envs = [Envelope](repeating: .empty, count: segmentCount)
        var offset = [Double](repeating: 0, count: vertexCount)
        let vx = graph.vertexX, vy = graph.vertexY, starts = graph.edgeVertexStart
        segV.withUnsafeMutableBufferPointer { segV in
            segE.withUnsafeMutableBufferPointer { segE in
                envs.withUnsafeMutableBufferPointer { envs in
                    offset.withUnsafeMutableBufferPointer { offset in
                        let out = ReadOnlyBox((segV, segE, envs, offset))
                        ParallelChunks.forEach(ParallelChunks.ranges(count: edgeCount, chunkSize: 1 << 14)) { edges in
                            let (segV, segE, envs, offset) = out.value
                            for e in edges {
                                let a = Int(starts[e]), b = Int(starts[e + 1])
                                var slot = a - e
                                var acc = 0.0
                                offset[a] = 0
                                for i in a..<(b - 1) {
                                    let dx = vx[i + 1] - vx[i], dy = vy[i + 1] - vy[i]
                                    acc += (dx * dx + dy * dy).squareRoot()
                                    offset[i + 1] = acc
                                    segV[slot] = Int32(i)
                                    segE[slot] = Int32(e)
                                    envs[slot] = Envelope(minX: min(vx[i], vx[i + 1]), minY: min(vy[i], vy[i + 1]),
                                                          maxX: max(vx[i], vx[i + 1]), maxY: max(vy[i], vy[i + 1]))
                                    slot += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        segmentVertex = segV
        segmentEdge = segE
        vertexOffset = offset
        if let segmentOrder {
            guard let t = PackedRTree(envs, order: segmentOrder) else { return nil }
            tree = t
        } else {
            tree = PackedRTree(envs)
        }
    }

    /// The nearest position on the network to `p` within `maxDistanceMeters`, or nil.
    ///
    /// Offsets are measured along the edge polyline and clamped to `[0, edge length]` (the
    /// polyline length equals `edgeLengthMeters` up to rounding).
    public func snap(_ p: Point, maxDistanceMeters: Double = .infinity) -> Snap? {
        var heap = SearchHeap<(Int, Int)>()
        return snap(p, maxDistanceMeters: maxDistanceMeters, heap: &heap)
    }

    /// `snap(_:maxDistanceMeters:)` with the search's scratch heap kept by the caller (no
    /// allocation per point when snapping many).
    func snap(_ p: Point, maxDistanceMeters: Double, heap: inout SearchHeap<(Int, Int)>) -> Snap? {
        guard p.isFinite else { return nil }
        let vx = graph.vertexX, vy = graph.vertexY
        let segmentVertex = segmentVertex
        let found = vx.withUnsafeBufferPointer { vx in
            vy.withUnsafeBufferPointer { vy in
                segmentVertex.withUnsafeBufferPointer { segmentVertex in
                    tree.nearestOne(to: p, maxDistance: maxDistanceMeters, heap: &heap) { s in
                        let i = Int(segmentVertex[s])
                        return Planar.closestOnSegment(p, Point(vx[i], vy[i]), Point(vx[i + 1], vy[i + 1])).distanceSquared
                    }
                }
            }
        }
        guard let hit = found else { return nil }
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
            var heap = SearchHeap<(Int, Int)>(minimumCapacity: 64)
            for (i, p) in points.enumerated() { out[i] = snap(p, maxDistanceMeters: maxDistanceMeters, heap: &heap) }
            return out
        }
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var heap = SearchHeap<(Int, Int)>(minimumCapacity: 64)
                for i in (c * chunk)..<min(points.count, (c + 1) * chunk) {
                    base[i] = snap(points[i], maxDistanceMeters: maxDistanceMeters, heap: &heap)
                }
            }
        }
        return out
    }
}
