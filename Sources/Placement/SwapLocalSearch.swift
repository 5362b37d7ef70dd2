/// Swap local search (Teitz–Bart style interchange) for covering objectives over a
/// `CoverageState`.
///
/// Moves: swap a chosen site `j` for an unchosen `k` (budget: if the cost still fits), and add a
/// site while the count or budget allows. The value of a swap is
/// `gain(k) − loss(j) + extra(j, k)`, where `extra` corrects for pieces covered by both
/// (`+w` when the piece is exactly satisfied, `−w` when it is one short); `extra` is non-zero only
/// for `k` sharing such a piece with `j`, so one pass costs O(nonzeros + candidates·log) instead
/// of O(p · nonzeros). Only strict improvements (above a rounding tolerance) are applied, so it
/// terminates; at most `maxMoves` moves. Best improvement applies the single best move per pass;
/// first improvement visits the chosen sites in an order drawn from `SplitMix64(seed)` and
/// applies every improving move it meets. Deterministic; ties go to smaller candidate indices.
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
        /// Best partner for removing chosen `j` under the current counts: (value, k) with value =
        /// gain(k) + extra(j, k); the untouched part uses `order` (gain-sorted, maybe stale).
        func partner(for j: Int, capacity: Double, order: [Int32]) -> (Double, Int) {
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
            var bestValue = -Double.infinity
            var best = -1
            for kk in touched {
                let k = Int(kk)
                guard r.costs[k] <= capacity else { continue }
                let v = state.gain[k] + extra[k]
                if v > bestValue || (v == bestValue && k < best) {
                    bestValue = v
                    best = k
                }
            }
            for kk in order {
                let k = Int(kk)
                if isTouched[k] || state.isChosen[k] || r.costs[k] > capacity { continue }
                let v = state.gain[k]
                if v > bestValue || (v == bestValue && k < best) {
                    bestValue = v
                    best = k
                }
                break
            }
            for kk in touched {
                extra[Int(kk)] = 0
                isTouched[Int(kk)] = false
            }
            touched.removeAll(keepingCapacity: true)
            return (bestValue, best)
        }

        while moves < maxMoves {
            // Unchosen candidates that would add something, best first.
            var order: [Int32] = []
            for k in 0 ..< m where !state.isChosen[k] && state.gain[k] > eps { order.append(Int32(k)) }
            order.sort { a, b in
                let ga = state.gain[Int(a)], gb = state.gain[Int(b)]
                return ga > gb || (ga == gb && a < b)
            }
            if strategy == .bestImprovement {
                // One move per pass: the best add or swap over all chosen sites.
                let remaining = budget - state.costTenge
                var bestDelta = eps
                var bestOut = -1
                var bestIn = -1
                if state.chosen.count < maxCount, let k = order.first(where: { r.costs[Int($0)] <= remaining }),
                   state.gain[Int(k)] > bestDelta {
                    bestDelta = state.gain[Int(k)]
                    bestIn = Int(k)
                }
                for jj in state.chosen {
                    let j = Int(jj)
                    let (value, k) = partner(for: j, capacity: remaining + r.costs[j], order: order)
                    if k >= 0, value - state.loss[j] > bestDelta {
                        bestDelta = value - state.loss[j]
                        bestOut = j
                        bestIn = k
                    }
                }
                guard bestIn >= 0 else { break }
                if bestOut >= 0 { state.remove(bestOut) }
                state.add(bestIn)
                moves += 1
                continue
            }
            // First improvement: visit the chosen sites in seeded random order and apply every
            // improving move found in this pass (values are always exact for the current plan;
            // only the candidate order used for untouched partners may be stale).
            var improved = false
            for kk in order where moves < maxMoves && state.chosen.count < maxCount {
                let k = Int(kk)
                if state.isChosen[k] || r.costs[k] > budget - state.costTenge { continue }
                if state.gain[k] > eps {
                    state.add(k)
                    moves += 1
                    improved = true
                }
            }
            var visit = state.chosen
            visit.shuffle(using: &rng)
            for jj in visit where moves < maxMoves {
                let j = Int(jj)
                guard state.isChosen[j] else { continue }
                let (value, k) = partner(for: j, capacity: budget - state.costTenge + r.costs[j], order: order)
                if k >= 0, value - state.loss[j] > eps {
                    state.remove(j)
                    state.add(k)
                    moves += 1
                    improved = true
                }
            }
            if !improved { break }
        }
        state.objective = state.exactObjective()
        return moves
    }
}
