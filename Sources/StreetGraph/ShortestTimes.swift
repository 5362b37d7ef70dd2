import GeoCore

/// Travel times from the nearest of several sources to every node, with the source's index.
public struct NodeTimes: Sendable {
    /// Seconds from the nearest source to each node; `+infinity` when not reached within the
    /// cut-off (or not reachable at all).
    public let seconds: [Double]
    /// Index (into the source list) of the nearest source of each node; -1 when not reached.
    public let source: [Int32]
    /// The cut-off the search ran with, in seconds (`+infinity` for none).
    public let cutoffSeconds: Double
}

/// A source of a search: a position on an edge and the time already spent when leaving it.
public struct SearchSource: Sendable, Hashable {
    public var position: EdgePosition
    /// Seconds added before the source starts moving (e.g. turn-out time); usually 0.
    public var delaySeconds: Double

    public init(_ position: EdgePosition, delaySeconds: Double = 0) {
        self.position = position
        self.delaySeconds = delaySeconds
    }
}

extension RoadGraph {
    /// Multi-source Dijkstra: the shortest travel time from any source to every node, moving in
    /// the allowed directions, with the index of the source it comes from.
    ///
    /// A source partway along an edge enters the network at the edge's ends: its `to` node after
    /// the remaining part of the edge (if the edge allows forward travel), its `from` node after
    /// the part behind it (if backward travel is allowed). A source at an edge end (offset 0 or
    /// the edge length) is at that node. Nodes farther than `cutoffSeconds` are left unreached.
    /// Equal times keep the source found first; nodes of equal time are settled in node order, so
    /// the labels depend on the times alone (which `SourceTimes` relies on to follow edits).
    ///
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' arcs within the cut-off; O(V)
    ///   memory for the result.
    public func shortestTimes(from sources: [SearchSource], cutoffSeconds: Double = .infinity) -> NodeTimes {
        let n = nodeCount
        var dist = [Double](repeating: .infinity, count: n)
        var label = [Int32](repeating: -1, count: n)
        var heap = OrderedHeap<UInt64>(minimumCapacity: 1024)
        for (i, s) in sources.enumerated() {
            for (node, t) in entryPoints(of: s) where t <= cutoffSeconds && t < dist[node] {
                dist[node] = t
                label[node] = Int32(i)
                heap.push(t, UInt64(node))
            }
        }
        arcStart.withUnsafeBufferPointer { start in
            arcHead.withUnsafeBufferPointer { head in
                arcSeconds.withUnsafeBufferPointer { secs in
                    dist.withUnsafeMutableBufferPointer { d in
                        label.withUnsafeMutableBufferPointer { lab in
                            while let (t, payload) = heap.pop() {
                                let u = Int(payload)
                                if t > d[u] { continue }
                                let src = lab[u]
                                for a in Int(start[u])..<Int(start[u + 1]) {
                                    let v = Int(head[a])
                                    let nt = t + secs[a]
                                    if nt < d[v] && nt <= cutoffSeconds {
                                        d[v] = nt
                                        lab[v] = src
                                        heap.push(nt, UInt64(v))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return NodeTimes(seconds: dist, source: label, cutoffSeconds: cutoffSeconds)
    }

    /// The nodes a source enters the network at, with the seconds to get there.
    func entryPoints(of s: SearchSource) -> [(node: Int, seconds: Double)] {
        let e = Int(s.position.edge)
        let length = edgeLengthMeters[e], secs = edgeSeconds[e]
        let x = min(max(s.position.offsetMeters, 0), length)
        let from = Int(edgeFrom[e]), to = Int(edgeTo[e])
        if x <= 0 { return [(from, s.delaySeconds)] }
        if x >= length { return [(to, s.delaySeconds)] }
        var out: [(Int, Double)] = []
        if allowsForward(e) { out.append((to, s.delaySeconds + (length - x) / length * secs)) }
        if allowsBackward(e) { out.append((from, s.delaySeconds + x / length * secs)) }
        return out
    }
}
