import CityModel
import GeoCore
import Simulation

/// The outputs of `covplan hypercube`: `summary.json`, `units.csv`, `atoms.geojson`.
///
/// - `summary.json`: `method` (exact / approximate), `units`, `atoms`, `incidents_per_day`,
///   `mean_service_s` and how it was set, `offered_load` (λ/μ, busy units on average),
///   `workloads` [{id, workload, interdistrict_fraction}], `mean_workload`,
///   `interdistrict_fraction`, `queue_probability`, `mean_queue_wait_s`, `mean_travel_s`,
///   `mean_response_s`, `iterations`, `last_change`, `network`, `notes`.
/// - `units.csv`: `id, mode, home_atom, workload, interdistrict_fraction, dispatch_share`.
/// - `atoms.geojson`: `id, role, precinct, calls_per_day, primary_unit, mean_travel_s,
///   mean_response_s`.
public enum HypercubeReport {
    static func r(_ v: Double, _ scale: Double = 100) -> JSONValue { SimulationReport.r(v, scale) }
    static func f(_ v: Double, _ scale: Double = 100) -> FieldValue { SimulationReport.f(v, scale) }

    /// Share of all dispatches each unit makes (Σ_j f_nj).
    static func dispatchShares(_ o: HypercubeOutcome) -> [Double] {
        let N = o.problem.unitCount, J = o.problem.atomCount
        return (0..<N).map { n in (0..<J).reduce(0) { $0 + o.result.dispatchFractions[n * J + $1] } }
    }

    public static func summary(_ o: HypercubeOutcome, graphModes: [String], inputs: [(String, JSONValue)]) -> JSONValue {
        let res = o.result
        let N = o.problem.unitCount
        return .object([
            ("method", .string(res.method.rawValue)),
            ("units", .number(Double(N))),
            ("atoms", .number(Double(o.problem.atomCount))),
            ("incidents_per_day", .num(o.incidentsPerDay)),
            ("mean_service_s", r(o.meanServiceSeconds)),
            ("service_source", .string(o.serviceSource)),
            ("offered_load", r(o.problem.totalArrivalRate * o.meanServiceSeconds, 1e6)),
            ("workloads", .array(o.study.units.indices.map { n in
                .object([("id", .string(o.study.units[n].id)), ("workload", r(res.workloads[n], 1e6)),
                         ("interdistrict_fraction", r(res.unitInterdistrictFraction[n], 1e6))])
            })),
            ("mean_workload", r(res.workloads.reduce(0, +) / Double(N), 1e6)),
            ("interdistrict_fraction", r(res.interdistrictFraction, 1e6)),
            ("queue_probability", r(res.queueProbability, 1e6)),
            ("mean_queue_wait_s", r(res.meanQueueWaitSeconds)),
            ("mean_travel_s", .num(res.meanTravelSeconds.map { ($0 * 100).rounded() / 100 })),
            ("mean_response_s", .num(res.meanResponseSeconds.map { ($0 * 100).rounded() / 100 })),
            ("iterations", .number(Double(res.iterations))),
            ("last_change", .num(res.lastChange)),
            ("network", SimulationReport.network(o.study, graphModes: graphModes, extraRows: nil)),
            ("inputs", .object(inputs)),
            ("notes", .array(o.notes.map { .string($0) })),
        ])
    }

    public static func unitsTable(_ o: HypercubeOutcome, graphModes: [String]) -> ReportTable {
        let shares = dispatchShares(o)
        let rows: [[FieldValue]] = o.study.units.enumerated().map { n, u in
            [.string(u.id), .string(graphModes[u.travelMode]), .string(o.study.area.atoms[u.homeAtom].id),
             f(o.result.workloads[n], 1e6), f(o.result.unitInterdistrictFraction[n], 1e6), f(shares[n], 1e6)]
        }
        return ReportTable(name: "units", title: "Units", columns: [
            "id", "mode", "home_atom", "workload", "interdistrict_fraction", "dispatch_share",
        ], rows: rows)
    }

    public static func atomsLayer(_ o: HypercubeOutcome, crs: String) -> FeatureLayer {
        let s = o.study
        let fields = [
            FieldDefinition("id", .string), FieldDefinition("role", .string), FieldDefinition("precinct", .string),
            FieldDefinition("calls_per_day", .double), FieldDefinition("primary_unit", .string),
            FieldDefinition("mean_travel_s", .double), FieldDefinition("mean_response_s", .double),
        ]
        let features = s.area.atoms.enumerated().map { j, atom in
            Feature(id: atom.id, geometry: .point(atom.location!), values: [
                .string(atom.id), .string(s.atomRole[j].rawValue), atom.zone.map { .string(s.area.zoneNames[$0]) } ?? .null,
                f(o.problem.arrivalRatesPerSecond[j] * 86_400, 1e6), .string(s.units[o.problem.preferences[j][0]].id),
                o.result.atomMeanTravelSeconds.map { f($0[j]) } ?? .null,
                o.result.atomMeanResponseSeconds.map { f($0[j]) } ?? .null,
            ])
        }
        return FeatureLayer(name: "atoms", fields: fields, crs: crs, features: features, geometryKind: .point)
    }

    /// A short plain-text table for stdout: one line per unit and the headline figures.
    public static func text(_ o: HypercubeOutcome) -> String {
        let res = o.result
        var out = "unit\tworkload\tinterdistrict_fraction\n"
        for (n, u) in o.study.units.enumerated() {
            out += "\(u.id)\t\(JSONText.number((res.workloads[n] * 1e4).rounded() / 1e4))\t\(JSONText.number((res.unitInterdistrictFraction[n] * 1e4).rounded() / 1e4))\n"
        }
        out += "method\t\(res.method.rawValue)\n"
        out += "interdistrict_fraction\t\(JSONText.number((res.interdistrictFraction * 1e4).rounded() / 1e4))\n"
        out += "mean_response_s\t\(res.meanResponseSeconds.map { JSONText.number(($0 * 10).rounded() / 10) } ?? "null")\n"
        return out
    }

    /// Writes DIR/summary.json, DIR/units.csv, DIR/atoms.geojson atomically.
    public static func write(_ o: HypercubeOutcome, crs: WorkingCRS, graphModes: [String], inputs: [(String, JSONValue)],
                             to dir: String, overwrite: Bool, finish: (JSONValue) -> JSONValue) throws {
        try AnalysisFolder(summary: finish(summary(o, graphModes: graphModes, inputs: inputs)),
                           entries: [.table("units", unitsTable(o, graphModes: graphModes)), .layer("atoms", atomsLayer(o, crs: crs.identifier))])
            .write(to: dir, overwrite: overwrite)
    }
}
