import CityIngest
import ArgumentParser
import CityModel
import GeoCore
import Reports
import Scenario
import Staffing

/// `covplan load CITY --precincts SOURCE ... -o DIR`.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Precinct load: residents per inspector against the norm (default 3,200), inspectors needed, deficit.",
        discussion: """
        Residents come from one source: a field on the precinct layer (--population-field), a \
        population raster summed with exact pixel fractions (--population-raster), census zones \
        spread by area or by residential floor area (--census, --census-field, --census-method), \
        or, by default, building footprints (footprint × levels ÷ --living-m2-per-person). The \
        method is written into every output. Residents outside every precinct are reported as \
        unassigned_residents.

        Writes DIR/summary.json, DIR/precincts.geojson (RFC 7946, WGS 84) and DIR/precincts.csv \
        with per precinct: residents, inspectors, assistants, residents_per_inspector, load_ratio, \
        over_norm, inspectors_needed = ceil(residents / norm), deficit, load_class (under < 0.9 × \
        norm ≤ at ≤ 1.0 × norm < over ≤ 1.5 × norm < far_over; unstaffed when there are no \
        inspectors), area and street km (per inspector), crimes and crimes per 10,000 residents \
        with --incidents. Staff: fields on the precinct layer or --staff CSV joined by precinct id. \
        --no-street-km skips reading the streets (street km left empty): on a large city most of \
        the run is reading them.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var staffing: StaffingOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Crime over time, camera impact, growth") var crime: PrecinctCrimeOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    @Option(name: .customLong("incidents"), help: "Incident/crime points (any GDAL source) for crimes per 10,000 residents.")
    var incidents: String?

    @Option(name: .customLong("incidents-layer"), help: "Layer of the incidents source.")
    var incidentsLayer: String?

    @Flag(name: .customLong("no-street-km"),
          help: "Do not read the streets: street_km and street_km_per_inspector are left empty (faster on a large city).")
    var noStreetKm = false

    /// The plan these flags state: the `city`, `precincts`, `population`, `crime` and `growth`
    /// sections of a scenario.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        try ScenarioDocument.plan([
            ("name", .text("load")),
            ("city", .city(readOptions)),
            ("precincts", staffing.precinctsSection(streetKm: !noStreetKm)),
            ("population", try staffing.populationSection),
            ("crime", crime.crimeSection(incidents: incidents, layer: incidentsLayer)),
            ("growth", crime.growthSection),
        ], origin: "covplan load")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            try staffing.check()
            try crime.check(incidents: incidents)
            let kinds: Set<CityLayerKind> = noStreetKm ? [.buildings] : [.streets, .buildings]
            var readOptions = try city.readOptions(kinds: kinds)
            // Residents from buildings are all this command needs of them: their figures, not footprints.
            readOptions.buildingsForResidentsOnly = try staffing.populationRequest.source == .buildings
            if console.timings {
                Console.stderr("plan: load city reads \(kinds.map(\.rawValue).sorted().joined(separator: ", "))\(noStreetKm ? " (streets skipped: --no-street-km)" : " (streets for street km)")\(readOptions.buildingsForResidentsOnly ? "; buildings as residents figures (centroid, area, levels, use), footprints not kept" : "")")
            }
            let plan = try plan(city: readOptions)
            let (loaded, results) = try PlanExecution.run(plan, city: readOptions, console: console, analysis: "load analysis")
            guard let result = results.loadWithCrimes else { throw CovplanError(.software, "the plan's precinct load did not run") }
            let extras = crime.extras(results)
            var inputs = staffing.inputs(city: loaded.ingest.primarySource ?? city.source)
            inputs.append(("incidents", .str(incidents)))
            if !extras.isEmpty { inputs += crime.inputs }
            try console.phase("write") {
                if extras.isEmpty {
                    try PrecinctLoadReport.write(result, crs: loaded.crs, inputs: inputs, to: out.output, overwrite: out.overwrite, finish: finishSummary(loaded))
                } else {
                    try extras.write(result, crs: loaded.crs, inputs: inputs, to: out.output, overwrite: out.overwrite, finish: finishSummary(loaded))
                }
            }
            try out.printSummary(finishSummary(loaded)(extras.summary(PrecinctLoadReport.summary(result, inputs: inputs, precinctRows: true))))
            KeepAlive.values.append(loaded)
            KeepAlive.values.append(results)
            let s = result.summary
            console.info("\(s.precincts) precincts, \(Int(s.totalResidents.rounded())) residents (\(Int(s.unassignedResidents.rounded())) outside every precinct), \(s.inspectors) inspectors: \(s.overNorm) over the norm of \(Int(staffing.norm)), \(s.inspectorsNeeded) inspectors needed, deficit \(s.deficit) [method: \(result.method)] → \(out.output)")
        }
    }
}

/// `covplan rebalance CITY --precincts SOURCE ... -o DIR`.
struct Rebalance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose precinct boundaries from street blocks that keep every precinct at or under the norm.",
        discussion: """
        Street blocks (polygons enclosed by the street lines inside the precincts) are moved between \
        neighbouring precincts, starting from the current boundaries, so that every precinct is at \
        or under norm × inspectors where possible (else with the fewest extra inspectors this \
        search finds, reported), every precinct stays contiguous, shapes stay compact and few \
        residents change precinct. Same population flags as `covplan load`.

        Writes DIR/summary.json (before/after: precincts over norm, max residents per inspector, \
        residents moved, extra inspectors), DIR/plan.geojson (proposed precincts), \
        DIR/blocks.geojson (blocks with residents, old and new precinct) and DIR/plan.csv.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var staffing: StaffingOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            try staffing.check()
            let readOptions = try city.readOptions(kinds: [.streets, .buildings])
            let plan = try ScenarioDocument.plan([
                ("name", .text("rebalance")),
                ("city", .city(readOptions)),
                ("precincts", staffing.precinctsSection(rebalance: true)),
                ("population", try staffing.populationSection),
            ], origin: "covplan rebalance")
            let (loaded, results) = try PlanExecution.run(plan, city: readOptions, console: console, analysis: "rebalance")
            guard let result = results.rebalance else { throw CovplanError(.software, "the plan's rebalancing did not run") }
            try console.phase("write") {
                try RebalanceReport.write(result, crs: loaded.crs, inputs: staffing.inputs(city: loaded.ingest.primarySource ?? city.source), to: out.output,
                                          overwrite: out.overwrite, finish: finishSummary(loaded))
            }
            try out.printSummary(finishSummary(loaded)(RebalanceReport.summary(result, inputs: staffing.inputs(city: loaded.ingest.primarySource ?? city.source))))
            let extra = result.plan.extraInspectors.reduce(0, +)
            console.info("\(result.precincts.count) precincts, \(result.blocks.polygons.count) street blocks: over the norm \(result.overBefore) → \(result.overAfter) (with \(extra) extra inspectors), \(Int(result.plan.residentsMoved.rounded())) residents in \(result.plan.blocksMoved) blocks change precinct → \(out.output)")
        }
    }
}
