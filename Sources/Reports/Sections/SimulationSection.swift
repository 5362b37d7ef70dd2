import CityModel
import GeoCore
import Simulation

/// The `simulation` section: response times when calls pile up, unit workloads, Korgau.
public enum SimulationSection {
    /// - Parameter graphModes: the travel modes of the simulation's graphs, the main graph's
    ///   first (`ScenarioResults.simulationGraphModes`).
    public static func build(_ o: SimulationOutcome, graphModes: [String] = ["drive"], city: City, loc: Loc = .en) -> ReportSection {
        let crs = city.crs.identifier
        let d = o.dispatch
        let incidents = SimulationReport.incidentsLayer(o, crs: crs)
        let atoms = SimulationReport.atomsLayer(o, crs: crs)
        var units = SimulationReport.unitsTable(o, graphModes: graphModes)
        units.name = "simulation_units"
        units.title = loc["sim.table.units"]
        units.enumColumns = ["mode"]
        units.reportHidden = ["home_atom"]
        // Response-time histogram in minutes, from the counted incidents.
        let ri = incidents.fieldIndex("response_s"), ci = incidents.fieldIndex("counted")
        var bins = [Int](repeating: 0, count: 13)
        for f in incidents.features {
            if let ci, case .bool(false) = f.values[ci] { continue }
            guard let ri, let s = f.values[ri].number else { continue }
            bins[min(12, Int(s / 60))] += 1
        }
        let target = o.incidents.types.first?.targetSeconds
        let histogram = ReportChart(
            title: loc["sim.chart.response"], unit: loc["unit.incidents"],
            bars: bins.enumerated().map { i, n in
                (i == 12 ? "≥ " + loc.t("unit.n_min", "12") : loc.t("unit.n_min", "\(i)–\(i + 1)"), Double(n), target.map { Double(i + 1) * 60 > $0 } ?? false)
            }, note: target == nil ? "" : loc["chart.note.late"])
        let workload = ReportChart(title: loc["sim.chart.utilisation"], unit: "%",
                                   bars: d.units.map { ($0.id, ($0.utilization * 1000).rounded() / 10, $0.utilization > 0.5) },
                                   note: loc["chart.note.busy"])
        let streets = CityLayers.layer(.streets, of: city)
        let sites = IncidentSites.layers(incidents, loc: loc)
        let maxCount = sites.all.features.compactMap { $0.values[0].number }.max() ?? 1
        let size = GraduatedSize(field: "incidents", maxValue: maxCount, maxRadius: 16, legendValues: IncidentSites.legendValues(maxCount),
                                 unitLabel: loc["legend.n_incidents"])
        var lateSize = size
        lateSize.field = "late"
        let map = ReportMap(title: loc["sim.map.title"], caption: loc["sim.map.caption"],
                            layers: [
                                MapLayerStyle(layer: streets, symbol: .line(width: 0.5), color: Palette.street, label: loc["legend.streets"]),
                                // Kept for the layer's QGIS style; the map shows the sites below instead of one dot per call.
                                MapLayerStyle(layer: incidents, symbol: .point(radius: 1.2), color: Palette.good, label: loc["legend.incidents"],
                                              categoryField: "within_target", categories: [("true", Palette.good), ("false", Palette.bad)],
                                              categoryLabels: ["true": loc["legend.within_target"], "false": loc["legend.late"]], drawn: false),
                                MapLayerStyle(layer: sites.all, symbol: .point(radius: 3), color: "#78909c", label: loc["legend.incident_sites"],
                                              outline: "#37474f", size: size),
                                MapLayerStyle(layer: sites.late, symbol: .point(radius: 3), color: Palette.bad, label: loc["legend.late_sites"],
                                              outline: "#ffffff", labelField: "label", size: lateSize),
                            ], labels: StreetLabels.top(city, count: 8))
        var findings = [
            loc.t("sim.f.response", loc.num(d.incidents), loc.fixed(o.countedDays, 0), loc.num(d.units.count), loc.fixed(d.response.meanSeconds / 60, 1),
                  loc.fixed(d.response.p50Seconds / 60, 1), loc.fixed(d.response.p90Seconds / 60, 1)),
            loc.t("sim.f.target", loc.fixed(d.response.withinTargetFraction * 100, 1), loc.fixed(d.wait.delayedFraction * 100, 1), loc.fixed(d.meanUtilization * 100, 1)),
        ]
        if let k = o.korgau?.result {
            findings.append(loc.t("sim.f.korgau", loc.num(k.trips), loc.fixed(k.detectedFraction * 100, 1), loc.fixed(k.interceptFraction * 100, 1)))
        }
        findings += o.notes
        return ReportSection(key: "simulation", title: loc["sim.title"],
                             summary: SimulationReport.summary(o, graphModes: graphModes, inputs: []), findings: findings,
                             layers: [incidents, atoms], tables: [units], maps: [map], charts: [histogram, workload],
                             headlines: [Headline(value: loc.percent(d.response.withinTargetFraction), label: loc["brief.sim.label"],
                                                  basis: loc.t("brief.sim.basis", loc.num(d.incidents), loc.fixed(o.countedDays, 0), loc.num(d.units.count),
                                                               target.map { loc.num($0 / 60) } ?? "—", loc.fixed(d.response.p90Seconds / 60, 1)))])
    }
}
