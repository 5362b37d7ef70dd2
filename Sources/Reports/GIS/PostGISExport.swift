import Foundation
import GDALBridge
import GeoCore

/// Writes layers into a PostgreSQL/PostGIS schema through GDAL's PostgreSQL driver, with every
/// layer's QGIS style (QML + SLD) in QGIS's `public.layer_styles`, all in one transaction: a
/// failure leaves the database as it was.
///
/// Tables keep the layer names (`covplan.coverage`), geometry column `geom` in the layer's CRS
/// (the working CRS, e.g. EPSG:32635), primary key `fid`, a GiST index, and the table comment
/// `covplan: <title>` that marks them as covplan's. Without `overwrite` a layer that already
/// exists in the schema is refused (73); with it, every covplan table of the schema is dropped and
/// written again (so reruns leave no duplicates and no stale layers), while a table covplan did not
/// write is never replaced (73).
public enum PostGISExport {
    /// The connection string with any password hidden, for messages.
    public static func redacted(_ connection: String) -> String {
        connection.replacingOccurrences(of: #"password\s*=\s*('[^']*'|\S+)"#, with: "password=***", options: .regularExpression)
    }

    static func ident(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Writes `layers` (distinct names) into `schema` of the database `connection` (`PG:...`).
    /// - Throws: `.usage` for a bad schema name; `.cannotCreate` when the database cannot be
    ///   reached or written, has no PostGIS, or a layer exists (without `overwrite`) or belongs to
    ///   someone else.
    public static func write(_ layers: [FeatureLayer], to connection: String, schema: String, overwrite: Bool,
                             loc: Loc = .en) throws {
        let shown = redacted(connection)
        guard OutputRouting.isValidSchema(schema) else {
            throw CovplanError(.usage, file: shown, "schema '\(schema.prefix(80))' is not a plain PostgreSQL name (lower-case letters, digits, _)")
        }
        var names = Set<String>()
        for l in layers where !names.insert(l.name).inserted {
            throw CovplanError(.software, layer: l.name, "two layers share the name '\(l.name)'")
        }
        let w: VectorWriter
        do {
            w = try VectorWriter(updating: connection, driver: "PostgreSQL")
        } catch {
            throw CovplanError(.cannotCreate, file: shown, "cannot open the database for writing: \(error.message)")
        }
        do {
            try w.beginTransaction()
            if try w.query(sql: "SELECT extversion FROM pg_extension WHERE extname = 'postgis'").isEmpty {
                throw CovplanError(.cannotCreate, file: shown, "the database has no PostGIS (run CREATE EXTENSION postgis)")
            }
            let tablesSQL = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(literal(schema)) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            let existing = Set(try w.query(sql: tablesSQL).compactMap { $0 })
            let ours = Set(try w.query(sql: tablesSQL + " AND obj_description(c.oid, 'pg_class') LIKE 'covplan:%'").compactMap { $0 })
            for l in layers where existing.contains(l.name) {
                if !overwrite {
                    throw CovplanError(.cannotCreate, file: shown, layer: l.name, "schema '\(schema)' already has layer '\(l.name)' (use --overwrite to replace covplan's layers)")
                }
                if !ours.contains(l.name) {
                    throw CovplanError(.cannotCreate, file: shown, layer: l.name, "table \(schema).\(l.name) was not written by covplan; it is not replaced")
                }
            }
            try w.execute(sql: "CREATE SCHEMA IF NOT EXISTS \(ident(schema))")
            if overwrite {
                for t in ours.sorted() { try w.execute(sql: "DROP TABLE IF EXISTS \(ident(schema)).\(ident(t)) CASCADE") }
            }
            let styles = GISStyleCatalog.styles(for: layers, loc: loc)
            for (l, s) in zip(layers, styles) {
                try w.writeLayer(name: l.name, geometryType: l.geometryKind, epsg: try LayerExport.epsg(l.crs, layer: l.name),
                                 fields: l.fields, features: l.features,
                                 layerOptions: ["SCHEMA=\(schema)", "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=GIST",
                                                "LAUNDER=NO", "OVERWRITE=NO"])
                try w.execute(sql: "COMMENT ON TABLE \(ident(schema)).\(ident(l.name)) IS \(literal("covplan: " + s.title))")
            }
            let styleSQL = LayerStylesTable.postgresSQL(styles, schema: schema)
            try w.execute(sql: styleSQL[0])  // public.layer_styles, when missing
            for t in ours.subtracting(names).sorted() {  // styles of covplan layers dropped above
                try w.execute(sql: "DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = \(literal(schema)) AND f_table_name = \(literal(t))")
            }
            for sql in styleSQL.dropFirst() { try w.execute(sql: sql) }
            try w.commit()
            try w.close()
        } catch let e as GDALError {
            w.rollback()
            throw CovplanError(.cannotCreate, file: shown, "\(e)")
        } catch {
            w.rollback()
            throw error
        }
    }
}
