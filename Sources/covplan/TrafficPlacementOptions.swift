import ArgumentParser
import CityIngest
import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Reports
import Scenario
import Simulation
import StreetGraph

/// What `place cameras` optimises: street metres seen (carpet coverage, the default) or one of the
/// ANPR / Sergek traffic objectives.
enum CameraObjective: String, ExpressibleByArgument, CaseIterable {
    case street
    case anprEntries = "anpr-entries"
    case anprJunctions = "anpr-junctions"
    case anprSpeed = "anpr-speed"
    case anprFlow = "anpr-flow"

    var traffic: TrafficObjective? { TrafficObjective(rawValue: rawValue) }
}

/// Options of the ANPR / Sergek objectives of `place cameras`.
struct TrafficPlacementOptions: ParsableArguments {
    @Option(help: "street (most street metres seen, default), anpr-entries (read every city entry both ways), anpr-junctions (every junction approach), anpr-speed (straight stretches both ways) or anpr-flow (largest share of vehicle trips passing a camera).")
    var objective: CameraObjective = .street

    @Option(help: "anpr-entries: the city entries, a point layer (one point per road entering the city), or auto (traffic-street ends at the edge of the city extract).")
    var entries: String?

    @Option(help: "anpr-junctions: only these intersections, a point layer (each point picks the nearest junction within 150 m). Default: every junction.")
    var junctions: String?

    @Option(name: .customLong("trip-count"), help: "anpr-flow: number of vehicle trips drawn by the simulation's trip generator (origins and destinations by residents, 20 % through city entries; at most 1,000,000).")
    var tripCount = TrafficPlacementRequest.defaultTripCount

    @Option(name: .customLong("approach-m"), help: "anpr-junctions: length of a junction approach, metres.")
    var approachM = TrafficPlacementRequest.defaultApproachMeters

    @Option(name: .customLong("straight-m"), help: "anpr-speed: shortest straight stretch for a speed point, metres.")
    var straightM = TrafficPlacementRequest.defaultStraightMeters

    @Option(name: .customLong("entry-window-m"), help: "anpr-entries: the entry stretch reaches this far either side of the entry point, metres.")
    var entryWindowM = TrafficPlacementRequest.defaultEntryWindowMeters

    @Option(name: .customLong("heading-tolerance-deg"), help: "A camera reads a direction of travel when its heading is within this many degrees of facing the oncoming vehicles.")
    var headingToleranceDeg = DirectedReadingRule().headingToleranceDeg

    @Option(name: .customLong("read-level"), help: "DORI level at which plates count as read (identify by default).")
    var readLevel = "identify"

    @Option(name: .customLong("anpr-spacing-m"), help: "ANPR candidate sites every this many metres along the traffic streets (besides their nodes).")
    var anprSpacingM = TrafficPlacementRequest.defaultSpacingMeters
}

extension PlaceCameras {
    /// The plan the ANPR flags state: the `city`, `cameras` and `placement.cameras` sections
    /// with `objective: anpr_*` and its keys.
    func trafficPlan(city readOptions: CityReadOptions, objective: TrafficObjective) throws -> ScenarioDocument {
        try solver.checkPlanSeed()
        let setting = objective.rawValue.replacingOccurrences(of: "-", with: "_")
        let entries: PlanValue? = traffic.entries.map { $0 == "auto" && !FileManager.default.fileExists(atPath: "auto")
            ? .text("auto") : .map([("source", .path($0))]) }
        let typeList = types.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return try ScenarioDocument.plan([
            ("name", .text("place cameras")),
            ("seed", try .seed(solver.seed)),
            ("city", .city(readOptions)),
            ("cameras", .map([
                ("include_mapped", existing == "none" ? .bool(false) : nil),
                ("defaults_file", cameraDefaults.map(PlanValue.path)),
                ("occlusion", .bool(!noOcclusion)),
            ])),
            ("placement", .map([("cameras", .map([
                ("objective", .text(setting)),
                ("count", count.map { .number(Double($0)) }),
                ("budget_tenge", budgetTenge.map(PlanValue.number)),
                ("target_fraction", targetFraction.map(PlanValue.number)),
                ("minimize", count == nil && budgetTenge == nil ? .text(minimize.rawValue) : nil),
                ("types", typeList.map { .list($0.map(PlanValue.text)) }),
                ("costs_file", costs.map(PlanValue.path)),
                ("entries", objective == .entries ? entries : nil),
                ("junctions", traffic.junctions.map { .map([("source", .path($0))]) }),
                ("trip_count", objective == .flow ? .number(Double(traffic.tripCount)) : nil),
                ("approach_m", .number(traffic.approachM)),
                ("straight_m", .number(traffic.straightM)),
                ("entry_window_m", .number(traffic.entryWindowM)),
                ("heading_tolerance_deg", .number(traffic.headingToleranceDeg)),
                ("read_level", .text(traffic.readLevel)),
                ("anpr_spacing_m", .number(traffic.anprSpacingM)),
            ]))])),
        ], origin: "covplan place cameras")
    }

    /// The ANPR / Sergek branch of `place cameras` (objective other than `street`): the flags'
    /// own checks, then the plan run by the scenario runner, then the analysis folder.
    func runTraffic(_ objective: TrafficObjective) throws {
        let console = Console(common)
        // The flags' own checks first (their messages name the flags).
        let goal: CameraPlacementGoal = [count != nil, budgetTenge != nil, targetFraction != nil].contains(true)
            ? try self.goal() : .coveredFraction(1, minimize: minimize)
        guard let level = DoriLevel(name: traffic.readLevel) else {
            throw CovplanError(.usage, "--read-level '\(traffic.readLevel)': expected detect, observe, recognize or identify")
        }
        var request = TrafficPlacementRequest(objective: objective, goal: goal)
        if let types { request.types = types.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        request.rule = DirectedReadingRule(level: level, headingToleranceDeg: traffic.headingToleranceDeg)
        request.spacingMeters = traffic.anprSpacingM
        request.approachMeters = traffic.approachM
        request.straightMeters = traffic.straightM
        request.entryWindowMeters = traffic.entryWindowM
        if objective == .entries, traffic.entries == nil {
            throw CovplanError(.usage, "--objective anpr-entries needs --entries SOURCE (points where roads enter the city)")
        }
        if objective == .flow {
            try InputLimits.check(traffic.tripCount, max: 1_000_000, "--trip-count", why: "each trip is routed")
            guard traffic.tripCount > 0 else { throw CovplanError(.usage, "--trip-count \(traffic.tripCount): give 1 or more trips") }
        }
        // Types of a --camera-defaults file and costs of a --costs file are known when the plan reads them.
        if cameraDefaults == nil, costs == nil { _ = try request.candidateTypes() }
        try out.prepare(format: layerFormat.format)
        var kinds: Set<CityLayerKind> = [.streets, .buildings, .cameras]
        var cityOptions = city
        if let existing {
            if existing == "none" {
                kinds.remove(.cameras)
            } else {
                guard city.camerasFrom == nil else { throw CovplanError(.usage, "give either --existing or --cameras-from, not both") }
                cityOptions.camerasFrom = existing
            }
        }
        let readOptions = try cityOptions.readOptions(kinds: kinds)
        let (loaded, results) = try PlanExecution.run(try trafficPlan(city: readOptions, objective: objective), city: readOptions,
                                                      console: console, needs: RunNeeds(coverage: false, reach: false), analysis: "place")
        guard let result = results.anprPlacement, let planned = results.anprPlacementRequest else {
            throw CovplanError(.software, "the plan's ANPR camera placement did not run")
        }
        if planned.entriesSource == "auto" {
            console.info("entries: \(planned.entries.count) street ends at the edge of the city (auto)")
        }
        let summary = finishSummary(loaded)(TrafficPlacementReport.summaryJSON(result, request: planned, crs: loaded.crs))
        try console.phase("write") {
            try TrafficPlacementReport.write(result, request: planned, city: loaded, to: out.output, overwrite: out.overwrite, summary: summary)
        }
        try out.printSummary(summary)
        KeepAlive.values.append(loaded)
        KeepAlive.values.append(result)
        let p = result.placement
        let g = result.completeGroups
        let total = result.totalWeight
        let proof = p.sense == .minimize
            ? "lower bound: at least \(String(format: "%.0f", (p.bound + 1e-9).rounded(.down))) \(p.problem == .setCoveringCost ? "tenge" : "cameras")"
            : "upper bound \(String(format: "%.1f", p.bound)) targets"
        console.info("wrote \(out.output): \(result.proposed.count) new ANPR cameras, cost \(Int64(result.costTenge.rounded())) tenge; \(objective.rawValue): \(String(format: "%.1f", result.weightAfter)) of \(String(format: "%.1f", total)) read (\(String(format: "%.1f", total > 0 ? 100 * result.weightAfter / total : 0)) %, before \(String(format: "%.1f", result.weightBefore))), \(g.complete) of \(g.total) complete; \(proof), gap \(String(format: "%.2f", p.gap * 100)) %\(p.provenOptimal ? " (optimal)" : "")")
    }
}
