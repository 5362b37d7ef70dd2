import CityModel
import GeoCore
import Staffing

/// The `load` section (precinct load against the norm) and, when asked, `rebalance`.
public enum PrecinctLoadSection {
    static let classColors: [(value: String, color: String)] = [
        ("under", "#a5d6a7"), ("at", Palette.good), ("over", Palette.warn), ("far_over", Palette.bad), ("unstaffed", "#616161"),
    ]

    static func classLabels(_ loc: Loc) -> [String: String] {
        Dictionary(uniqueKeysWithValues: classColors.map { ($0.value, loc.value($0.value)) })
    }

    public static func build(_ r: PrecinctLoadResult, city: City, generated: Bool, source: String, loc: Loc = .en) -> ReportSection {
        let layer = PrecinctLoadReport.layer(r, crs: city.crs)
        let s = r.summary
        let inputs: [(String, JSONValue)] = [("precincts", .string(source)), ("generated_stand_in", .bool(generated))]
        let buildings = CityLayers.layer(.buildings, of: city)
        let map = ReportMap(
            title: loc["load.map.title"],
            caption: loc.t("load.map.caption", loc.num(r.norm), loc.num(0.9), loc.num(1.5)) + (generated ? " " + loc["load.map.generated"] : ""),
            layers: [
                MapLayerStyle(layer: layer, symbol: .fill(opacity: 0.55), color: Palette.good, label: loc["legend.precincts"],
                              categoryField: "load_class", categories: classColors,
                              categoryLabels: classLabels(loc), outline: "#37474f", labelField: generated ? "id" : "name"),
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.35), color: Palette.building, label: loc["legend.buildings"]),
            ], labels: StreetLabels.top(city, count: 8))
        let chart = ReportChart(
            title: loc["load.chart.title"], unit: "",
            bars: r.loads.map { (generated ? $0.id : $0.name ?? $0.id, $0.residentsPerInspector ?? 0, $0.overNorm) },
            reference: (loc.t("load.chart.norm", loc.num(r.norm)), r.norm), note: loc["chart.note.over_norm"])
        let table = ReportTable(name: "precincts", title: loc["load.table.title"], columns: ["id", "residents", "inspectors", "residents_per_inspector", "inspectors_needed", "deficit", "load_class"],
                                rows: r.loads.map { l in
                                    [.string(l.id), .double(l.residents.rounded()), .int(Int64(l.inspectors)),
                                     l.residentsPerInspector.map { .double($0.rounded()) } ?? .null, .int(Int64(l.inspectorsNeeded)),
                                     .int(Int64(l.deficit)), .string(l.loadClass.rawValue)]
                                }, enumColumns: ["load_class"])
        return ReportSection(
            key: "load", title: loc["load.title"],
            summary: PrecinctLoadReport.summary(r, inputs: inputs),
            findings: [
                loc.t("load.f.residents", loc.num(s.totalResidents.rounded()), loc.value("method." + r.method), loc.num(s.precincts), loc.num(s.inspectors), loc.num(s.unassignedResidents.rounded())),
                loc.t("load.f.over", loc.num(s.overNorm), loc.num(s.precincts), loc.num(r.norm), loc.num(s.inspectorsNeeded), loc.num(s.deficit)),
            ] + (generated ? [loc["load.f.generated"]] : []),
            layers: [layer], tables: [table], maps: [map], charts: [chart],
            headlines: [
                Headline(value: loc.t("brief.n_of", loc.num(s.overNorm), loc.num(s.precincts)), label: loc["brief.load.label"],
                         basis: loc.t("brief.load.basis", loc.num(r.norm), loc.value("method." + r.method))
                             + (generated ? ". " + loc["load.f.generated"] : "")),
                Headline(value: loc.num(s.deficit), label: loc["brief.deficit.label"],
                         basis: loc.t("brief.deficit.basis", loc.num(s.inspectors), loc.num(s.inspectorsNeeded), loc.num(r.norm))),
            ])
    }

    public static func rebalance(_ r: RebalanceResult, city: City, generated: Bool = false, loc: Loc = .en) -> ReportSection {
        let plan = RebalanceReport.planLayer(r, crs: city.crs)
        var planLayer = plan
        planLayer.name = "rebalanced_precincts"
        var blocks = RebalanceReport.blockLayer(r, crs: city.crs)
        blocks.name = "street_blocks"
        let extra = r.plan.extraInspectors.reduce(0, +)
        let map = ReportMap(title: loc["rebal.map.title"], caption: loc["rebal.map.caption"],
                            layers: [MapLayerStyle(layer: planLayer, symbol: .fill(opacity: 0.55), color: Palette.good, label: loc["legend.plan"],
                                                   categoryField: "load_class_after", categories: classColors, categoryLabels: classLabels(loc),
                                                   outline: "#37474f", labelField: generated ? "id" : "name")],
                            labels: StreetLabels.top(city, count: 8))
        return ReportSection(
            key: "rebalance", title: loc["rebal.title"],
            summary: RebalanceReport.summary(r, inputs: []),
            findings: [
                loc.t("rebal.f.over", loc.num(r.overBefore), loc.num(r.overAfter), loc.num(extra)),
                loc.t("rebal.f.moved", loc.num(r.plan.residentsMoved.rounded()), loc.num(r.plan.blocksMoved)),
            ],
            layers: [planLayer, blocks], maps: [map],
            headlines: [Headline(value: loc.t("brief.arrow", loc.num(r.overBefore), loc.num(r.overAfter)), label: loc["brief.rebal.label"],
                                 basis: loc.t("brief.rebal.basis", loc.num(extra), loc.num(r.plan.residentsMoved.rounded())))])
    }
}
