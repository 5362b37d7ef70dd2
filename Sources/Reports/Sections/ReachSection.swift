import CityModel
import GeoCore
import StreetGraph

/// The `reach` section: how much of the city posts reach within each response time.
public enum ReachSection {
    /// Sequential ramp (ColorBrewer YlGnBu), shortest time darkest; each band also gets a dark
    /// outline so nested bands stay apart where the fills meet.
    static let bandColors = ["#253494", "#2c7fb8", "#41b6c4", "#a1dab4", "#ffffcc"]

    public static func build(graph g: RoadGraph, postIds: [String], postPoints: [Point], outcome: ReachOutcome, city: City, loc: Loc = .en) -> ReportSection {
        let crs = city.crs.identifier
        let s = outcome.summary
        var reach = StreetGraphLayers.reach(outcome.reach, graph: g, crs: crs)
        let isochrones = StreetGraphLayers.isochrones(outcome.isochrones, crs: crs)
        let snapped = outcome.snappedSources.map { postIds[$0] }
        let beats = StreetGraphLayers.beats(outcome.beats, graph: g, sourceIds: snapped, crs: crs)
        let posts = FeatureLayer(name: "posts", fields: [FieldDefinition("id", .string), FieldDefinition("snapped", .bool)], crs: crs,
                                 features: zip(postIds, postPoints).enumerated().map { i, p in
                                     Feature(id: p.0, geometry: .point(p.1), values: [.string(p.0), .bool(outcome.sourceSnaps[i] != nil)])
                                 }, geometryKind: .point)
        reach.name = "reach"
        let minuteValues = s.thresholds.map { JSONText.number($0.minutes) }
        let isoCategories = minuteValues.enumerated().map { (value: $1, color: bandColors[min($0, bandColors.count - 1)]) }
        let streets = CityLayers.layer(.streets, of: city)
        let map = ReportMap(
            title: loc.t("reach.map.title", loc.value("mode." + s.mode)),
            caption: loc["reach.map.caption"],
            layers: [
                MapLayerStyle(layer: isochrones, symbol: .fill(opacity: 0.55), color: bandColors[0], label: loc["legend.isochrones"],
                              categoryField: "minutes", categories: isoCategories,
                              categoryLabels: Dictionary(uniqueKeysWithValues: zip(minuteValues, s.thresholds).map { ($0, "≤ " + loc.t("unit.n_min", loc.num($1.minutes))) }),
                              outline: "#263238"),
                MapLayerStyle(layer: streets, symbol: .line(width: 0.6), color: "#757575", label: loc["legend.streets"]),
                MapLayerStyle(layer: posts, symbol: .point(radius: 5), color: Palette.bad, label: loc["legend.posts"], drawn: false),
                MapLayerStyle(layer: LabelledLayer.make(posts, labels: postIds.map { PostLabel.text($0, loc: loc) }), symbol: .point(radius: 5),
                              color: Palette.bad, label: loc["legend.posts"], outline: "#ffffff", labelField: "label"),
            ], labels: StreetLabels.top(city, count: 8))
        let chart = ReportChart(title: loc["reach.chart.title"], unit: "%",
                                bars: s.thresholds.map { ("≤ " + loc.t("unit.n_min", loc.num($0.minutes)), ($0.streetFraction * 1000).rounded() / 10, false) })
        let table = ReportTable(name: "response_coverage", title: loc["reach.table.coverage"],
                                columns: ["minutes", "street_km", "street_share", "residents", "schools"],
                                rows: s.thresholds.map { t in
                                    [.double(t.minutes), .double((t.streetLengthMeters / 10).rounded() / 100),
                                     .double((t.streetFraction * 1000).rounded() / 1000), .double(t.residents.rounded()), .int(Int64(t.schools))]
                                })
        let beatTable = ReportTable(name: "beats", title: loc["reach.table.beats"],
                                    columns: ["post", "street_km", "residents", "schools"],
                                    rows: s.beats.map { [.string($0.source), .double(($0.streetLengthMeters / 10).rounded() / 100), .double($0.residents.rounded()), .int(Int64($0.schools))] })
        var findings = s.thresholds.map { t in
            loc.t("reach.f.within", loc.num(t.minutes), loc.percent(t.streetFraction), loc.num(t.residents.rounded()), loc.num(s.residentsTotal.rounded()),
                  loc.num(t.schools), loc.num(s.schoolsTotal))
        }
        if s.unsnapped > 0 { findings.append(loc.t("reach.f.unsnapped", loc.num(s.unsnapped), loc.value("mode." + s.mode), s.unsnappedIds.joined(separator: ", "))) }
        // Posts on a fragment cut off from the main network reach only that fragment.
        let cutOff = outcome.snappedSources.filter { i in outcome.sourceSnaps[i].map { !g.touchesMainNetwork(edge: $0.position.edge) } ?? false }
        if !cutOff.isEmpty {
            findings.append(loc.t("reach.f.cut_off", loc.num(cutOff.count), loc.value("mode." + s.mode), cutOff.map { postIds[$0] }.joined(separator: ", ")))
        }
        return ReportSection(key: "reach", title: loc["reach.title"],
                             summary: StreetGraphLayers.summary(s, graph: g), findings: findings,
                             layers: [posts, reach, isochrones, beats], tables: [table, beatTable], maps: [map], charts: [chart],
                             headlines: s.thresholds.isEmpty ? [] : [{
                                 let t = s.thresholds[s.thresholds.count / 2]
                                 return Headline(value: loc.t("brief.n_of", loc.num(t.residents.rounded()), loc.num(s.residentsTotal.rounded())),
                                                 label: loc.t("brief.reach.label", loc.num(t.minutes)),
                                                 basis: loc.t("brief.reach.basis", loc.num(postIds.count), loc.value("mode." + s.mode)))
                             }()])
    }
}
