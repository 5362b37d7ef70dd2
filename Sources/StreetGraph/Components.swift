/// Connected components of a graph's arcs: strongly connected components (Tarjan's algorithm,
/// iterative), which for a walk graph (every edge both ways) are the ordinary components.
///
/// Component ids are ordered by total internal edge length, longest first (ties by smallest node
/// index), so component 0 is the main network. O(V + E) time, O(V) extra memory.
enum Components {
    /// Component id of every node, and the number of components.
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
