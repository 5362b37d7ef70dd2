import CityModel
import PlacementModels
import Scenario

/// The `junctions` section of a scenario report: how many junctions of the traffic network
/// have every approach seen at the DORI level, on a map of complete and incomplete junctions.
public enum JunctionSection {
    public static func build(_ r: JunctionCompletenessResult, city: City, loc: Loc = .en) -> ReportSection {
        let layer = JunctionReport.layer(r, crs: city.crs)
        let o = r.options
        let map = ReportMap(
            title: loc["junctions.map.title"],
            caption: loc.t("junctions.map.caption", loc.num(o.approachMeters), loc.num(o.seenShare * 100), loc.value(o.rule.level.rawValue)),
            layers: [
                MapLayerStyle(layer: CityLayers.layer(.streets, of: city), symbol: .line(width: 0.6), color: Palette.street, label: loc["legend.streets"]),
                MapLayerStyle(layer: layer, symbol: .point(radius: 3.5), color: Palette.bad, label: loc["legend.junctions"],
                              categoryField: "complete", categories: [("0", Palette.bad), ("1", Palette.good)],
                              categoryLabels: ["0": loc["junctions.incomplete"], "1": loc["junctions.complete"]]),
            ], labels: StreetLabels.top(city))
        let worst = r.junctions.filter { !$0.isComplete }.sorted { ($0.approachCount - $0.seenCount, $1.junction.id) > ($1.approachCount - $1.seenCount, $0.junction.id) }.prefix(10)
        let table = ReportTable(name: "junctions_incomplete", title: loc["junctions.table.title"], columns: ["id", "approaches", "seen", "degree"],
                                rows: worst.map { j in
                                    [.string(j.junction.id), .int(Int64(j.approachCount)), .int(Int64(j.seenCount)), .int(Int64(j.junction.degree))]
                                })
        var summary = JunctionReport.block(r)
        if case .object(var m) = summary { m.append(("cameras", .number(Double(r.cameras.count)))); summary = .object(m) }
        return ReportSection(
            key: "junctions", title: loc["junctions.title"], summary: summary,
            findings: [
                loc.t("junctions.f.complete", loc.num(r.completeCount), loc.num(r.junctionCount), loc.num(r.seenApproachCount),
                      loc.num(r.approachCount), loc.value(o.rule.level.rawValue), loc.num(r.cameras.count)),
                o.rule.directional ? loc.t("junctions.f.directional", loc.num(o.rule.headingToleranceDeg)) : loc["junctions.f.any"],
            ],
            layers: [layer], tables: [table], maps: [map])
    }
}
