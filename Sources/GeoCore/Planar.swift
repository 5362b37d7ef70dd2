import Foundation

/// Planar (Cartesian) geometry primitives. All inputs are in one projected CRS; results are in
/// its units (metres, m²). Never call these on longitude/latitude.
public enum Planar {
    /// Length of a polyline.
    @inlinable public static func length(_ pts: [Point]) -> Double {
        guard pts.count > 1 else { return 0 }
        var s = 0.0
        for i in 1..<pts.count { s += pts[i - 1].distance(to: pts[i]) }
        return s
    }

    /// Shoelace signed area of a ring: positive when counter-clockwise. Works on open or closed
    /// rings.
    @inlinable public static func signedArea(_ ring: [Point]) -> Double {
        let n = ring.count
        guard n > 2 else { return 0 }
        // Shift to the first vertex to keep the sum well-conditioned for UTM-sized coordinates.
        let o = ring[0]
        var s = 0.0
        // Edges i → i+1, then the closing edge n−1 → 0 (the same sums, in the same order, as
        // with an index modulo n).
        for i in 0..<(n - 1) {
            let a = ring[i] - o, b = ring[i + 1] - o
            s += a.x * b.y - b.x * a.y
        }
        let a = ring[n - 1] - o, b = ring[0] - o
        s += a.x * b.y - b.x * a.y
        return s / 2
    }

    /// Area centroid of a ring (vertex mean for degenerate rings).
    public static func centroid(_ ring: [Point]) -> Point {
        guard let o = ring.first else { return Point(0, 0) }
        var cx = 0.0, cy = 0.0, a2 = 0.0
        let n = ring.count
        // Edges i → i+1, then the closing edge n−1 → 0 (as with an index modulo n).
        func add(_ p: Point, _ q: Point) {
            let c = p.x * q.y - q.x * p.y
            a2 += c
            cx += (p.x + q.x) * c
            cy += (p.y + q.y) * c
        }
        for i in 0..<(n - 1) { add(ring[i] - o, ring[i + 1] - o) }
        add(ring[n - 1] - o, ring[0] - o)
        if abs(a2) < 1e-12 {
            var sx = 0.0, sy = 0.0
            for p in ring { sx += p.x; sy += p.y }
            return Point(sx / Double(n), sy / Double(n))
        }
        return Point(o.x + cx / (3 * a2), o.y + cy / (3 * a2))
    }

    /// Crossing-number test: is `p` inside the ring? (Ring may be open or closed.)
    @inlinable public static func ringContains(_ ring: [Point], _ p: Point) -> Bool {
        var inside = false
        let n = ring.count
        guard n > 2 else { return false }
        var j = n - 1
        for i in 0..<n {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
                if p.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// Orientation of the triple (a, b, c): > 0 counter-clockwise, < 0 clockwise, 0 collinear.
    @inlinable public static func orient(_ a: Point, _ b: Point, _ c: Point) -> Double {
        (b - a).cross(c - a)
    }

    /// Parameters `(t, u)` of the proper intersection of segments `a→b` and `c→d`
    /// (`a + t(b−a) = c + u(d−c)`, both in [0, 1]); nil when parallel or not intersecting.
    @inlinable public static func segmentIntersection(_ a: Point, _ b: Point, _ c: Point, _ d: Point)
        -> (t: Double, u: Double)?
    {
        let r = b - a, s = d - c
        let den = r.cross(s)
        if den == 0 { return nil }
        let ac = c - a
        let t = ac.cross(s) / den
        let u = ac.cross(r) / den
        guard t >= 0, t <= 1, u >= 0, u <= 1 else { return nil }
        return (t, u)
    }

    /// Closest point on segment `a→b` to `p`: its parameter `t` in [0, 1] and squared distance.
    @inlinable public static func closestOnSegment(_ p: Point, _ a: Point, _ b: Point)
        -> (t: Double, distanceSquared: Double)
    {
        let ab = b - a
        let len2 = ab.dot(ab)
        var t = len2 > 0 ? (p - a).dot(ab) / len2 : 0
        t = min(1, max(0, t))
        return (t, p.distanceSquared(to: a.lerp(b, t)))
    }

    /// The point at distance `s` (metres) along a polyline, clamped to its ends.
    public static func point(along pts: [Point], at s: Double) -> Point {
        guard let first = pts.first else { return Point(0, 0) }
        if s <= 0 { return first }
        var acc = 0.0
        for i in 1..<max(pts.count, 1) {
            let d = pts[i - 1].distance(to: pts[i])
            if acc + d >= s, d > 0 { return pts[i - 1].lerp(pts[i], (s - acc) / d) }
            acc += d
        }
        return pts[pts.count - 1]
    }

    /// The part of a polyline between distances `from` and `to` (metres from its start).
    public static func slice(_ pts: [Point], from s0: Double, to s1: Double) -> [Point] {
        guard pts.count > 1, s1 > s0 else { return [] }
        var out: [Point] = []
        var acc = 0.0
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let d = a.distance(to: b)
            let segStart = acc, segEnd = acc + d
            acc = segEnd
            if segEnd < s0 || d == 0 { continue }
            if segStart > s1 { break }
            if out.isEmpty { out.append(a.lerp(b, max(0, (s0 - segStart) / d))) }
            if segEnd <= s1 { out.append(b) } else { out.append(a.lerp(b, (s1 - segStart) / d)); break }
        }
        if out.count == 1 { out.append(out[0]) }
        return out
    }

    /// Compass bearing from `a` to `b` in degrees clockwise from grid north, in [0, 360).
    @inlinable public static func bearing(from a: Point, to b: Point) -> Double {
        let deg = atan2Degrees(b.x - a.x, b.y - a.y)
        return deg < 0 ? deg + 360 : deg
    }

    @usableFromInline static func atan2Degrees(_ y: Double, _ x: Double) -> Double {
        atan2(y, x) * 180 / Double.pi
    }
}

