/// Connected components of a graph's arcs: strongly connected components. Edges allowed both
/// ways join their ends outright (union–find), so Tarjan's algorithm (iterative) only runs on the
/// graph of those groups and the one-way edges between them; for a graph whose every edge goes
/// both ways (walk) the union–find components are the answer.
///
/// Raw component ids are arbitrary; `ComponentRanking` orders them. O(V + E) time, O(V) extra
/// memory.
enum Components {
    /// Component id of every node and the number of components: the strongly connected
    /// components of the edges `from[e]`–`to[e]` with directions `access[e]` (bit 0 forward,
    /// bit 1 backward).
    static func of(nodeCount n: Int, edges: EdgeSplit.Edges) -> (component: [Int32], count: Int) {
        // Two-way edges: their ends share a component.
        let groups = connected(nodeCount: n, from: edges.from, to: edges.to, where: edges.access, equals: 3)
        let m = edges.from.count
        var oneWay = 0
        edges.access.withUnsafeBufferPointer { acc in for e in 0..<m where acc[e] != 3 { oneWay += 1 } }
        if oneWay == 0 { return groups }
        // One-way edges between groups, as arcs of the group graph (CSR by counting sort).
        let g = groups.count
        var start = [Int32](repeating: 0, count: g + 2)
        var head = [Int32](repeating: 0, count: oneWay)
        groups.component.withUnsafeBufferPointer { gc in
            edges.from.withUnsafeBufferPointer { from in
                edges.to.withUnsafeBufferPointer { to in
                    edges.access.withUnsafeBufferPointer { acc in
                        start.withUnsafeMutableBufferPointer { st in
                            for e in 0..<m where acc[e] != 3 {
                                let tail = acc[e] == 1 ? gc[Int(from[e])] : gc[Int(to[e])]
                                st[Int(tail) + 2] += 1
                            }
                            for i in stride(from: 2, through: g + 1, by: 1) { st[i] += st[i - 1] }
                            head.withUnsafeMutableBufferPointer { hd in
                                for e in 0..<m where acc[e] != 3 {
                                    let (tail, tip) = acc[e] == 1 ? (gc[Int(from[e])], gc[Int(to[e])])
                                                                  : (gc[Int(to[e])], gc[Int(from[e])])
                                    let a = Int(st[Int(tail) + 1]); st[Int(tail) + 1] += 1
                                    hd[a] = tip
                                }
                            }
                        }
                    }
                }
            }
        }
        start.removeLast()
        let scc = strongly(nodeCount: g, arcStart: start, arcHead: head)
        let component = groups.component.map { scc.component[Int($0)] }
        return (component, scc.count)
    }

    /// Components of the undirected edges `from[e]`–`to[e]` (only those with `access[e] ==
    /// value` when given), numbered in order of their smallest node (union–find with path
    /// halving).
    static func connected(nodeCount n: Int, from: [Int32], to: [Int32],
                          where access: [UInt8]? = nil, equals value: UInt8 = 0) -> (component: [Int32], count: Int) {
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
                        (access ?? []).withUnsafeBufferPointer { acc in
                            let filtered = access != nil
                            for e in 0..<f.count {
                                if filtered && acc[e] != value { continue }
                                let a = find(f[e]), b = find(t[e])
                                if a < b { p[Int(b)] = a } else if b < a { p[Int(a)] = b }
                            }
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

    /// Strongly connected components of the arcs (CSR `arcStart`/`arcHead`): Tarjan's algorithm
    /// with explicit stacks over flat arrays. Components are numbered in completion order.
    static func strongly(nodeCount n: Int, arcStart: [Int32], arcHead: [Int32]) -> (component: [Int32], count: Int) {
        // index[v]: discovery index (-1 unvisited); low[v]: low-link, set to Int32.max once v
        // has its component (so finished nodes never lower a low-link: no on-stack flags).
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var comp = [Int32](repeating: -1, count: n)
        var stack = [Int32](repeating: 0, count: n)      // Tarjan's node stack
        var callNode = [Int32](repeating: 0, count: n)   // DFS call stack: node and next arc
        var callArc = [Int32](repeating: 0, count: n)
        var compCount: Int32 = 0
        index.withUnsafeMutableBufferPointer { index in
        low.withUnsafeMutableBufferPointer { low in
        comp.withUnsafeMutableBufferPointer { comp in
        stack.withUnsafeMutableBufferPointer { stack in
        callNode.withUnsafeMutableBufferPointer { callNode in
        callArc.withUnsafeMutableBufferPointer { callArc in
        arcStart.withUnsafeBufferPointer { start in
        arcHead.withUnsafeBufferPointer { head in
            var next: Int32 = 0, sp = 0, cp = 0
            for root in 0..<n where index[root] < 0 {
                index[root] = next; low[root] = next; next += 1
                stack[sp] = Int32(root); sp += 1
                callNode[cp] = Int32(root); callArc[cp] = start[root]; cp += 1
                while cp > 0 {
                    let v = Int(callNode[cp - 1])
                    var a = Int(callArc[cp - 1])
                    let end = Int(start[v + 1])
                    var lowV = low[v]
                    var descended = false
                    while a < end {
                        let w = Int(head[a])
                        a += 1
                        let iw = index[w]
                        if iw < 0 {
                            callArc[cp - 1] = Int32(a)
                            low[v] = lowV
                            index[w] = next; low[w] = next; next += 1
                            stack[sp] = Int32(w); sp += 1
                            callNode[cp] = Int32(w); callArc[cp] = start[w]; cp += 1
                            descended = true
                            break
                        }
                        // On the stack unless finished (low = Int32.max).
                        if low[w] != Int32.max && iw < lowV { lowV = iw }
                    }
                    if descended { continue }
                    low[v] = lowV
                    cp -= 1
                    if cp > 0 {
                        let p = Int(callNode[cp - 1])
                        if lowV < low[p] { low[p] = lowV }
                    }
                    if lowV == index[v] {
                        while true {
                            sp -= 1
                            let w = Int(stack[sp])
                            comp[w] = compCount
                            low[w] = Int32.max
                            if w == v { break }
                        }
                        compCount += 1
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        }
        }
        return (comp, Int(compCount))
    }
}
