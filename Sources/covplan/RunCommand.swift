import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports
import Scenario

/// `covplan run SCENARIO -o DIR`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every analysis a scenario asks for; write summary.json, layers, tables and the HTML report.",
        discussion: """
        Writes DIR/summary.json, DIR/layers.gpkg (all layers, QGIS styles stored), DIR/layers/*.geojson \
        (RFC 7946), DIR/tables/*.csv, DIR/report.md and DIR/report.html (self-contained: inline SVG, no \
        network). DIR is written to a temporary folder and renamed on success.
        """)

    @Argument(help: "Scenario YAML file (see scenarios/SCHEMA.md).")
    var scenario: String

    @Option(help: "Report language: en, ru or kk (default: the scenario's report.language, else en).")
    var lang: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    func run() throws {
        try runCommand {
            let console = Console(common)
            // The scenario first (cheap): every file it reads is protected from the output.
            let doc = try console.phase("scenario") { try ScenarioDocument.load(scenario) }
            let language = try ReportLanguageChoice.resolve(lang, scenario: doc.root.at("report.language")?.text)
            AtomicOutput.protectInputs(doc.referencedPaths)
            try out.prepare(format: layerFormat.format, defaultSchema: OutputRouting.schemaName(((scenario as NSString).lastPathComponent as NSString).deletingPathExtension))
            console.info("scenario '\(doc.name)': loading the city")
            let city = try console.readCity("load", doc.cityReadOptions())
            // Every other input before any analysis: a bad file stops the run before minutes of work.
            let inputs = try console.phase("inputs") { try ScenarioInputs.read(doc, city: city, log: console.info) }
            let results = try console.phase("analyses") { try ScenarioRunner.run(doc, inputs: inputs, log: console.info) }
            let loc = Loc(language)
            let sections = ScenarioReport.sections(results, loc: loc)
            let header = RunOutput.Header(
                title: doc.name, subtitle: doc.root["description"]?.text,
                facts: [(loc["fact.crs"], city.crs.identifier), (loc["fact.seed"], String(doc.seed)),
                        (loc["fact.scenario"], (doc.files.first.map { ($0 as NSString).lastPathComponent } ?? scenario))],
                summaryHead: [("scenario", .string(doc.name)), ("seed", .number(Double(doc.seed))),
                              ("covplan_summary_version", 1)])
            try console.phase("write") {
                try RunOutput.write(header, sections, to: out.output, overwrite: out.overwrite, loc: loc, transformSummary: finishSummary(city))
            }
            try out.printSummary(finishSummary(city)(RunOutput.summary(header, sections)))
            if OutputRouting.isPostgres(out.output) {
                console.info("wrote \(sections.flatMap(\.layers).count) layers with their QGIS styles into schema \(OutputRouting.current.pgSchema) of \(PostGISExport.redacted(out.output))")
            } else {
                console.info("wrote \(out.output)/: report.html, report.md, summary.json, layers.gpkg, layers/, tables/")
            }
        }
    }
}

