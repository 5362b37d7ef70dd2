import CGDAL
import GeoCore

extension GeometryKind {
    var ogr: OGRwkbGeometryType {
        switch self {
        case .none: wkbNone
        case .point: wkbPoint
        case .lineString: wkbLineString
        case .polygon: wkbPolygon
        case .multiPoint: wkbMultiPoint
        case .multiLineString: wkbMultiLineString
        case .multiPolygon: wkbMultiPolygon
        case .unknown: wkbUnknown
        }
    }
}

/// Creates a new vector dataset with GDAL (GeoPackage, FlatGeobuf, Shapefile, ...) and writes
/// layers of plain-value features into it.
///
/// The caller chooses the path; covplan's atomic-output helper gives it a temporary name and
/// renames on success. Call `close()` to flush; a writer dropped without `close()` still closes
/// its dataset, but errors on flush are then lost. Not thread-safe.
public final class VectorWriter {
    private var handle: GDALDatasetH?
    public let path: String
    public let driverName: String

    /// Creates the dataset. `driver` is a GDAL short name ("GPKG", "FlatGeobuf").
    public init(path: String, driver: String, creationOptions: [String] = []) throws(GDALError) {
        self.path = path
        driverName = driver
        GDALRuntime.ensureRegistered()
        guard let drv = GDALGetDriverByName(driver) else {
            throw GDALError(.writeFailed, function: "GDALGetDriverByName", message: "GDAL has no driver '\(driver)'")
        }
        let opts = CStringList(creationOptions)
        let result: (GDALDatasetH?, String?) = withErrorCapture { capture in
            (GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, opts.raw), capture.lastFailure)
        }
        guard let h = result.0 else {
            throw GDALError(.writeFailed, function: "GDALCreate", message: result.1 ?? "cannot create \(path)")
        }
        handle = h
    }

    /// Opens an existing vector datasource for update, e.g. a PostgreSQL database through GDAL's
    /// PostgreSQL driver (`PG:dbname=... host=...`). `driver` restricts which driver may open it.
    public init(updating connection: String, driver: String) throws(GDALError) {
        path = connection
        driverName = driver
        GDALRuntime.ensureRegistered()
        let allowed = CStringList([driver])
        let result: (GDALDatasetH?, String?) = withErrorCapture { capture in
            (GDALOpenEx(connection, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), allowed.constRaw, nil, nil), capture.lastFailure)
        }
        guard let h = result.0 else {
            throw GDALError(.writeFailed, function: "GDALOpenEx", message: result.1 ?? "cannot open for update")
        }
        handle = h
    }

    deinit {
        if let handle {
            if inTransaction { _ = GDALDatasetRollbackTransaction(handle) }
            GDALClose(handle)
        }
    }

    /// True between `beginTransaction()` and `commit()` / `rollback()`: `writeLayer` then
    /// writes inside that one transaction instead of its own.
    public private(set) var inTransaction = false

    /// Starts one dataset-wide transaction (PostgreSQL: DDL and rows alike roll back together).
    public func beginTransaction() throws(GDALError) {
        guard let ds = handle else { throw GDALError(.writeFailed, function: "beginTransaction", message: "dataset already closed") }
        try withErrorCapture { (capture) throws(GDALError) in
            guard GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE else {
                throw GDALError(.writeFailed, function: "GDALDatasetStartTransaction", message: capture.lastFailure ?? "no transactions")
            }
        }
        inTransaction = true
    }

    /// Commits the transaction `beginTransaction()` started.
    public func commit() throws(GDALError) {
        guard let ds = handle, inTransaction else { return }
        inTransaction = false
        try withErrorCapture { (capture) throws(GDALError) in
            guard GDALDatasetCommitTransaction(ds) == OGRERR_NONE, capture.lastFailure == nil else {
                throw GDALError(.writeFailed, function: "GDALDatasetCommitTransaction", message: capture.lastFailure ?? "commit failed")
            }
        }
    }

    /// Rolls the transaction back (nothing it wrote remains).
    public func rollback() {
        guard let ds = handle, inTransaction else { return }
        inTransaction = false
        _ = GDALDatasetRollbackTransaction(ds)
    }

    /// Runs a query and returns the first column of every result row as text (NULL as nil).
    public func query(sql: String) throws(GDALError) -> [String?] {
        guard let ds = handle else { throw GDALError(.writeFailed, function: "query", message: "dataset already closed") }
        return try withErrorCapture { (capture) throws(GDALError) -> [String?] in
            let r = GDALDatasetExecuteSQL(ds, sql, nil, nil)
            defer { if let r { GDALDatasetReleaseResultSet(ds, r) } }
            if let failure = capture.lastFailure {
                throw GDALError(.badQuery, function: "GDALDatasetExecuteSQL", message: failure)
            }
            guard let r else { return [] }
            var out: [String?] = []
            OGR_L_ResetReading(r)
            while let f = OGR_L_GetNextFeature(r) {
                out.append(OGR_F_IsFieldSetAndNotNull(f, 0) != 0 ? String(cString: OGR_F_GetFieldAsString(f, 0)) : nil)
                OGR_F_Destroy(f)
            }
            return out
        }
    }

    /// Writes one layer in a single transaction.
    ///
    /// - Parameters:
    ///   - epsg: the CRS of the geometries (e.g. 4326 for lon/lat, 32635 for UTM 35N); nil for
    ///     none. Coordinates are taken as x = lon/easting, y = lat/northing.
    ///   - features: values must follow `fields` order.
    public func writeLayer(
        name: String, geometryType: GeometryKind, epsg: Int?, fields: [FieldDefinition],
        features: [Feature], layerOptions: [String] = []
    ) throws(GDALError) {
        guard let ds = handle else {
            throw GDALError(.writeFailed, function: "writeLayer", message: "dataset already closed")
        }
        try withErrorCapture { (capture) throws(GDALError) in
            func fail(_ fn: String, _ fallback: String) -> GDALError {
                GDALError(.writeFailed, function: fn, message: capture.lastFailure ?? fallback)
            }
            var srs: OGRSpatialReferenceH?
            if let epsg {
                srs = OSRNewSpatialReference(nil)
                guard OSRImportFromEPSG(srs, Int32(epsg)) == OGRERR_NONE else {
                    OSRDestroySpatialReference(srs)
                    throw fail("OSRImportFromEPSG", "unknown EPSG code \(epsg)")
                }
                OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
            }
            defer { if let srs { OSRDestroySpatialReference(srs) } }
            let opts = CStringList(layerOptions)
            guard let layer = GDALDatasetCreateLayer(ds, name, srs, geometryType.ogr, opts.raw) else {
                throw fail("GDALDatasetCreateLayer", "cannot create layer '\(name)'")
            }
            for f in fields {
                guard let fd = OGR_Fld_Create(f.name, f.type.ogr) else { throw fail("OGR_Fld_Create", f.name) }
                if f.type == .bool { OGR_Fld_SetSubType(fd, OFSTBoolean) }
                defer { OGR_Fld_Destroy(fd) }
                guard OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else {
                    throw fail("OGR_L_CreateField", "cannot create field '\(f.name)'")
                }
            }
            let useTransaction = !inTransaction && OGR_L_TestCapability(layer, OLCTransactions) != 0
            if useTransaction { _ = GDALDatasetStartTransaction(ds, 0) }
            let defn = OGR_L_GetLayerDefn(layer)
            for feature in features {
                guard let f = OGR_F_Create(defn) else { throw fail("OGR_F_Create", "out of memory") }
                defer { OGR_F_Destroy(f) }
                for (i, v) in feature.values.enumerated() {
                    let idx = Int32(i)
                    switch v {
                    case .null: OGR_F_SetFieldNull(f, idx)
                    case .bool(let b): OGR_F_SetFieldInteger(f, idx, b ? 1 : 0)
                    case .int(let n): OGR_F_SetFieldInteger64(f, idx, n)
                    case .double(let d): OGR_F_SetFieldDouble(f, idx, d)
                    case .string(let s): OGR_F_SetFieldString(f, idx, s)
                    }
                }
                if let g = feature.geometry {
                    var bytes = WKB.encode(g)
                    var geom: OGRGeometryH?
                    let err = bytes.withUnsafeMutableBytes {
                        OGR_G_CreateFromWkb($0.baseAddress, srs, &geom, Int32($0.count))
                    }
                    guard err == OGRERR_NONE, let geom else {
                        throw fail("OGR_G_CreateFromWkb", "feature \(feature.id): geometry not accepted")
                    }
                    OGR_F_SetGeometryDirectly(f, geom)
                }
                guard OGR_L_CreateFeature(layer, f) == OGRERR_NONE else {
                    throw fail("OGR_L_CreateFeature", "feature \(feature.id) not written")
                }
            }
            if useTransaction, GDALDatasetCommitTransaction(ds) != OGRERR_NONE {
                throw fail("GDALDatasetCommitTransaction", "commit failed")
            }
            if let failure = capture.lastFailure {
                throw GDALError(.writeFailed, function: "writeLayer", message: failure)
            }
        }
    }

    /// Runs an SQL statement on the dataset (e.g. to store QGIS layer styles in a GeoPackage).
    public func execute(sql: String) throws(GDALError) {
        guard let ds = handle else {
            throw GDALError(.writeFailed, function: "execute", message: "dataset already closed")
        }
        try withErrorCapture { (capture) throws(GDALError) in
            let r = GDALDatasetExecuteSQL(ds, sql, nil, nil)
            if let r { GDALDatasetReleaseResultSet(ds, r) }
            if let failure = capture.lastFailure {
                throw GDALError(.badQuery, function: "GDALDatasetExecuteSQL", message: failure)
            }
        }
    }

    /// Flushes and closes the dataset; reports failures GDAL raises while flushing.
    public func close() throws(GDALError) {
        guard let h = handle else { return }
        handle = nil
        let failure: String? = withErrorCapture { capture in
            GDALClose(h)
            return capture.lastFailure
        }
        if let failure { throw GDALError(.writeFailed, function: "GDALClose", message: failure) }
    }
}

extension FieldType {
    var ogr: OGRFieldType {
        switch self {
        case .bool: OFTInteger
        case .int: OFTInteger64
        case .double: OFTReal
        case .string: OFTString
        }
    }
}
