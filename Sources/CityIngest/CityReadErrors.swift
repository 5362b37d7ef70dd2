import CityModel
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge

/// Turns bridge errors into one-line `CovplanError`s that name the file and layer.
enum CityReadErrors {
    static func from(_ e: GDALError, path: String, layer: String?) -> CovplanError {
        switch e.kind {
        case .cannotOpen:
            return CovplanError(.noInput, file: path, "cannot open as GIS data: \(e.message)")
        case .noSuchLayer:
            return CovplanError(.noInput, file: path, e.message)
        case .readFailed:
            return CovplanError(.dataError, file: path, layer: layer, "read failed (truncated or corrupt data?): \(e.message)")
        case .badQuery:
            return CovplanError(.usage, file: path, layer: layer, e.message)
        case .writeFailed:
            return CovplanError(.cannotCreate, file: path, layer: layer, e.message)
        }
    }

    /// Runs a GDAL call, mapping its error.
    static func gdal<T>(path: String, layer: String?, _ body: () throws(GDALError) -> T) throws(CovplanError) -> T {
        do {
            return try body()
        } catch {
            throw from(error, path: path, layer: layer)
        }
    }

    static func open(_ path: String) throws(CovplanError) -> VectorSource {
        if !FileCheck.exists(path) {
            throw CovplanError(.noInput, file: path, "no such file")
        }
        // GDAL reads a shapefile whose .dbf is missing as geometries without any attribute,
        // silently: every field mapping would then fall back to defaults. Refuse it instead.
        if path.lowercased().hasSuffix(".shp") {
            let stem = String(path.dropLast(4))
            if !FileCheck.exists(stem + ".dbf") && !FileCheck.exists(stem + ".DBF") {
                throw CovplanError(.noInput, file: path, "shapefile without its .dbf (attribute table); copy the .dbf next to it")
            }
        }
        return try gdal(path: path, layer: nil) { () throws(GDALError) in try VectorSource(path: path) }
    }
}

/// File-system checks without Foundation in the hot path.
enum FileCheck {
    static func exists(_ path: String) -> Bool {
        // GDAL virtual paths (/vsizip/, /vsicurl/) and database connections (PG:dbname=...,
        // read through GDAL's PostgreSQL driver) are left to GDAL.
        if path.hasPrefix("/vsi") || path.hasPrefix("PG:") { return true }
        return access(path, F_OK) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
