import Dispatch

/// Candidates that can never be needed: candidate `j` is dominated when another candidate `k`
/// covers every demand piece `j` covers (a superset) at no higher cost. Swapping `j` for `k` in
/// any plan keeps it within the same count or budget and covers at least as much, so removing
/// every dominated candidate leaves the optimum of maximal coverage (count or budget) and of set
/// covering (fewest or cheapest) unchanged. Ties (equal sets and equal costs) keep the lowest
/// index, so exactly one of a group of identical candidates survives.
///
/// Method: for each candidate, only the candidates covering its least-covered demand piece can be
/// supersets; each is tested by a merge of the two sorted sets (stopping at the first miss).
/// O(Σ_j |cover(k) ∩ candidates of j's rarest piece| · |cover(j)|) in the worst case, far less in
/// practice. Parallel over fixed chunks of candidates; deterministic.
enum CandidateDominance {
    static func dominated(offsets: [Int], indices: [Int32], costs: [Double], demandCount: Int) -> [Bool] {
        let m = costs.count
        // Transpose: demand → candidates covering it (ascending).
        var firstVar = [Int](repeating: 0, count: demandCount + 1)
        for d in indices { firstVar[Int(d) + 1] += 1 }
        for i in 0..<demandCount { firstVar[i + 1] += firstVar[i] }
        var fill = firstVar
        var byDemandVar = [Int32](repeating: 0, count: indices.count)
        for j in 0..<m {
            for k in offsets[j]..<offsets[j + 1] {
                let d = Int(indices[k])
                byDemandVar[fill[d]] = Int32(j)
                fill[d] += 1
            }
        }
        let first = firstVar, byDemand = byDemandVar
        let chunk = 256
        let chunks = (m + chunk - 1) / chunk
        var out = [Bool](repeating: false, count: m)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for j in (c * chunk)..<min(m, (c + 1) * chunk) {
                    let lo = offsets[j], hi = offsets[j + 1]
                    let size = hi - lo
                    guard size > 0 else { result[j] = true; continue }  // covers nothing
                    var rare = Int(indices[lo])
                    for k in lo..<hi where first[Int(indices[k]) + 1] - first[Int(indices[k])] < first[rare + 1] - first[rare] {
                        rare = Int(indices[k])
                    }
                    for t in first[rare]..<first[rare + 1] {
                        let k = Int(byDemand[t])
                        guard k != j else { continue }
                        let sizeK = offsets[k + 1] - offsets[k]
                        guard sizeK >= size, costs[k] <= costs[j] else { continue }
                        guard sizeK > size || costs[k] < costs[j] || k < j else { continue }
                        if isSubset(indices, lo, hi, offsets[k], offsets[k + 1]) {
                            result[j] = true
                            break
                        }
                    }
                }
            }
        }
        return out
    }

    /// Whether the sorted run `a[aLo..<aHi]` is contained in the sorted run `a[bLo..<bHi]`.
    @inline(__always)
    static func isSubset(_ a: [Int32], _ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> Bool {
        var i = aLo, k = bLo
        while i < aHi {
            let x = a[i]
            while k < bHi && a[k] < x { k += 1 }
            if k == bHi || a[k] != x { return false }
            if bHi - k < aHi - i { return false }
            i += 1
            k += 1
        }
        return true
    }
}
