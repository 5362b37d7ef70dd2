import Synchronization

/// Where and how an output folder's layers and tables go, as the user asked on the command line
/// (`--format`, `--pg-schema`, `--csv-decimal`); set once by the CLI before a command writes.
///
/// Every analysis writer writes its folder through `AtomicOutput.writeDirectory` and its layers
/// through `LayerExport.write`, so this one setting reaches all of them:
/// - `layerFormat`: the layers of an output folder are written as GeoJSON (default), GeoPackage,
///   Shapefile, FlatGeobuf or CSV with a WKT column instead (same names, other extension);
/// - an output named `PG:...` is a PostgreSQL/PostGIS database: the layers go into `pgSchema`
///   (through GDAL's PostgreSQL driver, with QGIS styles) instead of a folder;
/// - `csvDecimalComma`: CSV tables use `;` between cells and `,` as decimal mark (Excel in a
///   Russian or Kazakh locale).
public struct OutputRouting: Sendable, Equatable {
    public var layerFormat: ExportFormat
    /// Schema for `PG:` outputs (PostgreSQL identifier: lower-case letters, digits, `_`).
    public var pgSchema: String
    public var csvDecimalComma: Bool

    public init(layerFormat: ExportFormat = .geojson, pgSchema: String = "covplan", csvDecimalComma: Bool = false) {
        self.layerFormat = layerFormat
        self.pgSchema = pgSchema
        self.csvDecimalComma = csvDecimalComma
    }

    private static let state = Mutex(OutputRouting())

    /// The routing in force (defaults until the CLI sets it).
    public static var current: OutputRouting {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    /// True for an output that names a PostgreSQL database (`PG:dbname=...`).
    public static func isPostgres(_ output: String) -> Bool {
        output.hasPrefix("PG:")
    }

    /// A schema name from free text (a scenario name): lower-case ASCII letters, digits and `_`,
    /// not starting with a digit, at most 63 bytes; "covplan" when nothing is left.
    public static func schemaName(_ text: String) -> String {
        var out = ""
        for u in text.lowercased().unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") { out.unicodeScalars.append(u) }
            else if !out.hasSuffix("_") { out += "_" }
        }
        while out.hasSuffix("_") { out.removeLast() }
        while out.hasPrefix("_") { out.removeFirst() }
        if let f = out.unicodeScalars.first, f >= "0" && f <= "9" { out = "s_" + out }
        return out.isEmpty ? "covplan" : String(out.prefix(63))
    }

    /// True for a valid schema name as `schemaName` makes them.
    public static func isValidSchema(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 63 && schemaName(s) == s
    }
}
