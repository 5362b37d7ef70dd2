import CityIngest
import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports

/// `covplan notebook DIR -o NAME.ipynb`.
struct Notebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a Jupyter notebook (nbformat 4) that loads a run folder's layers and tables with geopandas and redraws the maps.")

    @Argument(help: "A run folder written by `covplan run`.")
    var runFolder: String

    @Option(help: "Language of the notebook's headings: en (default), ru or kk.")
    var lang: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    func run() throws {
        try runCommand {
            let console = Console(common)
            let loc = Loc(try ReportLanguageChoice.resolve(lang, scenario: nil))
            let fm = FileManager.default
            let summaryPath = runFolder + "/summary.json"
            guard fm.fileExists(atPath: summaryPath) else {
                throw CovplanError(.noInput, file: runFolder, "not a covplan run folder (no summary.json)")
            }
            try out.prepare()
            let description = try SourceInspector.describe(runFolder + "/layers.gpkg")
            let layers = description.layers.filter { $0.geometryType != "None" }.map { l -> (String, String?) in
                let colour = ["load_class", "camera_count", "minutes", "source_id", "rank"].first { c in l.fields.contains { $0.name == c } }
                return (l.name, colour)
            }
            let tables = ((try? fm.contentsOfDirectory(atPath: runFolder + "/tables")) ?? []).filter { $0.hasSuffix(".csv") }
                .map { String($0.dropLast(4)) }.sorted()
            let title = (try? RunComparison.readSummary(summaryPath))?["scenario"] as? String ?? "covplan run"
            let nb = NotebookWriter.notebook(title: title, runFolder: relativePath(from: out.output, to: runFolder), layers: layers, tables: tables, loc: loc)
            try AtomicOutput.writeFile(out.output, overwrite: out.overwrite) { tmp in try AtomicOutput.write(nb.text(), to: tmp) }
            console.info("wrote \(out.output): \(layers.count) layers, \(tables.count) tables from \(runFolder)")
        }
    }

    /// Path of `target` relative to the folder holding `file` (both relative to the current folder
    /// or absolute).
    func relativePath(from file: String, to target: String) -> String {
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.pathComponents
        let dest = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var i = 0
        while i < base.count, i < dest.count, base[i] == dest[i] { i += 1 }
        let ups = Array(repeating: "..", count: base.count - i)
        let rel = (ups + dest[i...]).joined(separator: "/")
        return rel.isEmpty ? "." : rel
    }
}
