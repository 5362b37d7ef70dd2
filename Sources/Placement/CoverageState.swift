/// A set of chosen candidates over a `ReducedCoverage`, with the counters that make add, remove
/// and swap evaluation cheap.
///
/// For each demand piece: how many chosen candidates cover it. For each candidate: `gain` — the
/// satisfied weight it would add; for chosen ones `loss` — the satisfied weight lost if it were
/// removed. A piece is satisfied when its count reaches its `need`. add/remove cost
/// O(Σ over the candidate's pieces of their candidate lists).
struct CoverageState {
    let reduced: ReducedCoverage
    var count: [Int32]
    var isChosen: [Bool]
    var chosen: [Int32] = []
    var gain: [Double]
    var loss: [Double]
    /// Weight of pieces two covers short (backup only) that the candidate would bring to one
    /// short: no objective yet, but what a fill-up should prefer when no site adds anything.
    var reach: [Double]
    /// Satisfied weight of the reduced instance (the base objective is not included).
    var objective: Double = 0
    var costTenge: Double = 0

    init(_ reduced: ReducedCoverage) {
        self.reduced = reduced
        count = [Int32](repeating: 0, count: reduced.demandCount)
        isChosen = [Bool](repeating: false, count: reduced.candidateCount)
        loss = [Double](repeating: 0, count: reduced.candidateCount)
        gain = [Double](repeating: 0, count: reduced.candidateCount)
        reach = [Double](repeating: 0, count: reduced.candidateCount)
        for j in 0 ..< reduced.candidateCount {
            var g = 0.0, h = 0.0
            for k in reduced.offsets[j] ..< reduced.offsets[j + 1] {
                let i = Int(reduced.indices[k])
                if reduced.need[i] == 1 { g += reduced.weights[i] } else if reduced.need[i] == 2 { h += reduced.weights[i] }
            }
            gain[j] = g
            reach[j] = h
        }
    }

    /// Chooses candidate `k` (not chosen yet).
    mutating func add(_ k: Int) {
        let r = reduced
        isChosen[k] = true
        chosen.append(Int32(k))
        costTenge += r.costs[k]
        for p in r.offsets[k] ..< r.offsets[k + 1] {
            let i = Int(r.indices[p])
            let w = r.weights[i]
            let old = count[i]
            let need = r.need[i]
            count[i] = old + 1
            let lo = r.demandOffsets[i], hi = r.demandOffsets[i + 1]
            if old == need - 1 {
                objective += w
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    gain[c] -= w
                    if isChosen[c] { loss[c] += w }
                }
            } else if old == need - 2 {
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    gain[c] += w
                    reach[c] -= w
                }
            } else if old == need {
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    if c != k, isChosen[c] { loss[c] -= w }
                }
            }
        }
    }

    /// Removes chosen candidate `j`.
    mutating func remove(_ j: Int) {
        let r = reduced
        isChosen[j] = false
        if let at = chosen.firstIndex(of: Int32(j)) { chosen.remove(at: at) }
        costTenge -= r.costs[j]
        for p in r.offsets[j] ..< r.offsets[j + 1] {
            let i = Int(r.indices[p])
            let w = r.weights[i]
            let old = count[i]
            let need = r.need[i]
            count[i] = old - 1
            let lo = r.demandOffsets[i], hi = r.demandOffsets[i + 1]
            if old == need {
                objective -= w
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    gain[c] += w
                    if isChosen[c] { loss[c] -= w }
                }
            } else if old == need - 1 {
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    gain[c] -= w
                    reach[c] += w
                }
            } else if old == need + 1 {
                for q in lo ..< hi {
                    let c = Int(r.demandIndices[q])
                    if isChosen[c] { loss[c] += w }
                }
            }
        }
        loss[j] = 0
    }

    /// Satisfied weight recomputed from scratch (to shed rounding drift). O(demand).
    func exactObjective() -> Double {
        var total = 0.0
        for i in 0 ..< reduced.demandCount where count[i] >= reduced.need[i] { total += reduced.weights[i] }
        return total
    }

    /// Objective increase if `k` were added to the current set, computed from the counts
    /// (not from the maintained `gain`). O(|covers(k)|).
    func freshGain(_ k: Int) -> Double {
        var g = 0.0
        for p in reduced.offsets[k] ..< reduced.offsets[k + 1] {
            let i = Int(reduced.indices[p])
            if count[i] == reduced.need[i] - 1 { g += reduced.weights[i] }
        }
        return g
    }
}
