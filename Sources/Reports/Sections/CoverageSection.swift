import CityModel
import Coverage
import GeoCore

/// The `coverage` section: which street metres the cameras see, gaps, schools.
public enum CoverageSection {
    public static func build(_ r: CoverageResult, city: City) -> ReportSection {
        let crs = city.crs
        let s = r.summary
        let covered = CoverageReport.coverageLayer(r, crs: crs)
        let gaps = CoverageReport.gapsLayer(r, crs: crs)
        let viewsheds = CoverageReport.viewshedsLayer(r, crs: crs)
        var cams = CoverageReport.camerasLayer(r, crs: crs)
        cams.name = "camera_inventory"
        let buildings = CityLayers.layer(.buildings, of: city)
        let streets = CityLayers.layer(.streets, of: city)
        let map = ReportMap(
            title: "Camera coverage and gaps",
            caption: "Street metres seen by at least one camera (blue, darker = more cameras), ranked gaps ≥ \(JSONText.number(s.minGapMeters)) m (magenta), viewsheds (light), buildings\(s.occlusion ? " (which block the view)" : "").",
            layers: [
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.35), color: Palette.building, label: "buildings"),
                MapLayerStyle(layer: viewsheds, symbol: .fill(opacity: 0.12), color: Palette.covered, label: "viewsheds"),
                MapLayerStyle(layer: streets, symbol: .line(width: 0.5), color: Palette.street, label: "streets"),
                MapLayerStyle(layer: gaps, symbol: .line(width: 1.6), color: Palette.gap, label: "gaps"),
                MapLayerStyle(layer: covered, symbol: .line(width: 1.6), color: Palette.covered, label: "seen",
                              categoryField: "camera_count", categories: [("1", "#64b5f6"), ("2", "#1e88e5"), ("3", "#0d47a1")],
                              categoryLabels: ["1": "seen by 1", "2": "by 2", "3": "by 3"]),
                MapLayerStyle(layer: cams, symbol: .point(radius: 1.8), color: Palette.camera, label: "cameras"),
            ])
        let classes = s.byClass.keys.sorted { RoadClass.sortKey($0) < RoadClass.sortKey($1) }
        let chart = ReportChart(title: "Share of street length seen, by road class", unit: "%",
                                bars: classes.map { c in (c, ((s.byClass[c]!.coveredFraction) * 1000).rounded() / 10, RoadClass.isDrivable(c)) })
        let byClass = ReportTable(name: "coverage_by_class", title: "Coverage by road class", columns: ["road_class", "length_m", "covered_m", "covered_share"],
                                  rows: classes.map { c in
                                      let p = s.byClass[c]!
                                      return [.string(c), .double(p.lengthMeters.rounded()), .double(p.coveredMeters.rounded()), .double((p.coveredFraction * 1000).rounded() / 1000)]
                                  })
        let gapTable = ReportTable(name: "gaps", title: "Largest coverage gaps (ranked by length × road-class weight)",
                                   columns: ["rank", "street", "road_class", "length_m", "score"],
                                   rows: s.topGaps.map { g in [.int(Int64(g.rank)), .string(g.streetName ?? g.streetId), .string(g.roadClass), .double(g.lengthMeters.rounded()), .double(g.score.rounded())] })
        var findings = [
            "**\(SVGChart.format(s.coveredLengthMeters / 1000)) km of \(SVGChart.format(s.streetLengthMeters / 1000)) km** of streets are seen by a camera (**\(SVGChart.format(s.coveredFraction * 100))%**), \(SVGChart.format(s.multiplicityMeters.two / 1000 + s.multiplicityMeters.threeOrMore / 1000)) km by two or more.",
            "\(s.gapsCount) gaps of at least \(JSONText.number(s.minGapMeters)) m, \(SVGChart.format(s.gapsLengthMeters / 1000)) km in all.",
            "\(s.cameras) cameras analysed\(s.camerasHeadingUnknown > 0 ? "; \(s.camerasHeadingUnknown) have no mapped direction and count as all-round at their type's range (an upper bound: every gap shown is seen by no camera however it points)" : "")\(s.camerasSkipped > 0 ? "; \(s.camerasSkipped) skipped" : "").",
        ]
        if let sc = s.schools { findings.append("Schools: **\(sc.seen) of \(sc.count)** have their surroundings seen by a camera; \(sc.notSeen) have none.") }
        return ReportSection(key: "coverage", title: "Camera coverage",
                             summary: CoverageReport.summaryJSON(r, crs: crs), findings: findings,
                             layers: [covered, gaps, viewsheds, cams], tables: [byClass, gapTable], maps: [map], charts: [chart])
    }
}
