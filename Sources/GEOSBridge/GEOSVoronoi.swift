import CGEOS
import GeoCore

extension GEOSEngine {
    /// Voronoi cells of `sites` (`GEOSVoronoiDiagram_r`), each clipped to `clip`, returned in
    /// the order of `sites` (a cell is matched to the site it contains). Duplicate sites share
    /// one cell (the later ones get an empty list). CRS: that of the inputs. O(n log n) plus
    /// the clipping. Throws `GEOSError`.
    public func voronoiCells(sites: [Point], clip: Geometry) throws(GEOSError) -> [[Polygon]] {
        guard !sites.isEmpty else { return [] }
        let clipG = try geometry(clip)
        let env = clip.envelope
        let pad = max(env.width, env.height) + 1
        let siteGeom = try geometry(.multiPoint(sites))
        let extent = try geometry(.polygon(Polygon(exterior: [
            Point(env.minX - pad, env.minY - pad), Point(env.maxX + pad, env.minY - pad),
            Point(env.maxX + pad, env.maxY + pad), Point(env.minX - pad, env.maxY + pad), Point(env.minX - pad, env.minY - pad),
        ])))
        let diagram = try withExtendedLifetime((siteGeom, extent)) { () throws(GEOSError) in
            try wrap(GEOSVoronoiDiagram_r(handle, siteGeom.raw, extent.raw, 0, 0), "GEOSVoronoiDiagram_r")
        }
        let cells = try value(diagram).polygons
        var out = [[Polygon]](repeating: [], count: sites.count)
        var taken = [Bool](repeating: false, count: sites.count)
        for cell in cells {
            guard let k = sites.indices.first(where: { !taken[$0] && cell.contains(sites[$0]) })
                ?? sites.indices.first(where: { !taken[$0] && Self.onBoundary(cell, sites[$0]) })
            else { continue }
            taken[k] = true
            let clipped = try value(intersection(try geometry(.polygon(cell)), clipG)).polygons.filter { $0.area > 0 }
            out[k] = clipped
        }
        return out
    }

    static func onBoundary(_ poly: Polygon, _ p: Point) -> Bool {
        let r = poly.exterior
        for i in 1..<max(r.count, 1) where Planar.closestOnSegment(p, r[i - 1], r[i]).distanceSquared < 1e-12 { return true }
        return false
    }

    /// Nodes a set of lines: the union of all lines, split at every crossing
    /// (`GEOSUnaryUnion_r` on a MultiLineString), as line strings. Input for `polygonize`.
    public func nodedLines(_ lines: [[Point]]) throws(GEOSError) -> [[Point]] {
        guard !lines.isEmpty else { return [] }
        let g = try geometry(.multiLineString(lines))
        let u = try withExtendedLifetime(g) { () throws(GEOSError) in try wrap(GEOSUnaryUnion_r(handle, g.raw), "GEOSUnaryUnion_r") }
        return try value(u).lineStrings
    }

    /// `true` when `a` and `b` intersect (`GEOSIntersects_r`).
    public func intersects(_ a: GEOSGeometry, _ b: GEOSGeometry) throws(GEOSError) -> Bool {
        let r = GEOSIntersects_r(handle, a.raw, b.raw)
        if r == 2 { throw error("GEOSIntersects_r") }
        return r == 1
    }

    /// The boundary of a geometry (`GEOSBoundary_r`): rings of polygons as lines.
    public func boundary(_ g: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
        try wrap(GEOSBoundary_r(handle, g.raw), "GEOSBoundary_r")
    }
}

extension GEOSEngine {
    /// A point guaranteed inside a polygonal geometry (`GEOSPointOnSurface_r`).
    public func pointOnSurface(_ g: Geometry) throws(GEOSError) -> Point? {
        let gg = try geometry(g)
        let p = try withExtendedLifetime(gg) { () throws(GEOSError) in try wrap(GEOSPointOnSurface_r(handle, gg.raw), "GEOSPointOnSurface_r") }
        return try value(p).points.first
    }

    /// Intersection of two values as a value.
    public func intersection(_ a: Geometry, _ b: Geometry) throws(GEOSError) -> Geometry {
        try value(intersection(try geometry(a), try geometry(b)))
    }
}

extension GEOSEngine {
    /// The area centroid of a geometry (`GEOSGetCentroid_r`); nil for an empty geometry.
    public func centroid(_ g: Geometry) throws(GEOSError) -> Point? {
        let gg = try geometry(g)
        let c = try withExtendedLifetime(gg) { () throws(GEOSError) in try wrap(GEOSGetCentroid_r(handle, gg.raw), "GEOSGetCentroid_r") }
        return try value(c).points.first
    }
}
