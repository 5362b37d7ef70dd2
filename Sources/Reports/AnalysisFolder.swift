import Foundation
import GeoCore

/// The files of one analysis's standalone output folder (`covplan coverage|reach|load|place|... -o DIR`):
/// `summary.json` first, then its layers and tables, in order. Every analysis report builds one
/// of these from its result (the same layer and table builders its run-report section uses) and
/// `write` is the only code that puts a standalone folder on disk: atomically (a temporary folder
/// renamed on success), or into a database when the output is `PG:...` (see `AtomicOutput`).
public struct AnalysisFolder {
    /// One file of the folder.
    public enum Entry {
        /// `NAME.geojson` (RFC 7946, WGS 84), or the routed layer format (`--format`).
        case layer(String, FeatureLayer)
        /// `NAME.csv` with the layer's fields and WGS 84 coordinates (`CSVExport`).
        case pointCSV(String, FeatureLayer)
        /// `NAME.csv` with the layer's fields and no geometry (`PrecinctLoadReport.csv`).
        case attributeCSV(String, FeatureLayer)
        /// `NAME.csv` of a report table.
        case table(String, ReportTable)
        /// A file streamed by its own writer (large layers written feature by feature); gets the path.
        case stream(String, (String) throws -> Void)
    }

    /// The document written as `summary.json`.
    public var summary: JSONValue
    public var entries: [Entry]

    public init(summary: JSONValue, entries: [Entry] = []) {
        self.summary = summary
        self.entries = entries
    }

    /// Writes the folder to `dir`. Throws `.cannotCreate` when `dir` exists without `overwrite`
    /// (or is not a folder covplan wrote), and any write error; nothing is left behind on failure.
    public func write(to dir: String, overwrite: Bool) throws {
        try AtomicOutput.writeDirectory(dir, overwrite: overwrite) { tmp in
            try AtomicOutput.write(summary.text(), to: tmp + "/summary.json")
            for e in entries {
                switch e {
                case let .layer(name, layer):
                    try LayerExport.write(layer, to: tmp + "/\(name).geojson", format: .geojson, overwrite: false)
                case let .pointCSV(name, layer):
                    try AtomicOutput.write(CSVExport.text(try LayerExport.toWGS84(layer)), to: tmp + "/\(name).csv")
                case let .attributeCSV(name, layer):
                    try AtomicOutput.write(PrecinctLoadReport.csv(layer), to: tmp + "/\(name).csv")
                case let .table(name, table):
                    try AtomicOutput.write(CSVWriter.text(table), to: tmp + "/\(name).csv")
                case let .stream(name, writer):
                    try writer(tmp + "/" + name)
                }
            }
        }
    }
}

/// Rounding of figures in summary.json, shared by the analysis reports.
/// Metres to the millimetre.
func m3(_ v: Double) -> JSONValue { .num((v * 1000).rounded() / 1000) }
/// Fractions to six decimals.
func frac(_ v: Double) -> JSONValue { .num((v * 1e6).rounded() / 1e6) }
/// One decimal.
func r1(_ v: Double) -> Double { (v * 10).rounded() / 10 }
/// Three decimals.
func r3(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
