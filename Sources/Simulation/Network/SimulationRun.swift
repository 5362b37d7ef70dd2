import CityModel
import Dispatch
import GeoCore
import StreetGraph

/// The camera–vehicle part of a run.
public struct KorgauOutcome: Sendable {
    public var result: KorgauResult
    public var routed: RoutedTrips
    public var entries: CityEntries
    public var cameras: Int
    public var cordonCameras: Int
}

/// Everything one simulation run produces (plain values).
public struct SimulationOutcome: Sendable {
    /// Atoms, units and what was attached to the network.
    public var study: NetworkStudy
    /// The simulated incidents (generated or supplied), time-ordered.
    public var incidents: IncidentStream
    /// Where each incident (stream order) happened: the call's own location for supplied calls,
    /// the atom's node for generated ones (working CRS, metres).
    public var incidentLocations: [Point]
    /// Dispatch figures, with per-incident outcomes recorded.
    public var dispatch: DispatchResult
    /// Camera–vehicle figures, when coverage was given.
    public var korgau: KorgauOutcome?
    /// Simulated days (the study period) and counted days (after warm-up).
    public var days: Double
    public var countedDays: Double
    /// Incidents called before this time are simulated but not counted (warm-up), seconds.
    public var warmupSeconds: Double
    /// The seed the run used.
    public var seed: UInt64
    /// Generated (`generated`) or supplied (`calls`) incidents.
    public var incidentSource: String
    /// What t = 0 is.
    public var timeOrigin: String
    /// Travel-time rows computed beyond the units' homes (scene → next incident), per graph.
    public var extraTravelRows: [Int]
    public var notes: [String]
    /// Residents within the response target of the units' homes on the primary graph (no
    /// queueing: every unit free), computed by the same `ReachAnalysis` as `covplan reach` and
    /// `place posts`; nil without `targetMinutes` or for resident points not from buildings.
    public var residentsWithinTarget: ResidentsWithinTarget?
    /// Wall-clock seconds per phase (not part of any output file).
    public var timings: [(phase: String, seconds: Double)]
}

/// Residents within T minutes of a set of unit homes (the static response coverage).
public struct ResidentsWithinTarget: Sendable, Hashable {
    /// The threshold T, minutes.
    public var minutes: Double
    /// Residents whose building reaches a unit home within T (same figure as `covplan reach`).
    public var residents: Double
    /// All residents of the population model.
    public var residentsTotal: Double
    /// Units of the primary graph's mode that were counted.
    public var units: Int
}

/// The library entry point of `covplan simulate` and of the scenario runner's simulation:
/// a city on its street graph, units, optional precincts and camera coverage in; figures out.
public enum SimulationRun {
    /// Runs incidents → dispatch (→ camera–vehicle intercepts when `coverage` is given).
    ///
    /// 1. Residents (`options.population`), hot spots, schools and calls are attached to the
    ///    primary graph's main component and grouped into atoms (`NetworkStudy`); units are
    ///    snapped to the graph of their mode (an off-network unit is an error naming it).
    /// 2. Travel times: `GraphTravelTimes` per graph (two Dijkstra searches per unit home, more
    ///    rows only when asked; all rows up front unless units return home).
    /// 3. Incidents: `options.calls` as given, else generated (`IncidentGenerator`: Poisson in
    ///    time with the hour-of-week profile, in space by residents and hot spots).
    /// 4. `DispatchSimulator` (nearest available unit by travel time, priority queue, return home).
    /// 5. With `coverage`: city entries, `TripRouter` trips, the arc oracle, and `KorgauAnalysis`
    ///    with units busy at their simulated utilisation.
    ///
    /// - Parameters:
    ///   - graph: the primary graph (atoms; drive for patrol cars). `extraGraphs`: graphs of the
    ///     other unit modes (walk for foot patrols).
    ///   - precincts: per-precinct figures (incidents per 10,000 residents) when given.
    /// - Throws: `CovplanError` — `.usage` for impossible options, `.dataError` for zero units, a
    ///   unit or call off the network, calls without times, unknown call types, no residents.
    /// - Complexity: O(U (V + E) log V) for travel times, O(n (U + log U)) for n incidents, plus
    ///   the trips' searches. Deterministic for a seed.
    public static func run(city: City, graph: RoadGraph, extraGraphs: [RoadGraph] = [], units: [UnitSite],
                           precincts: PrecinctSet? = nil, coverage: StreetCoverage? = nil,
                           options: SimulationOptions = SimulationOptions()) throws -> SimulationOutcome {
        try options.validate()
        var clock = PhaseClock()
        let setup = try NetworkSetup(city: city, graph: graph, extraGraphs: extraGraphs, units: units, precincts: precincts,
                                     population: options.population, hotSpots: options.hotSpots,
                                     calls: options.calls ?? [], network: options.network, intercepts: coverage != nil,
                                     clock: &clock)
        let study = setup.study
        var notes = study.notes
        if options.afterService != .returnHome {
            for p in setup.providers { p.precomputeAllRows() }
            clock.lap("travel rows")
        }

        // Incidents.
        let (types, typeNote) = options.resolvedTypes(study)
        if let typeNote { notes.append(typeNote) }
        let stream: IncidentStream
        let source: String
        let origin: String
        let locations: [Point]
        if let calls = options.calls {
            stream = try callStream(calls, study: study, types: types, days: options.days, seed: options.seed)
            source = "calls"
            origin = "as given with the calls"
            // The stream's stable time order (IncidentStream(records:) sorts by (time, input index)).
            let order = calls.indices.sorted { (calls[$0].timeSeconds!, $0) < (calls[$1].timeSeconds!, $1) }
            locations = order.map { calls[$0].location }
        } else {
            stream = try IncidentGenerator.generate(area: study.area, settings: IncidentGeneratorSettings(
                incidentsPerDay: options.incidentsPerDay, days: options.days ?? SimulationOptions.defaultDays, profile: options.profile, types: types,
                residentWeight: study.residentWeight, seed: options.seed))
            source = "generated"
            origin = "Monday 00:00 of the first simulated week"
            let atomPoints = study.area.atoms.map { $0.location! }
            locations = stream.atom.map { atomPoints[Int($0)] }
        }
        let days = stream.horizonSeconds / 86_400
        guard options.warmupDays < days else {
            throw CovplanError(.usage, "warm-up (\(options.warmupDays) days) must be shorter than the study period (\(days) days)")
        }
        clock.lap("incidents")

        let dispatch = try DispatchSimulator.run(
            area: study.area, incidents: stream, travel: setup.providers,
            settings: DispatchSettings(units: study.units, afterService: options.afterService,
                                       warmupSeconds: options.warmupDays * 86_400, recordOutcomes: true))
        clock.lap("dispatch")

        var korgau: KorgauOutcome?
        if let coverage {
            let g = setup.graphs.primary
            let entries = try CityEntries.find(graph: g, bandMeters: options.korgau.entryBandMeters)
            var tripSettings = options.korgau.trips
            tripSettings.seed = options.seed &+ 0x9E37_79B9
            let routed = try TripRouter.route(graph: g, nodeWeights: study.nodeResidents, entries: entries.nodes,
                                              settings: tripSettings)
            clock.lap("trips")
            let oracle = try coverage.oracle(on: g)
            let availability: UnitAvailability = options.korgau.useSimulatedAvailability
                ? .random(busyProbability: dispatch.units.map { min(1, max(0, $0.utilization)) }) : .all
            let result = try KorgauAnalysis.analyse(
                trips: routed.trips, cameras: oracle, units: setup.providers[0],
                settings: KorgauSettings(alertDelaySeconds: options.korgau.alertDelaySeconds,
                                         interceptMarginSeconds: options.korgau.interceptMarginSeconds,
                                         availability: availability, seed: options.seed &+ 0x5851_F42D))
            if entries.nodes.isEmpty { notes.append("no city entries found: no trips enter the city, cordon figures are empty") }
            if routed.skippedTrips > 0 { notes.append("\(routed.skippedTrips) drawn trip(s) had nothing to drive (origin = destination) and were not kept") }
            korgau = KorgauOutcome(result: result, routed: routed, entries: entries, cameras: coverage.cameraCount,
                                   cordonCameras: coverage.cordonCameraCount)
            clock.lap("korgau")
        }
        let within = try residentsWithinTarget(city: city, graph: graph, units: units, population: options.population,
                                               minutes: options.targetMinutes, maxSnapMeters: options.network.maxSnapMeters)
        clock.lap("residents within target")
        return SimulationOutcome(
            study: study, incidents: stream, incidentLocations: locations, dispatch: dispatch, korgau: korgau, days: days,
            countedDays: days - options.warmupDays, warmupSeconds: options.warmupDays * 86_400, seed: options.seed,
            incidentSource: source, timeOrigin: origin,
            extraTravelRows: setup.providers.map(\.extraRowCount), notes: notes, residentsWithinTarget: within,
            timings: clock.laps)
    }

    /// Residents within `minutes` of the homes of the units travelling on `graph` (see
    /// `SimulationOutcome.residentsWithinTarget`); nil without minutes, without such units, or
    /// for a population that is not building-based.
    static func residentsWithinTarget(city: City, graph: RoadGraph, units: [UnitSite], population: SimulationPopulation,
                                      minutes: Double?, maxSnapMeters: Double) throws -> ResidentsWithinTarget? {
        guard let minutes, case .buildings(let model, let total) = population else { return nil }
        let own = units.filter { ($0.mode ?? graph.mode) == graph.mode }
        guard !own.isEmpty else { return nil }
        let outcome = try ReachAnalysis.run(graph: graph, request: ReachRequest(
            sourcePoints: own.map(\.location), sourceIds: own.map(\.id), minutes: [minutes],
            maxSnapMeters: maxSnapMeters, buildings: city.buildings, residentsPerBuilding: model.residents(of: city.buildings, scaledTo: total),
            populationMethod: model.methodName, isochroneBufferMeters: nil))
        guard let row = outcome.summary.thresholds.first else { return nil }
        return ResidentsWithinTarget(minutes: minutes, residents: row.residents, residentsTotal: outcome.summary.residentsTotal,
                                     units: outcome.summary.sources)
    }

    /// The incident stream of supplied calls (types matched by name, case-insensitively; calls
    /// without a type get `citizen-102-app` when that type exists, else the first type).
    static func callStream(_ calls: [CallRecord], study: NetworkStudy, types: [IncidentType], days: Double?,
                           seed: UInt64) throws -> IncidentStream {
        var byName: [String: Int] = [:]
        for (i, t) in types.enumerated() where byName[t.name.lowercased()] == nil { byName[t.name.lowercased()] = i }
        let fallback = byName["citizen-102-app"] ?? 0
        var records: [IncidentRecord] = []
        records.reserveCapacity(calls.count)
        for (i, c) in calls.enumerated() {
            var type = fallback
            if let name = c.type?.lowercased(), !name.isEmpty {
                guard let k = byName[name] else {
                    throw CovplanError(.dataError, layer: "incidents", feature: c.id,
                                       "unknown incident type '\(c.type!)' (known: \(types.map(\.name).joined(separator: ", ")))")
                }
                type = k
            }
            records.append(IncidentRecord(id: c.id, timeSeconds: c.timeSeconds, atom: study.callAtoms[i], type: type,
                                          onSceneSeconds: c.onSceneSeconds))
        }
        var horizon: Double?
        if let days {
            horizon = days * 86_400
        } else if let last = calls.compactMap(\.timeSeconds).filter({ $0.isFinite }).max() {
            horizon = max(1, (last / 86_400).rounded(.down) + 1) * 86_400
        }
        if let h = horizon, let last = calls.compactMap(\.timeSeconds).filter({ $0.isFinite }).max(), last > h {
            throw CovplanError(.usage, layer: "incidents",
                               "the calls run to day \(String(format: "%.2f", last / 86_400)), beyond the \(String(format: "%g", h / 86_400)) simulated days")
        }
        return try IncidentStream(records: records, types: types, atomCount: study.atomCount, horizonSeconds: horizon,
                                  seed: seed, source: "incidents")
    }
}

/// Graphs, study and travel-time providers shared by the simulation and the hypercube runs.
struct NetworkSetup {
    let graphs: NetworkGraphs
    let study: NetworkStudy
    /// One provider per graph (index = `ResponseUnit.travelMode`).
    let providers: [GraphTravelTimes]

    init(city: City, graph: RoadGraph, extraGraphs: [RoadGraph], units: [UnitSite], precincts: PrecinctSet?,
         population: SimulationPopulation, hotSpots: HotSpots?, calls: [CallRecord], network: NetworkStudyOptions,
         intercepts: Bool, clock: inout PhaseClock) throws {
        graphs = try NetworkGraphs(primary: graph, others: extraGraphs)
        let residents = try population.residentPoints(for: city)
        clock.lap("residents")
        study = try NetworkStudy.build(graphs: graphs, residents: residents, precincts: precincts?.precincts ?? [],
                                       units: units, hotSpots: hotSpots, schools: city.schools,
                                       calls: calls.map { ($0.id, $0.location) }, options: network)
        clock.lap("atoms")
        var providers: [GraphTravelTimes] = []
        for g in graphs.graphs.indices {
            let anchors = study.units.filter { $0.travelMode == g }.map(\.homeAtom)
            let interceptAnchors = intercepts && g == 0 ? study.units.map { $0.travelMode == 0 ? $0.homeAtom : -1 } : nil
            providers.append(try GraphTravelTimes(graph: graphs.graphs[g], atomNodes: study.atomNodes[g], anchors: anchors,
                                                  interceptUnitAnchors: interceptAnchors))
        }
        self.providers = providers
        clock.lap("travel times")
    }
}
