import CityModel
import GeoCore

/// A conservative, GEOS-free proof that a polygon or multipolygon is valid, for the common case
/// of a building footprint: every ring closed, of at least 4 points, with no repeated consecutive
/// vertex and adjacent edges that certainly turn; no two edges of the whole geometry meeting
/// except adjacent edges of one ring at their shared vertex (so rings and parts are pairwise
/// disjoint, not even touching); every hole inside its shell and outside the other holes; no
/// part inside another part's shell.
///
/// Up to `maxPoints` vertices and `maxRings` rings or parts. Pairs of edges are compared only
/// when their bounding boxes overlap: all pairs for a few edges, else a sweep over the edges in
/// x order (O(m log m + pairs whose x ranges overlap)).
///
/// Every orientation test uses a floating-point error bound (Shewchuk's filter): when a sign is
/// not certain, or the geometry is anything but plainly valid, the answer is "not proven" and
/// the caller asks GEOS, which also gives the reason for invalid ones. So `provesValid` never
/// accepts a geometry that GEOS would reject (property tests check this against GEOS).
enum SimpleRingCheck {
    /// Largest total vertex count checked here.
    static let maxPoints = 1 << 14
    /// Largest number of rings (and of parts) checked here (parts are compared pairwise).
    static let maxRings = 64
    /// Edge counts above this are swept in x order instead of compared pairwise.
    static let sweepAbove = 96

    /// True when `g` is certainly a valid polygon or multipolygon; false means "ask GEOS".
    static func provesValid(_ g: Geometry) -> Bool {
        switch g {
        case .polygon(let p): return provesValid(p)
        case .multiPolygon(let ps): return ps.count == 1 ? provesValid(ps[0]) : provesValid(parts: ps)
        default: return false
        }
    }

    static func provesValid(_ p: Polygon) -> Bool {
        // The common footprint: one small ring, checked without building lists.
        if p.holes.isEmpty, p.exterior.count <= sweepAbove + 1 { return isSimple(p.exterior) }
        return provesValid(parts: [p])
    }

    /// The multipolygon of `parts` (one part: that polygon) is certainly valid.
    static func provesValid(parts: [Polygon]) -> Bool {
        guard !parts.isEmpty, parts.count <= maxRings else { return false }
        var points = 0, rings = 0
        for p in parts {
            rings += 1 + p.holes.count
            points += p.exterior.count
            for h in p.holes { points += h.count }
        }
        guard points <= maxPoints, rings <= maxRings else { return false }
        for p in parts {
            guard isWellFormed(p.exterior) else { return false }
            for h in p.holes { guard isWellFormed(h) else { return false } }
        }
        guard edgesCertainlyApart(parts) else { return false }
        // Disjoint rings: a ring is inside another exactly when one of its vertices is.
        for p in parts {
            for (k, hole) in p.holes.enumerated() {
                guard contains(p.exterior, hole[0]) == true else { return false }
                for (l, other) in p.holes.enumerated() where l != k {
                    guard contains(other, hole[0]) == false else { return false }
                }
            }
        }
        for a in parts.indices {
            for b in parts.indices where b != a {
                guard contains(parts[a].exterior, parts[b].exterior[0]) == false else { return false }
            }
        }
        return true
    }

    /// A closed ring of at least 4 finite points, no repeated consecutive vertex, and adjacent
    /// edges that certainly turn.
    static func isWellFormed(_ r: Ring) -> Bool {
        let n = r.count
        guard n >= 4, r[0] == r[n - 1] else { return false }
        let m = n - 1
        return r.withUnsafeBufferPointer { r in
            for i in 0..<n where !r[i].x.isFinite || !r[i].y.isFinite { return false }
            for i in 0..<m where r[i] == r[i + 1] { return false }
            if orientation(r[m - 1], r[0], r[1]) == 0 { return false }
            for i in 1..<m where orientation(r[i - 1], r[i], r[i + 1]) == 0 { return false }
            return true
        }
    }

    /// A closed ring of at least 4 points, no repeated consecutive vertex, adjacent edges that
    /// certainly turn, and non-adjacent edges that certainly do not meet. The pairs of edges are
    /// first compared by their bounding boxes (kept in one temporary buffer), so the orientation
    /// tests run only for the few pairs whose boxes overlap; the verdict is that of testing
    /// every pair with `segmentsMayMeet`. Quadratic: for small rings.
    static func isSimple(_ r: Ring) -> Bool {
        let n = r.count
        guard n >= 4, r[0] == r[n - 1] else { return false }
        let m = n - 1  // edges (r[i], r[i+1])
        return r.withUnsafeBufferPointer { r in
            for i in 0..<m where r[i] == r[i + 1] { return false }
            let first = orientation(r[m - 1], r[0], r[1])
            if first == 0 { return false }
            var convex = true
            for i in 1..<m {
                let o = orientation(r[i - 1], r[i], r[i + 1])
                if o == 0 { return false }
                if o != first { convex = false }
            }
            if convex && windsOnce(r) { return true }
            if m >= sweepRingAbove { return ringEdgesApartBySweep(r) }
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

    /// Rings of at least this many edges are checked by a sweep in x order instead of all pairs.
    static let sweepRingAbove = 32

    /// The pair test of `isSimple` (non-adjacent edges of the closed ring `r` certainly do not
    /// meet), over the pairs whose x ranges overlap only: edges in x order of their boxes, each
    /// compared with the later ones that start before it ends. The same pairs with overlapping
    /// boxes are tested as by the pairwise loop, so the verdict is the same.
    static func ringEdgesApartBySweep(_ r: UnsafeBufferPointer<Point>) -> Bool {
        let m = r.count - 1
        return withEdgeBoxes(r) { box in
            withUnsafeTemporaryAllocation(of: SweepKey.self, capacity: m) { order in
                for i in 0..<m { order.initializeElement(at: i, to: SweepKey(minX: box[i].minX, edge: Int32(i))) }
                var sorted = order  // the same memory
                sorted.sort { $0.minX < $1.minX }
                for k in 0..<m {
                    let i = Int(order[k].edge)
                    let a = box[i]
                    var l = k + 1
                    while l < m, order[l].minX <= a.maxX {
                        let j = Int(order[l].edge)
                        l += 1
                        let d = abs(i - j)
                        if d == 1 || d == m - 1 { continue }  // adjacent (the closing edge meets the first)
                        let b = box[j]
                        if b.maxY < a.minY || b.minY > a.maxY { continue }
                        if segmentsMayMeet(r[i], r[i + 1], r[j], r[j + 1]) { return false }
                    }
                }
                return true
            }
        }
    }

    /// For a closed ring whose every turn is certainly in the same direction: whether it winds
    /// once, i.e. is a convex, simple ring (a star of five points turns the same way at every
    /// vertex and winds twice). The edge directions then turn monotonically, by less than a half
    /// turn at each vertex, so they enter the upper half-plane (dy > 0, or dy = 0 and dx > 0)
    /// once per full turn. The signs of the coordinate differences are exact in floating point.
    static func windsOnce(_ r: UnsafeBufferPointer<Point>) -> Bool {
        @inline(__always) func upper(_ a: Point, _ b: Point) -> Bool {
            let dy = b.y - a.y
            return dy > 0 || (dy == 0 && b.x - a.x > 0)
        }
        let m = r.count - 1
        var entries = 0
        var previous = upper(r[m - 1], r[m])
        for i in 0..<m {
            let u = upper(r[i], r[i + 1])
            if u && !previous { entries += 1 }
            previous = u
        }
        return entries == 1
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

    /// One edge of a geometry: its ends, box, ring, position in the ring and the ring's edge count.
    struct Edge {
        var p, q: Point
        var box: EdgeBox
        var ring: Int32
        var index: Int32
        var ringEdges: Int32
    }

    /// An edge's place in the sweep of `edgesCertainlyApart`.
    struct SweepKey {
        var minX: Double
        var edge: Int32
    }

    /// No two edges of the rings of `parts` meet, except adjacent edges of one ring (which
    /// `isWellFormed` has shown to meet only at their shared vertex). Rings must be well formed.
    static func edgesCertainlyApart(_ parts: [Polygon]) -> Bool {
        var count = 0
        for p in parts {
            count += p.exterior.count - 1
            for h in p.holes { count += h.count - 1 }
        }
        return withUnsafeTemporaryAllocation(of: Edge.self, capacity: count) { edges in
            var k = 0
            var ring: Int32 = 0
            func add(_ r: Ring) {
                let m = r.count - 1
                for i in 0..<m {
                    let p = r[i], q = r[i + 1]
                    edges.initializeElement(at: k, to: Edge(p: p, q: q, box: EdgeBox(minX: min(p.x, q.x), maxX: max(p.x, q.x),
                                                                                      minY: min(p.y, q.y), maxY: max(p.y, q.y)),
                                                            ring: ring, index: Int32(i), ringEdges: Int32(m)))
                    k += 1
                }
                ring += 1
            }
            for p in parts {
                add(p.exterior)
                for h in p.holes { add(h) }
            }
            /// Whether edges a and b may meet where they must not.
            func conflict(_ a: Edge, _ b: Edge) -> Bool {
                if b.box.maxY < a.box.minY || b.box.minY > a.box.maxY || b.box.maxX < a.box.minX || b.box.minX > a.box.maxX {
                    return false
                }
                if a.ring == b.ring {
                    let d = abs(a.index - b.index)
                    if d == 1 || d == a.ringEdges - 1 { return false }  // adjacent
                }
                return segmentsMayMeet(a.p, a.q, b.p, b.q)
            }
            if count <= sweepAbove {
                for i in 0..<count {
                    for j in (i + 1)..<count where conflict(edges[i], edges[j]) { return false }
                }
                return true
            }
            // Sweep in x order: an edge need only be compared with the later edges whose x range
            // starts before its own ends. The order is sorted as (minX, edge) pairs, a fifth of
            // an edge's bytes, and any order of equal minX gives the same verdict.
            return withUnsafeTemporaryAllocation(of: SweepKey.self, capacity: count) { order in
                for i in 0..<count { order.initializeElement(at: i, to: SweepKey(minX: edges[i].box.minX, edge: Int32(i))) }
                var sorted = order  // the same memory
                sorted.sort { $0.minX < $1.minX }
                for i in 0..<count {
                    let a = edges[Int(order[i].edge)]
                    var j = i + 1
                    while j < count, order[j].minX <= a.box.maxX {
                        if conflict(a, edges[Int(order[j].edge)]) { return false }
                        j += 1
                    }
                }
                return true
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
