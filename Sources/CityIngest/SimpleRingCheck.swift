import CityModel
import GeoCore

/// A conservative, GEOS-free proof that a polygon is valid, for the common case of a building
/// footprint: one polygon (or a multipolygon of one), rings of 4…64 points, each closed with no
/// repeated consecutive vertex and no two edges meeting except adjacent edges at their shared
/// vertex; no edge of one ring meets an edge of another; every hole lies inside the shell and
/// outside the other holes.
///
/// Every orientation test uses a floating-point error bound (Shewchuk's filter): when a sign is
/// not certain, or the polygon is anything but plainly valid, the answer is "not proven" and
/// the caller asks GEOS, which also gives the reason for invalid ones. So `provesValid` never
/// accepts a polygon that GEOS would reject (a property test checks this against GEOS).
enum SimpleRingCheck {
    /// Largest total vertex count checked here (the check is quadratic in it).
    static let maxPoints = 96

    /// True when `g` is certainly a valid polygon; false means "ask GEOS".
    static func provesValid(_ g: Geometry) -> Bool {
        switch g {
        case .polygon(let p): return provesValid(p)
        case .multiPolygon(let ps): return ps.count == 1 && provesValid(ps[0])
        default: return false
        }
    }

    static func provesValid(_ p: Polygon) -> Bool {
        // The common footprint: one ring, checked without building the list of rings.
        if p.holes.isEmpty { return p.exterior.count <= maxPoints && isSimple(p.exterior) }
        let rings = p.rings
        guard rings.reduce(0, { $0 + $1.count }) <= maxPoints else { return false }
        for r in rings where !isSimple(r) { return false }
        // Rings pairwise disjoint (not even touching).
        for a in rings.indices {
            for b in rings.indices where b > a {
                if mayMeet(rings[a], rings[b]) { return false }
            }
        }
        // Disjoint rings: a hole is inside the shell (and outside another hole) exactly when one
        // of its vertices is.
        for (k, hole) in p.holes.enumerated() {
            guard contains(p.exterior, hole[0]) == true else { return false }
            for (l, other) in p.holes.enumerated() where l != k {
                guard contains(other, hole[0]) == false else { return false }
            }
        }
        return true
    }

    /// A closed ring of at least 4 points, no repeated consecutive vertex, adjacent edges that
    /// certainly turn, and non-adjacent edges that certainly do not meet. The pairs of edges are
    /// first compared by their bounding boxes (kept in one temporary buffer), so the orientation
    /// tests run only for the few pairs whose boxes overlap; the verdict is that of testing
    /// every pair with `segmentsMayMeet`.
    static func isSimple(_ r: Ring) -> Bool {
        let n = r.count
        guard n >= 4, r[0] == r[n - 1] else { return false }
        let m = n - 1  // edges (r[i], r[i+1])
        return r.withUnsafeBufferPointer { r in
            for i in 0..<m where r[i] == r[i + 1] { return false }
            if orientation(r[m - 1], r[0], r[1]) == 0 { return false }
            for i in 1..<m where orientation(r[i - 1], r[i], r[i + 1]) == 0 { return false }
            return withEdgeBoxes(r) { box in
                for i in 0..<m {
                    let a = box[i]
                    // The closing edge is adjacent to the first.
                    let last = i == 0 ? m - 1 : m
                    for j in stride(from: i + 2, to: last, by: 1) {
                        let b = box[j]
                        if b.maxX < a.minX || b.minX > a.maxX || b.maxY < a.minY || b.minY > a.maxY { continue }
                        if segmentsMayMeet(r[i], r[i + 1], r[j], r[j + 1]) { return false }
                    }
                }
                return true
            }
        }
    }

    /// The bounding box of an edge.
    struct EdgeBox {
        var minX, maxX, minY, maxY: Double
    }

    /// Calls `body` with the boxes of the edges of `r` (edge i from r[i] to r[i+1]), in a
    /// temporary buffer.
    static func withEdgeBoxes<R>(_ r: UnsafeBufferPointer<Point>, _ body: (UnsafeMutableBufferPointer<EdgeBox>) -> R) -> R {
        let m = r.count - 1
        return withUnsafeTemporaryAllocation(of: EdgeBox.self, capacity: max(m, 1)) { box in
            for i in 0..<m {
                let p = r[i], q = r[i + 1]
                box.initializeElement(at: i, to: EdgeBox(minX: min(p.x, q.x), maxX: max(p.x, q.x),
                                                         minY: min(p.y, q.y), maxY: max(p.y, q.y)))
            }
            return body(box)
        }
    }

    /// False only when no edge of `a` can meet an edge of `b`.
    static func mayMeet(_ a: Ring, _ b: Ring) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                withEdgeBoxes(b) { box in
                    for i in 0..<(a.count - 1) {
                        let p = a[i], q = a[i + 1]
                        let minX = min(p.x, q.x), maxX = max(p.x, q.x), minY = min(p.y, q.y), maxY = max(p.y, q.y)
                        for j in 0..<(b.count - 1) {
                            let e = box[j]
                            if e.maxX < minX || e.minX > maxX || e.maxY < minY || e.minY > maxY { continue }
                            if segmentsMayMeet(p, q, b[j], b[j + 1]) { return true }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// False only when the closed segments p1p2 and q1q2 certainly have no point in common.
    static func segmentsMayMeet(_ p1: Point, _ p2: Point, _ q1: Point, _ q2: Point) -> Bool {
        if max(q1.x, q2.x) < min(p1.x, p2.x) || min(q1.x, q2.x) > max(p1.x, p2.x)
            || max(q1.y, q2.y) < min(p1.y, p2.y) || min(q1.y, q2.y) > max(p1.y, p2.y) {
            return false
        }
        let o1 = orientation(p1, p2, q1), o2 = orientation(p1, p2, q2)
        let o3 = orientation(q1, q2, p1), o4 = orientation(q1, q2, p2)
        if o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0 { return true }  // touching or uncertain
        return o1 != o2 && o3 != o4
    }

    /// Whether `pt` is inside the closed ring `r` (crossing count), or nil when a crossing test
    /// is uncertain (the point is on or very near an edge).
    static func contains(_ r: Ring, _ pt: Point) -> Bool? {
        var inside = false
        for i in 0..<(r.count - 1) {
            let a = r[i], b = r[i + 1]
            guard (a.y > pt.y) != (b.y > pt.y) else { continue }
            // The edge crosses the horizontal line through pt; is the crossing right of pt?
            let o = orientation(a, b, pt)
            if o == 0 { return nil }
            if (o > 0) == (b.y > a.y) { inside.toggle() }
        }
        return inside
    }

    /// Sign of the turn a → b → c: +1 left, −1 right, 0 when collinear or not certain in
    /// floating point.
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Int {
        let left = (b.x - a.x) * (c.y - a.y)
        let right = (b.y - a.y) * (c.x - a.x)
        let det = left - right
        // Error bound of the determinant of the differences (Shewchuk's orient2d filter, with
        // room for the rounding of the differences themselves).
        let bound = 1e-14 * (abs(left) + abs(right))
        if det > bound { return 1 }
        if det < -bound { return -1 }
        return 0
    }
}
