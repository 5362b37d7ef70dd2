import CityModel
import Simulation

/// The `hypercube` section of a scenario report: Larson's hypercube queueing model of the
/// units — workloads, dispatches into other units' areas, queueing and mean response — with the
/// units table and the demand atoms (the figures `covplan hypercube` writes).
public enum HypercubeSection {
    /// - Parameter graphModes: the travel modes of the model's graphs, the main graph's first.
    public static func build(_ o: HypercubeOutcome, graphModes: [String], city: City, loc: Loc = .en) -> ReportSection {
        let r = o.result
        var units = HypercubeReport.unitsTable(o, graphModes: graphModes)
        units.name = "hypercube_units"
        units.title = loc["hc.table.units"]
        units.enumColumns = ["mode"]
        var atoms = HypercubeReport.atomsLayer(o, crs: city.crs.identifier)
        atoms.name = "hypercube_atoms"
        var findings = [
            loc.t("hc.f.model", loc.value(r.method.rawValue), loc.num(o.problem.unitCount), loc.num(o.problem.atomCount),
                  loc.fixed(o.incidentsPerDay, 1), loc.fixed(o.meanServiceSeconds / 60, 1)),
            loc.t("hc.f.workload", loc.fixed(r.workloads.reduce(0, +) / Double(max(r.workloads.count, 1)) * 100, 1),
                  loc.fixed(r.interdistrictFraction * 100, 1), loc.fixed(r.queueProbability * 100, 1)),
        ]
        if let response = r.meanResponseSeconds, let travel = r.meanTravelSeconds {
            findings.append(loc.t("hc.f.response", loc.fixed(response / 60, 1), loc.fixed(travel / 60, 1)))
        }
        findings += o.notes
        return ReportSection(key: "hypercube", title: loc["hc.title"],
                             summary: HypercubeReport.summary(o, graphModes: graphModes, inputs: []), findings: findings,
                             layers: [atoms], tables: [units])
    }
}
