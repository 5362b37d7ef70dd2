/// The flat arrays of a `FacilityInstance` in both directions, with the effective unserved time.
///
/// `unserved` is the instance's `unservedSeconds`, or — for a complete matrix with an infinite
/// one — the largest time + 1 s, which no plan with an open site ever pays. O(pairs) to build.
struct FacilityNetwork: Sendable {
    let n: Int
    let m: Int
    let weights: [Double]
    let colOffsets: [Int]
    let colDemand: [Int32]
    let colSeconds: [Double]
    let rowOffsets: [Int]
    let rowCandidate: [Int32]
    let rowSeconds: [Double]
    let unserved: Double
    let isFixed: [Bool]
    let fixed: [Int32]
    /// Non-fixed candidates.
    let free: [Int32]

    init(_ f: FacilityInstance) {
        n = f.demandCount
        m = f.candidateCount
        weights = f.demandWeights
        colOffsets = f.offsets
        colDemand = f.demandIndices
        colSeconds = f.seconds
        var fixedFlags = [Bool](repeating: false, count: m)
        for j in f.fixed { fixedFlags[Int(j)] = true }
        isFixed = fixedFlags
        fixed = f.fixed
        free = (0 ..< Int32(m)).filter { !fixedFlags[Int($0)] }
        unserved = f.unservedSeconds.isFinite ? f.unservedSeconds : (f.seconds.max() ?? 0) + 1
        var counts = [Int](repeating: 0, count: n + 1)
        for d in f.demandIndices { counts[Int(d) + 1] += 1 }
        for i in 0 ..< n { counts[i + 1] += counts[i] }
        var fill = counts
        var cand = [Int32](repeating: 0, count: f.demandIndices.count)
        var secs = [Double](repeating: 0, count: f.demandIndices.count)
        for j in 0 ..< m {
            for k in f.offsets[j] ..< f.offsets[j + 1] {
                let i = Int(f.demandIndices[k])
                cand[fill[i]] = Int32(j)
                secs[fill[i]] = f.seconds[k]
                fill[i] += 1
            }
        }
        rowOffsets = counts
        rowCandidate = cand
        rowSeconds = secs
    }
}

/// Open sites over a `FacilityNetwork` with, per demand point, the nearest and second-nearest
/// open time (the "unserved" time acts as an always-open dummy) and the nearest site
/// (−1: the dummy). open O(reach of the site); close O(Σ rows of the demand it reaches).
struct FacilityState {
    let net: FacilityNetwork
    var isOpen: [Bool]
    var chosen: [Int32] = []
    var d1: [Double]
    var d2: [Double]
    var near: [Int32]

    init(_ net: FacilityNetwork) {
        self.net = net
        isOpen = [Bool](repeating: false, count: net.m)
        d1 = [Double](repeating: net.unserved, count: net.n)
        d2 = [Double](repeating: net.unserved, count: net.n)
        near = [Int32](repeating: -1, count: net.n)
        for f in net.fixed { openSite(Int(f)) }
        chosen.removeAll()
    }

    /// Weighted sum of the current times (the p-median objective). O(demand).
    var totalCost: Double {
        var s = 0.0
        for i in 0 ..< net.n where net.weights[i] > 0 { s += net.weights[i] * d1[i] }
        return s
    }

    /// Saving of opening `k` now: Σ w_i · max(0, d1_i − t_ik). O(reach of k).
    func saving(_ k: Int) -> Double {
        var s = 0.0
        for p in net.colOffsets[k] ..< net.colOffsets[k + 1] {
            let i = Int(net.colDemand[p])
            let t = net.colSeconds[p]
            if t < d1[i] { s += net.weights[i] * (d1[i] - t) }
        }
        return s
    }

    mutating func openSite(_ k: Int) {
        isOpen[k] = true
        if !net.isFixed[k] { chosen.append(Int32(k)) }
        for p in net.colOffsets[k] ..< net.colOffsets[k + 1] {
            let i = Int(net.colDemand[p])
            let t = net.colSeconds[p]
            if t < d1[i] {
                d2[i] = d1[i]
                d1[i] = t
                near[i] = Int32(k)
            } else if t < d2[i] {
                d2[i] = t
            }
        }
    }

    mutating func closeSite(_ j: Int) {
        isOpen[j] = false
        if let at = chosen.firstIndex(of: Int32(j)) { chosen.remove(at: at) }
        for p in net.colOffsets[j] ..< net.colOffsets[j + 1] { recompute(Int(net.colDemand[p])) }
    }

    /// Nearest and second-nearest open times of demand `i` from scratch.
    mutating func recompute(_ i: Int) {
        var best = net.unserved, second = net.unserved
        var who: Int32 = -1
        for q in net.rowOffsets[i] ..< net.rowOffsets[i + 1] {
            let j = net.rowCandidate[q]
            guard isOpen[Int(j)] else { continue }
            let t = net.rowSeconds[q]
            if t < best {
                second = best
                best = t
                who = j
            } else if t < second {
                second = t
            }
        }
        d1[i] = best
        d2[i] = second
        near[i] = who
    }
}
