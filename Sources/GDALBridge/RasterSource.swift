import CGDAL
import GeoCore

/// The affine geo-transform of a north-up raster: pixel (column, row) covers
/// x ∈ [originX + column·pixelWidth, originX + (column+1)·pixelWidth] and
/// y ∈ [originY + row·pixelHeight, originY + (row+1)·pixelHeight] in the raster's CRS.
/// `pixelHeight` is negative for the usual top-down rasters (GeoTIFF, WorldPop).
public struct RasterGeoTransform: Sendable, Hashable {
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

    /// GDAL's six coefficients (no rotation terms).
    public var gdal: [Double] { [originX, pixelWidth, 0, originY, 0, pixelHeight] }

    /// Continuous pixel coordinates of a CRS point: (column, row) as fractions.
    @inlinable public func pixel(_ p: Point) -> Point {
        Point((p.x - originX) / pixelWidth, (p.y - originY) / pixelHeight)
    }

    /// The CRS envelope of the pixel window columns `c0..<c1`, rows `r0..<r1`.
    public func envelope(columns c0: Int, _ c1: Int, rows r0: Int, _ r1: Int) -> Envelope {
        let xa = originX + Double(c0) * pixelWidth, xb = originX + Double(c1) * pixelWidth
        let ya = originY + Double(r0) * pixelHeight, yb = originY + Double(r1) * pixelHeight
        return Envelope(minX: min(xa, xb), minY: min(ya, yb), maxX: max(xa, xb), maxY: max(ya, yb))
    }
}

/// A raster dataset opened read-only through GDAL (GeoTIFF, WorldPop grids, anything GDAL reads).
///
/// Only north-up rasters are accepted (no rotation terms): rotated grids throw `.readFailed`.
/// Values are read as `Double` in blocks. Owned by one task; not thread-safe.
public final class RasterSource {
    private let handle: GDALDatasetH
    public let path: String
    /// Size in pixels.
    public let width: Int
    public let height: Int
    public let bandCount: Int
    public let geoTransform: RasterGeoTransform
    /// "AUTH:CODE" when GDAL knows it, else WKT2; nil when the raster states no CRS.
    public let crs: String?

    /// Opens `path`. Throws `.cannotOpen` (missing / not a raster) or `.readFailed` (no or
    /// rotated geo-transform, no bands).
    public init(path: String) throws(GDALError) {
        self.path = path
        let flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_READONLY) | UInt32(GDAL_OF_VERBOSE_ERROR)
        let result: (GDALDatasetH?, String?) = withErrorCapture { capture in
            (GDALOpenEx(path, flags, nil, nil, nil), capture.lastFailure)
        }
        guard let h = result.0 else {
            throw GDALError(.cannotOpen, function: "GDALOpenEx", message: result.1 ?? "not recognised as a supported raster format")
        }
        handle = h
        width = Int(GDALGetRasterXSize(h))
        height = Int(GDALGetRasterYSize(h))
        bandCount = Int(GDALGetRasterCount(h))
        var gt = [Double](repeating: 0, count: 6)
        let err = gt.withUnsafeMutableBufferPointer { GDALGetGeoTransform(h, $0.baseAddress) }
        crs = VectorSource.crsDefinition(GDALGetSpatialRef(h))
        guard err == CE_None else {
            GDALClose(h)
            throw GDALError(.readFailed, function: "GDALGetGeoTransform", message: "the raster has no geo-transform (not georeferenced)")
        }
        guard gt[2] == 0, gt[4] == 0, gt[1] != 0, gt[5] != 0 else {
            GDALClose(h)
            throw GDALError(.readFailed, function: "GDALGetGeoTransform",
                            message: "rotated or degenerate geo-transform \(gt) is not supported; warp it north-up first (gdalwarp)")
        }
        guard bandCount >= 1 else {
            GDALClose(h)
            throw GDALError(.readFailed, function: "GDALGetRasterCount", message: "the raster has no bands")
        }
        geoTransform = RasterGeoTransform(originX: gt[0], pixelWidth: gt[1], originY: gt[3], pixelHeight: gt[5])
    }

    deinit { GDALClose(handle) }

    /// The band's nodata value, nil when none is set.
    public func nodata(band: Int = 1) -> Double? {
        guard let b = GDALGetRasterBand(handle, Int32(band)) else { return nil }
        var has: Int32 = 0
        let v = GDALGetRasterNoDataValue(b, &has)
        return has != 0 ? v : nil
    }

    /// Reads the window of `columns` × `rows` pixels starting at (`x`, `y`) of `band` as
    /// row-major `Double`s. The window must lie inside the raster. Throws `.readFailed`.
    public func read(band: Int = 1, x: Int, y: Int, columns: Int, rows: Int) throws(GDALError) -> [Double] {
        guard x >= 0, y >= 0, columns >= 0, rows >= 0, x + columns <= width, y + rows <= height,
              band >= 1, band <= bandCount
        else {
            throw GDALError(.readFailed, function: "GDALRasterIO",
                            message: "window \(x),\(y) \(columns)×\(rows) of band \(band) is outside the \(width)×\(height) raster")
        }
        if columns == 0 || rows == 0 { return [] }
        guard let b = GDALGetRasterBand(handle, Int32(band)) else {
            throw GDALError(.readFailed, function: "GDALGetRasterBand", message: "no band \(band)")
        }
        var out = [Double](repeating: 0, count: columns * rows)
        let failure: String? = withErrorCapture { capture in
            let err = out.withUnsafeMutableBytes {
                GDALRasterIO(b, GF_Read, Int32(x), Int32(y), Int32(columns), Int32(rows), $0.baseAddress,
                             Int32(columns), Int32(rows), GDT_Float64, 0, 0)
            }
            return err == CE_None ? capture.lastFailure : (capture.lastFailure ?? "read failed")
        }
        if let failure { throw GDALError(.readFailed, function: "GDALRasterIO", message: failure) }
        return out
    }
}
