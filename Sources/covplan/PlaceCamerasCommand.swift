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
