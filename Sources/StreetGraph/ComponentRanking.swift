/// Orders raw components by total internal edge length, longest first (ties: smallest node
/// first), so component 0 is the main network, and summarises them for the `GraphReport`.
struct ComponentRanking {
    /// Ranked component of every node.
    var nodeComponent: [Int32]
    /// Number of components.
    var count: Int
    /// The 20 longest, longest first.
    var largest: [ComponentSummary]
    /// Length (metres) of edges inside the main component.
    var mainLengthMeters: Double

    /// Ranks `raw` (any numbering `0 ..< rawCount`); edge lengths in metres. An edge belongs to
    /// a component when both its ends do.
    init(raw: [Int32], rawCount: Int, from: [Int32], to: [Int32], lengthMeters: [Double]) {
        let n = raw.count, m = from.count
        var compLength = [Double](repeating: 0, count: rawCount)
        var compNodes = [Int](repeating: 0, count: rawCount)
        var compEdges = [Int](repeating: 0, count: rawCount)
        var compFirst = [Int](repeating: Int.max, count: rawCount)
        raw.withUnsafeBufferPointer { rc in
            for v in 0..<n {
                let c = Int(rc[v])
                compNodes[c] += 1
                if v < compFirst[c] { compFirst[c] = v }
            }
            from.withUnsafeBufferPointer { f in
                to.withUnsafeBufferPointer { t in
                    lengthMeters.withUnsafeBufferPointer { len in
                        // In edge order, so each component's length sums the same way every time.
                        for e in 0..<m {
                            let c = rc[Int(f[e])]
                            guard c == rc[Int(t[e])] else { continue }
                            compLength[Int(c)] += len[e]
                            compEdges[Int(c)] += 1
                        }
                    }
                }
            }
        }
        let order = (0..<rawCount).sorted {
            compLength[$0] != compLength[$1] ? compLength[$0] > compLength[$1] : compFirst[$0] < compFirst[$1]
        }
        var rank = [Int32](repeating: 0, count: rawCount)
        for (r, c) in order.enumerated() { rank[c] = Int32(r) }
        nodeComponent = raw.map { rank[Int($0)] }
        count = rawCount
        largest = order.prefix(20).enumerated().map { r, c in
            ComponentSummary(id: r, nodes: compNodes[c], edges: compEdges[c], lengthMeters: compLength[c])
        }
        mainLengthMeters = order.first.map { compLength[$0] } ?? 0
    }
}
