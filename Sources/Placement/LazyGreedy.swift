/// Lazy greedy (Minoux 1978; "CELF", Leskovec et al. 2007) over a `ReducedCoverage`.
///
/// It maximises the surrogate h(S) = Σ_i w_i · min(count_i(S), need_i) / need_i, which is
/// monotone submodular and equals the covered weight when every need is 1 (MCLP). Marginal gains
/// are kept in a max-heap as stale upper bounds and re-evaluated only when they reach the top;
/// by submodularity a freshly evaluated top element is a true best pick.
///
/// Count limit: picks up to `p` sites — the classical (1 − 1/e) guarantee for MCLP
/// (Nemhauser, Wolsey, Fisher 1978). Budget limit: first every zero-cost useful site (free), then
/// cost-benefit greedy by gain/cost skipping sites that no longer fit (Khuller, Moss, Naor 1999).
/// Ties go to the smaller candidate index. O(nonzeros · log(candidates)) typical.
enum LazyGreedy {
    static func run(_ r: ReducedCoverage, limit: PlacementLimit) -> [Int32] {
        let m = r.candidateCount
        var count = [Int32](repeating: 0, count: r.demandCount)
        var picks: [Int32] = []
        var stamp = [Int](repeating: 0, count: m)

        func surrogateGain(_ k: Int) -> Double {
            var g = 0.0
            for p in r.offsets[k] ..< r.offsets[k + 1] {
                let i = Int(r.indices[p])
                let need = r.need[i]
                if count[i] < need { g += need == 1 ? r.weights[i] : r.weights[i] / Double(need) }
            }
            return g
        }
        func take(_ k: Int) {
            picks.append(Int32(k))
            for p in r.offsets[k] ..< r.offsets[k + 1] { count[Int(r.indices[p])] += 1 }
        }

        switch limit {
        case .count(let p):
            var heap = IndexedMaxHeap(minimumCapacity: m)
            for k in 0 ..< m {
                let g = surrogateGain(k)
                if g > 0 { heap.push(g, Int32(k)) }
            }
            while picks.count < p, let (_, item) = heap.pop() {
                let k = Int(item)
                if stamp[k] == picks.count {
                    take(k)
                    continue
                }
                let g = surrogateGain(k)
                stamp[k] = picks.count
                if g > 0 { heap.push(g, item) }
            }
        case .budget(let budget):
            var remaining = budget + budgetSlack(budget)
            for k in 0 ..< m where r.costs[k] == 0 && surrogateGain(k) > 0 { take(k) }
            var heap = IndexedMaxHeap(minimumCapacity: m)
            let version0 = picks.count
            for k in 0 ..< m where r.costs[k] > 0 && r.costs[k] <= remaining {
                let g = surrogateGain(k)
                stamp[k] = version0
                if g > 0 { heap.push(g / r.costs[k], Int32(k)) }
            }
            while let (_, item) = heap.pop() {
                let k = Int(item)
                if r.costs[k] > remaining { continue }
                if stamp[k] == picks.count {
                    take(k)
                    remaining -= r.costs[k]
                    continue
                }
                let g = surrogateGain(k)
                stamp[k] = picks.count
                if g > 0 { heap.push(g / r.costs[k], item) }
            }
        }
        return picks
    }
}
