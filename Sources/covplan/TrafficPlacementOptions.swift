import ArgumentParser
import CityIngest
import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Reports
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
    var tripCount = 2_000

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
    /// The ANPR / Sergek branch of `place cameras` (objective other than `street`).
    func runTraffic(_ objective: TrafficObjective) throws {
        let console = Console(common)
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
        request.occlusion = !noOcclusion
        request.options = solver.placementOptions
        if let costs { request.costs = try CameraCostTable.load(path: costs) }
        if let cameraDefaults { request.cameraDefaults = try CameraDefaults.load(path: cameraDefaults) }
        if objective == .entries, traffic.entries == nil {
            throw CovplanError(.usage, "--objective anpr-entries needs --entries SOURCE (points where roads enter the city)")
        }
        if objective == .flow {
            try InputLimits.check(traffic.tripCount, max: 1_000_000, "--trip-count", why: "each trip is routed")
            guard traffic.tripCount > 0 else { throw CovplanError(.usage, "--trip-count \(traffic.tripCount): give 1 or more trips") }
        }
        _ = try request.candidateTypes()
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
        let loaded = try console.readCity("load", try cityOptions.readOptions(kinds: kinds))
        request.existing = existing == "none" ? [] : loaded.cameras
        if traffic.entries == "auto", !FileManager.default.fileExists(atPath: "auto") {
            // Street ends of the traffic network at the edge of the city extract (CityEntries).
            let net = try TrafficNetwork(city: loaded, classes: request.classes)
            let nodes = try CityEntries.find(graph: net.graph).nodes
            request.entries = nodes.map { (id: "entry/n\($0)", point: net.graph.node(Int($0))) }
            request.entriesSource = "auto"
            console.info("entries: \(nodes.count) street ends at the edge of the city (auto)")
        } else if let entries = traffic.entries {
            let pts = try console.phase("load entries") { try PointSource.load(entries, city: loaded, cityOptions: city, role: "entries") }
            request.entries = zip(pts.ids, pts.points).map { (id: $0, point: $1) }
            request.entriesSource = entries
        }
        if let junctions = traffic.junctions {
            let pts = try console.phase("load junctions") { try PointSource.load(junctions, city: loaded, cityOptions: city, role: "junctions") }
            request.junctionPoints = zip(pts.ids, pts.points).map { (id: $0, point: $1) }
            request.junctionsSource = junctions
        }
        if objective == .flow {
            request.trips = try console.phase("trips") {
                let net = try TrafficNetwork(city: loaded, classes: request.classes)
                return try TripEnds.draw(graph: net.graph, buildings: loaded.buildings, count: traffic.tripCount, seed: solver.seed)
            }
        }
        let result = try console.phase("place") { try TrafficPlacement.run(city: loaded, request: request) }
        let summary = finishSummary(loaded)(TrafficPlacementReport.summaryJSON(result, request: request, crs: loaded.crs))
        try console.phase("write") {
            try TrafficPlacementReport.write(result, request: request, city: loaded, to: out.output, overwrite: out.overwrite, summary: summary)
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
