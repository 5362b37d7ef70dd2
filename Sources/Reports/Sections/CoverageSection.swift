import CityModel
import Coverage
import GeoCore

/// The `coverage` section: which street metres the cameras see, gaps, schools.
public enum CoverageSection {
    public static func build(_ r: CoverageResult, city: City, loc: Loc = .en) -> ReportSection {
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
            title: loc["cov.map.title"],
            caption: loc.t(s.occlusion ? "cov.map.caption_occl" : "cov.map.caption", loc.num(s.minGapMeters)),
            layers: [
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.35), color: Palette.building, label: loc["legend.buildings"]),
                MapLayerStyle(layer: viewsheds, symbol: .fill(opacity: 0.12), color: Palette.covered, label: loc["legend.viewsheds"]),
                MapLayerStyle(layer: streets, symbol: .line(width: 0.5), color: Palette.street, label: loc["legend.streets"]),
                MapLayerStyle(layer: gaps, symbol: .line(width: 1.6), color: Palette.gap, label: loc["legend.gaps"]),
                MapLayerStyle(layer: covered, symbol: .line(width: 1.6), color: Palette.covered, label: loc["legend.seen"],
                              categoryField: "camera_count", categories: [("1", "#64b5f6"), ("2", "#1e88e5"), ("3", "#0d47a1")],
                              categoryLabels: ["1": loc.t("legend.seen_by", "1"), "2": loc.t("legend.seen_by", "2"), "3": loc.t("legend.seen_by", "3")]),
                MapLayerStyle(layer: cams, symbol: .point(radius: 1.8), color: Palette.camera, label: loc["legend.cameras"]),
            ])
        let classes = s.byClass.keys.sorted { RoadClass.sortKey($0) < RoadClass.sortKey($1) }
        let chart = ReportChart(title: loc["cov.chart.by_class"], unit: "%",
                                bars: classes.map { c in (loc.value(c), ((s.byClass[c]!.coveredFraction) * 1000).rounded() / 10, RoadClass.isDrivable(c)) })
        let byClass = ReportTable(name: "coverage_by_class", title: loc["cov.table.by_class"], columns: ["road_class", "length_m", "covered_m", "covered_share"],
                                  rows: classes.map { c in
                                      let p = s.byClass[c]!
                                      return [.string(c), .double(p.lengthMeters.rounded()), .double(p.coveredMeters.rounded()), .double((p.coveredFraction * 1000).rounded() / 1000)]
                                  }, enumColumns: ["road_class"])
        let gapTable = ReportTable(name: "gaps", title: loc["cov.table.gaps"],
                                   columns: ["rank", "street", "road_class", "length_m", "score"],
                                   rows: s.topGaps.map { g in [.int(Int64(g.rank)), .string(g.streetName ?? g.streetId), .string(g.roadClass), .double(g.lengthMeters.rounded()), .double(g.score.rounded())] },
                                   enumColumns: ["road_class"])
        var findings = [
            loc.t("cov.f.seen", loc.num(s.coveredLengthMeters / 1000), loc.num(s.streetLengthMeters / 1000), loc.percent(s.coveredFraction),
                  loc.num(s.multiplicityMeters.two / 1000 + s.multiplicityMeters.threeOrMore / 1000)),
            loc.t("cov.f.gaps", loc.num(s.gapsCount), loc.num(s.minGapMeters), loc.num(s.gapsLengthMeters / 1000)),
            loc.t("cov.f.cameras", loc.num(s.cameras))
                + (s.camerasHeadingUnknown > 0 ? loc.t("cov.f.no_heading", loc.num(s.camerasHeadingUnknown)) : "")
                + (s.camerasSkipped > 0 ? loc.t("cov.f.skipped", loc.num(s.camerasSkipped)) : "") + ".",
        ]
        if let sc = s.schools { findings.append(loc.t("cov.f.schools", loc.num(sc.seen), loc.num(sc.count), loc.num(sc.notSeen))) }
        return ReportSection(key: "coverage", title: loc["cov.title"],
                             summary: CoverageReport.summaryJSON(r, crs: crs), findings: findings,
                             layers: [covered, gaps, viewsheds, cams], tables: [byClass, gapTable], maps: [map], charts: [chart])
    }
}
