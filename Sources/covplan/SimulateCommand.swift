import CityIngest
import ArgumentParser
import CityModel
import Coverage
import Foundation
import GeoCore
import Reports
import Scenario
import Simulation
import StreetGraph

/// How units behave after clearing a scene (CLI names).
enum AfterServiceChoice: String, ExpressibleByArgument, CaseIterable {
    case returnHome = "return-home"
    case returnHomeAvailable = "return-home-available"
    case stayAtScene = "stay-at-scene"

    var value: AfterService {
        switch self {
        case .returnHome: .returnHome
        case .returnHomeAvailable: .returnHomeAvailable
        case .stayAtScene: .stayAtScene
        }
    }
}

/// Hour-of-week incident profiles (CLI names).
enum ProfileChoice: String, ExpressibleByArgument, CaseIterable {
    case typical, flat

    var value: DemandProfile { self == .flat ? .flat : .typicalUrbanPolice }
}

/// `covplan simulate CITY --units SOURCE ... -o DIR`.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Dispatch simulation on the street network: incidents, nearest available unit, queues, response times, workloads; camera–vehicle (Korgau) intercepts.",
        discussion: """
        Residents (building floor area, or --total-population) are attached to the nearest street \
        of the main network and grouped into demand atoms (--atom-spacing-m grid cells, split by \
        precinct); incidents happen at an atom's street node. Incidents are generated (Poisson, \
        --incidents-per-day with an hour-of-week profile; types: school panic alarm (priority 1, \
        at schools), citizen 102 call (2), traffic incident (3)) or read from --incidents (real \
        calls: a point layer with a time field of seconds or ISO 8601 date-times, optional type \
        and on_scene_s / on_scene_min). Each incident gets the nearest available unit by travel \
        time; when all are busy it waits (priority, then call time); units drive, serve, return.

        Cameras: --cameras city (or a camera point layer) computes which street stretches the \
        cameras see, with occlusion by buildings, as covplan coverage does; --covered instead reads \
        them from a coverage.geojson (fields street_id, from_m, to_m), --cordon-covered those of \
        city-entry cameras. City entries are street ends of the main network within 60 m of the \
        network's bounding box (roads cut at the city limit); cordon cameras are cameras within \
        150 m of one. \
        Vehicle trips (population-weighted ends, some entering the city) are routed on shortest \
        paths; a trip is detected when it enters a covered stretch; for dangerous drivers the \
        nearest available unit (busy with its simulated utilisation) must reach a node of the \
        remaining route before the vehicle.

        Writes DIR/summary.json (incidents, response_time_s {mean, p50, p90, max}, \
        within_target_fraction, unit_utilization, queue, units, types, precincts with incidents \
        per 10,000 residents, network; with cameras trips, trips_detected_fraction, \
        intercept_fraction, korgau), DIR/incidents.geojson (one point per incident: time_s, \
        type, unit, wait_s, travel_s, response_s, ...), DIR/units.csv and DIR/atoms.geojson.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var model: NetworkModelOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    @Option(help: "Simulated days (default 30; with --incidents: the days covering the last call). At most 3,660 (ten years), and days × incidents per day at most 10,000,000 (≈ 400 bytes per incident: about 4 GiB).")
    var days: Double?

    @Option(name: .customLong("incidents-per-day"), help: "Mean generated incidents per day (at most 1,000,000; see --days for the total).")
    var incidentsPerDay = SimulationOptions.defaultIncidentsPerDay

    @Option(name: .customLong("incidents"), help: "Real calls for service (points with a time field) instead of generated incidents.")
    var incidents: String?

    @Option(name: .customLong("incidents-layer"), help: "Layer of the incidents source.")
    var incidentsLayer: String?

    @Option(name: .customLong("time-field"), help: "Time field of the incidents (default: time, datetime, call_time, timestamp, time_s).")
    var timeField: String?

    @Option(name: .customLong("type-field"), help: "Incident type field (default: type, incident_type, category if present).")
    var typeField: String?

    @Option(name: .customLong("target-minutes"), help: "Response-time target for every incident type, minutes (default: 5 / 10 / 15 by priority; at most 1,440).")
    var targetMinutes: Double?

    @Option(name: .customLong("after-service"), help: "What units do after a scene: return-home, return-home-available, stay-at-scene.")
    var afterService: AfterServiceChoice = .returnHome

    @Option(name: .customLong("warmup-days"), help: "Days simulated before counting starts.")
    var warmupDays = 0.0

    @Option(help: "Hour-of-week profile of generated incidents: typical (evening peak, Friday/Saturday +10%) or flat.")
    var profile: ProfileChoice = .typical

    @Option(name: .customLong("cameras"), help: ArgumentHelp("Cameras for the camera–vehicle analysis: city (the cameras mapped in CITY) or a point layer (fields as for covplan coverage); coverage is computed with occlusion by buildings.", valueName: "source"))
    var cameras: String?

    @Option(name: .customLong("covered"), help: "Instead of --cameras: street stretches seen by cameras, a line layer with street_id, from_m, to_m (coverage.geojson of covplan coverage).")
    var covered: String?

    @Option(name: .customLong("cordon-covered"), help: "Street stretches seen by city-entry (cordon) cameras, same fields.")
    var cordonCovered: String?

    @Option(help: "Vehicle trips for the camera–vehicle analysis.")
    var trips = 2_000

    @Option(name: .customLong("dangerous-share"), help: "Share of trips by dangerous drivers (alert on detection).")
    var dangerousShare = TripSettings().dangerousShare

    @Option(name: .customLong("entry-share"), help: "Share of trips entering the city through an entry.")
    var entryShare = TripSettings().entryShare

    @Option(name: .customLong("alert-delay-s"), help: "Camera detection to officer's tablet, seconds.")
    var alertDelaySeconds = KorgauSettings().alertDelaySeconds

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("no-incidents-layer"), help: "Do not write incidents.geojson (large runs).")
    var noIncidentsLayer = false

    @Flag(name: .customLong("incidents-csv"), help: "Also write DIR/incidents.csv (the incident attributes without geometry).")
    var incidentsCSV = false

    /// `covplan simulate SCENARIO -o DIR`: the scenario's `simulation` section with every
    /// analysis it rests on (posts and proposed posts, precincts, camera coverage), exactly as
    /// `covplan run` computes it, written as this command's folder. Settings come from the
    /// scenario; simulation flags given beside it are refused rather than ignored.
    func runScenario(_ console: Console) throws {
        let given: [(String, Bool)] = [
            ("--units", model.units != nil), ("--days", days != nil), ("--incidents", incidents != nil),
            ("--target-minutes", targetMinutes != nil), ("--cameras", cameras != nil), ("--covered", covered != nil),
            ("--precincts", model.precincts != nil), ("--incidents-per-day", incidentsPerDay != SimulationOptions.defaultIncidentsPerDay),
            ("--seed", seed != 1),
        ]
        if let flag = given.first(where: \.1)?.0 {
            throw CovplanError(.usage, file: city.source, "\(flag) cannot be combined with a scenario: set it in the scenario's 'simulation' section (or 'seed')")
        }
        let doc = try console.phase("scenario") { try ScenarioDocument.load(city.source) }
        AtomicOutput.protectInputs(doc.referencedPaths)
        guard doc.root.at("simulation") != nil else {
            throw CovplanError(.usage, file: city.source, "the scenario has no 'simulation' section to run")
        }
        try out.prepare(format: layerFormat.format)
        let loaded = try console.readCity("load", doc.cityReadOptions())
        let read = try console.phase("inputs") { try ScenarioInputs.read(doc, city: loaded, log: console.info) }
        let results = try console.phase("analyses") { try ScenarioRunner.run(doc, inputs: read, log: console.info) }
        guard let outcome = results.simulation else { throw CovplanError(.software, "the scenario's simulation did not run") }
        let modes = results.simulationGraphModes
        let inputs: [(String, JSONValue)] = [("scenario", .string(city.source)), ("seed", .string(String(doc.seed)))]
        try console.phase("write") {
            try SimulationReport.write(outcome, crs: loaded.crs, graphModes: modes, inputs: inputs, to: out.output,
                                       overwrite: out.overwrite, incidentsLayer: !noIncidentsLayer, incidentsCSV: incidentsCSV,
                                       finish: finishSummary(loaded))
        }
        try out.printSummary(finishSummary(loaded)(SimulationReport.summary(outcome, graphModes: modes, inputs: inputs)))
        console.info("scenario '\(doc.name)': \(outcome.dispatch.incidents) incidents over \(Int(outcome.countedDays)) days → \(out.output)")
    }

    func options(calls: [CallRecord]?, hotSpots: HotSpots?) throws -> SimulationOptions {
        SimulationOptions(
            seed: seed, days: days, incidentsPerDay: incidentsPerDay, calls: calls, profile: profile.value,
            targetMinutes: targetMinutes, afterService: afterService.value, warmupDays: warmupDays,
            population: try model.population, hotSpots: hotSpots, network: model.network,
            korgau: KorgauOptions(trips: TripSettings(trips: trips, dangerousShare: dangerousShare, entryShare: entryShare),
                                  alertDelaySeconds: alertDelaySeconds))
    }

    /// The plan these flags state: the `city`, `population`, `precincts` (polygons only) and
    /// `simulation` sections of a scenario, with `cameras` when `--cameras` asks for the
    /// camera–vehicle check on computed coverage.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        let layer = { (path: String?, name: String?, extra: [(String, PlanValue?)]) -> PlanValue? in
            path.map { .map([("source", .path($0)), ("layer", name.map(PlanValue.text))] + extra) }
        }
        let korgau: [(String, PlanValue?)] = [
            ("covered", layer(covered, nil, [])), ("cordon_covered", layer(cordonCovered, nil, [])),
            ("trips", .number(Double(trips))), ("dangerous_share", .number(dangerousShare)),
            ("entry_share", .number(entryShare)), ("alert_delay_s", .number(alertDelaySeconds)),
        ]
        let simulation: [(String, PlanValue?)] = [
            ("days", days.map(PlanValue.number)), ("incidents_per_day", .number(incidentsPerDay)),
            ("calls", layer(incidents, incidentsLayer, [("time_field", timeField.map(PlanValue.text)), ("type_field", typeField.map(PlanValue.text))])),
            ("target_minutes", targetMinutes.map(PlanValue.number)),
            ("after_service", .text(afterService.value.settingName)), ("warmup_days", .number(warmupDays)),
            ("profile", .text(profile.rawValue)),
        ] + (try model.planEntries(graph: graph)) + [("korgau", .map(korgau))]
        return try ScenarioDocument.plan([
            ("name", .text("simulate")),
            ("seed", try .seed(seed)),
            ("city", .city(readOptions)),
            ("population", .map(try model.populationEntries)),
            ("precincts", model.precinctsSection),
            ("cameras", cameras == nil ? nil : .map([("include_mapped", .bool(true))])),
            ("simulation", .map(simulation)),
        ], origin: "covplan simulate")
    }

    /// Whether the positional argument is a scenario file rather than a city.
    var isScenario: Bool { ScenarioDocument.isScenarioPath(city.source) }

    func run() throws {
        try runCommand {
            let console = Console(common)
            if isScenario { return try runScenario(console) }
            try out.prepare(format: layerFormat.format)
            try model.check()
            try options(calls: nil, hotSpots: nil).validate()
            if cordonCovered != nil, covered == nil { throw CovplanError(.usage, "--cordon-covered needs --covered") }
            if cameras != nil, covered != nil { throw CovplanError(.usage, "give either --cameras or --covered, not both") }
            var cityOptions = city
            if let cameras, cameras != "city" {
                guard city.camerasFrom == nil else { throw CovplanError(.usage, "give either --cameras or --cameras-from, not both") }
                cityOptions.camerasFrom = cameras
            }
            let readOptions = try cityOptions.readOptions(kinds: [.streets, .buildings, .schools, .police, .cameras])
            let needs = RunNeeds(viewsheds: false, geometries: false, allGaps: false, isochroneBufferMeters: nil,
                                 coverage: cameras != nil, reach: false, load: false)
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions), city: readOptions, console: console,
                                                          needs: needs, analysis: "simulate")
            guard let outcome = results.simulation else { throw CovplanError(.software, "the plan's simulation did not run") }
            if let g = results.simulationGraph { console.info(GraphOptions.describe(g)) }
            if cameras != nil, loaded.cameras.isEmpty {
                throw CovplanError(.dataError, layer: "cameras", "no cameras: the camera–vehicle analysis needs cameras (mapped in the city or --cameras FILE)")
            }
            if let k = outcome.korgau, cameras != nil {
                console.info("\(k.cameras) cameras, \(k.cordonCameras) of them within \(Int(CameraStreetCoverage.cordonRadiusMeters)) m of a city entry (cordon)")
            }
            if common.timings { for t in outcome.timings { Console.stderr("timing:   simulate/\(t.phase) \(String(format: "%.3f", t.seconds)) s") } }
            let modes = results.simulationGraphModes
            var inputs = model.inputs(city: loaded.ingest.primarySource ?? city.source)
            inputs += [("mode", .string(modes[0])), ("days", .num(days)), ("incidents_per_day", .number(incidentsPerDay)),
                       ("incidents", .str(incidents)), ("target_minutes", .num(targetMinutes)),
                       ("after_service", .string(afterService.rawValue)), ("warmup_days", .number(warmupDays)),
                       ("profile", .string(profile.rawValue)), ("cameras", .str(cameras)), ("covered", .str(covered)),
                       ("cordon_covered", .str(cordonCovered)),
                       ("trips", .number(Double(trips))), ("seed", .string(String(seed)))]
            if let origin = results.simulationCallTimeOrigin { inputs.append(("incident_time_origin", .string(origin))) }
            try console.phase("write") {
                try SimulationReport.write(outcome, crs: loaded.crs, graphModes: modes, inputs: inputs, to: out.output,
                                           overwrite: out.overwrite, incidentsLayer: !noIncidentsLayer, incidentsCSV: incidentsCSV,
                                           finish: finishSummary(loaded))
            }
            try out.printSummary(finishSummary(loaded)(SimulationReport.summary(outcome, graphModes: modes, inputs: inputs)))
            let d = outcome.dispatch
            var line = String(format: "%d incidents over %.1f days, %d units: response mean %.0f s, p50 %.0f s, p90 %.0f s, within target %.1f%%, utilisation %.1f%%",
                              d.incidents, outcome.countedDays, d.units.count, d.response.meanSeconds, d.response.p50Seconds,
                              d.response.p90Seconds, d.response.withinTargetFraction * 100, d.meanUtilization * 100)
            if let k = outcome.korgau?.result {
                line += String(format: "; %d trips, %.1f%% detected, %.1f%% of detected dangerous drivers interceptable",
                               k.trips, k.detectedFraction * 100, k.interceptFraction * 100)
            }
            for n in outcome.notes { console.info("note: \(n)") }
            console.info(line + " → \(out.output)")
        }
    }
}

