import CityModel
import CrimeAnalysis
import GeoCore
import Scenario
import Staffing

/// The `hot_spots`, `crime_trend` and `growth` sections of a scenario report.
public enum CrimeSection {
    static let classColors: [(value: String, color: String)] = [("hot", Palette.bad), ("cold", "#1565c0"), ("ns", "#eeeeee")]

    public static func hotSpots(_ r: HotSpotResult, outside: Int, source: String, city: City, loc: Loc = .en) -> ReportSection {
        let all = HotSpotReport.layer(r, crs: city.crs)
        let drawn = HotSpotReport.layer(r, crs: city.crs, onlyNonEmpty: true)
        let share = r.totalWeight > 0 ? r.weightInHotCells / r.totalWeight * 100 : 0
        let map = ReportMap(
            title: loc["hot.map.title"],
            caption: loc.t("hot.map.caption", loc.num(r.options.cellMeters), loc.num(r.options.effectiveBandMeters), loc.num(r.options.alpha)),
            layers: [
                MapLayerStyle(layer: drawn, symbol: .fill(opacity: 0.6), color: "#eeeeee", label: loc["legend.hot_spots"],
                              categoryField: "class", categories: classColors,
                              categoryLabels: ["hot": loc.value("hot"), "cold": loc.value("cold"), "ns": loc.value("ns")],
                              labelField: "count"),
                MapLayerStyle(layer: CityLayers.layer(.streets, of: city), symbol: .line(width: 0.6), color: Palette.street, label: loc["legend.streets"]),
            ])
        let hottest = r.cells.filter { $0.hotSpotClass == .hot }.sorted { ($0.giZ, $1.id) > ($1.giZ, $0.id) }.prefix(10)
        let table = ReportTable(name: "hot_spots_top", title: loc["hot.table.title"], columns: ["id", "count", "density", "gi_z", "p_fdr", "class"],
                                rows: hottest.map { c in
                                    [.string(c.id), .double(c.count), .double(c.densityPerKm2.rounded()), .double((c.giZ * 100).rounded() / 100),
                                     c.pFDR < 0.001 ? .string("< " + loc.fixed(0.001, 3)) : .double((c.pFDR * 1000).rounded() / 1000),
                                     .string(c.hotSpotClass.rawValue)]
                                }, enumColumns: ["class"])
        return ReportSection(
            key: "hot_spots", title: loc["hot.title"],
            summary: HotSpotReport.summary(r, outside: outside, inputs: [("incidents", .string(source))]),
            findings: [
                loc.t("hot.f.cells", loc.num(r.incidentCount), loc.num(r.cells.count), loc.num(r.options.cellMeters), loc.num(r.count(.hot)),
                      loc.num(share), loc.num(r.count(.cold)), loc.num(r.options.alpha)),
                loc["hot.f.method"],
            ],
            layers: [all], tables: [table], maps: [map])
    }

    /// The `hot_spots` section for hot spots on street segments (`crime.hot_spots.on: streets`).
    public static func segmentHotSpots(_ r: SegmentHotSpotResult, source: String, city: City, loc: Loc = .en) -> ReportSection {
        let o = r.options
        let layer = SegmentHotSpotReport.layer(r, crs: city.crs)
        let share = r.totalWeight > 0 ? r.weightInHot / r.totalWeight * 100 : 0
        let neighbours: String
        switch o.effectiveNeighbours {
        case .band(let m): neighbours = loc.t("hot.seg.band", loc.num(m))
        case .nearest(let k): neighbours = loc.t("hot.seg.knn", loc.num(Double(k)))
        }
        let map = ReportMap(
            title: loc["hot.seg.map.title"],
            caption: loc.t("hot.seg.map.caption", loc.num(o.segmentMeters), loc.num(o.maxSnapMeters), neighbours, loc.num(o.alpha)),
            layers: [
                MapLayerStyle(layer: CityLayers.layer(.streets, of: city), symbol: .line(width: 0.6), color: Palette.street, label: loc["legend.streets"]),
                MapLayerStyle(layer: layer, symbol: .line(width: 2.5), color: "#eeeeee", label: loc["legend.hot_segments"],
                              categoryField: "class", categories: classColors,
                              categoryLabels: ["hot": loc.value("hot"), "cold": loc.value("cold"), "ns": loc.value("ns")]),
            ], labels: StreetLabels.top(city))
        let hottest = r.segments.filter { $0.hotSpotClass == .hot }.sorted { ($0.giZ, $1.id) > ($1.giZ, $0.id) }.prefix(10)
        let table = ReportTable(name: "hot_spots_top", title: loc["hot.seg.table.title"],
                                columns: ["id", "street_id", "count", "count_per_km", "gi_z", "p_fdr", "class"],
                                rows: hottest.map { c in
                                    [.string(c.id), .string(c.streetId), .double(c.count), .double((c.countPerKm * 10).rounded() / 10),
                                     .double((c.giZ * 100).rounded() / 100),
                                     c.pFDR < 0.001 ? .string("< " + loc.fixed(0.001, 3)) : .double((c.pFDR * 1000).rounded() / 1000),
                                     .string(c.hotSpotClass.rawValue)]
                                }, enumColumns: ["class"])
        return ReportSection(
            key: "hot_spots", title: loc["hot.title"],
            summary: SegmentHotSpotReport.summary(r, inputs: [("incidents", .string(source))]),
            findings: [
                loc.t("hot.seg.f.segments", loc.num(r.incidentCount), loc.num(r.segments.count), loc.num(r.unattached), loc.num(o.maxSnapMeters),
                      loc.num(r.count(.hot)), loc.num(share), loc.num(r.count(.cold)), loc.num(o.alpha)),
                loc["hot.f.method"],
            ],
            layers: [layer], tables: [table], maps: [map])
    }

    public static func trend(_ c: CrimeResults, city: City, loc: Loc = .en) -> ReportSection? {
        guard let t = c.trend else { return nil }
        var findings: [String] = []
        if let a = t.city.ratesPer10k.first ?? nil, let b = t.city.ratesPer10k.last ?? nil {
            findings.append(loc.t("trend.f.city", loc.num(a), t.periods.first!.description, loc.num(b), t.periods.last!.description,
                                  t.city.changePercent.map { loc.num(($0 * 10).rounded() / 10) } ?? "—"))
        }
        let rising = t.precincts.filter { ($0.changePercent ?? 0) > 0 }.count
        findings.append(loc.t("trend.f.precincts", loc.num(rising), loc.num(t.precincts.count)))
        var summaryMembers: [(String, JSONValue)] = []
        if case .object(let m) = CrimeTrendReport.trendSummary(t, timeField: c.timeField ?? "") { summaryMembers = m }
        // The report table leaves out names (generated stand-ins carry English names); the CSV keeps them.
        var change = CrimeTrendReport.changeTable(t)
        change.title = loc["trend.table.title"]
        change.columns.remove(at: 1)
        change.rows = change.rows.map { r in var r = r; r.remove(at: 1); return r }
        var tables = [change]
        var layers: [FeatureLayer] = []
        var maps: [ReportMap] = []
        if let impacts = c.impacts {
            let withQ = impacts.compactMap(\.counts.wdq)
            let net = impacts.compactMap(\.counts.totalNetEffect).reduce(0, +)
            findings.append(loc.t("impact.f", loc.num(impacts.count), loc.num(withQ.count), loc.num(withQ.filter { $0 > 0 }.count),
                                  loc.num(withQ.filter { $0 < 0 }.count), loc.num(net.rounded())))
            findings.append(loc["impact.f.method"])
            let layer = CrimeTrendReport.impactLayer(impacts, cameras: c.impactCameras, crs: city.crs)
            layers.append(layer)
            tables.append(ReportTable(name: "camera_impact", title: loc["impact.table.title"],
                                      columns: ["camera_id", "installed", "r_before", "r_after", "d_before", "d_after", "c_before", "c_after", "wdq", "total_net_effect"],
                                      rows: impacts.map { i in
                                          let k = i.counts
                                          return [.string(i.id), .string(i.installed.description), .int(Int64(k.responseBefore)), .int(Int64(k.responseAfter)),
                                                  .int(Int64(k.bufferBefore)), .int(Int64(k.bufferAfter)), .int(Int64(k.controlBefore)), .int(Int64(k.controlAfter)),
                                                  k.wdq.map { .double(($0 * 100).rounded() / 100) } ?? .null,
                                                  k.totalNetEffect.map { .double(($0 * 10).rounded() / 10) } ?? .null]
                                      }))
            maps.append(ReportMap(title: loc["impact.map.title"], caption: loc.t("impact.map.caption", loc.num(c.impactOptions.radiusMeters),
                                                                                  loc.num(c.impactOptions.radiusMeters + c.impactOptions.bufferMeters)),
                                  layers: [MapLayerStyle(layer: CityLayers.layer(.streets, of: city), symbol: .line(width: 0.6), color: Palette.street, label: loc["legend.streets"]),
                                           MapLayerStyle(layer: layer, symbol: .point(radius: 5), color: Palette.camera, label: loc["legend.cameras"],
                                                         labelField: "installed")]))
            if case .object(let m) = CrimeTrendReport.impactSummary(impacts, options: c.impactOptions, undated: c.camerasUndated) {
                summaryMembers.append(("camera_impact", .object(m)))
            }
        }
        let chart = ReportChart(title: loc["trend.chart.title"], unit: "",
                                bars: zip(t.periods, t.city.ratesPer10k).map { ($0.description, $1 ?? 0, false) })
        return ReportSection(key: "crime_trend", title: loc["trend.title"], summary: .object(summaryMembers), findings: findings,
                             layers: layers, tables: tables, maps: maps, charts: [chart])
    }

    public static func growth(_ g: GrowthResults, load: PrecinctLoadResult, city: City, loc: Loc = .en) -> ReportSection {
        let p = g.projection
        let layer = CrimeTrendReport.growthLayer(p, precincts: load.precincts, crs: city.crs)
        let points = CrimeTrendReport.newPointsLayer(p, crs: city.crs)
        let planned = p.housingResidents.reduce(0, +)
        var findings = [
            loc.t("growth.f.planned", loc.num(p.housingResidents.count), loc.num(planned.rounded()), String(p.baseYear + 1), String(p.years.last ?? p.baseYear)),
            loc.t("growth.f.over", loc.num(p.overNow), loc.num(p.overAtEnd), loc.num(p.precincts.count), loc.num(p.norm),
                  loc.num(p.precincts.reduce(0) { $0 + $1.deficitAtEnd })),
        ]
        for s in p.precincts { if let y = s.crossingYear { findings.append(loc.t("growth.f.crossing", s.id, String(y))) } }
        findings.append(loc.t("growth.f.points", loc.num(p.newPoints.count)))
        if p.unassignedResidents > 0 { findings.append(loc.t("growth.f.outside", loc.num(p.unassignedResidents.rounded()), loc.num(p.unassignedIds.count))) }
        let map = ReportMap(
            title: loc["growth.map.title"], caption: loc.t("growth.map.caption", String(p.years.last ?? p.baseYear)),
            layers: [
                MapLayerStyle(layer: layer, symbol: .fill(opacity: 0.5), color: Palette.good, label: loc["legend.precincts"],
                              categoryField: "over_now", categories: [("true", Palette.bad), ("false", Palette.good)],
                              categoryLabels: ["true": loc.value("over"), "false": loc.value("under")], labelField: "id"),
                MapLayerStyle(layer: points, symbol: .point(radius: 6), color: Palette.proposed, label: loc["legend.new_precinct_points"]),
            ])
        let table = ReportTable(name: "growth_precincts", title: loc["growth.table.title"],
                                columns: ["id", "inspectors", "residents_now", "residents_end", "crossing_year", "inspectors_needed_end", "deficit_end"],
                                rows: p.precincts.map { s in
                                    [.string(s.id), .int(Int64(s.inspectors)), .double(s.residentsNow.rounded()),
                                     .double((s.residentsByYear.last ?? s.residentsNow).rounded()),
                                     s.crossingYear.map { .string(String($0)) } ?? (s.overNow ? .string(loc.value("already")) : .null),
                                     .int(Int64(s.inspectorsNeededAtEnd)), .int(Int64(s.deficitAtEnd))]
                                })
        let chart = ReportChart(title: loc.t("growth.chart.title", String(p.years.last ?? p.baseYear)), unit: "",
                                bars: p.precincts.map { s in
                                    let end = s.residentsByYear.last ?? s.residentsNow
                                    return (s.id, s.inspectors > 0 ? end / Double(s.inspectors) : 0, s.inspectors > 0 ? end > p.norm * Double(s.inspectors) : end > 0)
                                },
                                reference: (loc.t("load.chart.norm", loc.num(p.norm)), p.norm))
        return ReportSection(key: "growth", title: loc["growth.title"], summary: CrimeTrendReport.growthSummary(p, housingSource: g.source),
                             findings: findings, layers: [layer, points], tables: [table], maps: [map], charts: [chart])
    }
}
