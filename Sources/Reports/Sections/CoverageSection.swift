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
        // The ten largest gaps, labelled by rank as in the gap table.
        let rankIndex = gaps.fieldIndex("rank")
        let topGaps = FeatureLayer(name: "top_gaps", fields: [FieldDefinition("label", .string)], crs: gaps.crs,
                                   features: gaps.features.compactMap { f in
                                       guard let ri = rankIndex, let rank = f.values[ri].number, rank <= 10 else { return nil }
                                       return Feature(id: f.id, geometry: f.geometry, values: [.string(loc.t("map.gap_rank", loc.num(Int(rank))))])
                                   })
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
                              categoryLabels: ["1": loc.t("legend.seen_by", "1"), "2": loc.t("legend.seen_by", "2"), "3": loc.t("legend.seen_by_more", "3")]),
                MapLayerStyle(layer: cams, symbol: .point(radius: 2.2), color: Palette.camera, label: loc["legend.cameras"]),
                MapLayerStyle(layer: topGaps, symbol: .line(width: 3.5), color: "#880e4f", label: loc["legend.top_gaps"], labelField: "label"),
            ], labels: StreetLabels.top(city))
        let classes = s.byClass.keys.sorted { RoadClass.sortKey($0) < RoadClass.sortKey($1) }
        let chart = ReportChart(title: loc["cov.chart.by_class"], unit: "%",
                                bars: classes.map { c in (loc.value(c), ((s.byClass[c]!.coveredFraction) * 1000).rounded() / 10, RoadClass.isDrivable(c)) },
                                note: loc["chart.note.drivable"])
        let byClass = ReportTable(name: "coverage_by_class", title: loc["cov.table.by_class"], columns: ["road_class", "length_m", "covered_m", "covered_share"],
                                  rows: classes.map { c in
                                      let p = s.byClass[c]!
                                      return [.string(c), .double(p.lengthMeters.rounded()), .double(p.coveredMeters.rounded()), .double((p.coveredFraction * 1000).rounded() / 1000)]
                                  }, enumColumns: ["road_class"])
        let gapTable = ReportTable(name: "gaps", title: loc["cov.table.gaps"],
                                   columns: ["rank", "street", "road_class", "length_m", "score"],
                                   rows: s.topGaps.map { g in [.int(Int64(g.rank)), .string(g.streetName ?? loc.t("street.unnamed", loc.value(g.roadClass))), .string(g.roadClass), .double(g.lengthMeters.rounded()), .double(g.score.rounded())] },
                                   enumColumns: ["road_class"])
        let levelText = s.coveredLevel.map { loc.t("cov.level.at", loc.value($0.rawValue), loc.num($0.pixelsPerMeter)) }
            ?? loc["cov.level.none"]
        var headingText = s.camerasHeadingUnknown > 0
            ? s.headingAssumption.map { loc.t($0 == "nearest_street" ? "cov.heading.nearest" : "cov.heading.allround", loc.num(s.camerasHeadingUnknown)) } ?? ""
            : ""
        if let h = s.headingRange {
            // The headline itself is a range: low (aimed at the nearest street) to high (all round).
            headingText = loc.t(s.headingAssumption == "nearest_street" ? "cov.heading.range_nearest" : "cov.heading.range_allround",
                                loc.num(h.lowMeters / 1000), loc.num(h.highMeters / 1000), loc.percent(h.lowFraction),
                                loc.percent(h.highFraction), loc.num(s.camerasHeadingUnknown))
        }
        var findings = [
            loc.t("cov.f.seen_level", loc.num(s.coveredLengthMeters / 1000), loc.num(s.streetLengthMeters / 1000), levelText,
                  loc.percent(s.coveredFraction), headingText,
                  loc.num(s.multiplicityMeters.two / 1000 + s.multiplicityMeters.threeOrMore / 1000)),
            loc.t("cov.f.gaps", loc.num(s.gapsCount), loc.num(s.minGapMeters), loc.num(s.gapsLengthMeters / 1000)),
            loc.t("cov.f.cameras", loc.num(s.cameras))
                + (s.camerasHeadingUnknown > 0 ? loc.t("cov.f.no_heading", loc.num(s.camerasHeadingUnknown)) : "")
                + (s.camerasSkipped > 0 ? loc.t("cov.f.skipped", loc.num(s.camerasSkipped)) : "") + ".",
        ]
        var tables = [byClass, gapTable]
        var layers = [covered, gaps, viewsheds, cams]
        if !r.levelPieces.isEmpty { layers.append(CoverageReport.levelLayer(r, crs: crs)) }
        if let first = r.headingSurvey.first, let h = s.headingRange {
            let top = r.headingSurvey.prefix(CoverageReport.surveySummaryCount)
            findings.insert(loc.t("cov.f.survey", "№ \(first.rank)", loc.num(first.swingMeters.rounded()),
                                  loc.num(top.count), loc.num(top.reduce(0) { $0 + $1.swingMeters }.rounded()),
                                  loc.num((h.highMeters - h.lowMeters).rounded()), loc.num(r.headingSurvey.filter { $0.swingMeters > 0 }.count)),
                            at: 1)
            tables.append(CoverageReport.headingSurveyTable(r, title: loc["cov.table.survey"]))
            layers.append(CoverageReport.headingSurveyLayer(r, crs: crs))
        }
        if let day = s.byLevel, let night = s.byLevelNight {
            let share = { (m: Double) in s.streetLengthMeters > 0 ? (m / s.streetLengthMeters * 1000).rounded() / 1000 : 0 }
            tables.insert(ReportTable(name: "coverage_by_level", title: loc["cov.table.by_level"],
                                      columns: ["level", "px_per_m", "day_m", "day_share", "night_m", "night_share"],
                                      rows: DoriLevel.allCases.map { l in
                                          [.string(l.rawValue), .double(l.pixelsPerMeter), .double(day[l].rounded()), .double(share(day[l])),
                                           .double(night[l].rounded()), .double(share(night[l]))]
                                      }, enumColumns: ["level"]), at: 1)
            let levels = DoriLevel.allCases.map { loc.value($0.rawValue) + " " + loc.num(day[$0] / 1000) + " km" }
            findings.insert(loc.t("cov.f.by_level", levels.joined(separator: ", "), loc.num((s.nightCoveredMeters ?? night.observe) / 1000),
                                  loc.value((s.coveredLevel ?? .observe).rawValue)), at: 1)
        }
        if let sc = s.schools { findings.append(loc.t("cov.f.schools", loc.num(sc.seen), loc.num(sc.count), loc.num(sc.notSeen))) }
        var basis = [levelText]
        if s.camerasHeadingUnknown > 0, let a = s.headingAssumption {
            basis.append(loc.t(a == "nearest_street" ? "brief.heading.nearest" : "brief.heading.allround", loc.num(s.camerasHeadingUnknown)))
        }
        basis.append(loc.t("brief.cov.cameras", loc.num(s.cameras)))
        var headlines = [Headline(value: loc.t("brief.km_of", loc.num(s.coveredLengthMeters / 1000), loc.num(s.streetLengthMeters / 1000), loc.percent(s.coveredFraction)),
                                  label: loc["brief.cov.label"], basis: basis.joined(separator: "; "))]
        if let sc = s.schools, sc.count > 0 {
            headlines.append(Headline(value: loc.t("brief.n_of", loc.num(sc.notSeen), loc.num(sc.count)), label: loc["brief.schools.label"],
                                      basis: loc["brief.schools.basis"]))
        }
        return ReportSection(key: "coverage", title: loc["cov.title"],
                             summary: CoverageReport.summaryJSON(r, crs: crs), findings: findings,
                             layers: layers, tables: tables, maps: [map], charts: [chart], headlines: headlines)
    }
}
