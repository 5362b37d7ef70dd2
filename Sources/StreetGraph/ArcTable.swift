/// The directed arcs of a graph's edges in compressed sparse row (CSR) form, built by a counting
/// sort on the tail node: arcs leaving node `n` are `start[n] ..< start[n + 1]`, by edge index,
/// an edge's forward arc (from → to) before its backward arc. O(V + E).
struct ArcTable {
    /// Arcs leaving node `n`: `start[n] ..< start[n + 1]` (count `nodeCount + 1`).
    var start: [Int32]
    /// Node each arc leads to.
    var head: [Int32]
    /// Edge of each arc: `e` forward, `~e` backward.
    var edge: [Int32]
    /// Travel time of each arc in seconds (its edge's).
    var seconds: [Double]

    init(nodeCount n: Int, edges t: EdgeSplit.Edges) {
        let m = t.from.count
        // Counting sort in place: arcs of node u counted at start[u + 2]; after the prefix sum
        // start[u + 1] is u's first arc and serves as its fill cursor, ending at u + 1's first arc.
        var start = [Int32](repeating: 0, count: n + 2)
        start.withUnsafeMutableBufferPointer { st in
            t.from.withUnsafeBufferPointer { from in
                t.to.withUnsafeBufferPointer { to in
                    t.access.withUnsafeBufferPointer { acc in
                        for e in 0..<m {
                            if acc[e] & 1 != 0 { st[Int(from[e]) + 2] += 1 }
                            if acc[e] & 2 != 0 { st[Int(to[e]) + 2] += 1 }
                        }
                    }
                }
            }
            if n > 0 { for i in 2...(n + 1) { st[i] += st[i - 1] } }
        }
        let arcs = Int(start[n + 1])
        var edge: [Int32] = [], seconds: [Double] = []
        let head = [Int32](unsafeUninitializedCapacity: arcs) { headBuf, headCount in
        edge = [Int32](unsafeUninitializedCapacity: arcs) { edgeBuf, edgeCount in
        seconds = [Double](unsafeUninitializedCapacity: arcs) { secBuf, secCount in
            start.withUnsafeMutableBufferPointer { f in
                t.from.withUnsafeBufferPointer { from in
                    t.to.withUnsafeBufferPointer { to in
                        t.access.withUnsafeBufferPointer { acc in
                            t.seconds.withUnsafeBufferPointer { sec in
                                for e in 0..<m {
                                    let u = Int(from[e]), v = Int(to[e])
                                    if acc[e] & 1 != 0 {
                                        let a = Int(f[u + 1]); f[u + 1] += 1
                                        headBuf[a] = Int32(v); edgeBuf[a] = Int32(e); secBuf[a] = sec[e]
                                    }
                                    if acc[e] & 2 != 0 {
                                        let a = Int(f[v + 1]); f[v + 1] += 1
                                        headBuf[a] = Int32(u); edgeBuf[a] = ~Int32(e); secBuf[a] = sec[e]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            secCount = arcs
        }
            edgeCount = arcs
        }
            headCount = arcs
        }
        start.removeLast()
        self.start = start
        self.head = head
        self.edge = edge
        self.seconds = seconds
    }
}
