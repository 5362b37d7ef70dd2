import Foundation
import GeoCore

/// Exact intersection of a straight segment with a `VisibilityRegion`, as parameter intervals.
///
/// The segment `p(t) = a + t(b − a)`, `t ∈ [0, 1]`, is taken into the region's frame. Each
/// boundary piece spans at most π/2, so its wedge is the intersection of two half-planes (linear
/// in `t`); its bound is a half-plane `p·w ≤ 1` (an obstacle edge, linear) or the range disc
/// (quadratic); the minimum range removes the open interval where `|p| < r₀`. Every constraint is
/// solved in closed form, so the covered parameters are exact up to floating-point rounding.
/// The constraints are closed with a tolerance of 1e-9 m so that a point on a shared boundary
/// ray (or on a wall facing the camera) counts as seen. Pieces are pre-selected by the angular
/// span of the segment (binary search). O(log P + pieces hit) per segment.
enum SegmentClip {
    /// Slack of every linear constraint, metres.
    static let slackMeters = 1e-9

    /// Appends the covered parameter intervals of segment `a→b`, sorted and merged (intervals
    /// closer than `mergeT` are joined), to `out`. `work` is scratch space.
    static func intervals(_ r: VisibilityRegion, _ a: Point, _ b: Point, mergeT: Double,
                          into out: inout [(Double, Double)], work: inout [(Double, Double)]) {
        let P = r.frame(a), Q = r.frame(b)
        let D = Q - P
        let dd = D.dot(D)
        guard dd > 0 else { return }
        let R = r.rangeMeters
        // Range disc: dd t² + 2 (P·D) t + (P·P − R²) ≤ 0.
        let pb = P.dot(D), pp = P.dot(P)
        let disc = pb * pb - dd * (pp - R * R)
        guard disc > 0 else { return }
        let sq = disc.squareRoot()
        var lo0 = (-pb - sq) / dd, hi0 = (-pb + sq) / dd
        lo0 = max(lo0, 0); hi0 = min(hi0, 1)
        guard lo0 <= hi0 else { return }
        // Minimum range: exclude (m0, m1) where |p| < r0.
        var m0 = 1.0, m1 = 0.0  // empty
        let r0 = r.minRangeMeters
        if r0 > 0 {
            let d0 = pb * pb - dd * (pp - r0 * r0)
            if d0 > 0 {
                let s0 = d0.squareRoot()
                m0 = (-pb - s0) / dd; m1 = (-pb + s0) / dd
                if m0 <= lo0 && m1 >= hi0 { return }
            }
        }
        let len = dd.squareRoot()
        let slack = slackMeters

        work.removeAll(keepingCapacity: true)
        @inline(__always) func clip(_ c0: Double, _ c1: Double, _ lo: inout Double, _ hi: inout Double) {
            // c0 + t·c1 ≥ 0
            if c1 > 0 { lo = max(lo, -c0 / c1) } else if c1 < 0 { hi = min(hi, -c0 / c1) } else if c0 < 0 { hi = -1 }
        }
        func testPiece(_ k: Int) {
            var lo = lo0, hi = hi0
            // Wedge: cross(u_a, p) ≥ −slack and cross(p, u_b) ≥ −slack.
            let ray = r.rays[k]
            let ax = ray.startCos, ay = ray.startSin, bx = ray.endCos, by = ray.endSin
            clip(ax * P.y - ay * P.x + slack, ax * D.y - ay * D.x, &lo, &hi)
            if lo > hi { return }
            clip(P.x * by - P.y * bx + slack, D.x * by - D.y * bx, &lo, &hi)
            if lo > hi { return }
            if !r.isArc[k] {
                // p·w ≤ 1 (relative slack ≈ slack / h, with h = 1/|w| the edge line's distance).
                let wx = r.wx[k], wy = r.wy[k]
                let wn = (wx * wx + wy * wy).squareRoot()
                clip(1 + slack * wn - (P.x * wx + P.y * wy), -(D.x * wx + D.y * wy), &lo, &hi)
                if lo > hi { return }
            }
            if m0 < m1 {
                if m0 > lo { work.append((lo, min(hi, m0))) }
                if m1 < hi { work.append((max(lo, m1), hi)) }
            } else {
                work.append((lo, hi))
            }
        }

        let h = abs(P.cross(Q)) / len
        let n = r.pieceCount
        if h < 1e-6 {
            for k in 0..<n { testPiece(k) }
        } else if !outsideSector(P, Q, r) {
            // Angular span of the segment seen from the camera, counter-clockwise.
            var tP = atan2(P.y, P.x), tQ = atan2(Q.y, Q.x)
            if tP < 0 { tP += 2 * .pi }
            if tQ < 0 { tQ += 2 * .pi }
            var lo = P.cross(Q) > 0 ? tP : tQ
            var hi = P.cross(Q) > 0 ? tQ : tP
            if hi < lo { hi += 2 * .pi }
            lo -= 1e-9; hi += 1e-9
            for shift in [0.0, -2 * Double.pi, 2 * Double.pi] {
                let l = lo + shift, u = hi + shift
                if u < 0 || l > r.sweep { continue }
                // First piece whose end ≥ l.
                var a = 0, b = n
                while a < b {
                    let m = (a + b) / 2
                    if r.pieceEnd[m] < l { a = m + 1 } else { b = m }
                }
                var k = a
                while k < n && r.pieceStart[k] <= u { testPiece(k); k += 1 }
            }
        }
        guard !work.isEmpty else { return }
        work.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var cur = work[0]
        for iv in work.dropFirst() {
            if iv.0 <= cur.1 + mergeT { cur.1 = max(cur.1, iv.1) } else { out.append(cur); cur = iv }
        }
        out.append(cur)
    }

    /// Sine of the angular margin of `outsideSector`: far above the rounding of `atan2` and the
    /// 1e-9 rad widening of the angular span above.
    static let sectorMargin = 1e-6

    /// `true` when every point of the segment `P→Q` (frame coordinates, not through the camera)
    /// lies at least `asin(sectorMargin)` radians outside the field of view `[0, sweep]`. Then
    /// the angular pre-selection in `intervals` finds no piece, so skipping it (and its two
    /// `atan2`s) changes nothing. Tests whole cones: a segment with both ends in a convex cone
    /// lies in it. Cones used: below the start ray's line (θ ∈ (π, 2π)) and beyond the end ray
    /// (θ ∈ (sweep, sweep + π)); for a sweep over π, their intersection.
    @inline(__always) static func outsideSector(_ P: Point, _ Q: Point, _ r: VisibilityRegion) -> Bool {
        let sweep = r.sweep
        if sweep >= 2 * .pi { return false }
        let d2 = sectorMargin * sectorMargin
        let pp = P.dot(P), qq = Q.dot(Q)
        // y < −δ|p|, and cross(u_end, p) > δ|p|, without square roots.
        @inline(__always) func below(_ p: Point, _ p2: Double) -> Bool { p.y < 0 && p.y * p.y > d2 * p2 }
        @inline(__always) func beyondEnd(_ p: Point, _ p2: Double) -> Bool {
            let c = r.sweepCos * p.y - r.sweepSin * p.x
            return c > 0 && c * c > d2 * p2
        }
        if sweep <= .pi {
            return (below(P, pp) && below(Q, qq)) || (beyondEnd(P, pp) && beyondEnd(Q, qq))
        }
        return below(P, pp) && below(Q, qq) && beyondEnd(P, pp) && beyondEnd(Q, qq)
    }
}
