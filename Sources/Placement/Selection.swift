/// The inner maximisation of the Lagrangian bounds: choose candidates with values `v_j ≥ 0` under a
/// count or a budget, with x relaxed to [0, 1].
///
/// Count `p`: the `p` largest values (O(m) expected by quickselect). Budget `b`: the fractional
/// knapsack — every zero-cost item, then items by value/cost until the budget is used, the last
/// one fractionally (O(m log m)). Returns the optimal value and the chosen items with their
/// fractions. Deterministic (fixed pivots, index tie-breaks).
enum Selection {
    static func best(values v: [Double], costs: [Double], limit: PlacementLimit,
                     into picks: inout [(item: Int32, fraction: Double)]) -> Double {
        picks.removeAll(keepingCapacity: true)
        switch limit {
        case .count(let p):
            var positive: [Int32] = []
            positive.reserveCapacity(v.count)
            for j in 0 ..< v.count where v[j] > 0 { positive.append(Int32(j)) }
            if positive.count > p {
                select(&positive, k: p, values: v)
                positive.removeLast(positive.count - p)
                positive.sort()
            }
            var total = 0.0
            for j in positive {
                total += v[Int(j)]
                picks.append((j, 1))
            }
            return total
        case .budget(let b):
            var capacity = b + budgetSlack(b)
            var total = 0.0
            var paid: [Int32] = []
            for j in 0 ..< v.count where v[j] > 0 {
                if costs[j] == 0 {
                    total += v[j]
                    picks.append((Int32(j), 1))
                } else {
                    paid.append(Int32(j))
                }
            }
            paid.sort { a, b in
                let ra = v[Int(a)] / costs[Int(a)], rb = v[Int(b)] / costs[Int(b)]
                return ra > rb || (ra == rb && a < b)
            }
            for j in paid {
                let c = costs[Int(j)]
                if c <= capacity {
                    total += v[Int(j)]
                    capacity -= c
                    picks.append((j, 1))
                } else {
                    let f = capacity / c
                    if f > 0 {
                        total += v[Int(j)] * f
                        picks.append((j, f))
                    }
                    break
                }
            }
            return total
        }
    }

    /// Reorders `items` so that its first `k` entries are the `k` largest by `values`
    /// (ties: smaller index first). Hoare-style quickselect with median-of-three pivots.
    static func select(_ items: inout [Int32], k: Int, values: [Double]) {
        @inline(__always) func above(_ a: Int32, _ b: Int32) -> Bool {
            let va = values[Int(a)], vb = values[Int(b)]
            return va > vb || (va == vb && a < b)
        }
        var lo = 0, hi = items.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // median of three as pivot value
            if above(items[mid], items[lo]) { items.swapAt(mid, lo) }
            if above(items[hi], items[lo]) { items.swapAt(hi, lo) }
            if above(items[hi], items[mid]) { items.swapAt(hi, mid) }
            let pivot = items[mid]
            var i = lo, j = hi
            while i <= j {
                while above(items[i], pivot) { i += 1 }
                while above(pivot, items[j]) { j -= 1 }
                if i <= j {
                    items.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k - 1 <= j {
                hi = j
            } else if k - 1 >= i {
                lo = i
            } else {
                return
            }
        }
    }
}
