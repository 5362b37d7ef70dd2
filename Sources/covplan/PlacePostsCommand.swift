import CityIngest
import ArgumentParser
import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Reports
import Scenario
import StreetGraph

extension PostObjective: ExpressibleByArgument {}

/// `covplan place posts CITY --count N --minutes T -o DIR`.
struct PlacePosts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "Where the next modular posts or SOS terminals go: the most residents within T minutes by the street graph.",
        discussion: """
        Candidates are every node of the street graph (--mode drive or walk) and points every \
        --spacing-m metres along its edges; existing posts (--existing: a point layer, or police \
        for the city's police layer) are fixed. Demand is residents (building floor area, \
        footprint x levels, / --living-m2-per-person; buildings snapped to the nearest street \
        within --max-snap-m) or, with --demand street, street metres. Coverage: reachable within \
        --minutes from the site along the graph (one-way streets honoured). --objective p-median \
        minimises the resident-weighted travel time instead (times beyond --p-median-cutoff-minutes, \
        default 3 x --minutes, are charged the cut-off).

        Writes DIR/summary.json (objective, upper_bound, gap, selected, covered_fraction_before, \
        covered_fraction_after, cost_tenge, mean_seconds_before/after, ...), DIR/proposed.geojson \
        and DIR/proposed.csv (ranked).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption
    @OptionGroup var solver: SolverOptions

    @Option(help: "Number of new posts (at most 100,000).")
    var count: Int?

    @Option(name: .customLong("budget-tenge"), help: "Budget for new posts in tenge: as many posts as it buys at --unit-cost-tenge each.")
    var budgetTenge: Double?

    @Option(help: "Response-time standard in minutes (at most 1,440).")
    var minutes: Double

    @Option(help: "coverage (most demand within --minutes) or p-median (least mean travel time).")
    var objective: PostObjective = .coverage

    @Option(help: "Demand: residents (from buildings), street (street metres), incidents (--incidents points, optionally weighted) or hot-spots (the hot cells of a `covplan hotspots` layer, --hot-spots). Default: residents, or incidents / hot-spots when that file is given.")
    var demand: String?

    @Option(name: .customLong("incidents"), help: "With --demand incidents: incident points (any GDAL source), each snapped to the nearest street.")
    var incidents: String?

    @Option(name: .customLong("incidents-layer"), help: "Layer of the incidents source.")
    var incidentsLayer: String?

    @Option(name: .customLong("incident-weight-field"), help: "Weight field of the incidents (default 1 each).")
    var incidentWeightField: String?

    @Option(name: .customLong("hot-spots"), help: "With --demand hot-spots: a hot-spot layer (hot_spots.geojson of `covplan hotspots`: hot cells weighted by their incidents), or any points with a weight field.")
    var hotSpots: String?

    @Option(name: .customLong("hot-spots-layer"), help: "Layer of the hot-spot source.")
    var hotSpotsLayer: String?

    @Option(help: "Existing posts: a point layer, or police for the city's police layer. Default: none.")
    var existing: String?

    @Option(name: .customLong("spacing-m"), help: "Candidate sites along streets every this many metres (besides graph nodes; street length ÷ spacing at most 2,000,000 sites).")
    var spacingM = PostPlacementRequest.defaultSpacingMeters

    @Flag(name: .customLong("no-node-sites"), help: "No candidate sites at graph nodes.")
    var noNodeSites = false

    @Option(name: .customLong("max-snap-m"), help: "Buildings and existing posts farther than this from the network are not attached (metres).")
    var maxSnapM = SnapDefaults.maxSnapMeters

    @Option(name: .customLong("p-median-cutoff-minutes"), help: "p-median: travel-time cut-off (default 3 x --minutes).")
    var pMedianCutoffMinutes: Double?

    @Option(name: .customLong("street-piece-m"), help: "With --demand street: street pieces of at most this length (metres).")
    var streetPieceM = PostPlacementRequest.defaultStreetPieceMeters

    @Option(name: .customLong("site-type"), help: "Label of the new sites (post, sos, ...).")
    var siteType = PostPlacementRequest.defaultSiteType

    @Option(name: .customLong("unit-cost-tenge"), help: "Cost of one new site in tenge (for cost_tenge).")
    var unitCostTenge = 0.0

    @OptionGroup var residents: ResidentsModelOptions

    /// The plan these flags state: the `city`, `population`, `posts` (existing posts and the
    /// graph), `crime` (incident demand) and `placement.posts` sections of a scenario.
    func plan(city readOptions: CityReadOptions, demand demandName: String) throws -> ScenarioDocument {
        let cityLayer = existing.map { !FileManager.default.fileExists(atPath: $0) && ["police", "schools", "cameras"].contains($0) } ?? false
        // A scenario's seed is a whole number a YAML reader keeps exactly.
        try solver.checkPlanSeed()
        return try ScenarioDocument.plan([
            ("name", .text("place posts")),
            ("seed", .number(Double(solver.seed))),
            ("city", .city(readOptions)),
            ("population", .map(try residents.planEntries)),
            ("posts", .map([
                ("from", .text(existing == nil ? "none" : cityLayer ? existing! : "layer")),
                ("layer", existing == nil || cityLayer ? nil : .map([("source", .path(existing!))])),
                ("mode", .text(graph.mode.rawValue)),
                ("max_snap_m", .number(maxSnapM)),
                ("speeds", graph.speedsFile.map(PlanValue.path)),
                ("snap_tolerance_m", graph.snapToleranceMeters > 0 ? .number(graph.snapToleranceMeters) : nil),
            ])),
            ("crime", incidents.map { .map([
                ("incidents", .map([("source", .path($0)), ("layer", incidentsLayer.map(PlanValue.text))])),
                ("weight_field", incidentWeightField.map(PlanValue.text)),
            ]) }),
            ("placement", .map([("posts", .map([
                ("count", count.map { .number(Double($0)) }),
                ("budget_tenge", budgetTenge.map(PlanValue.number)),
                ("minutes", .number(minutes)),
                ("unit_cost_tenge", .number(unitCostTenge)),
                ("objective", .text(objective == .pMedian ? "p_median" : "coverage")),
                ("p_median_cutoff_minutes", pMedianCutoffMinutes.map(PlanValue.number)),
                ("demand", .text(demandName == "hot-spots" ? "hot_spots" : demandName)),
                ("hot_spots", hotSpots.map { .map([("source", .path($0)), ("layer", hotSpotsLayer.map(PlanValue.text))]) }),
                ("street_piece_m", .number(streetPieceM)),
                ("spacing_m", .number(spacingM)),
                ("node_sites", .bool(!noNodeSites)),
                ("site_type", .text(siteType)),
            ]))])),
        ], origin: "covplan place posts")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            guard (count == nil) != (budgetTenge == nil) else {
                throw CovplanError(.usage, "give exactly one of --count N or --budget-tenge X (with --unit-cost-tenge)")
            }
            // The flags' own checks first (their messages name the flags).
            let count = try self.count ?? PostPlacementRequest.count(forBudgetTenge: budgetTenge!, unitCostTenge: unitCostTenge)
            guard count > 0 else { throw CovplanError(.usage, "--count \(count): give the number of new posts (1 or more)") }
            let demandName = demand ?? (incidents != nil ? "incidents" : hotSpots != nil ? "hot-spots" : "residents")
            let demandKind: PostDemand
            switch demandName {
            case "residents": demandKind = .residents(try residents.model)
            case "street": demandKind = .streetMeters(pieceMeters: streetPieceM)
            case "incidents", "hot-spots": demandKind = .points(label: demandName == "incidents" ? "incidents" : "hot_spots", points: [], weights: [])
            default: throw CovplanError(.usage, "--demand '\(demandName)': expected residents, street, incidents or hot-spots")
            }
            if demandName == "incidents", incidents == nil { throw CovplanError(.usage, "--demand incidents needs --incidents FILE") }
            if demandName == "hot-spots", hotSpots == nil { throw CovplanError(.usage, "--demand hot-spots needs --hot-spots FILE") }
            if demandName != "incidents", incidents != nil { throw CovplanError(.usage, "--incidents is read only with --demand incidents (got --demand \(demandName))") }
            if demandName != "hot-spots", hotSpots != nil { throw CovplanError(.usage, "--hot-spots is read only with --demand hot-spots (got --demand \(demandName))") }
            try PostPlacementRequest(count: count, minutes: minutes, objective: objective, demand: demandKind,
                                     nodeSites: !noNodeSites, spacingMeters: spacingM, maxSnapMeters: maxSnapM,
                                     pMedianCutoffMinutes: pMedianCutoffMinutes, siteType: siteType,
                                     unitCostTenge: unitCostTenge, options: solver.placementOptions).validate()
            if let path = solver.exportInstance { try AtomicOutput.checkTarget(path, overwrite: out.overwrite, kind: .file) }
            var kinds: Set<CityLayerKind> = [.streets]
            if case .residents = demandKind { kinds.insert(.buildings) }
            if let existing, !FileManager.default.fileExists(atPath: existing), let k = CityLayerKind(rawValue: existing),
               [.police, .schools, .cameras].contains(k) { kinds.insert(k) }
            let readOptions = try city.readOptions(kinds: kinds)
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions, demand: demandName), city: readOptions, console: console,
                                                          needs: RunNeeds(coverage: false, reach: false), analysis: "place")
            guard let result = results.postPlacement, let request = results.postPlacementRequest else {
                throw CovplanError(.software, "the plan's post placement did not run")
            }
            if common.timings {
                Console.stderr("timing:   place: build \(String(format: "%.3f", result.buildSeconds)) s")
                Console.stderr("timing:   place: solve \(String(format: "%.3f", result.solveSeconds)) s")
            }
            let summary = finishSummary(loaded)(PostPlacementReport.summaryJSON(result, request: request, mode: graph.mode.rawValue, crs: loaded.crs))
            try console.phase("write") {
                try PostPlacementReport.write(result, request: request, crs: loaded.crs, to: out.output, overwrite: out.overwrite, summary: summary)
                if let path = solver.exportInstance {
                    try PlacementInstanceExport.write(result.coverageInstance, to: path, overwrite: out.overwrite)
                }
            }
            try out.printSummary(summary)
            KeepAlive.values.append(loaded)
            KeepAlive.values.append(results)
            if !result.existingUnsnapped.isEmpty {
                console.info("\(result.existingUnsnapped.count) existing post(s) farther than \(maxSnapM) m from the network: \(result.existingUnsnapped.prefix(10).joined(separator: ", "))")
            }
            let p = result.placement
            console.info("wrote \(out.output): \(p.selected.count) new \(siteType)s; within \(JSONText.number(minutes)) min: \(String(format: "%.1f", result.coveredFractionBefore * 100)) % → \(String(format: "%.1f", result.coveredFractionAfter * 100)) % of the demand; objective \(String(format: "%.1f", p.objective)), bound \(String(format: "%.1f", p.sense == .maximize ? p.upperBound : p.lowerBound)), gap \(String(format: "%.2f", p.gap * 100)) %\(p.provenOptimal ? " (optimal)" : "")")
        }
    }
}
