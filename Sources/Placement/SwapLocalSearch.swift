import GeoCore
/// Swap local search (Teitz–Bart style interchange) for covering objectives over a
/// `CoverageState`.
///
/// Moves: swap a chosen site `j` for an unchosen `k` (budget: if the cost still fits), and add a
/// site while the count or budget allows. The value of a swap is
/// `gain(k) − loss(j) + extra(j, k)`, where `extra` corrects for pieces covered by both
/// (`+w` when the piece is exactly satisfied, `−w` when it is one short); `extra` is non-zero only
/// for `k` sharing such a piece with `j`, so evaluating all partners of `j` costs
/// O(Σ over j's critical pieces of their candidate lists) plus a look at the best untouched
/// candidates (kept as a top-256 list by gain, with a full scan as fallback). Only strict
/// improvements (above a rounding tolerance) are applied, so it terminates; at most `maxMoves`
/// moves. Best improvement applies the single best move per pass; first improvement visits the
/// chosen sites in an order drawn from `SplitMix64(seed)` and applies every improving move it
/// meets. With `focus`, only the flagged chosen sites (and sites added on the way) are tried for
/// removal — used by iterated local search after a local perturbation. Deterministic; ties go to
/// smaller candidate indices. A pass costs O(nonzeros + candidates) in the worst case.
enum SwapLocalSearch {
    static let topCount = 256

    static func run(_ state: inout CoverageState, limit: PlacementLimit, strategy: LocalSearchStrategy,
                    seed: UInt64, maxMoves: Int, focus: [Bool]? = nil) -> Int {
        guard strategy != .none else { return 0 }
        let r = state.reduced
        let m = r.candidateCount
        let eps = 1e-11 * max(1, r.totalWeight)
        var rng = SplitMix64(seed: seed)
        var extra = [Double](repeating: 0, count: m)
        var isTouched = [Bool](repeating: false, count: m)
        var touched: [Int32] = []
        var focus = focus
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
        /// gain(k) + extra(j, k). Untouched partners come from `top` (gain-sorted, maybe stale),
        /// or from a full scan when `top` has none that fits.
        func partner(for j: Int, capacity: Double, top: [Int32], s: inout CoverageState) -> (Double, Int) {
            for p in r.offsets[j] ..< r.offsets[j + 1] {
                let i = Int(r.indices[p])
                let c = s.count[i], need = r.need[i]
                let w: Double
                if c == need { w = r.weights[i] } else if c == need - 1 { w = -r.weights[i] } else { continue }
                for q in r.demandOffsets[i] ..< r.demandOffsets[i + 1] {
                    let k = Int(r.demandIndices[q])
                    if s.isChosen[k] { continue }
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
                let v = s.gain[k] + extra[k]
                if v > bestValue || (v == bestValue && k < best) {
                    bestValue = v
                    best = k
                }
            }
            var found = false
            for kk in top {
                let k = Int(kk)
                if isTouched[k] || s.isChosen[k] || r.costs[k] > capacity { continue }
                let v = s.gain[k]
                if v > bestValue || (v == bestValue && k < best) {
                    bestValue = v
                    best = k
                }
                found = true
                break
            }
            if !found, top.count >= topCount {
                // Every listed candidate was excluded: look at all of them.
                for k in 0 ..< m where !isTouched[k] && !s.isChosen[k] && r.costs[k] <= capacity {
                    let v = s.gain[k]
                    if v > bestValue || (v == bestValue && k < best) {
                        bestValue = v
                        best = k
                    }
                }
            }
            for kk in touched {
                extra[Int(kk)] = 0
                isTouched[Int(kk)] = false
            }
            touched.removeAll(keepingCapacity: true)
            return (bestValue, best)
        }

        /// Unchosen candidates with positive gain: the `topCount` best, best first.
        func topByGain(_ s: CoverageState) -> [Int32] {
            var items: [Int32] = []
            for k in 0 ..< m where !s.isChosen[k] && s.gain[k] > eps { items.append(Int32(k)) }
            if items.count > topCount {
                Selection.select(&items, k: topCount, values: s.gain)
                items.removeLast(items.count - topCount)
            }
            items.sort { a, b in
                let ga = s.gain[Int(a)], gb = s.gain[Int(b)]
                return ga > gb || (ga == gb && a < b)
            }
            return items
        }

        /// The unchosen candidate with the largest current gain (> eps) that fits `remaining`, or −1.
        func bestAddition(top: [Int32], remaining: Double, s: CoverageState) -> Int {
            var best = -1
            for kk in top {
                let k = Int(kk)
                if s.isChosen[k] || r.costs[k] > remaining || s.gain[k] <= eps { continue }
                if best < 0 || s.gain[k] > s.gain[best] || (s.gain[k] == s.gain[best] && k < best) { best = k }
            }
            if best < 0, top.count >= topCount {
                for k in 0 ..< m where !s.isChosen[k] && r.costs[k] <= remaining && s.gain[k] > eps {
                    if best < 0 || s.gain[k] > s.gain[best] { best = k }
                }
            }
            return best
        }

        /// Backup coverage: when no site adds anything but the count or budget still allows more,
        /// take sites that bring double-cover pieces closer (never worse, so no cycling).
        func fillUp(_ s: inout CoverageState) {
            guard r.need.contains(where: { $0 > 1 }) else { return }
            while s.chosen.count < maxCount {
                let left = budget - s.costTenge
                var best = -1
                for k in 0 ..< m where !s.isChosen[k] && r.costs[k] <= left && s.reach[k] > eps {
                    if best < 0 || s.reach[k] > s.reach[best] { best = k }
                }
                guard best >= 0 else { return }
                s.add(best)
                focus?[best] = true
            }
        }

        // The untouched-partner list is rebuilt every pass of a full search; a focused search keeps
        // it until a pass finds nothing, then confirms with a fresh one.
        var top = topByGain(state)
        var fresh = true
        /// No improving move in this pass. With a fresh candidate list: fill up what the count
        /// or budget still allows and go on if that added a site, else stop (false). With a stale
        /// list: refresh it and try again.
        func stalled() -> Bool {
            if fresh {
                let before = state.chosen.count
                fillUp(&state)
                guard state.chosen.count > before else { return false }
                top = topByGain(state)
                return true
            }
            top = topByGain(state)
            fresh = true
            return true
        }
        while moves < maxMoves {
            if !fresh, focus == nil {
                top = topByGain(state)
                fresh = true
            }
            if strategy == .bestImprovement {
                // One move per pass: the best add or swap over all (focused) chosen sites.
                let remaining = budget - state.costTenge
                var bestDelta = eps
                var bestOut = -1
                var bestIn = -1
                if state.chosen.count < maxCount {
                    let addition = bestAddition(top: top, remaining: remaining, s: state)
                    if addition >= 0, state.gain[addition] > bestDelta {
                        bestDelta = state.gain[addition]
                        bestIn = addition
                    }
                }
                for jj in state.chosen {
                    let j = Int(jj)
                    if let f = focus, !f[j] { continue }
                    let (value, k) = partner(for: j, capacity: remaining + r.costs[j], top: top, s: &state)
                    if k >= 0, value - state.loss[j] > bestDelta {
                        bestDelta = value - state.loss[j]
                        bestOut = j
                        bestIn = k
                    }
                }
                guard bestIn >= 0 else {
                    if stalled() { continue }
                    break
                }
                if bestOut >= 0 { state.remove(bestOut) }
                state.add(bestIn)
                focus?[bestIn] = true
                moves += 1
                fresh = false
                continue
            }
            // First improvement: visit the chosen sites in seeded random order and apply every
            // improving move found in this pass (values are always exact for the current plan;
            // only the candidate list used for untouched partners may be stale).
            var improved = false
            while state.chosen.count < maxCount, moves < maxMoves {
                let k = bestAddition(top: top, remaining: budget - state.costTenge, s: state)
                guard k >= 0 else { break }
                state.add(k)
                focus?[k] = true
                moves += 1
                improved = true
            }
            var visit = state.chosen
            if let f = focus { visit = visit.filter { f[Int($0)] } }
            visit.shuffle(using: &rng)
            for jj in visit where moves < maxMoves {
                let j = Int(jj)
                guard state.isChosen[j] else { continue }
                let (value, k) = partner(for: j, capacity: budget - state.costTenge + r.costs[j], top: top, s: &state)
                if k >= 0, value - state.loss[j] > eps {
                    state.remove(j)
                    state.add(k)
                    focus?[k] = true
                    moves += 1
                    improved = true
                }
            }
            if !improved {
                if stalled() { continue }
                break
            }
            fresh = false
        }
        state.objective = state.exactObjective()
        return moves
    }
}
