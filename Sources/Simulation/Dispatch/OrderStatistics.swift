/// Order statistics without a full sort (the percentiles of response-time summaries).
enum OrderStatistics {
    /// The k-th smallest value (0-based) of `values`, rearranging them. Iterative quickselect
    /// with a median-of-three pivot and three-way partitioning (robust to many equal values,
    /// e.g. constant travel times); deterministic; expected O(n).
    /// Only positions `from...` are searched: the caller guarantees every value before `from` is
    /// ≤ every value from `from` on (true after selecting a smaller rank), so k ≥ from.
    static func select(_ k: Int, in values: inout [Double], from: Int = 0) -> Double {
        values.withUnsafeMutableBufferPointer { v -> Double in
            var lo = from
            var hi = v.count - 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                let a = v[lo], b = v[mid], c = v[hi]
                let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
                // Three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
                var lt = lo, i = lo, gt = hi
                while i <= gt {
                    let x = v[i]
                    if x < pivot {
                        v.swapAt(lt, i); lt += 1; i += 1
                    } else if x > pivot {
                        v.swapAt(i, gt); gt -= 1
                    } else {
                        i += 1
                    }
                }
                if k < lt { hi = lt - 1 } else if k > gt { lo = gt + 1 } else { return pivot }
            }
            return v[k]
        }
    }

    /// 0-based index of the nearest-rank p-quantile (the ⌈p·n⌉-th smallest) among n values.
    static func rankIndex(_ p: Double, count n: Int) -> Int {
        min(max(Int((p * Double(n)).rounded(.up)), 1), n) - 1
    }

    /// Nearest-rank p-quantile of a non-empty array, rearranging it.
    static func nearestRank(_ p: Double, in values: inout [Double]) -> Double {
        select(rankIndex(p, count: values.count), in: &values)
    }

    /// Nearest-rank quantiles p1 ≤ p2 of a non-empty array in one pass and a half.
    static func nearestRanks(_ p1: Double, _ p2: Double, in values: inout [Double]) -> (Double, Double) {
        let k1 = rankIndex(p1, count: values.count), k2 = rankIndex(p2, count: values.count)
        let v1 = select(k1, in: &values)
        return (v1, select(k2, in: &values, from: k1))
    }
}
