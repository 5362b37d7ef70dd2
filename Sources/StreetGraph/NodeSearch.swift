import GeoCore

/// The arcs entering every node (the transposed CSR of `RoadGraph`'s arcs), for searches
/// *towards* a node: "how long from everywhere to this post?".
///
/// Arcs entering node `n` are `start[n] ..< start[n + 1]`; `tail` is the node an arc comes from
/// and `arc` its index in the graph's forward arc arrays. Built in O(V + A); immutable, shareable.
public struct ReverseArcs: Sendable {
    /// Incoming arcs of node `n`: `start[n] ..< start[n + 1]` (count `nodeCount + 1`).
    public let start: [Int32]
    /// Node each incoming arc leaves from.
    public let tail: [Int32]
    /// Travel time of each incoming arc in seconds.
    public let seconds: [Double]
    /// Index of each incoming arc in `RoadGraph.arcHead` / `arcSeconds` / `arcEdge`.
    public let arc: [Int32]

    /// Transposes `graph`'s arcs (incoming arcs of a node ordered by forward arc index).
    public init(graph g: RoadGraph) {
        let n = g.nodeCount, m = g.arcCount
        var start = [Int32](repeating: 0, count: n + 1)
        for a in 0..<m { start[Int(g.arcHead[a]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = Array(start[0..<n])
        var tail = [Int32](repeating: 0, count: m)
        var secs = [Double](repeating: 0, count: m)
        var arc = [Int32](repeating: 0, count: m)
        for u in 0..<n {
            for a in Int(g.arcStart[u])..<Int(g.arcStart[u + 1]) {
                let v = Int(g.arcHead[a]), k = Int(fill[v])
                tail[k] = Int32(u)
                secs[k] = g.arcSeconds[a]
                arc[k] = Int32(a)
                fill[v] += 1
            }
        }
        self.start = start
        self.tail = tail
        self.seconds = secs
        self.arc = arc
    }
}

extension RoadGraph {
    /// Seconds from node `source` to every node (single-source Dijkstra over the allowed
    /// directions); `+infinity` where unreachable or beyond `cutoffSeconds`.
    ///
    /// - Complexity: O((V + A) log V) for the part within the cut-off; O(V) memory.
    public func shortestTimes(fromNode source: Int, cutoffSeconds: Double = .infinity) -> [Double] {
        NodeDijkstra.run(start: arcStart, next: arcHead, seconds: arcSeconds, nodeCount: nodeCount,
                         source: source, cutoffSeconds: cutoffSeconds, predecessors: nil, targets: [])
    }

    /// Seconds from every node to node `target` (Dijkstra on the reversed arcs: one-way streets
    /// are driven in their allowed direction); `+infinity` where `target` cannot be reached.
    ///
    /// - Parameter reverse: `ReverseArcs(graph: self)`, built once and reused.
    /// - Complexity: O((V + A) log V); O(V) memory.
    public func shortestTimes(toNode target: Int, reverse: ReverseArcs, cutoffSeconds: Double = .infinity) -> [Double] {
        NodeDijkstra.run(start: reverse.start, next: reverse.tail, seconds: reverse.seconds, nodeCount: nodeCount,
                         source: target, cutoffSeconds: cutoffSeconds, predecessors: nil, targets: [])
    }
}

/// Single-source Dijkstra over one CSR (forward or transposed), with optional predecessor
/// recording and an early stop once every target is settled.
enum NodeDijkstra {
    /// - Parameters:
    ///   - predecessors: when given (count `nodeCount`, filled with -1 by the caller), receives
    ///     for each settled/labelled node the CSR slot of the arc it was last reached by.
    ///   - targets: when non-empty, the search stops as soon as all of them are settled; the
    ///     returned times are then exact for settled nodes (targets included) and upper bounds
    ///     or +infinity elsewhere.
    static func run(start: [Int32], next: [Int32], seconds: [Double], nodeCount n: Int, source: Int,
                    cutoffSeconds: Double, predecessors: UnsafeMutablePointer<Int32>?, targets: [Int32]) -> [Double] {
        var dist = [Double](repeating: .infinity, count: n)
        guard source >= 0, source < n else { return dist }
        var remaining = 0
        var isTarget: [Bool] = []
        if !targets.isEmpty {
            isTarget = [Bool](repeating: false, count: n)
            for t in targets where t >= 0 && Int(t) < n && !isTarget[Int(t)] {
                isTarget[Int(t)] = true
                remaining += 1
            }
        }
        var heap = SearchHeap<UInt64>(minimumCapacity: 1024)
        dist[source] = 0
        heap.push(0, UInt64(source))
        start.withUnsafeBufferPointer { st in
            next.withUnsafeBufferPointer { hd in
                seconds.withUnsafeBufferPointer { secs in
                    dist.withUnsafeMutableBufferPointer { d in
                        while let (t, payload) = heap.pop() {
                            let u = Int(payload)
                            if t > d[u] { continue }
                            if remaining > 0 && isTarget[u] {
                                isTarget[u] = false
                                remaining -= 1
                                if remaining == 0 { break }
                            }
                            for a in Int(st[u])..<Int(st[u + 1]) {
                                let v = Int(hd[a])
                                let nt = t + secs[a]
                                if nt < d[v] && nt <= cutoffSeconds {
                                    d[v] = nt
                                    predecessors?[v] = Int32(a)
                                    heap.push(nt, UInt64(v))
                                }
                            }
                        }
                    }
                }
            }
        }
        return dist
    }
}
