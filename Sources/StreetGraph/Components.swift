/// Connected components of a graph's arcs: strongly connected components (Tarjan's algorithm,
/// iterative), which for a graph whose every edge goes both ways (walk) are the ordinary
/// components, found then by union–find instead.
///
/// Raw component ids are arbitrary; `ComponentRanking` orders them. O(V + E) time, O(V) extra
/// memory.
enum Components {
    /// Component id of every node, and the number of components: strongly connected components
    /// of the arcs, or — when `undirected` (every edge allows both directions) — the components
    /// of the edges `from[e]`–`to[e]`.
    static func of(nodeCount: Int, arcs: ArcTable, edges topology: EdgeSplit.Edges) -> (component: [Int32], count: Int) {
        var undirected = true
        topology.access.withUnsafeBufferPointer { acc in
            for a in acc where a != 3 { undirected = false; break }
        }
        return undirected
            ? connected(nodeCount: nodeCount, from: topology.from, to: topology.to)
            : strongly(nodeCount: nodeCount, arcStart: arcs.start, arcHead: arcs.head)
    }

    /// Components of the undirected edges `from[e]`–`to[e]`, numbered in order of their smallest
    /// node (union–find with path halving).
    static func connected(nodeCount n: Int, from: [Int32], to: [Int32]) -> (component: [Int32], count: Int) {
        // Invariant: parent[x] <= x, equal only at a root; linking the larger root under the
        // smaller keeps every root the smallest node of its set.
        var parent = [Int32](unsafeUninitializedCapacity: n) { buf, count in
            for v in 0..<n { buf[v] = Int32(v) }
            count = n
        }
        var compCount: Int32 = 0
        let comp = [Int32](unsafeUninitializedCapacity: n) { comp, count in
            parent.withUnsafeMutableBufferPointer { p in
                @inline(__always) func find(_ start: Int32) -> Int32 {
                    var x = start
                    while p[Int(x)] != x {
                        let g = p[Int(p[Int(x)])]
                        p[Int(x)] = g
                        x = g
                    }
                    return x
                }
                from.withUnsafeBufferPointer { f in
                    to.withUnsafeBufferPointer { t in
                        for e in 0..<f.count {
                            let a = find(f[e]), b = find(t[e])
                            if a < b { p[Int(b)] = a } else if b < a { p[Int(a)] = b }
                        }
                    }
                }
                // parent[v] < v is in v's component and already labelled.
                for v in 0..<n {
                    if p[v] == Int32(v) {
                        comp[v] = compCount
                        compCount += 1
                    } else {
                        comp[v] = comp[Int(p[v])]
                    }
                }
            }
            count = n
        }
        return (comp, Int(compCount))
    }

    /// Strongly connected components of the arcs (CSR `arcStart`/`arcHead`).
    static func strongly(nodeCount: Int, arcStart: [Int32], arcHead: [Int32]) -> (component: [Int32], count: Int) {
        let n = nodeCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var comp = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var call: [(node: Int32, arc: Int32)] = []
        var next: Int32 = 0
        var compCount: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            call.append((Int32(root), arcStart[root]))
            index[root] = next; low[root] = next; next += 1
            stack.append(Int32(root)); onStack[root] = true
            while !call.isEmpty {
                let top = call.count - 1
                let v = Int(call[top].node)
                let a = Int(call[top].arc)
                if a < Int(arcStart[v + 1]) {
                    call[top].arc += 1
                    let w = Int(arcHead[a])
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(Int32(w)); onStack[w] = true
                        call.append((Int32(w), arcStart[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                call.removeLast()
                if let parent = call.last {
                    let p = Int(parent.node)
                    low[p] = min(low[p], low[v])
                }
                if low[v] == index[v] {
                    while true {
                        let w = Int(stack.removeLast())
                        onStack[w] = false
                        comp[w] = compCount
                        if w == v { break }
                    }
                    compCount += 1
                }
            }
        }
        return (comp, Int(compCount))
    }
}
