import Foundation
import GeoCore

/// Exact 2-D visibility of one camera among building edges, by an angular sweep.
///
/// Method. Every obstacle edge within range is taken relative to the camera and described by
/// the vector `w` of its supporting line `{p : p·w = 1}`; along the ray of angle θ the edge lies
/// at distance `1 / (w·u(θ))`, so the *nearest* edge on a ray is the one with the *largest*
/// `f(θ) = w·u(θ) = |w| cos(θ − arg w)` — a sinusoid. The range circle is the constant `1/R`.
/// The sweep cuts the field of view at every edge's end angles (and at multiples of π/2); on
/// each elementary interval the set of edges spanning it is fixed, and the visible boundary is
/// the upper envelope of their sinusoids and `1/R`. Two such sinusoids cross at most once on an
/// interval shorter than π, at a closed-form angle, so the envelope is walked exactly: start
/// with the maximum, jump to the earliest angle where another candidate overtakes it, repeat.
/// Crossing or overlapping footprints (common in OSM data) are handled by the same rule.
/// The result is the sequence of boundary pieces of a `VisibilityRegion` — exact, not sampled.
///
/// Edges whose line passes through the camera (seen edge-on) hide nothing of positive area and
/// are ignored. Complexity per camera: O(E log E + I·A) for E edges within range, I elementary
/// intervals and A edges active per interval (small in a city).
public enum VisibilitySweep {
    /// The camera's visibility region. With `occlusion == false`, or an empty `obstacles`, the
    /// region is the plain annular sector of the camera.
    public static func region(for camera: Camera, obstacles: ObstacleIndex, occlusion: Bool = true)
        -> VisibilityRegion
    {
        var scratch = Scratch()
        return region(for: camera, obstacles: obstacles, occlusion: occlusion, scratch: &scratch)
    }

    /// Reusable buffers for one worker thread.
    struct Scratch {
        var entryStart: [Double] = []
        var entryEnd: [Double] = []
        var entryWx: [Double] = []
        var entryWy: [Double] = []
        var order: [Int] = []
        var bounds: [Double] = []
        var active: [Int] = []
        var edges: [Int] = []
    }

    static func region(for camera: Camera, obstacles: ObstacleIndex, occlusion: Bool, scratch s: inout Scratch)
        -> VisibilityRegion
    {
        let twoPi = 2 * Double.pi
        let R = camera.rangeMeters
        let sweep = camera.fovDeg >= 360 ? twoPi : camera.fovDeg * .pi / 180
        // Compass heading h (clockwise from north) → math angle 90° − h; the sector starts half
        // the field of view clockwise of the axis, i.e. at math angle 90° − h − fov/2.
        var start = (90 - camera.headingDeg - (camera.fovDeg >= 360 ? 180 : camera.fovDeg / 2)) * .pi / 180
        start = start.truncatingRemainder(dividingBy: twoPi)
        if start < 0 { start += twoPi }
        let c = camera.position
        let cs = cos(start), sn = sin(start)

        s.entryStart.removeAll(keepingCapacity: true)
        s.entryEnd.removeAll(keepingCapacity: true)
        s.entryWx.removeAll(keepingCapacity: true)
        s.entryWy.removeAll(keepingCapacity: true)

        if occlusion, obstacles.edgeCount > 0 {
            s.edges.removeAll(keepingCapacity: true)
            obstacles.edgeTree.search(Envelope(minX: c.x - R, minY: c.y - R, maxX: c.x + R, maxY: c.y + R)) { e in
                s.edges.append(e)
                return true
            }
            // Deterministic regardless of tree traversal order.
            s.edges.sort()
            for e in s.edges {
                let ax = obstacles.ax[e] - c.x, ay = obstacles.ay[e] - c.y
                let bx = obstacles.bx[e] - c.x, by = obstacles.by[e] - c.y
                // Into the frame.
                var P = Point(ax * cs + ay * sn, -ax * sn + ay * cs)
                var Q = Point(bx * cs + by * sn, -bx * sn + by * cs)
                var cr = P.cross(Q)
                let d = Q - P
                let len = d.norm
                guard len > 0 else { continue }
                let h = abs(cr) / len
                if h < 1e-9 || h >= R { continue }
                if Planar.closestOnSegment(Point(0, 0), P, Q).distanceSquared >= R * R { continue }
                if cr < 0 { swap(&P, &Q); cr = -cr }
                let dd = Q - P
                let wx = dd.y / cr, wy = -dd.x / cr
                // End angles straight from the vertices, so that edges sharing a vertex share
                // the angle bit for bit (no slivers between neighbouring walls).
                var tP = atan2(P.y, P.x)
                if tP < 0 { tP += twoPi }
                var tQ = atan2(Q.y, Q.x)
                if tQ < 0 { tQ += twoPi }
                if tQ == tP { continue }
                func add(_ a: Double, _ b: Double) {
                    let lo = max(a, 0), hi = min(b, sweep)
                    if hi > lo {
                        s.entryStart.append(lo); s.entryEnd.append(hi)
                        s.entryWx.append(wx); s.entryWy.append(wy)
                    }
                }
                if tQ > tP { add(tP, tQ) } else { add(tP, twoPi); add(0, tQ) }
            }
        }

        // Elementary interval boundaries.
        s.bounds.removeAll(keepingCapacity: true)
        s.bounds.append(0)
        s.bounds.append(sweep)
        var q = Double.pi / 2
        while q < sweep { s.bounds.append(q); q += .pi / 2 }
        s.bounds.append(contentsOf: s.entryStart)
        s.bounds.append(contentsOf: s.entryEnd)
        s.bounds.sort()
        let n = s.entryStart.count
        s.order.removeAll(keepingCapacity: true)
        s.order.append(contentsOf: 0..<n)
        s.order.sort { s.entryStart[$0] < s.entryStart[$1] || (s.entryStart[$0] == s.entryStart[$1] && $0 < $1) }
        s.active.removeAll(keepingCapacity: true)

        var pStart: [Double] = [], pEnd: [Double] = [], pWx: [Double] = [], pWy: [Double] = [], pArc: [Bool] = []
        func emit(_ a: Double, _ b: Double, _ cand: Int) {
            guard b > a else { return }
            let arc = cand < 0
            let wx = arc ? 0 : s.entryWx[cand], wy = arc ? 0 : s.entryWy[cand]
            if let last = pEnd.last, pArc.last! == arc, pWx.last! == wx, pWy.last! == wy,
               b - pStart[pStart.count - 1] <= .pi / 2 + 1e-12 {
                pEnd[pEnd.count - 1] = max(last, b)
                return
            }
            pStart.append(a); pEnd.append(b); pWx.append(wx); pWy.append(wy); pArc.append(arc)
        }

        let invR = 1 / R
        var next = 0
        var i = 0
        while i + 1 < s.bounds.count {
            let alpha = s.bounds[i]
            var j = i + 1
            while j < s.bounds.count && s.bounds[j] <= alpha { j += 1 }
            guard j < s.bounds.count else { break }
            let beta = s.bounds[j]
            i = j
            // Update the active set: entries with start ≤ alpha < end.
            while next < n && s.entryStart[s.order[next]] <= alpha { s.active.append(s.order[next]); next += 1 }
            s.active.removeAll { s.entryEnd[$0] <= alpha }
            if s.active.isEmpty { emit(alpha, beta, -1); continue }
            envelope(from: alpha, to: beta, active: s.active, invR: invR, s: s, emit: emit)
        }
        if pStart.isEmpty { emit(0, sweep, -1) }
        return VisibilityRegion(center: c, startAngle: start, sweep: sweep, rangeMeters: R,
                                minRangeMeters: camera.minRangeMeters, pieceStart: pStart, pieceEnd: pEnd,
                                wx: pWx, wy: pWy, isArc: pArc)
    }

    /// Walks the upper envelope of `f_e(θ) = w_e·u(θ)` over the active entries and the constant
    /// `invR` (candidate −1) on `[alpha, beta]`, emitting one piece per stretch.
    static func envelope(from alpha: Double, to beta: Double, active: [Int], invR: Double, s: Scratch,
                         emit: (Double, Double, Int) -> Void) {
        @inline(__always) func value(_ cand: Int, _ t: Double) -> Double {
            cand < 0 ? invR : s.entryWx[cand] * cos(t) + s.entryWy[cand] * sin(t)
        }
        @inline(__always) func slope(_ cand: Int, _ t: Double) -> Double {
            cand < 0 ? 0 : -s.entryWx[cand] * sin(t) + s.entryWy[cand] * cos(t)
        }
        /// Picks the maximum at `t`; ties (relative 1e-12) go to the larger slope, then the
        /// lower candidate number.
        func best(at t: Double, among cands: [Int]) -> Int {
            var bestC = cands[0]
            var bv = value(bestC, t), bs = slope(bestC, t)
            for cand in cands.dropFirst() {
                let v = value(cand, t)
                let tol = 1e-12 * max(abs(v), abs(bv))
                if v > bv + tol {
                    bestC = cand; bv = v; bs = slope(cand, t)
                } else if v >= bv - tol {
                    let sl = slope(cand, t)
                    if sl > bs + 1e-12 * max(abs(sl), abs(bs)) || (abs(sl - bs) <= 1e-12 * max(abs(sl), abs(bs)) && cand < bestC) {
                        bestC = cand; bv = v; bs = sl
                    }
                }
            }
            return bestC
        }
        /// The first angle in (t, ∞) where `g` rises above `cur`, or +∞ when it never does.
        func overtake(_ g: Int, over cur: Int, after t: Double) -> Double {
            var raw: Double
            if cur < 0 {
                // Edge g rises above the range circle: |w| cos(θ − ψ) = 1/R on the way up.
                let wn = (s.entryWx[g] * s.entryWx[g] + s.entryWy[g] * s.entryWy[g]).squareRoot()
                if wn <= invR { return .infinity }
                raw = atan2(s.entryWy[g], s.entryWx[g]) - acos(invR / wn)
            } else if g < 0 {
                // The range circle rises above edge cur: cur falls below 1/R.
                let wn = (s.entryWx[cur] * s.entryWx[cur] + s.entryWy[cur] * s.entryWy[cur]).squareRoot()
                if wn <= invR { return t }
                raw = atan2(s.entryWy[cur], s.entryWx[cur]) + acos(invR / wn)
            } else {
                let dx = s.entryWx[g] - s.entryWx[cur], dy = s.entryWy[g] - s.entryWy[cur]
                if dx == 0 && dy == 0 { return .infinity }
                raw = atan2(dy, dx) - .pi / 2
            }
            let twoPi = 2 * Double.pi
            // Normalise to the first occurrence after t.
            var k = ((t - raw) / twoPi).rounded(.down) + 1
            var x = raw + k * twoPi
            if x - twoPi > t { k -= 1; x = raw + k * twoPi }
            return x
        }

        var cands = active
        cands.append(-1)
        var t = alpha
        var cur = best(at: alpha, among: cands)
        var guardCount = 0
        while t < beta {
            guardCount += 1
            var nextT = beta
            var nextC: Int?
            if guardCount <= 4 * cands.count + 8 {
                for g in cands where g != cur {
                    let x = overtake(g, over: cur, after: t)
                    guard x > t, x < beta else { continue }
                    if x < nextT - 1e-15 {
                        nextT = x; nextC = g
                    } else if x <= nextT + 1e-15, let nc = nextC, slope(g, x) > slope(nc, x) {
                        nextT = min(nextT, x); nextC = g
                    }
                }
            }
            emit(t, nextT, cur)
            guard let nc = nextC else { break }
            t = nextT
            cur = nc
        }
    }
}
