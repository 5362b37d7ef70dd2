import GeoCore

/// The exact 0/1 knapsack: choose items of integer weight to maximise their total value without
/// exceeding a capacity — used to pick which objects to connect within a budget.
///
/// Dynamic programme over capacity (Bellman 1957; Martello & Toth, *Knapsack Problems*, 1990,
/// ch. 2.6): `best[c]` = the largest value of a set of weight ≤ c, one pass per item from high to
/// low c, and a bit per (item, c) to recover the set. Exact for the integer weights it is given.
/// O(n · C) time, n · C bits of memory.
public enum BudgetKnapsack {
    /// The set of largest total value with total weight ≤ `capacity`, as ascending item indices.
    /// Among equal values the DP keeps the set found first (lower-index items are preferred,
    /// deterministic). Items of weight > capacity are never chosen; value ≤ 0 items are skipped.
    ///
    /// - Precondition: weights ≥ 0, capacity ≥ 0.
    public static func solve(weights: [Int], values: [Double], capacity: Int) -> (chosen: [Int], value: Double, weight: Int) {
        precondition(weights.count == values.count && capacity >= 0)
        let n = weights.count
        let width = capacity + 1
        var best = [Double](repeating: 0, count: width)
        let words = (width + 63) / 64
        var keep = [UInt64](repeating: 0, count: n * words)
        for i in 0..<n where values[i] > 0 && weights[i] <= capacity {
            let w = weights[i], v = values[i]
            var c = capacity
            while c >= w {
                let cand = best[c - w] + v
                if cand > best[c] {
                    best[c] = cand
                    keep[i * words + c >> 6] |= 1 << UInt64(c & 63)
                }
                c -= 1
            }
        }
        var chosen: [Int] = []
        var c = capacity
        var i = n - 1
        while i >= 0 {
            if keep[i * words + c >> 6] & (1 << UInt64(c & 63)) != 0 {
                chosen.append(i)
                c -= weights[i]
            }
            i -= 1
        }
        chosen.reverse()
        return (chosen, chosen.reduce(0) { $0 + values[$1] }, chosen.reduce(0) { $0 + weights[$1] })
    }

    /// The greedy heuristic: items by value per weight (descending, then index), each taken if it
    /// still fits. Not exact; reported next to the DP to show what exactness buys.
    public static func greedy(weights: [Double], values: [Double], capacity: Double) -> [Int] {
        let order = weights.indices.filter { values[$0] > 0 }.sorted { a, b in
            let ra = values[a] / max(weights[a], 1e-12), rb = values[b] / max(weights[b], 1e-12)
            return ra != rb ? ra > rb : a < b
        }
        var left = capacity
        var out: [Int] = []
        for i in order where weights[i] <= left {
            out.append(i)
            left -= weights[i]
        }
        return out.sorted()
    }
}
