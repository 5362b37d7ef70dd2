import ArgumentParser
import GeoCore
import Reports

/// `--csv-decimal`: the decimal mark of CSV numbers.
enum CSVDecimal: String, ExpressibleByArgument, CaseIterable {
    case point, comma
}

/// Where outputs go besides a folder of GeoJSON: a PostgreSQL schema, CSV for Excel's locale.
struct OutputOptions: ParsableArguments {
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
