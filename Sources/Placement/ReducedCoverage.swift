/// The part of a coverage instance that a solver still has to decide, in flat arrays.
///
/// Built from a `CoverageInstance` for a required multiplicity (1: covered, 2: backup):
/// demand already satisfied by the fixed sites goes into `baseObjective`; demand that can never
/// be satisfied, zero-weight demand, fixed candidates, candidates that cover nothing left (or
/// cost more than `maxCostTenge`) are dropped; each remaining demand piece keeps how many more
/// covering sites it needs (`need`, 1 or 2). Optionally pieces covered by exactly the same
/// candidates with the same need are merged (weights summed) — this changes no objective value
/// and no LP bound. Both CSR directions are kept (candidate → demand, demand → candidate).
/// Construction O(nonzeros) (plus hashing when merging).
struct ReducedCoverage: Sendable {
    var weights: [Double] = []
    var need: [Int32] = []
    var costs: [Double] = []
    /// Reduced candidate → candidate index in the instance.
    var original: [Int32] = []
    var offsets: [Int] = [0]
    var indices: [Int32] = []
    var demandOffsets: [Int] = [0]
    var demandIndices: [Int32] = []
    /// Weight already satisfied by the fixed sites alone.
    var baseObjective: Double = 0
    /// Weight of demand no choice of sites can satisfy.
    var unreachableWeight: Double = 0

    var demandCount: Int { weights.count }
    var candidateCount: Int { costs.count }
    var nonzeroCount: Int { indices.count }
    var totalWeight: Double { weights.reduce(0, +) }

    init(_ instance: CoverageInstance, times: Int, maxCostTenge: Double = .infinity, merge: Bool) {
        let n = instance.demandCount
        let m = instance.candidateCount
        var isFixed = [Bool](repeating: false, count: m)
        for f in instance.fixed { isFixed[Int(f)] = true }
        var fixedCount = [Int32](repeating: 0, count: n)
        for f in instance.fixed {
            for d in instance.covers(Int(f)) { fixedCount[Int(d)] += 1 }
        }
        var eligible = [Bool](repeating: false, count: m)
        var coverers = [Int32](repeating: 0, count: n)
        for j in 0 ..< m where !isFixed[j] && instance.candidateCosts[j] <= maxCostTenge {
            eligible[j] = true
            for d in instance.covers(j) { coverers[Int(d)] += 1 }
        }
        var newIndex = [Int32](repeating: -1, count: n)
        var weights: [Double] = []
        var need: [Int32] = []
        let t = Int32(times)
        for i in 0 ..< n {
            let w = instance.demandWeights[i]
            guard w > 0 else { continue }
            if fixedCount[i] >= t {
                baseObjective += w
            } else if coverers[i] >= t - fixedCount[i] {
                newIndex[i] = Int32(weights.count)
                weights.append(w)
                need.append(t - fixedCount[i])
            } else {
                unreachableWeight += w
            }
        }
        var costs: [Double] = []
        var original: [Int32] = []
        var offsets: [Int] = [0]
        var indices: [Int32] = []
        indices.reserveCapacity(instance.nonzeroCount)
        for j in 0 ..< m where eligible[j] {
            let start = indices.count
            for d in instance.covers(j) where newIndex[Int(d)] >= 0 { indices.append(newIndex[Int(d)]) }
            if indices.count == start { continue }
            costs.append(instance.candidateCosts[j])
            original.append(Int32(j))
            offsets.append(indices.count)
        }
        self.weights = weights
        self.need = need
        self.costs = costs
        self.original = original
        self.offsets = offsets
        self.indices = indices
        buildTransposed()
        if merge { mergeIdenticalDemand() }
    }

    /// Builds `demandOffsets`/`demandIndices` from the candidate CSR; rows come out sorted.
    mutating func buildTransposed() {
        let n = weights.count
        var counts = [Int](repeating: 0, count: n + 1)
        for d in indices { counts[Int(d) + 1] += 1 }
        for i in 0 ..< n { counts[i + 1] += counts[i] }
        var fill = counts
        var out = [Int32](repeating: 0, count: indices.count)
        for j in 0 ..< costs.count {
            for k in offsets[j] ..< offsets[j + 1] {
                let d = Int(indices[k])
                out[fill[d]] = Int32(j)
                fill[d] += 1
            }
        }
        demandOffsets = counts
        demandIndices = out
    }

    /// Merges demand pieces whose covering candidate lists and needs are equal (open-addressing
    /// hash of the rows; equal hashes are confirmed by comparing rows), when that removes at
    /// least 5 % of the pieces. O(nonzeros).
    mutating func mergeIdenticalDemand() {
        let n = weights.count
        guard n > 1 else { return }
        let need = self.need, weights = self.weights
        let demandOffsets = self.demandOffsets, demandIndices = self.demandIndices
        var hashes = [UInt64](repeating: 0, count: n)
        var capacity = 1
        while capacity < 2 * n { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var newIndex = [Int32](repeating: -1, count: n)
        var representatives: [Int32] = []
        var newWeights: [Double] = []
        var newNeed: [Int32] = []
        demandOffsets.withUnsafeBufferPointer { off in
            demandIndices.withUnsafeBufferPointer { idx in
                for i in 0 ..< n {
                    var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(need[i])
                    for k in off[i] ..< off[i + 1] {
                        h = (h ^ UInt64(UInt32(bitPattern: idx[k]))) &* 0x0000_0100_0000_01B3
                        h ^= h >> 29
                    }
                    hashes[i] = h
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let r = slots[slot]
                        if r < 0 {
                            slots[slot] = Int32(i)
                            newIndex[i] = Int32(representatives.count)
                            representatives.append(Int32(i))
                            newWeights.append(weights[i])
                            newNeed.append(need[i])
                            break
                        }
                        if hashes[Int(r)] == h, need[Int(r)] == need[i],
                           Self.sameRow(Int(r), i, offsets: off, indices: idx) {
                            newIndex[i] = newIndex[Int(r)]
                            newWeights[Int(newIndex[i])] += weights[i]
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        // Rebuilding costs about as much as it saves unless a fair share of pieces merge.
        guard representatives.count * 20 < n * 19 else { return }
        var newIndices: [Int32] = []
        newIndices.reserveCapacity(indices.count)
        var newOffsets: [Int] = [0]
        newOffsets.reserveCapacity(costs.count + 1)
        for j in 0 ..< costs.count {
            for k in offsets[j] ..< offsets[j + 1] {
                let d = Int(indices[k])
                if representatives[Int(newIndex[d])] == Int32(d) { newIndices.append(newIndex[d]) }
            }
            newOffsets.append(newIndices.count)
        }
        // The transposed rows of the representatives are unchanged (they list candidates).
        var newDemandOffsets: [Int] = [0]
        newDemandOffsets.reserveCapacity(representatives.count + 1)
        var newDemandIndices: [Int32] = []
        newDemandIndices.reserveCapacity(newIndices.count)
        for rep in representatives {
            newDemandIndices.append(contentsOf: demandIndices[demandOffsets[Int(rep)] ..< demandOffsets[Int(rep) + 1]])
            newDemandOffsets.append(newDemandIndices.count)
        }
        self.weights = newWeights
        self.need = newNeed
        self.offsets = newOffsets
        self.indices = newIndices
        self.demandOffsets = newDemandOffsets
        self.demandIndices = newDemandIndices
    }

    private static func sameRow(_ a: Int, _ b: Int, offsets: UnsafeBufferPointer<Int>,
                                indices: UnsafeBufferPointer<Int32>) -> Bool {
        let la = offsets[a + 1] - offsets[a]
        guard la == offsets[b + 1] - offsets[b] else { return false }
        var ka = offsets[a], kb = offsets[b]
        for _ in 0 ..< la {
            if indices[ka] != indices[kb] { return false }
            ka += 1
            kb += 1
        }
        return true
    }
}

/// Rounding allowance when checking that costs fit a budget (tenge): 1e-9 relative.
@inline(__always) func budgetSlack(_ budget: Double) -> Double { 1e-9 * max(1, budget) }
