import CityModel
import GeoCore
import Simulation

/// The outputs of `covplan simulate`: `summary.json`, `incidents.geojson`, `units.csv`,
/// `atoms.geojson`.
///
/// Schemas (documented in the CLI help and docs/simulation.md):
/// - `incidents.geojson`: one Point per simulated incident (supplied calls at their own location,
///   generated ones at their atom's street node) with `id, time_s, day, hour, type, priority,
///   atom, precinct, unit, wait_s, travel_s, response_s, on_scene_s, within_target, counted`
///   (`counted` false during the warm-up).
/// - `units.csv`: `id, mode, kind, home_atom, snap_m, dispatches, utilization, busy_hours,
///   mean_travel_s, cross_beat_dispatches`.
/// - `atoms.geojson`: one Point per atom (its street node) with `id, role, precinct, node` (the
///   node id of the primary graph, as in `covplan graph`'s `from`/`to`), `residents,
///   demand_share, incidents, mean_response_s, mean_travel_s`.
/// - `incidents.csv` (optional): the attributes of `incidents.geojson` without geometry.
public enum SimulationReport {
    static func r(_ v: Double, _ scale: Double = 100) -> JSONValue { .num((v * scale).rounded() / scale) }
    static func f(_ v: Double, _ scale: Double = 100) -> FieldValue { v.isFinite ? .double((v * scale).rounded() / scale) : .null }

    static func response(_ s: ResponseSummary, within: Bool = true) -> JSONValue {
        var m: [(String, JSONValue)] = [("mean", r(s.meanSeconds)), ("p50", r(s.p50Seconds)), ("p90", r(s.p90Seconds)),
                                        ("max", r(s.maxSeconds))]
        if within { m.append(("within_target_fraction", r(s.withinTargetFraction, 1e6))) }
        return .object(m)
    }

    /// Mode name of each unit.
    static func modes(_ o: SimulationOutcome, graphModes: [String]) -> [String] {
        o.study.units.map { graphModes[$0.travelMode] }
    }

    /// The network part of the summary (shared with the hypercube report).
    static func network(_ s: NetworkStudy, graphModes: [String], extraRows: [Int]?) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("mode", .string(graphModes[0])),
            ("atoms", .number(Double(s.atomCount))),
            ("demand_atoms", .number(Double(s.atomRole.filter { $0 == .demand }.count))),
            ("atom_spacing_m", .num(s.options.atomSpacingMeters)),
            ("max_snap_m", .num(s.options.maxSnapMeters)),
            ("residents", r(s.residentsAttached)),
            ("residents_unattached", r(s.residentsUnattached)),
            ("population_method", .string(s.populationMethod)),
            ("hot_spots_unattached", .number(Double(s.hotSpotsUnattached.count))),
            ("schools_unattached", .number(Double(s.schoolsUnattached.count))),
        ]
        if let extraRows { m.append(("travel_rows_beyond_homes", .array(extraRows.map { .number(Double($0)) }))) }
        return .object(m)
    }

    /// `summary.json`: `incidents` (counted), `response_time_s` {mean, p50, p90, max},
    /// `within_target_fraction`, `unit_utilization` (mean over units), `travel_time_s`, `queue`,
    /// `cross_beat_fraction`, `units`, `types`, `precincts` (with `incidents_per_10k_residents`
    /// over the counted period and per year), `network`; with cameras `trips`,
    /// `trips_detected_fraction`, `intercept_fraction` and `korgau`; `inputs`, `notes`.
    public static func summary(_ o: SimulationOutcome, graphModes: [String], inputs: [(String, JSONValue)]) -> JSONValue {
        let d = o.dispatch
        let unitModes = modes(o, graphModes: graphModes)
        var members: [(String, JSONValue)] = [
            ("incidents", .number(Double(d.incidents))),
            ("incidents_simulated", .number(Double(o.incidents.count))),
            ("incident_source", .string(o.incidentSource)),
            ("days", r(o.days, 1e6)),
            ("counted_days", r(o.countedDays, 1e6)),
            ("incidents_per_day", r(o.countedDays > 0 ? Double(d.incidents) / o.countedDays : 0, 1e4)),
            ("response_time_s", response(d.response, within: false)),
            ("within_target_fraction", r(d.response.withinTargetFraction, 1e6)),
            ("targets_min", .object(o.incidents.types.map { ($0.name, r($0.targetSeconds / 60, 1e4)) })),
            ("travel_time_s", .object([("mean", r(d.meanTravelSeconds))])),
            ("queue", .object([
                ("delayed_fraction", r(d.wait.delayedFraction, 1e6)),
                ("mean_wait_s", r(d.wait.meanSeconds)),
                ("mean_wait_if_delayed_s", r(d.wait.meanIfDelayedSeconds)),
                ("p90_wait_s", r(d.wait.p90Seconds)),
                ("max_wait_s", r(d.wait.maxSeconds)),
                ("max_queue_length", .number(Double(d.wait.maxQueueLength))),
            ])),
            ("unit_utilization", r(d.meanUtilization, 1e6)),
            ("cross_beat_fraction", r(d.crossBeatFraction, 1e6)),
        ]
        if let k = o.korgau {
            let res = k.result
            members += [
                ("trips", .number(Double(res.trips))),
                ("trips_detected_fraction", r(res.detectedFraction, 1e6)),
                ("intercept_fraction", r(res.interceptFraction, 1e6)),
                ("korgau", .object([
                    ("trips_detected", .number(Double(res.detectedTrips))),
                    ("time_to_first_detection_s", response(res.timeToFirstDetection, within: false)),
                    ("city_entries", .number(Double(k.entries.nodes.count))),
                    ("entry_trips", .number(Double(res.entryTrips))),
                    ("entry_trips_caught_by_cordon", .number(Double(res.entryTripsCaughtByCordon))),
                    ("cordon_fraction", r(res.cordonFraction, 1e6)),
                    ("dangerous_trips", .number(Double(res.dangerousTrips))),
                    ("dangerous_detected", .number(Double(res.dangerousDetected))),
                    ("interceptable", .number(Double(res.interceptable))),
                    ("interceptable_by_any_unit", .number(Double(res.interceptableByAnyUnit))),
                    ("cameras", .number(Double(k.cameras))),
                    ("cordon_cameras", .number(Double(k.cordonCameras))),
                    ("mean_trip_s", r(k.routed.seconds.isEmpty ? 0 : k.routed.seconds.reduce(0, +) / Double(k.routed.seconds.count))),
                    ("trips_skipped", .number(Double(k.routed.skippedTrips))),
                ])),
            ]
        }
        members.append(("units", .array(d.units.enumerated().map { u, fig in
            .object([("id", .string(fig.id)), ("mode", .string(unitModes[u])), ("dispatches", .number(Double(fig.dispatches))),
                     ("utilization", r(fig.utilization, 1e6)), ("busy_hours", r(fig.busySeconds / 3600)),
                     ("mean_travel_s", r(fig.meanTravelSeconds)), ("cross_beat_dispatches", .number(Double(fig.crossBeatDispatches))),
                     ("snap_m", r(o.study.unitSnapMeters[u]))])
        })))
        let typeCounts = typeIncidentCounts(o)
        members.append(("types", .array(d.types.enumerated().map { k, t in
            .object([("name", .string(t.name)), ("priority", .number(Double(t.priority))), ("incidents", .number(Double(typeCounts[k]))),
                     ("response_time_s", response(t.response)), ("mean_wait_s", r(t.meanWaitSeconds))])
        })))
        if !d.zones.isEmpty {
            let perYear = o.countedDays > 0 ? 365 / o.countedDays : 0
            members.append(("precincts", .array(d.zones.map { z in
                .object([("id", .string(z.name)), ("residents", r(z.residents)), ("incidents", .number(Double(z.incidents))),
                         ("incidents_per_10k_residents", .num(z.incidentsPer10kResidents.map { ($0 * 1e4).rounded() / 1e4 })),
                         ("incidents_per_10k_residents_per_year", .num(z.incidentsPer10kResidents.map { ($0 * perYear * 1e4).rounded() / 1e4 })),
                         ("response_time_s", response(z.response))])
            })))
            let outside = o.study.area.atoms.indices.filter { o.study.area.atoms[$0].zone == nil }.reduce(0) { $0 + d.atomIncidents[$1] }
            members.append(("incidents_outside_precincts", .number(Double(outside))))
        }
        if let w = o.residentsWithinTarget {
            members.append(("residents_within_target", .object([
                ("minutes", .number(w.minutes)), ("residents", r(w.residents)), ("residents_total", r(w.residentsTotal)),
                ("fraction", r(w.residentsTotal > 0 ? w.residents / w.residentsTotal : 0, 1e6)), ("units", .number(Double(w.units))),
            ])))
        }
        members += [
            ("network", network(o.study, graphModes: graphModes, extraRows: o.extraTravelRows)),
            ("seed", .string(String(o.seed))),
            ("time_origin", .string(o.timeOrigin)),
            ("inputs", .object(inputs)),
            ("notes", .array(o.notes.map { .string($0) })),
        ]
        return .object(members)
    }

    /// Counted incidents per type.
    static func typeIncidentCounts(_ o: SimulationOutcome) -> [Int] {
        var c = [Int](repeating: 0, count: o.incidents.types.count)
        for i in 0..<o.incidents.count where o.incidents.timeSeconds[i] >= o.warmupSeconds { c[Int(o.incidents.type[i])] += 1 }
        return c
    }

    public static let incidentFields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("time_s", .double), FieldDefinition("day", .int),
        FieldDefinition("hour", .int), FieldDefinition("type", .string), FieldDefinition("priority", .int),
        FieldDefinition("atom", .string), FieldDefinition("precinct", .string), FieldDefinition("unit", .string),
        FieldDefinition("wait_s", .double), FieldDefinition("travel_s", .double), FieldDefinition("response_s", .double),
        FieldDefinition("on_scene_s", .double), FieldDefinition("within_target", .bool), FieldDefinition("counted", .bool),
    ]

    /// `incidents.geojson` as a layer in the working CRS `crs` (the generic path; the files are
    /// written by `IncidentFiles`, which formats the same rows in parallel).
    public static func incidentsLayer(_ o: SimulationOutcome, crs: String) -> FeatureLayer {
        let rows = IncidentRows(o)
        let features = (0..<rows.count).map { i in
            Feature(id: rows.id(i), geometry: .point(o.incidentLocations[i]), values: rows.values(i))
        }
        return FeatureLayer(name: "incidents", fields: incidentFields, crs: crs, features: features, geometryKind: .point)
    }

    /// `units.csv` rows.
    public static func unitsTable(_ o: SimulationOutcome, graphModes: [String]) -> ReportTable {
        let modes = modes(o, graphModes: graphModes)
        let rows: [[FieldValue]] = o.dispatch.units.enumerated().map { u, fig in
            [.string(fig.id), .string(modes[u]), o.study.unitSites[u].kind.map { .string($0) } ?? .null,
             .string(o.study.area.atoms[o.study.units[u].homeAtom].id), f(o.study.unitSnapMeters[u]),
             .int(Int64(fig.dispatches)), f(fig.utilization, 1e6), f(fig.busySeconds / 3600), f(fig.meanTravelSeconds),
             .int(Int64(fig.crossBeatDispatches))]
        }
        return ReportTable(name: "units", title: "Units", columns: [
            "id", "mode", "kind", "home_atom", "snap_m", "dispatches", "utilization", "busy_hours", "mean_travel_s",
            "cross_beat_dispatches",
        ], rows: rows)
    }

    /// `atoms.geojson` as a layer in the working CRS.
    public static func atomsLayer(_ o: SimulationOutcome, crs: String) -> FeatureLayer {
        let s = o.study
        let weights = s.demandWeights()
        let total = weights.reduce(0, +)
        let fields = [
            FieldDefinition("id", .string), FieldDefinition("role", .string), FieldDefinition("precinct", .string),
            FieldDefinition("node", .int), FieldDefinition("residents", .double), FieldDefinition("demand_share", .double),
            FieldDefinition("incidents", .int),
            FieldDefinition("mean_response_s", .double), FieldDefinition("mean_travel_s", .double),
        ]
        let d = o.dispatch
        let features = s.area.atoms.enumerated().map { a, atom in
            Feature(id: atom.id, geometry: .point(atom.location!), values: [
                .string(atom.id), .string(s.atomRole[a].rawValue), atom.zone.map { .string(s.area.zoneNames[$0]) } ?? .null,
                .int(Int64(s.atomNodes[0][a])), f(atom.residents), f(total > 0 ? weights[a] / total : 0, 1e9),
                .int(Int64(d.atomIncidents[a])),
                d.atomIncidents[a] > 0 ? f(d.atomMeanResponseSeconds[a]) : .null,
                d.atomIncidents[a] > 0 ? f(d.atomMeanTravelSeconds[a]) : .null,
            ])
        }
        return FeatureLayer(name: "atoms", fields: fields, crs: crs, features: features, geometryKind: .point)
    }

    /// Writes DIR/summary.json, DIR/incidents.geojson, DIR/units.csv and DIR/atoms.geojson
    /// atomically (nothing is left behind on failure). `finish` gets the summary before writing
    /// (the CLI's benchmark hook).
    public static func write(_ o: SimulationOutcome, crs: WorkingCRS, graphModes: [String], inputs: [(String, JSONValue)],
                             to dir: String, overwrite: Bool, incidentsLayer writeIncidents: Bool = true,
                             incidentsCSV: Bool = false, finish: (JSONValue) -> JSONValue) throws {
        var folder = AnalysisFolder(summary: finish(summary(o, graphModes: graphModes, inputs: inputs)))
        if writeIncidents { folder.entries.append(.stream("incidents.geojson") { try IncidentFiles.geojson(o, crs: crs.identifier, to: $0) }) }
        if incidentsCSV { folder.entries.append(.stream("incidents.csv") { try IncidentFiles.csv(o, to: $0) }) }
        folder.entries += [.table("units", unitsTable(o, graphModes: graphModes)), .layer("atoms", atomsLayer(o, crs: crs.identifier))]
        try folder.write(to: dir, overwrite: overwrite)
    }
}
