import CityIngest
import ArgumentParser
import CityModel
import Reports

/// `covplan inspect SOURCE [--json]`.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a GIS source: layers, CRS, working CRS, extent and the city model it yields.")

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        try runCommand {
            let console = Console(common)
            let description = try console.phase("describe") { try SourceInspector.describe(city.source) }
            let loaded = try console.readCity("load", try city.readOptions())
            let summary = console.phase("summarise") { CitySummary(loaded) }
            if json {
                try printData(BenchHook.apply(InspectReport.json(description, summary, ingest: loaded.ingest)).text())
            } else {
                try printData(InspectReport.text(description, summary, ingest: loaded.ingest))
            }
        }
    }
}
