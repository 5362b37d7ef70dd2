import CityModel
import GeoCore

/// Length of lines inside polygonal areas.
///
/// `lengthInside` is one sweep over the street segments against a grid over the areas: cells
/// that no area edge comes near carry the area containing them (found once per cell, by
/// point-in-polygon through `PolygonIndex`), and a segment whose envelope lies in such cells of
/// one label is assigned whole; only segments near an area edge are clipped exactly (cut at
/// their crossings with the rings, the pieces whose midpoints are inside count). Time is
/// O(segments + cells visited + segments near edges · candidate areas · ring vertices).
/// The sums are bit-identical to `lengthInsideExact` (same additions in the same order: a
/// segment assigned whole adds `len`, which is what the exact clip adds for it).
public enum LineClip {
    /// Metres of `lines` inside each area (areas in the same CRS, non-overlapping).
    /// `lines` is any collection of point arrays (e.g. `city.streets.lazy.map(\.points)`).
    public static func lengthInside<Lines: Collection>(_ lines: Lines, areas: [[Polygon]]) -> [Double]
    where Lines.Element == [Point] {
        sweep(lines, areas: areas).lengths
    }

    /// The sweep, with how many segments were assigned whole and how many clipped exactly.
    static func sweep<Lines: Collection>(_ lines: Lines, areas: [[Polygon]]) -> (lengths: [Double], whole: Int, clipped: Int)
    where Lines.Element == [Point] {
        let index = PolygonIndex(areas)
        // About four segments a line in street data; only sizes the grid.
        guard var grid = AreaGrid(index, cellsHint: lines.count * 4) else {
            return (exact(lines, index: index), 0, -1)
        }
        var out = [Double](repeating: 0, count: areas.count)
        var ts: [Double] = []
        var whole = 0, clipped = 0
        for line in lines where line.count > 1 {
            for i in 1..<line.count {
                let a = line[i - 1], b = line[i]
                let len = a.distance(to: b)
                if len == 0 { continue }
                let env = Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
                let label = grid.label(env)
                if label >= 0 {
                    out[Int(label)] += len
                    whole += 1
                } else if label == AreaGrid.outside {
                    whole += 1
                } else {
                    clipped += 1
                    for k in index.candidates(env) {
                        out[k] += len * insideFraction(a, b, index.areas[k], &ts)
                    }
                }
            }
        }
        return (out, whole, clipped)
    }

    /// The same by exact clipping of every segment against every candidate area
    /// (O(segments · candidate areas · ring vertices)): the reference for `lengthInside`.
    public static func lengthInsideExact(_ lines: [[Point]], areas: [[Polygon]]) -> [Double] {
        exact(lines, index: PolygonIndex(areas))
    }

    static func exact<Lines: Collection>(_ lines: Lines, index: PolygonIndex) -> [Double] where Lines.Element == [Point] {
        var out = [Double](repeating: 0, count: index.areas.count)
        var ts: [Double] = []
        for line in lines where line.count > 1 {
            for i in 1..<line.count {
                let a = line[i - 1], b = line[i]
                let len = a.distance(to: b)
                if len == 0 { continue }
                let env = Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
                for k in index.candidates(env) {
                    out[k] += len * insideFraction(a, b, index.areas[k], &ts)
                }
            }
        }
        return out
    }

    /// Fraction of segment a→b inside the polygons.
    static func insideFraction(_ a: Point, _ b: Point, _ polys: [Polygon], _ ts: inout [Double]) -> Double {
        ts.removeAll(keepingCapacity: true)
        ts.append(0)
        ts.append(1)
        for p in polys {
            for r in p.rings where r.count > 1 {
                for j in 1..<r.count {
                    if let hit = Planar.segmentIntersection(a, b, r[j - 1], r[j]) { ts.append(hit.t) }
                }
            }
        }
        ts.sort()
        var inside = 0.0
        for j in 1..<ts.count where ts[j] > ts[j - 1] {
            let mid = a.lerp(b, (ts[j] + ts[j - 1]) / 2)
            if polys.contains(where: { $0.contains(mid) }) { inside += ts[j] - ts[j - 1] }
        }
        return inside
    }
}

/// A uniform grid over the areas' extent (one empty cell of margin all round). Cells within a
/// small margin of any ring edge are marked `near`; any other cell lies wholly inside one area,
/// in none, or in several (overlapping areas), the same for all its points, and gets that label
/// on first use.
struct AreaGrid {
    /// Labels: ≥ 0 an area index; the rest below.
    static let outside: Int32 = -1
    static let unknown: Int32 = -2
    static let near: Int32 = -3
    static let several: Int32 = -4

    let index: PolygonIndex
    let ox: Double, oy: Double, cell: Double, inv: Double
    let nx: Int, ny: Int
    var labels: [Int32]

    /// nil when the areas have no finite extent (the caller clips exactly).
    init?(_ index: PolygonIndex, cellsHint: Int) {
        self.index = index
        var ext = Envelope.empty
        var edges = 0
        for a in index.areas {
            for p in a {
                for r in p.rings where r.count > 1 {
                    edges += r.count - 1
                    for q in r { ext.expand(by: Envelope(minX: q.x, minY: q.y, maxX: q.x, maxY: q.y)) }
                }
            }
        }
        guard edges > 0, ext.minX.isFinite, ext.minY.isFinite, ext.maxX.isFinite, ext.maxY.isFinite,
              ext.maxX >= ext.minX, ext.maxY >= ext.minY else { return nil }
        let w = ext.maxX - ext.minX, h = ext.maxY - ext.minY
        let target = Double(min(max(cellsHint * 2, 1 << 12), 1 << 22))
        var cell = (max(w * h, 1e-12) / target).squareRoot()
        cell = max(cell, max(w, h) / 4096, 1e-9 * max(abs(ext.minX), abs(ext.maxX), abs(ext.minY), abs(ext.maxY), 1))
        guard cell.isFinite, cell > 0 else { return nil }
        self.cell = cell
        inv = 1 / cell
        ox = ext.minX - cell
        oy = ext.minY - cell
        nx = Int((w * inv).rounded(.up)) + 3
        ny = Int((h * inv).rounded(.up)) + 3
        guard nx > 0, ny > 0, nx.multipliedReportingOverflow(by: ny).overflow == false, nx * ny <= 1 << 24 else { return nil }
        labels = [Int32](repeating: AreaGrid.unknown, count: nx * ny)
        // Margin: far above the rounding of coordinates and of the intersection and
        // crossing-number tests, far below a cell.
        let m = cell * 1e-3
        for a in index.areas {
            for p in a {
                for r in p.rings where r.count > 1 {
                    for j in 1..<r.count { mark(r[j - 1], r[j], margin: m) }
                }
            }
        }
    }

    @inline(__always) func col(_ x: Double) -> Int { min(max(Int(((x - ox) * inv).rounded(.down)), 0), nx - 1) }
    @inline(__always) func row(_ y: Double) -> Int { min(max(Int(((y - oy) * inv).rounded(.down)), 0), ny - 1) }

    /// Marks `near` every cell meeting the segment p→q grown by `margin` (a box of half-size
    /// margin swept along it), column by column.
    mutating func mark(_ p: Point, _ q: Point, margin m: Double) {
        let minX = min(p.x, q.x) - m, maxX = max(p.x, q.x) + m
        let c0 = col(minX), c1 = col(maxX)
        let dx = q.x - p.x
        for c in c0...c1 {
            let x0 = max(minX, ox + Double(c) * cell), x1 = min(maxX, ox + Double(c + 1) * cell)
            // Points of the grown segment in this column come from segment points with x
            // within m of the column's range, moved by at most m in y.
            var y0: Double, y1: Double
            if dx == 0 {
                y0 = min(p.y, q.y)
                y1 = max(p.y, q.y)
            } else {
                let t0 = min(max((x0 - m - p.x) / dx, 0), 1), t1 = min(max((x1 + m - p.x) / dx, 0), 1)
                let ya = p.y + (q.y - p.y) * t0, yb = p.y + (q.y - p.y) * t1
                y0 = min(ya, yb)
                y1 = max(ya, yb)
            }
            let r0 = row(y0 - 2 * m), r1 = row(y1 + 2 * m)
            for r in r0...r1 { labels[r * nx + c] = AreaGrid.near }
        }
    }

    /// The label shared by every cell meeting `env`: an area index, `outside`, or a negative
    /// code (`near`, `several`, cells of different labels) meaning the segment must be clipped.
    @inline(__always) mutating func label(_ env: Envelope) -> Int32 {
        guard env.minX.isFinite, env.minY.isFinite, env.maxX.isFinite, env.maxY.isFinite else { return AreaGrid.near }
        let c0 = col(env.minX), c1 = col(env.maxX), r0 = row(env.minY), r1 = row(env.maxY)
        var shared = cellLabel(r0 * nx + c0)
        if shared == AreaGrid.near || shared == AreaGrid.several { return AreaGrid.near }
        if c0 == c1, r0 == r1 { return shared }
        for r in r0...r1 {
            for c in c0...c1 where cellLabel(r * nx + c) != shared {
                shared = AreaGrid.near
                return shared
            }
        }
        return shared
    }

    @inline(__always) mutating func cellLabel(_ i: Int) -> Int32 {
        let l = labels[i]
        return l != AreaGrid.unknown ? l : fillRun(i)
    }

    /// Labels the run of cells of `i`'s row between `near` cells: no area edge comes near
    /// any of them, so they all lie in the same areas. One point-in-polygon test per run.
    mutating func fillRun(_ i: Int) -> Int32 {
        let c = i % nx, r = i / nx
        let p = Point(ox + (Double(c) + 0.5) * cell, oy + (Double(r) + 0.5) * cell)
        var found = AreaGrid.outside
        for k in index.candidates(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y))
        where index.areas[k].contains(where: { $0.contains(p) }) {
            found = found == AreaGrid.outside ? Int32(k) : AreaGrid.several
        }
        let row = r * nx
        var j = c
        while j >= 0, labels[row + j] == AreaGrid.unknown { labels[row + j] = found; j -= 1 }
        j = c + 1
        while j < nx, labels[row + j] == AreaGrid.unknown { labels[row + j] = found; j += 1 }
        return found
    }
}
