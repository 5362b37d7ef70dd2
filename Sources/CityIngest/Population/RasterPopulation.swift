import CityModel
import GDALBridge
import GeoCore
import PROJBridge

/// A population raster: residents per pixel (WorldPop "population count" grids, a GeoTIFF of
/// counts), read through GDAL. Densities (people/km²) must be converted to counts first.
///
/// Summing per area: the areas (working CRS) are densified to `densifyMeters` and reprojected
/// into the raster's CRS — the raster is never warped, so pixel values stay as published —
/// then every pixel adds value × (area of pixel ∩ polygon ÷ pixel area), exactly
/// (`PixelCoverage`). Nodata and NaN pixels count 0 (their number is noted); negative values
/// are an error. The source total is the raster's sum over the window of pixels that the
/// targets' bounding box touches; what lies in that window outside all targets is unassigned.
public struct RasterPopulation: AreaPopulation, Hashable {
    public var path: String
    public var band: Int
    /// Factor applied to every pixel value (for `--total-population`).
    public var scale: Double
    /// Longest polygon edge (metres, working CRS) before reprojection into the raster CRS.
    public var densifyMeters: Double

    public init(path: String, band: Int = 1, scale: Double = 1, densifyMeters: Double = 25) {
        self.path = path
        self.band = band
        self.scale = scale
        self.densifyMeters = densifyMeters
    }

    /// The raster's CRS definition, or `.dataError` when it states none.
    func open() throws -> (RasterSource, String) {
        if !FileCheck.exists(path) { throw CovplanError(.noInput, file: path, "no such file") }
        let src = try CityReadErrors.gdal(path: path, layer: nil) { () throws(GDALError) in try RasterSource(path: path) }
        guard let crs = src.crs else {
            throw CovplanError(.dataError, file: path, "the population raster states no CRS; assign one (gdal_edit.py -a_srs EPSG:4326)")
        }
        guard band >= 1, band <= src.bandCount else {
            throw CovplanError(.usage, file: path, "no band \(band) (the raster has \(src.bandCount))")
        }
        return (src, crs)
    }

    /// Pixel-coordinate rings of each target.
    func pixelRings(_ targets: [[Polygon]], crs: WorkingCRS, rasterCRS: String, transform gt: RasterTransform) throws -> [[[Point]]] {
        var t: CoordinateTransformer?
        if rasterCRS != crs.identifier {
            do { t = try CoordinateTransformer(from: crs.identifier, to: rasterCRS) } catch {
                throw CovplanError(.dataError, file: path, "cannot transform from \(crs) to the raster CRS: \(error.message)")
            }
        }
        return try targets.map { polys in
            var out = polys
            if let t {
                out = try polys.map { p in
                    var rings: [Ring] = []
                    for r in p.rings {
                        var pts = Self.densify(r, maxSegment: densifyMeters)
                        do { try t.transform(&pts) } catch {
                            throw CovplanError(.dataError, file: path, "cannot transform an area into the raster CRS: \(error)")
                        }
                        rings.append(pts)
                    }
                    return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
                }
            }
            return PixelCoverage.pixelRings(out, gt)
        }
    }

    static func densify(_ ring: Ring, maxSegment: Double) -> Ring {
        guard ring.count > 1, maxSegment > 0 else { return ring }
        var out: Ring = [ring[0]]
        for i in 1..<ring.count {
            let a = ring[i - 1], b = ring[i]
            let n = Int((a.distance(to: b) / maxSegment).rounded(.up))
            if n > 1 { for k in 1..<n { out.append(a.lerp(b, Double(k) / Double(n))) } }
            out.append(b)
        }
        return out
    }

    /// Sums the raster over each target (see the type's documentation).
    public func sum(over targets: [[Polygon]], crs: WorkingCRS) throws
        -> (perTarget: [Double], unassigned: Double, total: Double, notes: [String])
    {
        let (src, rasterCRS) = try open()
        let g = src.geoTransform
        let gt = RasterTransform(originX: g.originX, pixelWidth: g.pixelWidth, originY: g.originY, pixelHeight: g.pixelHeight)
        let rings = try pixelRings(targets, crs: crs, rasterCRS: rasterCRS, transform: gt)
        let nodata = src.nodata(band: band)
        var skipped = 0, clampedTargets = 0
        func value(_ v: Double, column: Int, row: Int) throws -> Double {
            if v.isNaN || v == nodata { skipped += 1; return 0 }
            guard v >= 0, v.isFinite else {
                throw CovplanError(.dataError, file: path, feature: "pixel (column \(column), row \(row))",
                                   "population value \(v) is negative or infinite (nodata not set?)")
            }
            return v * scale
        }
        func window(_ rs: [[Point]]) -> (c0: Int, c1: Int, r0: Int, r1: Int, clamped: Bool)? {
            var e = Envelope.empty
            for r in rs { for p in r { e.expand(by: p) } }
            guard !e.isEmpty else { return nil }
            let fc0 = Int(e.minX.rounded(.down)), fc1 = Int(e.maxX.rounded(.up))
            let fr0 = Int(e.minY.rounded(.down)), fr1 = Int(e.maxY.rounded(.up))
            let c0 = max(0, fc0), c1 = min(src.width, fc1), r0 = max(0, fr0), r1 = min(src.height, fr1)
            guard c0 < c1, r0 < r1 else { return nil }
            return (c0, c1, r0, r1, c0 != fc0 || c1 != fc1 || r0 != fr0 || r1 != fr1)
        }
        var sums = [Double](repeating: 0, count: targets.count)
        for (i, rs) in rings.enumerated() {
            guard let w = window(rs) else { clampedTargets += 1; continue }
            if w.clamped { clampedTargets += 1 }
            let cols = w.c1 - w.c0, rows = w.r1 - w.r0
            let values = try CityReadErrors.gdal(path: path, layer: nil) { () throws(GDALError) in
                try src.read(band: band, x: w.c0, y: w.r0, columns: cols, rows: rows)
            }
            let fr = PixelCoverage.fractions(rings: rs, column0: w.c0, columns: cols, row0: w.r0, rows: rows)
            var s = 0.0
            for k in 0..<fr.count where fr[k] > 0 {
                s += fr[k] * (try value(values[k], column: w.c0 + k % cols, row: w.r0 + k / cols))
            }
            sums[i] = s
        }
        // The source total over the window of the targets' bounding box, read in row chunks.
        var total = 0.0
        skipped = 0
        if let w = window(rings.flatMap { $0 }) {
            let cols = w.c1 - w.c0
            var r = w.r0
            while r < w.r1 {
                let rows = min(256, w.r1 - r)
                let values = try CityReadErrors.gdal(path: path, layer: nil) { () throws(GDALError) in
                    try src.read(band: band, x: w.c0, y: r, columns: cols, rows: rows)
                }
                for (k, v) in values.enumerated() { total += try value(v, column: w.c0 + k % cols, row: r + k / cols) }
                r += rows
            }
        }
        let assigned = sums.reduce(0, +)
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) nodata/NaN pixels in the window counted as 0") }
        if clampedTargets > 0 { notes.append("\(clampedTargets) areas reach beyond the raster's extent (no data there: counted as 0)") }
        return (sums, max(0, total - assigned), total, notes)
    }
}

extension PopulationSurface {
    /// A population raster summed with exact pixel fractions (see `RasterPopulation`). With
    /// `totalPopulation`, pixel values are scaled so that the window over `precincts` sums to it.
    public static func raster(path: String, band: Int = 1, totalPopulation: Double? = nil,
                              precincts: [[Polygon]], crs: WorkingCRS) throws -> PopulationSurface {
        var r = RasterPopulation(path: path, band: band)
        let (src, rasterCRS) = try r.open()
        var desc = "population raster \(path) (band \(band), \(rasterCRS), \(src.width)×\(src.height) pixels): pixel counts summed per area with exact pixel–polygon overlap fractions (area of pixel ∩ area ÷ pixel area), not pixel centres"
        if rasterCRS != crs.identifier {
            desc += "; areas densified to \(Int(r.densifyMeters)) m and reprojected from \(crs) into the raster CRS (the raster is not warped)"
        }
        desc += "; nodata/NaN pixels count 0; source total = the raster's sum over the pixels touching the precincts' bounding box"
        if let totalPopulation {
            let t = try r.sum(over: precincts, crs: crs).total
            guard t > 0 else { throw CovplanError(.dataError, file: path, "total population (population.total, --total-population): the raster sums to 0 over the precincts") }
            r.scale = totalPopulation / t
            desc += "; scaled by \(fmt(r.scale)) to the given total of \(fmt(totalPopulation)) residents"
        }
        return PopulationSurface(method: "raster", description: desc, raster: r, scale: r.scale)
    }
}
