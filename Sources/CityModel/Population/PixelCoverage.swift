import GeoCore

/// Exact fractions of raster pixels covered by a polygon (like exactextract): for every pixel
/// of a window, area(pixel ∩ polygon) / pixel area, computed in pixel coordinates, where pixel
/// (column c, row r) is the unit square [c, c+1] × [r, r+1].
///
/// Method: each ring is clipped to the horizontal strip of a pixel row (Sutherland–Hodgman
/// against the two lines), then the signed area −∮ (v − r) du of the clipped ring is split at
/// the integer column lines: the part of each edge inside column c adds to pixel c. Vertical
/// pieces (on the column lines) add nothing, so each column receives exactly the area of the
/// polygon inside that pixel. Holes count negatively. Cost O(rows · vertices + pixels crossed).
public enum PixelCoverage {
    /// Rings in pixel coordinates, oriented so exteriors have positive and holes negative
    /// signed area; returns the row-major coverage fractions of the window of `columns`
    /// starting at `column0` and `rows` starting at `row0` (each in [0, 1]).
    public static func fractions(rings: [[Point]], column0: Int, columns: Int, row0: Int, rows: Int) -> [Double] {
        var out = [Double](repeating: 0, count: columns * rows)
        guard columns > 0, rows > 0 else { return out }
        var clipped: [Point] = [], tmp: [Point] = []
        clipped.reserveCapacity(64)
        tmp.reserveCapacity(64)
        let ringBounds = rings.map { r -> (Double, Double) in
            var lo = Double.infinity, hi = -Double.infinity
            for p in r { lo = min(lo, p.y); hi = max(hi, p.y) }
            return (lo, hi)
        }
        for rr in 0..<rows {
            let lo = Double(row0 + rr), hi = lo + 1
            let base = rr * columns
            for (k, ring) in rings.enumerated() {
                let (rlo, rhi) = ringBounds[k]
                if rhi <= lo || rlo >= hi { continue }
                clip(ring, keepAbove: lo, into: &tmp)
                clip(tmp, keepBelow: hi, into: &clipped)
                let n = clipped.count
                if n < 3 { continue }
                for i in 0..<n {
                    let a = clipped[i], b = clipped[i + 1 == n ? 0 : i + 1]
                    if a.x == b.x { continue }
                    addEdge(a, b, base: lo, column0: column0, columns: columns, row: base, into: &out)
                }
            }
        }
        for i in out.indices {
            let v = out[i]
            out[i] = v < 1e-12 ? 0 : (v > 1 ? 1 : v)
        }
        return out
    }

    /// Adds −∫(v − base) du of edge a→b to the columns it crosses.
    @inline(__always)
    static func addEdge(_ a: Point, _ b: Point, base: Double, column0: Int, columns: Int, row: Int, into out: inout [Double]) {
        let forward = b.x > a.x
        let (p, q) = forward ? (a, b) : (b, a)
        let sign: Double = forward ? -1 : 1
        let slope = (q.y - p.y) / (q.x - p.x)
        var c = Int(p.x.rounded(.down))
        var u0 = p.x
        if c < column0 {
            // The part left of the window is outside the raster: skip to its first column.
            c = column0
            u0 = Double(column0)
        }
        while u0 < q.x {
            let u1 = min(q.x, Double(c + 1))
            let col = c - column0
            if col >= 0 && col < columns && u1 > u0 {
                let v0 = p.y + (u0 - p.x) * slope, v1 = p.y + (u1 - p.x) * slope
                out[row + col] += sign * (u1 - u0) * ((v0 + v1) / 2 - base)
            }
            if col >= columns { break }
            c += 1
            u0 = u1
        }
    }

    /// Sutherland–Hodgman against v ≥ `level`.
    static func clip(_ ring: [Point], keepAbove level: Double, into out: inout [Point]) {
        out.removeAll(keepingCapacity: true)
        clipHalf(ring, level: level, above: true, into: &out)
    }

    /// Sutherland–Hodgman against v ≤ `level`.
    static func clip(_ ring: [Point], keepBelow level: Double, into out: inout [Point]) {
        out.removeAll(keepingCapacity: true)
        clipHalf(ring, level: level, above: false, into: &out)
    }

    @inline(__always)
    static func clipHalf(_ ring: [Point], level: Double, above: Bool, into out: inout [Point]) {
        var n = ring.count
        if n > 1, ring[0] == ring[n - 1] { n -= 1 }
        guard n >= 3 else { return }
        @inline(__always) func inside(_ p: Point) -> Bool { above ? p.y >= level : p.y <= level }
        var prev = ring[n - 1]
        var prevIn = inside(prev)
        for i in 0..<n {
            let cur = ring[i]
            let curIn = inside(cur)
            if curIn != prevIn {
                let t = (level - prev.y) / (cur.y - prev.y)
                out.append(Point(prev.x + (cur.x - prev.x) * t, level))
            }
            if curIn { out.append(cur) }
            prev = cur
            prevIn = curIn
        }
    }

    /// Converts polygons (in the raster's CRS) to oriented pixel-coordinate rings.
    public static func pixelRings(_ polygons: [Polygon], _ gt: RasterTransform) -> [[Point]] {
        var out: [[Point]] = []
        for poly in polygons {
            for (k, ring) in poly.rings.enumerated() where ring.count >= 3 {
                var r = ring.map(gt.pixel)
                let positive = Planar.signedArea(r) > 0
                if positive != (k == 0) { r.reverse() }
                out.append(r)
            }
        }
        return out
    }
}

/// A north-up raster's pixel grid in its CRS (a plain copy of the GDAL geo-transform, so that
/// the coverage code needs no bridge): pixel (c, r) covers x from `originX + c·pixelWidth`,
/// y from `originY + r·pixelHeight` (negative `pixelHeight` for top-down rasters).
public struct RasterTransform: Sendable, Hashable {
    public var originX: Double
    public var pixelWidth: Double
    public var originY: Double
    public var pixelHeight: Double

    public init(originX: Double, pixelWidth: Double, originY: Double, pixelHeight: Double) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.originY = originY
        self.pixelHeight = pixelHeight
    }

    @inlinable public func pixel(_ p: Point) -> Point {
        Point((p.x - originX) / pixelWidth, (p.y - originY) / pixelHeight)
    }
}
