import CityModel
import GeoCore
import Staffing

/// The `load` section (precinct load against the norm) and, when asked, `rebalance`.
public enum LoadSection {
    static let classColors: [(value: String, color: String)] = [
        ("under", "#a5d6a7"), ("at", Palette.good), ("over", Palette.warn), ("far_over", Palette.bad), ("unstaffed", "#616161"),
    ]

    public static func build(_ r: LoadResult, city: City, generated: Bool, source: String) -> ReportSection {
        let layer = LoadReport.layer(r, crs: city.crs)
        let s = r.summary
        let inputs: [(String, JSONValue)] = [("precincts", .string(source)), ("generated_stand_in", .bool(generated))]
        let buildings = CityLayers.layer(.buildings, of: city)
        let map = ReportMap(
            title: "Precinct load against the norm",
            caption: "Residents per inspector ÷ norm of \(SVGChart.format(r.norm)): under < 0.9, at 0.9–1, over 1–1.5, far over > 1.5." + (generated ? " Precincts are generated stand-ins (Voronoi around offices), not real boundaries." : ""),
            layers: [
                MapLayerStyle(layer: layer, symbol: .fill(opacity: 0.55), color: Palette.good, label: "precincts",
                              categoryField: "load_class", categories: classColors,
                              categoryLabels: ["under": "under norm", "at": "at norm", "over": "over norm", "far_over": "far over", "unstaffed": "unstaffed"]),
                MapLayerStyle(layer: buildings, symbol: .fill(opacity: 0.35), color: Palette.building, label: "buildings"),
            ])
        let chart = ReportChart(
            title: "Residents per inspector by precinct, against the norm", unit: "",
            bars: r.loads.map { ($0.name ?? $0.id, $0.residentsPerInspector ?? 0, $0.overNorm) },
            reference: ("norm \(SVGChart.format(r.norm))", r.norm))
        let table = ReportTable(name: "precincts", title: "Precinct load", columns: ["id", "residents", "inspectors", "residents_per_inspector", "inspectors_needed", "deficit", "load_class"],
                                rows: r.loads.map { l in
                                    [.string(l.id), .double(l.residents.rounded()), .int(Int64(l.inspectors)),
                                     l.residentsPerInspector.map { .double($0.rounded()) } ?? .null, .int(Int64(l.inspectorsNeeded)),
                                     .int(Int64(l.deficit)), .string(l.loadClass.rawValue)]
                                })
        return ReportSection(
            key: "load", title: "Precinct load",
            summary: LoadReport.summary(r, inputs: inputs),
            findings: [
                "**\(SVGChart.format(s.totalResidents)) residents** (\(r.method)) in \(s.precincts) precincts with \(s.inspectors) inspectors; \(SVGChart.format(s.unassignedResidents)) outside every precinct.",
                "**\(s.overNorm) of \(s.precincts) precincts over the norm** of \(SVGChart.format(r.norm)) residents per inspector; \(s.inspectorsNeeded) inspectors needed, a deficit of **\(s.deficit)**.",
            ] + (generated ? ["Precincts are generated stand-ins around offices, not real boundaries."] : []),
            layers: [layer], tables: [table], maps: [map], charts: [chart])
    }

    public static func rebalance(_ r: RebalanceResult, city: City) -> ReportSection {
        let plan = RebalanceReport.planLayer(r, crs: city.crs)
        var planLayer = plan
        planLayer.name = "rebalanced_precincts"
        var blocks = RebalanceReport.blockLayer(r, crs: city.crs)
        blocks.name = "street_blocks"
        let extra = r.plan.extraInspectors.reduce(0, +)
        let map = ReportMap(title: "Rebalanced precincts", caption: "Proposed precincts built from street blocks, with their load class after rebalancing.",
                            layers: [MapLayerStyle(layer: planLayer, symbol: .fill(opacity: 0.55), color: Palette.good, label: "plan",
                                                   categoryField: "load_class_after", categories: classColors)])
        return ReportSection(
            key: "rebalance", title: "Rebalanced precincts",
            summary: RebalanceReport.summary(r, inputs: []),
            findings: [
                "Precincts over the norm: **\(r.overBefore) → \(r.overAfter)**, with \(extra) extra inspectors.",
                "\(SVGChart.format(r.plan.residentsMoved)) residents in \(r.plan.blocksMoved) street blocks change precinct.",
            ],
            layers: [planLayer, blocks], maps: [map])
    }
}
