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

/// `covplan place ...`: where the next cameras, posts and SOS terminals go.
struct Place: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimal placement of new cameras, posts and SOS terminals, with a proven bound.",
        subcommands: [PlaceCameras.self, PlacePosts.self])
}

extension SetCoveringObjective: ExpressibleByArgument {}
extension TargetBasis: ExpressibleByArgument {}

/// Options of the placement solvers shared by `place cameras` and `place posts`.
struct SolverOptions: ParsableArguments {
    @Option(help: "Seed of the solver's random choices (same seed, same plan).")
    var seed: UInt64 = 1

    @Option(name: .customLong("export-instance"), help: "Also write the coverage instance as JSON (demand, candidates with cost and covers, fixed, count, budget) for an external solver.")
    var exportInstance: String?

    /// A plan states the seed as a scenario does: a whole number kept exactly up to 2^53.
    func checkPlanSeed() throws {
        guard seed <= 1 << 53 else {
            throw CovplanError(.usage, "--seed \(seed) is over 2^53 = 9007199254740992 (a scenario's seed is kept exactly up to there)")
        }
    }

    var placementOptions: PlacementOptions {
        var o = PlacementOptions()
        o.seed = seed
        return o
    }
}

/// `covplan place cameras CITY --count N | --budget-tenge X | --target-fraction F -o DIR`.
struct PlaceCameras: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cameras",
        abstract: "Where the next cameras go: the most street metres newly seen, with occlusion by buildings.",
        discussion: """
        Candidates are camera poses (site x heading x type): sites at street junctions (headings \
        along every street arm and, unless --no-corner-headings, corner views between arms) and \
        every --spacing-m metres along streets (both street directions); all-round types get one \
        pose per site. Each pose's coverage is the exact set of street metres it sees, with \
        buildings blocking the view. Demand is every street piece no existing camera sees, \
        weighted by length x road-class weight (x --school-weight near schools, x incident \
        density with --incidents). Existing cameras (those mapped in CITY, --existing SOURCE, or \
        --existing none) are kept and their coverage counted as already there.

        Goal: --count N new cameras, --budget-tenge X with per-type unit costs (--costs FILE, JSON \
        {"fixed": 650000, ...}), or --target-fraction F (fewest cameras, or cheapest with \
        --minimize cost, bringing the covered share of street length to F).

        Writes DIR/summary.json (objective, upper_bound, gap, selected, covered_fraction_before, \
        covered_fraction_after, cost_tenge, tenge_per_km_newly_covered, ...), DIR/proposed.geojson \
        (each new camera with heading, type, marginal gain and cost; readable as a camera layer by \
        covplan coverage --cameras), DIR/proposed.csv (the same, ranked, with lon/lat), \
        DIR/newly_covered.geojson (the street stretches newly seen) and DIR/viewsheds.geojson \
        (each new camera's visibility polygon). \
        The objective is weighted street metres newly seen; the upper bound is proven (Lagrangian \
        relaxation / submodular bound), so gap says how far from optimal the plan can be at most. \
        --target-fraction F is a share of plain street length (weights play no part unless \
        --target-basis weighted); its lower_bound is a proven lower bound on the cameras (or tenge \
        with --minimize cost) any plan reaching F needs. No plan keeps a camera where a cheaper \
        candidate gives the same covered weight. --objective anpr-* places ANPR / Sergek cameras \
        on the traffic network by direction of travel (see the ANPR options).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption
    @OptionGroup var solver: SolverOptions
    @OptionGroup(title: "ANPR / Sergek objectives") var traffic: TrafficPlacementOptions

    @Option(help: "Number of new cameras (at most 100,000).")
    var count: Int?

    @Option(name: .customLong("budget-tenge"), help: "Budget for new cameras in tenge (unit costs per type).")
    var budgetTenge: Double?

    @Option(name: .customLong("target-fraction"), help: "Covered share of street length to reach (0-1), with the fewest cameras (road-class and other weights play no part unless --target-basis weighted).")
    var targetFraction: Double?

    @Option(name: .customLong("target-basis"), help: "With --target-fraction: length (share of plain street metres, default) or weighted (share of the road-class/school/incident-weighted street metres).")
    var targetBasis: TargetBasis = .length

    @Option(help: "With --target-fraction: minimise the camera count or the cost.")
    var minimize: SetCoveringObjective = .count

    @Option(help: "Camera types offered, comma-separated (types of the camera defaults: fixed, public, school, dome, panning, traffic, anpr). Default fixed,dome; anpr for the ANPR objectives.")
    var types: String?

    @Option(help: "JSON file of unit costs in tenge per camera type (laid over the built-in table).")
    var costs: String?

    @Option(name: .customLong("camera-defaults"), help: "JSON file with per-type camera defaults (field of view, range).")
    var cameraDefaults: String?

    @Option(help: "Existing cameras: a point layer, or none. Default: the cameras mapped in CITY.")
    var existing: String?

    @Option(name: .customLong("spacing-m"), help: "Distance between candidate sites along streets, metres (street length ÷ spacing at most 2,000,000 sites: memory).")
    var spacingM = CameraPlacementRequest.defaultSpacingMeters

    @Flag(name: .customLong("no-junctions"), help: "No candidate sites at junctions.")
    var noJunctions = false

    @Flag(name: .customLong("no-corner-headings"), help: "At junctions, aim only along the street arms.")
    var noCornerHeadings = false

    @Flag(name: .customLong("no-occlusion"), help: "Ignore buildings: every camera sees its whole sector.")
    var noOcclusion = false

    @Flag(name: .customLong("uniform-weights"), help: "Every street metre counts the same (no road-class weights).")
    var uniformWeights = false

    @Option(name: .customLong("classes"), help: "Only streets of these OSM highway classes are demand, comma-separated (e.g. primary,secondary).")
    var classes: String?

    @Option(name: .customLong("school-weight"), help: "Weight factor of street metres near schools (1 = none).")
    var schoolWeight = StreetDemandWeighting().schoolFactor

    @Option(name: .customLong("school-radius-m"), help: "Radius around schools for --school-weight, metres.")
    var schoolRadiusM = StreetDemandWeighting().schoolRadiusMeters

    @Option(help: "Incident points (a point layer) whose density raises the weight of nearby streets.")
    var incidents: String?

    @Option(name: .customLong("incident-radius-m"), help: "Radius of the incident count, metres.")
    var incidentRadiusM = StreetDemandWeighting().incidentRadiusMeters

    @Option(name: .customLong("incident-weight"), help: "Weight of the relative incident density.")
    var incidentWeight = StreetDemandWeighting().incidentWeight

    func goal() throws -> CameraPlacementGoal {
        let given = [count != nil, budgetTenge != nil, targetFraction != nil].filter { $0 }.count
        guard given == 1 else {
            throw CovplanError(.usage, "give exactly one of --count N, --budget-tenge X or --target-fraction F")
        }
        if let count {
            guard count > 0 else { throw CovplanError(.usage, "--count \(count): give the number of new cameras (1 or more)") }
            return .count(count)
        }
        if let budgetTenge {
            guard budgetTenge.isFinite, budgetTenge > 0 else {
                throw CovplanError(.usage, "--budget-tenge \(budgetTenge): give a positive amount of tenge")
            }
            return .budgetTenge(budgetTenge)
        }
        return .coveredFraction(targetFraction!, minimize: minimize)
    }

    /// The plan these flags state: the `city`, `cameras` and `placement.cameras` sections.
    func plan(city readOptions: CityReadOptions, types typeList: [String]) throws -> ScenarioDocument {
        try solver.checkPlanSeed()
        let classList = classes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return try ScenarioDocument.plan([
            ("name", .text("place cameras")),
            ("seed", .number(Double(solver.seed))),
            ("city", .city(readOptions)),
            ("cameras", .map([
                ("include_mapped", existing == "none" ? .bool(false) : nil),
                ("defaults_file", cameraDefaults.map(PlanValue.path)),
                ("occlusion", .bool(!noOcclusion)),
            ])),
            ("placement", .map([("cameras", .map([
                ("count", count.map { .number(Double($0)) }),
                ("budget_tenge", budgetTenge.map(PlanValue.number)),
                ("target_fraction", targetFraction.map(PlanValue.number)),
                ("target_basis", targetFraction == nil ? nil : .text(targetBasis.rawValue)),
                ("minimize", targetFraction == nil ? nil : .text(minimize.rawValue)),
                ("types", .list(typeList.map(PlanValue.text))),
                ("costs_file", costs.map(PlanValue.path)),
                ("spacing_m", .number(spacingM)),
                ("junction_sites", .bool(!noJunctions)),
                ("corner_headings", .bool(!noCornerHeadings)),
                ("uniform_weights", uniformWeights ? .bool(true) : nil),
                ("demand_classes", classList.map { .list($0.map(PlanValue.text)) }),
                ("school_weight", .number(schoolWeight)),
                ("school_weight_radius_m", .number(schoolRadiusM)),
                ("incidents", incidents.map { .map([("source", .path($0))]) }),
                ("incident_radius_m", .number(incidentRadiusM)),
                ("incident_weight", .number(incidentWeight)),
            ]))])),
        ], origin: "covplan place cameras")
    }

    func run() throws {
        try runCommand {
            if let t = traffic.objective.traffic { return try runTraffic(t) }
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            // The flags' own checks first (their messages name the flags).
            var request = CameraPlacementRequest(goal: try goal())
            request.targetBasis = targetBasis
            request.types = (types ?? CameraPlacementRequest.defaultTypes.joined(separator: ",")).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            request.spacingMeters = spacingM
            request.weighting.schoolFactor = schoolWeight
            request.weighting.schoolRadiusMeters = schoolRadiusM
            request.weighting.incidentRadiusMeters = incidentRadiusM
            request.weighting.incidentWeight = incidentWeight
            try request.validate()
            // Types of a --camera-defaults file and costs of a --costs file are known when the plan reads them.
            if cameraDefaults == nil, costs == nil { _ = try request.candidateTypes() }
            if let path = solver.exportInstance { try AtomicOutput.checkTarget(path, overwrite: out.overwrite, kind: .file) }
            var cityOptions = city
            var kinds: Set<CityLayerKind> = [.streets, .buildings, .schools, .cameras]
            if let existing {
                if existing == "none" {
                    kinds.remove(.cameras)
                } else {
                    guard city.camerasFrom == nil else {
                        throw CovplanError(.usage, "give either --existing or --cameras-from, not both")
                    }
                    cityOptions.camerasFrom = existing
                }
            }
            let readOptions = try cityOptions.readOptions(kinds: kinds)
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions, types: request.types), city: readOptions, console: console,
                                                          needs: RunNeeds(coverage: false, reach: false), analysis: "place")
            guard let result = results.cameraPlacement, let request = results.cameraPlacementRequest else {
                throw CovplanError(.software, "the plan's camera placement did not run")
            }
            let model = result.model
            if common.timings {
                for lap in model.timings { Console.stderr("timing:   build: \(lap.phase) \(String(format: "%.3f", lap.seconds)) s") }
                Console.stderr("timing:   solve \(String(format: "%.3f", result.solveSeconds)) s")
            }
            let summary = finishSummary(loaded)(CameraPlacementReport.summaryJSON(result, request: request, crs: loaded.crs))
            try console.phase("write") {
                try CameraPlacementReport.write(result, request: request, city: loaded, to: out.output, overwrite: out.overwrite,
                                                summary: summary)
                if let path = solver.exportInstance {
                    try PlacementInstanceExport.write(model.instance, to: path, overwrite: out.overwrite)
                }
            }
            try out.printSummary(summary)
            KeepAlive.values.append(loaded)
            KeepAlive.values.append(result)
            let p = result.placement
            let proof: String
            if p.sense == .minimize {
                // A coverage target: the bound is a lower bound on the cameras (or tenge) any plan
                // reaching the target needs.
                let unit = p.problem == .setCoveringCost ? "tenge" : "cameras"
                proof = "lower bound: any plan reaching the target needs at least \(String(format: "%.0f", (p.lowerBound + 1e-9).rounded(.down))) \(unit) (this plan: \(String(format: "%.0f", p.objective))), gap \(pct(p.gap))"
            } else {
                proof = "objective \(String(format: "%.1f", p.objective)), upper bound \(String(format: "%.1f", p.upperBound)), gap \(pct(p.gap))"
            }
            let weightedNote = result.weightedFractionAfter.map { "; weighted share \(pct($0))" } ?? ""
            console.info("wrote \(out.output): \(p.selected.count) new cameras see \(String(format: "%.2f", result.newlyCoveredMeters / 1000)) km more street (\(pct(result.coveredFractionBefore)) → \(pct(result.coveredFractionAfter)) of \(String(format: "%.1f", model.streetLengthMeters / 1000)) km\(weightedNote)), cost \(Int64(result.costTenge.rounded())) tenge; \(proof)\(p.provenOptimal ? " (optimal)" : "")")
        }
    }

    func pct(_ f: Double) -> String { String(format: "%.2f %%", f * 100) }
}

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
