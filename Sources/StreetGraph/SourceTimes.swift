import GeoCore

/// Multi-source shortest times that follow edits of the source list (one source added, moved or
/// removed) without a search over the whole graph, and equal — bit for bit, times and source
/// labels — to `RoadGraph.shortestTimes(from:)` on the edited list (no cut-off).
///
/// Why equal: with non-negative arc times, rounding is monotone, so the time of a node is the
/// smallest rounded path sum from any source whichever order a search settles nodes in; an edit
/// only re-searches the nodes whose time can change. The label of a node is then fixed by the
/// times alone, because `shortestTimes` settles nodes in (time, node) order and keeps the first
/// arrival: the first source (in list order) entering the node at exactly its time, otherwise the
/// label of the earliest-settled in-neighbour `u` with `time(u) + arc == time(v)`.
///
/// An added source searches only where it arrives strictly earlier than before; a removed or
/// moved source clears the nodes it labelled and re-searches them from their neighbours.
/// Labels are recomputed over all nodes (O(V + E), no heap); in the rare graph where some node
/// takes its time over an arc of no time, the labels come from a full search instead.
public struct SourceTimes: Sendable {
    public let graph: RoadGraph
    public private(set) var sources: [SearchSource]
    public private(set) var times: NodeTimes
    /// Arcs into each node: CSR over nodes, tail node and arc seconds.
    let inStart: [Int32], inTail: [Int32], inSeconds: [Double]

    /// Times from `sources` (one full search).
    public init(graph: RoadGraph, sources: [SearchSource]) {
        self.graph = graph
        self.sources = sources
        times = graph.shortestTimes(from: sources)
        let n = graph.nodeCount
        var count = [Int32](repeating: 0, count: n + 1)
        for a in 0..<graph.arcCount { count[Int(graph.arcHead[a]) + 1] += 1 }
        for i in 0..<n { count[i + 1] += count[i] }
        var fill = count
        var tail = [Int32](repeating: 0, count: graph.arcCount), secs = [Double](repeating: 0, count: graph.arcCount)
        for u in 0..<n {
            for a in Int(graph.arcStart[u])..<Int(graph.arcStart[u + 1]) {
                let v = Int(graph.arcHead[a])
                let k = Int(fill[v])
                tail[k] = Int32(u)
                secs[k] = graph.arcSeconds[a]
                fill[v] += 1
            }
        }
        inStart = count
        inTail = tail
        inSeconds = secs
    }

    /// Replaces the source list by `next`, which differs from the current one by one source:
    /// `removed` (an index into the current list) gone, and/or one source inserted or changed.
    /// - Parameter removed: the current source whose times no longer count (a deleted source, or
    ///   the old place of a moved one); nil when sources were only added.
    public mutating func update(to next: [SearchSource], removed: Int?) {
        let n = graph.nodeCount
        var dist = times.seconds
        let oldLabel = times.source
        var heap = SearchHeap<UInt64>(minimumCapacity: 1024)
        if let k = removed {
            let k32 = Int32(k)
            var cleared: [Int] = []
            for v in 0..<n where oldLabel[v] == k32 {
                dist[v] = .infinity
                cleared.append(v)
            }
            // Re-enter the cleared nodes from their settled neighbours.
            for v in cleared {
                var best = Double.infinity
                for a in Int(inStart[v])..<Int(inStart[v + 1]) {
                    let u = Int(inTail[a])
                    let t = dist[u] + inSeconds[a]
                    if t < best { best = t }
                }
                if best < dist[v] {
                    dist[v] = best
                    heap.push(best, UInt64(v))
                }
            }
        }
        for s in next {
            for (node, t) in graph.entryPoints(of: s) where t < dist[node] {
                dist[node] = t
                heap.push(t, UInt64(node))
            }
        }
        graph.arcStart.withUnsafeBufferPointer { start in
            graph.arcHead.withUnsafeBufferPointer { head in
                graph.arcSeconds.withUnsafeBufferPointer { secs in
                    dist.withUnsafeMutableBufferPointer { d in
                        while let (t, payload) = heap.pop() {
                            let u = Int(payload)
                            if t > d[u] { continue }
                            for a in Int(start[u])..<Int(start[u + 1]) {
                                let v = Int(head[a])
                                let nt = t + secs[a]
                                if nt < d[v] {
                                    d[v] = nt
                                    heap.push(nt, UInt64(v))
                                }
                            }
                        }
                    }
                }
            }
        }
        sources = next
        if let label = Self.labels(graph: graph, dist: dist, sources: next, inStart: inStart, inTail: inTail, inSeconds: inSeconds) {
            times = NodeTimes(seconds: dist, source: label, cutoffSeconds: .infinity)
        } else {
            times = graph.shortestTimes(from: next)
        }
    }

    /// The labels `shortestTimes` gives with times `dist` (see the type's note); nil when a node
    /// takes its time from an in-neighbour with the same time (an arc of no time, after rounding):
    /// then nodes of equal time are not settled in node order and only a search tells the labels.
    static func labels(graph: RoadGraph, dist: [Double], sources: [SearchSource], inStart: [Int32], inTail: [Int32],
                       inSeconds: [Double]) -> [Int32]? {
        let n = dist.count
        var label = [Int32](repeating: -1, count: n)
        // Entries first: the first source entering a node at exactly its time.
        for (i, s) in sources.enumerated() {
            for (node, t) in graph.entryPoints(of: s) where t == dist[node] && label[node] < 0 {
                label[node] = Int32(i)
            }
        }
        // Otherwise the earliest-settled in-neighbour giving the node its time.
        var parent = [Int32](repeating: -1, count: n)
        for v in 0..<n where label[v] < 0 && dist[v].isFinite {
            var bu = -1
            var bt = Double.infinity
            for a in Int(inStart[v])..<Int(inStart[v + 1]) {
                let u = Int(inTail[a])
                guard u != v, dist[u] + inSeconds[a] == dist[v] else { continue }
                if dist[u] == dist[v] { return nil }
                if dist[u] < bt || (dist[u] == bt && u < bu) { bt = dist[u]; bu = u }
            }
            parent[v] = Int32(bu)
        }
        var stack: [Int] = []
        for v in 0..<n where label[v] < 0 && parent[v] >= 0 {
            var w = v
            while label[w] < 0 && parent[w] >= 0 {
                stack.append(w)
                w = Int(parent[w])
            }
            let l = label[w]
            while let x = stack.popLast() { label[x] = l }
        }
        return label
    }
}
