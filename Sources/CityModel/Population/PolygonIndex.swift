import GeoCore

/// Locates points in a set of polygonal areas (precincts, zones, blocks): a packed R-tree on
/// their envelopes plus crossing-number tests. An immutable value, safe to share between
/// threads. `locate` is O(log n + candidates · vertices).
public struct PolygonIndex: Sendable {
    public let areas: [[Polygon]]
    let tree: PackedRTree

    public init(_ areas: [[Polygon]]) {
        self.areas = areas
        tree = PackedRTree(areas.map { a in
            var e = Envelope.empty
            for p in a { e.expand(by: p.envelope) }
            return e
        })
    }

    /// Indices of the areas whose envelope meets `envelope`, ascending.
    public func candidates(_ envelope: Envelope) -> [Int] { tree.search(envelope) }

    /// The lowest index of an area containing `p`, or nil when none does. (Deterministic for
    /// points on a shared boundary: the lower index wins.)
    public func locate(_ p: Point) -> Int? {
        var best: Int?
        tree.search(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) { i in
            if best.map({ i < $0 }) ?? true, areas[i].contains(where: { $0.contains(p) }) { best = i }
            return true
        }
        return best
    }
}

/// Area centroids.
public enum Centroid {
    /// The area centroid of polygons with holes (exteriors count positive, holes negative);
    /// the vertex mean when the area is zero. Coordinates in the input CRS.
    public static func of(_ polygons: [Polygon]) -> Point? {
        guard let origin = polygons.first?.exterior.first else { return nil }
        var sx = 0.0, sy = 0.0, sa = 0.0
        // Exterior (counted positive), then the holes (negative), without a list of rings.
        func add(_ ring: Ring, _ sign: Double) {
            guard ring.count >= 3 else { return }
            let a = abs(Planar.signedArea(ring)) * sign
            let c = Planar.centroid(ring)
            sx += a * (c.x - origin.x)
            sy += a * (c.y - origin.y)
            sa += a
        }
        for p in polygons {
            add(p.exterior, 1)
            for h in p.holes { add(h, -1) }
        }
        if abs(sa) < 1e-12 { return Planar.centroid(polygons[0].exterior) }
        return Point(origin.x + sx / sa, origin.y + sy / sa)
    }

    /// `of([Polygon(exterior: ring)])` (or its (0, 0) for an empty ring) and that polygon's
    /// `area`, bit for bit, without making the polygon: for a footprint of one ring read into a
    /// reused buffer. Same sums in the same order.
    public static func ofRing(_ ring: [Point]) -> (centroid: Point, area: Double) {
        guard let origin = ring.first else { return (Point(0, 0), 0) }
        let signed = Planar.signedArea(ring)
        guard ring.count >= 3 else { return (Planar.centroid(ring), 0 + abs(signed)) }
        var sx = 0.0, sy = 0.0, sa = 0.0
        let a = abs(signed) * 1
        let c = Planar.centroid(ring)
        sx += a * (c.x - origin.x)
        sy += a * (c.y - origin.y)
        sa += a
        let centroid = abs(sa) < 1e-12 ? Planar.centroid(ring) : Point(origin.x + sx / sa, origin.y + sy / sa)
        return (centroid, 0 + abs(signed))
    }
}
