/// Order statistics without a full sort (the percentiles of response-time summaries).
enum OrderStatistics {
    /// The k-th smallest value (0-based) of `values`, rearranging them. Iterative quickselect
    /// with a median-of-three pivot and three-way partitioning (robust to many equal values,
    /// e.g. constant travel times); deterministic; expected O(n).
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { v -> Double in
            var lo = 0
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

    /// Nearest-rank p-quantile (the ⌈p·n⌉-th smallest) of a non-empty array, rearranging it.
    static func nearestRank(_ p: Double, in values: inout [Double]) -> Double {
        let rank = Int((p * Double(values.count)).rounded(.up))
        return select(min(max(rank, 1), values.count) - 1, in: &values)
    }
}
