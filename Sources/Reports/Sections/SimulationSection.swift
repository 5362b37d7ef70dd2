import CityModel
import GeoCore
import Simulation

/// The `simulation` section: response times when calls pile up, unit workloads, Korgau.
public enum SimulationSection {
    public static func build(_ o: SimulationOutcome, city: City) -> ReportSection {
        let crs = city.crs.identifier
        let d = o.dispatch
        let incidents = SimulationReport.incidentsLayer(o, crs: crs)
        let atoms = SimulationReport.atomsLayer(o, crs: crs)
        var units = SimulationReport.unitsTable(o, graphModes: ["drive"])
        units.name = "simulation_units"
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
            title: "Response times (incidents per minute band)", unit: "incidents",
            bars: bins.enumerated().map { i, n in
                (i == 12 ? "≥ 12 min" : "\(i)–\(i + 1) min", Double(n), target.map { Double(i + 1) * 60 > $0 } ?? false)
            })
        let workload = ReportChart(title: "Unit utilisation", unit: "%",
                                   bars: d.units.map { ($0.id, ($0.utilization * 1000).rounded() / 10, $0.utilization > 0.5) })
        let streets = CityLayers.layer(.streets, of: city)
        let map = ReportMap(title: "Simulated incidents", caption: "Incidents of the simulated period (red: answered later than the target).",
                            layers: [
                                MapLayerStyle(layer: streets, symbol: .line(width: 0.5), color: Palette.street, label: "streets"),
                                MapLayerStyle(layer: incidents, symbol: .point(radius: 1.2), color: Palette.good, label: "incidents",
                                              categoryField: "within_target", categories: [("true", Palette.good), ("false", Palette.bad)],
                                              categoryLabels: ["true": "within target", "false": "late"]),
                            ])
        var findings = [
            String(format: "%d incidents over %.0f days with %d units: mean response **%.1f min**, median %.1f min, 90th percentile **%.1f min**.",
                   d.incidents, o.countedDays, d.units.count, d.response.meanSeconds / 60, d.response.p50Seconds / 60, d.response.p90Seconds / 60),
            String(format: "**%.1f%%** answered within the target; %.1f%% of calls waited for a free unit; mean unit utilisation %.1f%%.",
                   d.response.withinTargetFraction * 100, d.wait.delayedFraction * 100, d.meanUtilization * 100),
        ]
        if let k = o.korgau?.result {
            findings.append(String(format: "Camera–vehicle check: %d simulated trips, **%.1f%% seen** by a camera, %.1f%% of detected dangerous drivers could be intercepted by the nearest free unit.",
                                   k.trips, k.detectedFraction * 100, k.interceptFraction * 100))
        }
        findings += o.notes
        return ReportSection(key: "simulation", title: "Incident and dispatch simulation",
                             summary: SimulationReport.summary(o, graphModes: ["drive"], inputs: []), findings: findings,
                             layers: [incidents, atoms], tables: [units], maps: [map], charts: [histogram, workload])
    }
}
