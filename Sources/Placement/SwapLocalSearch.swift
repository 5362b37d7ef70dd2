/// Swap local search (Teitz–Bart style interchange) for covering objectives over a
/// `CoverageState`.
///
/// Moves: swap a chosen site `j` for an unchosen `k` (budget: if the cost still fits), and add a
/// site while the count or budget allows. The value of a swap is
/// `gain(k) − loss(j) + extra(j, k)`, where `extra` corrects for pieces covered by both
/// (`+w` when the piece is exactly satisfied, `−w` when it is one short); `extra` is non-zero only
/// for `k` sharing such a piece with `j`, so one pass costs O(nonzeros + candidates·log) instead
/// of O(p · nonzeros). Only strict improvements (above a rounding tolerance) are applied, so it
/// terminates; at most `maxMoves` moves. Deterministic: first-improvement visits the chosen sites
/// in an order drawn from `SplitMix64(seed)`; ties go to smaller candidate indices.
enum SwapLocalSearch {
    static func run(_ state: inout CoverageState, limit: PlacementLimit, strategy: LocalSearchStrategy,
                    seed: UInt64, maxMoves: Int) -> Int {
        guard strategy != .none else { return 0 }
        let r = state.reduced
        let m = r.candidateCount
        let eps = 1e-11 * max(1, r.totalWeight)
        var rng = SplitMix64(seed: seed)
        var extra = [Double](repeating: 0, count: m)
        var isTouched = [Bool](repeating: false, count: m)
        var touched: [Int32] = []
        var moves = 0
        let budget: Double
        let maxCount: Int
        switch limit {
        case .count(let p):
            budget = .infinity
            maxCount = p
        case .budget(let b):
            budget = b + budgetSlack(b)
            maxCount = .max
        }
        while moves < maxMoves {
            // Unchosen candidates that would add something, best first.
            var order: [Int32] = []
            for k in 0 ..< m where !state.isChosen[k] && state.gain[k] > eps { order.append(Int32(k)) }
            order.sort { a, b in
                let ga = state.gain[Int(a)], gb = state.gain[Int(b)]
                return ga > gb || (ga == gb && a < b)
            }
            let remaining = budget - state.costTenge
            var bestDelta = eps
            var bestOut = -1
            var bestIn = -1
            if state.chosen.count < maxCount {
                for c in order where r.costs[Int(c)] <= remaining {
                    if state.gain[Int(c)] > bestDelta {
                        bestDelta = state.gain[Int(c)]
                        bestIn = Int(c)
                    }
                    break
                }
            }
            var visit = state.chosen
            if strategy == .firstImprovement {
                if bestIn >= 0 {
                    state.add(bestIn)
                    moves += 1
                    continue
                }
                visit.shuffle(using: &rng)
            }
            for jj in visit {
                let j = Int(jj)
                let capacity = remaining + r.costs[j]
                for p in r.offsets[j] ..< r.offsets[j + 1] {
                    let i = Int(r.indices[p])
                    let c = state.count[i], need = r.need[i]
                    let w: Double
                    if c == need { w = r.weights[i] } else if c == need - 1 { w = -r.weights[i] } else { continue }
                    for q in r.demandOffsets[i] ..< r.demandOffsets[i + 1] {
                        let k = Int(r.demandIndices[q])
                        if state.isChosen[k] { continue }
                        if !isTouched[k] {
                            isTouched[k] = true
                            touched.append(Int32(k))
                        }
                        extra[k] += w
                    }
                }
                var partnerValue = -Double.infinity
                var partner = -1
                for kk in touched {
                    let k = Int(kk)
                    guard r.costs[k] <= capacity else { continue }
                    let v = state.gain[k] + extra[k]
                    if v > partnerValue || (v == partnerValue && k < partner) {
                        partnerValue = v
                        partner = k
                    }
                }
                for kk in order {
                    let k = Int(kk)
                    if isTouched[k] || r.costs[k] > capacity { continue }
                    let v = state.gain[k]
                    if v > partnerValue || (v == partnerValue && k < partner) {
                        partnerValue = v
                        partner = k
                    }
                    break
                }
                for kk in touched {
                    extra[Int(kk)] = 0
                    isTouched[Int(kk)] = false
                }
                touched.removeAll(keepingCapacity: true)
                let delta = partnerValue - state.loss[j]
                if partner >= 0, delta > bestDelta {
                    bestDelta = delta
                    bestOut = j
                    bestIn = partner
                    if strategy == .firstImprovement { break }
                }
            }
            guard bestIn >= 0 else { break }
            if bestOut >= 0 { state.remove(bestOut) }
            state.add(bestIn)
            moves += 1
        }
        state.objective = state.exactObjective()
        return moves
    }
}
