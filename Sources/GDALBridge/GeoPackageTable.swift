import CGDAL
import CSQLite
import Foundation
import GeoCore

/// A GeoPackage feature table read straight through SQLite: the same rows, values and
/// geometries as GDAL's GPKG driver gives, without building an OGR feature and an OGR geometry
/// per row (about half the cost of reading a large street layer).
///
/// Used only where the two reads are known to agree (see `plan`): a local file, a plain table
/// (not a view) with an integer FID column and a geometry column, no attribute filter, and
/// wanted fields of OGR type String, Integer, Integer64 or Real (dates, times, binaries and lists
/// are formatted by OGR, so such layers go through OGR). A row whose geometry blob is not plain
/// GeoPackage binary with a 2-D, 3-D or 4-D simple-feature WKB (curves, extended blobs,
/// Spatialite blobs), or any SQLite failure, makes the caller read the layer through OGR
/// instead (`GDALError.directReadUnavailable`), so OGR keeps the last word on odd data and
/// errors.
struct GeoPackageTable: Sendable {
    let path: String
    let table: String
    let fidColumn: String
    let geometryColumn: String
    /// Wanted columns, in the order the read plan numbers them.
    let columns: [String]
    /// Per wanted column: OGR type Integer (32-bit; read as OGR reads it, truncated to 32 bits).
    let int32: [Bool]

    /// The direct plan for OGR layer `l` of the GeoPackage at `path`, or nil when the layer
    /// must be read through OGR (see the type's comment).
    static func plan(path: String, layer l: OGRLayerH, name: String, filter: String?, indices: [Int32]) -> GeoPackageTable? {
        guard filter == nil, !path.hasPrefix("/vsi"), FileManager.default.fileExists(atPath: path),
              let fid = VectorSource.fidColumnName(l),
              let g = OGR_L_GetGeometryColumn(l).map({ String(cString: $0) }), !g.isEmpty else { return nil }
        let defn = OGR_L_GetLayerDefn(l)
        var columns: [String] = []
        var int32: [Bool] = []
        for i in indices {
            let fd = OGR_FD_GetFieldDefn(defn, i)
            switch OGR_Fld_GetType(fd) {
            case OFTString, OFTInteger64, OFTReal: int32.append(false)
            case OFTInteger: int32.append(true)
            default: return nil
            }
            columns.append(String(cString: OGR_Fld_GetNameRef(fd)))
        }
        // Whether it is a plain table, and its columns, are checked when it is read (no
        // connection is opened twice).
        return GeoPackageTable(path: path, table: name, fidColumn: fid, geometryColumn: g, columns: columns,
                               int32: int32)
    }

    /// `SELECT fid, geometry, wanted… FROM table [WHERE fid < ?1 | fid >= ?1] ORDER BY fid`.
    func select(part: VectorSource.FIDPart?) -> String {
        let list = ([fidColumn, geometryColumn] + columns).map(Self.quote).joined(separator: ", ")
        var sql = "SELECT \(list) FROM \(Self.quote(table))"
        switch part {
        case .below?: sql += " WHERE \(Self.quote(fidColumn)) < ?1"
        case .atOrAbove?: sql += " WHERE \(Self.quote(fidColumn)) >= ?1"
        case nil: break
        }
        return sql + " ORDER BY \(Self.quote(fidColumn))"
    }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Calls `body` with each row of `part` in FID order, through a connection of its own.
    /// Throws `.directReadUnavailable` for any SQLite failure or geometry blob it does not
    /// read, or what `body` throws.
    /// With `singleRings`, a row whose blob is a polygon of one ring (or a multipolygon of one
    /// such polygon) is handed over with `FeatureRow.singleRing` filled from a buffer reused for
    /// every row, and its geometry is not decoded unless asked for.
    func forEachRow(part: VectorSource.FIDPart?, types: UnsafeBufferPointer<FieldType>, singleRings: Bool = false,
                    _ body: (FeatureRow) throws(GDALError) -> Void) throws(GDALError) {
        guard let connection = try? Connection(path: path), connection.isTable(table),
              let statement = try? connection.prepare(select(part: part)) else { throw .directReadUnavailable }
        defer { sqlite3_finalize(statement) }
        switch part {
        case .below(let v)?, .atOrAbove(let v)?: sqlite3_bind_int64(statement, 1, v)
        case nil: break
        }
        var ring: [Point] = []
        try int32.withUnsafeBufferPointer { (int32) throws(GDALError) in
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else { throw .directReadUnavailable }
                let bytes = sqlite3_column_blob(statement, 1), count = Int(sqlite3_column_bytes(statement, 1))
                if singleRings, GeoPackageBinary.singleRing(bytes, count: count, into: &ring) {
                    try body(FeatureRow(source: .sqlite(statement, int32: int32), types: types,
                                        fid: sqlite3_column_int64(statement, 0),
                                        blob: UnsafeRawBufferPointer(start: bytes, count: count), singleRing: ring))
                    continue
                }
                let geometry: Geometry?
                do {
                    geometry = try GeoPackageBinary.decode(bytes, count: count)
                } catch {
                    throw .directReadUnavailable
                }
                try body(FeatureRow(source: .sqlite(statement, int32: int32), types: types,
                                    fid: sqlite3_column_int64(statement, 0), geometry: geometry))
            }
        }
    }

    /// The value of wanted column `k` of the statement's current row (columns 0 and 1 are FID
    /// and geometry), converted as OGR's GPKG driver converts it.
    static func value(_ statement: OpaquePointer, _ k: Int, int32: Bool, _ type: FieldType) -> FieldValue {
        let column = Int32(k + 2)
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return .null }
        switch type {
        case .bool: return .bool(sqlite3_column_int(statement, column) != 0)
        case .int: return .int(int32 ? Int64(sqlite3_column_int(statement, column)) : sqlite3_column_int64(statement, column))
        case .double: return .double(sqlite3_column_double(statement, column))
        case .string:
            guard let text = sqlite3_column_text(statement, column) else { return .null }
            return .string(String(cString: text))
        }
    }

    /// A read-only SQLite connection, closed on deinit.
    final class Connection {
        let handle: OpaquePointer

        init(path: String) throws(GDALError) {
            var db: OpaquePointer?
            let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
            guard rc == SQLITE_OK, let db else {
                if let db { sqlite3_close_v2(db) }
                throw .directReadUnavailable
            }
            handle = db
        }

        deinit { sqlite3_close_v2(handle) }

        /// A prepared statement; the caller finalizes it.
        func prepare(_ sql: String) throws(GDALError) -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                throw .directReadUnavailable
            }
            return statement
        }

        /// `name` is a table (not a view) of the database.
        func isTable(_ name: String) -> Bool {
            guard let s = try? prepare("SELECT type FROM sqlite_master WHERE name = ?1") else { return false }
            defer { sqlite3_finalize(s) }
            sqlite3_bind_text(s, 1, name, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            guard sqlite3_step(s) == SQLITE_ROW, let t = sqlite3_column_text(s, 0) else { return false }
            return String(cString: t) == "table"
        }
    }
}

extension GDALError {
    /// Thrown inside a direct GeoPackage read that cannot go on; the layer is read through OGR.
    static let directReadUnavailable = GDALError(.readFailed, function: "sqlite3_step",
                                                 message: "direct GeoPackage read unavailable")
}
