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

    init(nodeCount n: Int, topology t: EdgeSplit.Topology) {
        let m = t.from.count
        var start = [Int32](repeating: 0, count: n + 1)
        start.withUnsafeMutableBufferPointer { st in
            t.from.withUnsafeBufferPointer { from in
                t.to.withUnsafeBufferPointer { to in
                    t.access.withUnsafeBufferPointer { acc in
                        for e in 0..<m {
                            if acc[e] & 1 != 0 { st[Int(from[e]) + 1] += 1 }
                            if acc[e] & 2 != 0 { st[Int(to[e]) + 1] += 1 }
                        }
                    }
                }
            }
            for i in 0..<n { st[i + 1] += st[i] }
        }
        let arcs = Int(start[n])
        var fill = start
        var edge: [Int32] = []
        let head = [Int32](unsafeUninitializedCapacity: arcs) { headBuf, headCount in
            edge = [Int32](unsafeUninitializedCapacity: arcs) { edgeBuf, edgeCount in
                fill.withUnsafeMutableBufferPointer { f in
                    t.from.withUnsafeBufferPointer { from in
                        t.to.withUnsafeBufferPointer { to in
                            t.access.withUnsafeBufferPointer { acc in
                                for e in 0..<m {
                                    let u = Int(from[e]), v = Int(to[e])
                                    if acc[e] & 1 != 0 {
                                        let a = Int(f[u]); f[u] += 1
                                        headBuf[a] = Int32(v); edgeBuf[a] = Int32(e)
                                    }
                                    if acc[e] & 2 != 0 {
                                        let a = Int(f[v]); f[v] += 1
                                        headBuf[a] = Int32(u); edgeBuf[a] = ~Int32(e)
                                    }
                                }
                            }
                        }
                    }
                }
                edgeCount = arcs
            }
            headCount = arcs
        }
        self.start = start
        self.head = head
        self.edge = edge
    }

    /// Travel time of each arc in seconds: its edge's time.
    func seconds(edgeSeconds: [Double]) -> [Double] {
        [Double](unsafeUninitializedCapacity: edge.count) { buf, count in
            edge.withUnsafeBufferPointer { ed in
                edgeSeconds.withUnsafeBufferPointer { es in
                    for a in 0..<ed.count {
                        let e = ed[a]
                        buf[a] = es[Int(e >= 0 ? e : ~e)]
                    }
                }
            }
            count = edge.count
        }
    }
}
