/// Walker's alias table (Vose's construction): draws an index with probability proportional to
/// its weight in O(1) per draw after O(n) set-up.
///
/// Used for the spatial distribution of incidents (atom weights) and for incident types.
/// Weights must be finite and ≥ 0 with a positive sum (checked by the callers, which know the
/// user-facing names; `init` returns nil otherwise). Deterministic: the table depends only on
/// the weights, and a draw consumes exactly two uniforms.
public struct AliasTable: Sendable {
    @usableFromInline var probability: [Double]
    @usableFromInline var alias: [Int32]

    /// The number of outcomes.
    public var count: Int { probability.count }

    /// A table for `weights`, or nil when a weight is negative/non-finite or all are zero.
    public init?(weights: [Double]) {
        let n = weights.count
        guard n > 0, n <= Int(Int32.max) else { return nil }
        var total = 0.0
        for w in weights {
            guard w.isFinite, w >= 0 else { return nil }
            total += w
        }
        guard total > 0, total.isFinite else { return nil }
        var scaled = weights.map { $0 * Double(n) / total }
        probability = [Double](repeating: 1, count: n)
        alias = [Int32](repeating: 0, count: n)
        var small: [Int] = []
        var large: [Int] = []
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        for i in 0..<n {
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let s = small.last, let l = large.last {
            small.removeLast()
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Leftovers (numerical residue) get probability 1 of themselves.
        for i in large { probability[i] = 1; alias[i] = Int32(i) }
        for i in small { probability[i] = 1; alias[i] = Int32(i) }
        // Zero-weight outcomes must never be drawn: they always defer to their alias.
        let firstPositive = Int32(weights.firstIndex { $0 > 0 }!)
        for i in 0..<n where weights[i] == 0 {
            probability[i] = 0
            if weights[Int(alias[i])] == 0 { alias[i] = firstPositive }
        }
    }

    /// Draws one index in 0..<count.
    @inlinable public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
        let i = rng.nextIndex(below: probability.count)
        return rng.nextUnit() < probability[i] ? i : Int(alias[i])
    }
}
