import ArgumentParser
import GeoCore
import Reports

/// `--csv-decimal`: the decimal mark of CSV numbers.
enum CSVDecimal: String, ExpressibleByArgument, CaseIterable {
    case point, comma
}

/// `-o/--output`, `--overwrite` and `--json` of every command that writes a folder (an analysis,
/// a scenario run, a comparison), with where its layers go (`--pg-schema`, `--csv-decimal`).
/// Declared once here; commands call `prepare` before reading anything so a target that cannot
/// be written stops the run at once (exit 73), and `printSummary` for `--json`.
struct FolderOutput: ParsableArguments {
    @Option(name: .shortAndLong,
            help: "Output folder (written to a temporary folder and renamed when complete), or PG:\"dbname=... host=...\" for a PostgreSQL/PostGIS schema.")
    var output: String

    @Flag(help: "Replace an existing output folder (and any file the command writes beside it, such as --export-instance).")
    var overwrite = false

    @Flag(help: "Also print summary.json on stdout.")
    var json = false

    @OptionGroup var routing: OutputRoutingOptions

    /// Sets the process-wide output routing and checks the target.
    /// - Throws: `.usage` for a bad `--pg-schema`; `.cantCreate` (73) when the folder exists
    ///   without `--overwrite` or its parent is missing.
    func prepare(format: ExportFormat? = nil, defaultSchema: String = "covplan") throws {
        try routing.apply(format: format, defaultSchema: defaultSchema)
        try AtomicOutput.checkTarget(output, overwrite: overwrite, kind: .folder)
    }

    /// Prints `summary` on stdout when `--json` was given.
    func printSummary(_ summary: @autoclosure () throws -> JSONValue) throws {
        if json { try printData(summary().text()) }
    }

    /// True when the output names a PostgreSQL database rather than a folder.
    var isPostgres: Bool { OutputRouting.isPostgres(output) }
}

/// `-o/--output` and `--overwrite` of every command that writes one file (a layer, a notebook, a
/// prepared city); the extension picks the format where the command offers several.
struct FileOutput: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output file; its extension picks the format where there is a choice (see above).")
    var output: String

    @Flag(help: "Replace an existing output file.")
    var overwrite = false

    @OptionGroup var routing: OutputRoutingOptions

    /// Sets the output routing and checks the target (see `FolderOutput.prepare`).
    func prepare() throws {
        try routing.apply()
        try AtomicOutput.checkTarget(output, overwrite: overwrite, kind: .file)
    }
}

/// Where outputs go besides a folder of GeoJSON: a PostgreSQL schema, CSV for Excel's locale.
struct OutputRoutingOptions: ParsableArguments {
    @Option(name: .customLong("pg-schema"),
            help: "Schema for an output -o PG:\"dbname=... host=...\" (PostgreSQL/PostGIS through GDAL; default: covplan, for run the scenario name).")
    var pgSchema: String?

    @Option(name: .customLong("csv-decimal"),
            help: "Decimal mark of CSV numbers: point (default, comma-separated) or comma (semicolon-separated, for Excel in a Russian or Kazakh locale).")
    var csvDecimal: CSVDecimal = .point

    /// Sets the process-wide routing before anything is written.
    func apply(format: ExportFormat? = nil, defaultSchema: String = "covplan") throws {
        let schema = pgSchema ?? defaultSchema
        guard OutputRouting.isValidSchema(schema) else {
            throw CovplanError(.usage, "--pg-schema '\(schema.prefix(80))' must be a plain PostgreSQL name: lower-case letters, digits and _, not starting with a digit")
        }
        if format == .pg {
            throw CovplanError(.usage, "--format pg: name the database as the output instead, -o PG:\"dbname=...\"")
        }
        OutputRouting.current = OutputRouting(layerFormat: format ?? .geojson, pgSchema: schema,
                                              csvDecimalComma: csvDecimal == .comma)
    }
}

/// `--format` of an analysis's output folder.
struct LayerFormatOption: ParsableArguments {
    @Option(help: "Format of the layers in the output folder: geojson (default, WGS 84), gpkg, shp (with NAME.fields.csv mapping long field names), fgb, csv (WKT geometry, WGS 84).")
    var format: ExportFormat?
}
