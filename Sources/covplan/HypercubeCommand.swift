import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports
import Scenario
import Simulation
import StreetGraph

extension HypercubeMethod: ExpressibleByArgument {}

/// `covplan hypercube CITY --units SOURCE ... -o DIR`.
struct HypercubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypercube",
        abstract: "Larson's hypercube queueing model on the street network: unit workloads, interdistrict dispatches, mean response.",
        discussion: """
        The city is cut into demand atoms as in covplan simulate; call rates per atom follow \
        residents (and hot spots); each atom ranks the units by travel time from their homes \
        (nearest first). One mean service time for all units (--mean-service-minutes; default: \
        the incident mix's mean on-scene time plus the demand-weighted round trip from the \
        nearest unit). --method exact solves the 2^N-state Markov chain (up to 18 units), \
        approximate the A-hypercube (any N); auto = exact up to 12 units. Prints one line per \
        unit (workload, interdistrict fraction) and the headline figures on stdout (--json: \
        summary.json instead), and writes DIR/summary.json, DIR/units.csv, DIR/atoms.geojson.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var model: NetworkModelOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    @Option(name: .customLong("incidents-per-day"), help: "Mean calls per day over the city.")
    var incidentsPerDay = SimulationOptions.defaultIncidentsPerDay

    @Option(name: .customLong("mean-service-minutes"), help: "Mean busy time per dispatch (travel, on scene, return), minutes.")
    var meanServiceMinutes: Double?

    @Option(help: "auto, exact or approximate.")
    var method: HypercubeMethod = .auto

    @Option(help: "Seed (only for --units auto:N).")
    var seed: UInt64 = 1

    var options: HypercubeOptions {
        get throws {
            HypercubeOptions(incidentsPerDay: incidentsPerDay, meanServiceSeconds: meanServiceMinutes.map { $0 * 60 },
                             method: method, population: try model.population, network: model.network)
        }
    }

    /// The plan these flags state: the `city`, `population`, `precincts` (polygons only) and
    /// `hypercube` sections of a scenario.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        try ScenarioDocument.plan([
            ("name", .text("hypercube")),
            ("seed", try .seed(seed)),
            ("city", .city(readOptions)),
            ("population", .map(try model.populationEntries)),
            ("precincts", model.precinctsSection),
            ("hypercube", .map([
                ("incidents_per_day", .number(incidentsPerDay)),
                ("mean_service_minutes", meanServiceMinutes.map(PlanValue.number)),
                ("method", .text(method.rawValue)),
            ] + (try model.planEntries(graph: graph)))),
        ], origin: "covplan hypercube")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            try model.check()
            try options.validate()
            let readOptions = try city.readOptions(kinds: [.streets, .buildings, .schools, .police])
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions), city: readOptions, console: console,
                                                          needs: RunNeeds(isochroneBufferMeters: nil, coverage: false, reach: false, load: false),
                                                          analysis: "hypercube")
            guard let outcome = results.hypercube else { throw CovplanError(.software, "the plan's hypercube model did not run") }
            if let g = results.hypercubeGraph { console.info(GraphOptions.describe(g)) }
            if common.timings { for t in outcome.timings { Console.stderr("timing:   hypercube/\(t.phase) \(String(format: "%.3f", t.seconds)) s") } }
            let modes = results.hypercubeGraphModes
            var inputs = model.inputs(city: loaded.ingest.primarySource ?? city.source)
            inputs += [("mode", .string(modes[0])), ("incidents_per_day", .number(incidentsPerDay)),
                       ("mean_service_minutes", .num(meanServiceMinutes)), ("method", .string(method.rawValue))]
            try console.phase("write") {
                try HypercubeReport.write(outcome, crs: loaded.crs, graphModes: modes, inputs: inputs, to: out.output,
                                          overwrite: out.overwrite, finish: finishSummary(loaded))
            }
            if out.json {
                try printData(finishSummary(loaded)(HypercubeReport.summary(outcome, graphModes: modes, inputs: inputs)).text())
            } else {
                try printData(HypercubeReport.text(outcome))
            }
            for n in outcome.notes { console.info("note: \(n)") }
            let r = outcome.result
            console.info(String(format: "%@ hypercube, %d units, %d atoms: mean workload %.3f, interdistrict %.1f%%, mean response %.0f s → %@",
                                r.method.rawValue, outcome.problem.unitCount, outcome.problem.atomCount,
                                r.workloads.reduce(0, +) / Double(r.workloads.count), r.interdistrictFraction * 100,
                                r.meanResponseSeconds ?? .nan, out.output))
        }
    }
}
