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
        let levelText = s.coveredLevel.map { "at \($0.rawValue) level (≥ \(JSONText.number($0.pixelsPerMeter)) px/m, IEC 62676-4) by day" }
            ?? "within each camera's plan range, whatever its pixel density"
        let headingText = s.camerasHeadingUnknown > 0 ? s.headingAssumption.map { "; the \(s.camerasHeadingUnknown) cameras without a heading are counted \($0 == "nearest_street" ? "aimed at the nearest street" : "all round (an upper bound)")" } ?? "" : ""
        var findings = [
            "**\(SVGChart.format(s.coveredLengthMeters / 1000)) km of \(SVGChart.format(s.streetLengthMeters / 1000)) km** of streets are seen by a camera \(levelText) (**\(SVGChart.format(s.coveredFraction * 100))%**)\(headingText); \(SVGChart.format(s.multiplicityMeters.two / 1000 + s.multiplicityMeters.threeOrMore / 1000)) km by two or more.",
            "\(s.gapsCount) gaps of at least \(JSONText.number(s.minGapMeters)) m, \(SVGChart.format(s.gapsLengthMeters / 1000)) km in all.",
            "\(s.cameras) cameras analysed\(s.camerasHeadingUnknown > 0 ? "; \(s.camerasHeadingUnknown) have no mapped direction and count as all-round at their type's range (an upper bound: every gap shown is seen by no camera however it points)" : "")\(s.camerasSkipped > 0 ? "; \(s.camerasSkipped) skipped" : "").",
        ]
        if let h = s.headingRange {
            findings.insert("Depending on where the \(s.camerasHeadingUnknown) cameras without a heading point, between **\(SVGChart.format(h.lowMeters / 1000)) km (\(SVGChart.format(h.lowFraction * 100))%)** (each aimed at its nearest street) and **\(SVGChart.format(h.highMeters / 1000)) km (\(SVGChart.format(h.highFraction * 100))%)** (each counted all round) are seen at this level.", at: 1)
        }
        var tables = [byClass, gapTable]
        if let day = s.byLevel, let night = s.byLevelNight {
            let share = { (m: Double) in s.streetLengthMeters > 0 ? (m / s.streetLengthMeters * 1000).rounded() / 1000 : 0 }
            tables.insert(ReportTable(name: "coverage_by_level", title: "Street length seen at each DORI level (IEC 62676-4), day and night (infrared range)",
                                      columns: ["level", "px_per_m", "day_m", "day_share", "night_m", "night_share"],
                                      rows: DoriLevel.allCases.map { l in
                                          [.string(l.rawValue), .double(l.pixelsPerMeter), .double(day[l].rounded()), .double(share(day[l])),
                                           .double(night[l].rounded()), .double(share(night[l]))]
                                      }), at: 1)
            findings.insert("By level: " + DoriLevel.allCases.map { "\($0.rawValue) \(SVGChart.format(day[$0] / 1000)) km" }.joined(separator: ", ")
                            + "; at night \(SVGChart.format((s.nightCoveredMeters ?? night.observe) / 1000)) km at \((s.coveredLevel ?? .observe).rawValue) level.", at: 1)
        }
        if let sc = s.schools { findings.append("Schools: **\(sc.seen) of \(sc.count)** have their surroundings seen by a camera; \(sc.notSeen) have none.") }
        return ReportSection(key: "coverage", title: "Camera coverage",
                             summary: CoverageReport.summaryJSON(r, crs: crs), findings: findings,
                             layers: [covered, gaps, viewsheds, cams], tables: tables, maps: [map], charts: [chart])
    }
}
