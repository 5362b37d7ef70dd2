import CGDAL
import GeoCore

/// Writes a single-band `Float64` GeoTIFF (used for test fixtures and raster exports).
public enum RasterWriter {
    /// Creates `path` with `columns` × `rows` row-major `values`, the geo-transform and CRS
    /// (EPSG code; nil for none) and an optional nodata value. Throws `.writeFailed`.
    public static func writeGeoTIFF(path: String, columns: Int, rows: Int, geoTransform: RasterGeoTransform,
                                    epsg: Int?, nodata: Double? = nil, values: [Double]) throws(GDALError) {
        guard values.count == columns * rows, columns > 0, rows > 0 else {
            throw GDALError(.writeFailed, function: "writeGeoTIFF", message: "\(values.count) values for \(columns)×\(rows) pixels")
        }
        GDALRuntime.ensureRegistered()
        try withErrorCapture { (capture) throws(GDALError) in
            func fail(_ fn: String) -> GDALError {
                GDALError(.writeFailed, function: fn, message: capture.lastFailure ?? "failed")
            }
            guard let drv = GDALGetDriverByName("GTiff"),
                  let ds = GDALCreate(drv, path, Int32(columns), Int32(rows), 1, GDT_Float64, nil)
            else { throw fail("GDALCreate") }
            defer { GDALClose(ds) }
            var gt = geoTransform.gdal
            guard gt.withUnsafeMutableBufferPointer({ GDALSetGeoTransform(ds, $0.baseAddress) }) == CE_None else {
                throw fail("GDALSetGeoTransform")
            }
            if let epsg {
                let srs = OSRNewSpatialReference(nil)
                defer { OSRDestroySpatialReference(srs) }
                guard OSRImportFromEPSG(srs, Int32(epsg)) == OGRERR_NONE else { throw fail("OSRImportFromEPSG") }
                guard GDALSetSpatialRef(ds, srs) == CE_None else { throw fail("GDALSetSpatialRef") }
            }
            guard let band = GDALGetRasterBand(ds, 1) else { throw fail("GDALGetRasterBand") }
            if let nodata { _ = GDALSetRasterNoDataValue(band, nodata) }
            var v = values
            let err = v.withUnsafeMutableBytes {
                GDALRasterIO(band, GF_Write, 0, 0, Int32(columns), Int32(rows), $0.baseAddress,
                             Int32(columns), Int32(rows), GDT_Float64, 0, 0)
            }
            guard err == CE_None else { throw fail("GDALRasterIO") }
        }
    }
}
