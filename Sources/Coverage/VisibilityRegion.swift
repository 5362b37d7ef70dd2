import Foundation
import GeoCore

/// One camera's exact visibility region, in polar form around the camera.
///
/// The region is star-shaped around the camera position `center`. Angles `θ` are measured in
/// radians counter-clockwise from the start ray of the field of view (the *frame*): the ray at
/// math angle `startAngle` (radians counter-clockwise from grid east). For θ in `[0, sweep]` the
/// camera sees the points at distance `ρ` with `minRangeMeters ≤ ρ ≤ ρmax(θ)`, where `ρmax` is
/// given piecewise: piece `k` covers `θ ∈ [pieceStart[k], pieceEnd[k]]` (pieces are contiguous,
/// sorted, each at most π/2 wide) and is bounded either by the range circle (`isArc[k]`) or by a
/// straight obstacle edge whose line is `{p : p·w = 1}` with `w = (wx[k], wy[k])` in frame
/// coordinates relative to the camera (the camera side is `p·w < 1`). Nothing is sampled: the
/// boundary is a sequence of circular arcs and straight edges, exactly.
///
/// Frame coordinates of a working-CRS point `q`: rotate `q − center` by `−startAngle`
/// (`frame(_:)`).
public struct VisibilityRegion: Sendable, Hashable {
    /// Camera position, working CRS (metres).
    public let center: Point
    /// Math angle of the frame's θ = 0 ray, radians counter-clockwise from grid east.
    public let startAngle: Double
    /// Angular width of the field of view, radians, in (0, 2π].
    public let sweep: Double
    public let rangeMeters: Double
    public let minRangeMeters: Double
    public let pieceStart: [Double]
    public let pieceEnd: [Double]
    public let wx: [Double]
    public let wy: [Double]
    public let isArc: [Bool]
    @usableFromInline let cosStart: Double
    @usableFromInline let sinStart: Double
    /// The end ray of the field of view in the frame: `(cos sweep, sin sweep)`.
    @usableFromInline let sweepCos: Double, sweepSin: Double
    /// Unit vectors of each piece's start and end rays in the frame (for exact wedge tests), one
    /// array (one allocation per region, not four).
    @usableFromInline let rays: [PieceRays]

    /// The start and end ray of a piece as unit vectors in the frame.
    @usableFromInline struct PieceRays: Sendable, Hashable {
        @usableFromInline let startCos: Double, startSin: Double, endCos: Double, endSin: Double
    }

    init(center: Point, startAngle: Double, sweep: Double, rangeMeters: Double, minRangeMeters: Double,
         pieceStart: [Double], pieceEnd: [Double], wx: [Double], wy: [Double], isArc: [Bool]) {
        self.center = center
        self.startAngle = startAngle
        self.sweep = sweep
        self.rangeMeters = rangeMeters
        self.minRangeMeters = minRangeMeters
        self.pieceStart = pieceStart
        self.pieceEnd = pieceEnd
        self.wx = wx
        self.wy = wy
        self.isArc = isArc
        cosStart = cos(startAngle)
        sinStart = sin(startAngle)
        sweepCos = cos(sweep)
        sweepSin = sin(sweep)
        rays = zip(pieceStart, pieceEnd).map { a, b in
            PieceRays(startCos: cos(a), startSin: sin(a), endCos: cos(b), endSin: sin(b))
        }
    }

    /// Number of boundary pieces.
    public var pieceCount: Int { pieceStart.count }

    /// `q` (working CRS) in frame coordinates relative to the camera.
    @inlinable public func frame(_ q: Point) -> Point {
        let dx = q.x - center.x, dy = q.y - center.y
        return Point(dx * cosStart + dy * sinStart, -dx * sinStart + dy * cosStart)
    }

    /// A frame point back in the working CRS.
    @inlinable public func world(_ p: Point) -> Point {
        Point(center.x + p.x * cosStart - p.y * sinStart, center.y + p.x * sinStart + p.y * cosStart)
    }

    /// The visible distance along frame angle `θ` of piece `k` (metres).
    @inlinable public func boundaryDistance(piece k: Int, at theta: Double) -> Double {
        if isArc[k] { return rangeMeters }
        let f = wx[k] * cos(theta) + wy[k] * sin(theta)
        return f > 0 ? min(rangeMeters, 1 / f) : rangeMeters
    }

    /// Is the working-CRS point `q` visible? (Closed region; for tests and spot checks —
    /// `LineCoverage` intersects whole segments exactly instead.) O(log pieces).
    public func contains(_ q: Point) -> Bool {
        let p = frame(q)
        let d2 = p.x * p.x + p.y * p.y
        if d2 > rangeMeters * rangeMeters || d2 < minRangeMeters * minRangeMeters { return false }
        if d2 == 0 { return minRangeMeters == 0 }
        var theta = atan2(p.y, p.x)
        if theta < 0 { theta += 2 * .pi }
        if theta > sweep {
            // Outside the sector, except for rounding at its two edge rays.
            if theta >= 2 * .pi - 1e-12 { theta = 0 } else if theta <= sweep + 1e-12 { theta = sweep } else { return false }
        }
        // Binary search the piece holding theta.
        var lo = 0, hi = pieceCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieceStart[mid] <= theta { lo = mid } else { hi = mid - 1 }
        }
        if isArc[lo] { return true }
        return p.x * wx[lo] + p.y * wy[lo] <= 1 + 1e-12
    }

    // MARK: polygons

    /// The region as polygons in the working CRS, for display and export (`viewsheds.geojson`).
    ///
    /// Straight boundary parts are exact; circular arcs (range and minimum range) are drawn as
    /// chords at most `arcStepDeg` degrees apart, all vertices on the circle. One polygon per
    /// connected part: usually one, several when a minimum range cuts the region apart, and a
    /// polygon with a hole for an all-round camera with a minimum range. Empty when the camera
    /// sees nothing. O(pieces + arc vertices).
    public func polygons(arcStepDeg: Double = 2) -> [Polygon] {
        let step = max(0.01, arcStepDeg) * .pi / 180
        let full = sweep >= 2 * .pi - 1e-12
        // Visible angular runs: pieces minus the angles where the boundary is inside minRange.
        var runs: [(a: Double, b: Double, k: Int)] = []
        for k in 0..<pieceCount {
            let a = pieceStart[k], b = pieceEnd[k]
            if b <= a { continue }
            if minRangeMeters <= 0 || isArc[k] { runs.append((a, b, k)); continue }
            // ρ(θ) < r0  ⟺  w·u(θ) > 1/r0  ⟺  |θ − ψ| < β.
            let wn = (wx[k] * wx[k] + wy[k] * wy[k]).squareRoot()
            if minRangeMeters * wn <= 1 { runs.append((a, b, k)); continue }
            let psi = atan2(wy[k], wx[k])
            let beta = acos(1 / (minRangeMeters * wn))
            var hiddenLo = psi - beta
            // Shift the hidden interval next to [a, b].
            while hiddenLo + 2 * beta < a { hiddenLo += 2 * .pi }
            while hiddenLo > b { hiddenLo -= 2 * .pi }
            let hiddenHi = hiddenLo + 2 * beta
            if hiddenLo > a { runs.append((a, min(b, hiddenLo), k)) }
            if hiddenHi < b { runs.append((max(a, hiddenHi), b, k)) }
        }
        guard !runs.isEmpty else { return [] }
        // Group into connected components (contiguous angles).
        var components: [[(a: Double, b: Double, k: Int)]] = []
        for r in runs {
            if let last = components.last?.last, abs(last.b - r.a) <= 1e-12 {
                components[components.count - 1].append(r)
            } else {
                components.append([r])
            }
        }
        if full, components.count > 1, let f = components.first?.first, let l = components.last?.last,
           f.a <= 1e-12, l.b >= 2 * .pi - 1e-12 {
            // The run across the seam θ = 0 = 2π is one component.
            let first = components.removeFirst()
            components[components.count - 1].append(contentsOf: first.map { ($0.a + 2 * .pi, $0.b + 2 * .pi, $0.k) })
        }
        let wholeCircle = full && components.count == 1
            && (components[0].last!.b - components[0].first!.a) >= 2 * .pi - 1e-12
        var out: [Polygon] = []
        for comp in components {
            var outer: [Point] = []
            for r in comp {
                appendBoundary(&outer, from: r.a, to: r.b, piece: r.k, step: step)
            }
            let start = comp.first!.a, end = comp.last!.b
            if wholeCircle {
                var ring = outer
                if let f = ring.first { ring.append(f) }
                var holes: [Ring] = []
                if minRangeMeters > 0 {
                    var inner: [Point] = []
                    appendArc(&inner, radius: minRangeMeters, from: end, to: start, step: step)
                    if let f = inner.first { inner.append(f) }
                    holes.append(dedupe(inner))
                }
                out.append(Polygon(exterior: dedupe(ring), holes: holes))
            } else {
                var ring = outer
                if minRangeMeters > 0 {
                    appendArc(&ring, radius: minRangeMeters, from: end, to: start, step: step)
                } else {
                    ring.append(center)
                }
                if let f = ring.first { ring.append(f) }
                out.append(Polygon(exterior: dedupe(ring)))
            }
        }
        return out.filter { $0.exterior.count >= 4 }
    }

    /// Appends the outer boundary of piece `k` between frame angles `a` and `b` (world coords).
    func appendBoundary(_ out: inout [Point], from a: Double, to b: Double, piece k: Int, step: Double) {
        if isArc[k] {
            appendArc(&out, radius: rangeMeters, from: a, to: b, step: step)
        } else {
            for t in [a, b] {
                let rho = boundaryDistance(piece: k, at: t)
                out.append(world(Point(rho * cos(t), rho * sin(t))))
            }
        }
    }

    /// Appends points on the circle of `radius` from frame angle `a` to `b` (either direction),
    /// at most `step` radians apart, both ends included.
    func appendArc(_ out: inout [Point], radius: Double, from a: Double, to b: Double, step: Double) {
        let n = max(1, Int((abs(b - a) / step).rounded(.up)))
        for i in 0...n {
            let t = a + (b - a) * Double(i) / Double(n)
            out.append(world(Point(radius * cos(t), radius * sin(t))))
        }
    }

    /// Drops consecutive duplicate vertices (keeps the ring closed).
    func dedupe(_ ring: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(ring.count)
        for p in ring where out.last.map({ $0.distanceSquared(to: p) > 1e-18 }) ?? true { out.append(p) }
        if out.count > 1 {
            if out[0].distanceSquared(to: out[out.count - 1]) <= 1e-18 { out[out.count - 1] = out[0] } else { out.append(out[0]) }
        }
        return out
    }
}
