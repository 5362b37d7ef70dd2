import CityIngest
import GeoCore

/// Before/after maps for `compare.html`: the same map drawn from the baseline run and from the
/// plan run, side by side at the same extent and scale (coverage and gaps, precinct load, reach
/// from posts), from each run folder's `layers.gpkg`. Maps whose layers neither run has are left
/// out.
public enum CompareMaps {
    static let names = ["streets", "coverage", "gaps", "camera_inventory", "proposed_cameras", "precincts", "rebalanced_precincts",
                        "isochrones", "posts", "proposed_posts"]

    /// Reads the layers the maps draw from a run folder (through CityIngest).
    public static func read(runFolder: String) throws -> [String: FeatureLayer] {
        try RunFolderLayers.read(runFolder: runFolder, names: names)
    }

    /// The HTML block with the map pairs (empty when there is nothing to draw).
    public static func html(base: [String: FeatureLayer], plan: [String: FeatureLayer], loc: Loc, width: Double = 460) -> String {
        var pairs: [(String, ReportMap, ReportMap)] = []
        let labels = (plan["streets"] ?? base["streets"]).map { StreetLabels.top($0, count: 6) } ?? []
        for (title, build) in [(loc["cmp.map.coverage"], coverage), (loc["cmp.map.load"], load), (loc["cmp.map.reach"], reach)] {
            let b = build(base, loc, false), p = build(plan, loc, true)
            guard b.layers.contains(where: { $0.drawn && !$0.layer.features.isEmpty && $0.layer.name != "streets" })
                    || p.layers.contains(where: { $0.drawn && !$0.layer.features.isEmpty && $0.layer.name != "streets" }) else { continue }
            var e = Envelope.empty
            for m in [b, p] { for l in m.layers where l.drawn { for f in l.layer.features { if let g = f.geometry { e.expand(by: g.envelope) } } } }
            var bm = b, pm = p
            bm.extent = e
            pm.extent = e
            bm.labels = labels
            pm.labels = labels
            pairs.append((title, bm, pm))
        }
        guard !pairs.isEmpty else { return "" }
        var h = "<section id=\"maps\">\n<h2>\(SVGMap.esc(loc["cmp.maps.title"]))</h2>\n<p class=\"note\">\(SVGMap.esc(loc["cmp.map.caption"]))</p>\n"
        for (title, b, p) in pairs {
            h += "<h3>\(SVGMap.esc(title))</h3>\n<div class=\"pair\">"
            h += "<figure>\(SVGMap.render(b, width: width, maxHeight: 520, loc: loc))<figcaption><b>\(SVGMap.esc(loc["cmp.baseline"])).</b> \(SVGMap.esc(title))</figcaption></figure>"
            h += "<figure>\(SVGMap.render(p, width: width, maxHeight: 520, loc: loc))<figcaption><b>\(SVGMap.esc(loc["cmp.plan"])).</b> \(SVGMap.esc(title))</figcaption></figure>"
            h += "</div>\n"
        }
        return h + "</section>\n"
    }

    static func streets(_ l: [String: FeatureLayer], _ loc: Loc) -> [MapLayerStyle] {
        l["streets"].map { [MapLayerStyle(layer: $0, symbol: .line(width: 0.5), color: Palette.street, label: loc["legend.streets"])] } ?? []
    }

    static func coverage(_ l: [String: FeatureLayer], _ loc: Loc, _ isPlan: Bool) -> ReportMap {
        var layers = streets(l, loc)
        if let g = l["gaps"] { layers.append(MapLayerStyle(layer: g, symbol: .line(width: 1.6), color: Palette.gap, label: loc["legend.gaps"])) }
        if let c = l["coverage"] {
            layers.append(MapLayerStyle(layer: c, symbol: .line(width: 1.6), color: Palette.covered, label: loc["legend.seen"],
                                        categoryField: "camera_count", categories: [("1", "#64b5f6"), ("2", "#1e88e5"), ("3", "#0d47a1")],
                                        categoryLabels: ["1": loc.t("legend.seen_by", "1"), "2": loc.t("legend.seen_by", "2"), "3": loc.t("legend.seen_by_more", "3")]))
        }
        if let c = l["camera_inventory"] { layers.append(MapLayerStyle(layer: c, symbol: .point(radius: 2), color: Palette.camera, label: loc["legend.cameras"])) }
        if isPlan, let p = l["proposed_cameras"] {
            layers.append(MapLayerStyle(layer: p, symbol: .point(radius: 4), color: Palette.proposed, label: loc["legend.proposed_cameras"],
                                        outline: "#ffffff", labelField: "rank"))
        }
        return ReportMap(title: loc["cmp.map.coverage"], caption: "", layers: layers)
    }

    static func load(_ l: [String: FeatureLayer], _ loc: Loc, _ isPlan: Bool) -> ReportMap {
        var layers = streets(l, loc)
        let labels = PrecinctLoadSection.classLabels(loc)
        if isPlan, let r = l["rebalanced_precincts"] {
            layers.append(MapLayerStyle(layer: r, symbol: .fill(opacity: 0.55), color: Palette.good, label: loc["legend.plan"],
                                        categoryField: "load_class_after", categories: PrecinctLoadSection.classColors, categoryLabels: labels,
                                        outline: "#37474f", labelField: "id"))
        } else if let p = l["precincts"] {
            layers.append(MapLayerStyle(layer: p, symbol: .fill(opacity: 0.55), color: Palette.good, label: loc["legend.precincts"],
                                        categoryField: "load_class", categories: PrecinctLoadSection.classColors, categoryLabels: labels,
                                        outline: "#37474f", labelField: "id"))
        }
        return ReportMap(title: loc["cmp.map.load"], caption: "", layers: layers)
    }

    static func reach(_ l: [String: FeatureLayer], _ loc: Loc, _ isPlan: Bool) -> ReportMap {
        var layers: [MapLayerStyle] = []
        if let iso = l["isochrones"] {
            let mi = iso.fieldIndex("minutes")
            let minutes = Array(Set(iso.features.compactMap { f in mi.flatMap { f.values[$0].number } })).sorted()
            let cats = minutes.enumerated().map { (value: JSONText.number($1), color: ReachSection.bandColors[min($0, ReachSection.bandColors.count - 1)]) }
            layers.append(MapLayerStyle(layer: iso, symbol: .fill(opacity: 0.55), color: ReachSection.bandColors[0], label: loc["legend.isochrones"],
                                        categoryField: "minutes", categories: cats,
                                        categoryLabels: Dictionary(uniqueKeysWithValues: minutes.map { (JSONText.number($0), "≤ " + loc.t("unit.n_min", loc.num($0))) }),
                                        outline: "#263238"))
        }
        layers += streets(l, loc).map { var s = $0; s.color = "#757575"; return s }
        if let p = l["posts"] {
            let ii = p.fieldIndex("id")
            let names = p.features.map { f in PostLabel.text(ii.flatMap { f.values[$0].text } ?? f.id, loc: loc) }
            layers.append(MapLayerStyle(layer: LabelledLayer.make(p, labels: names), symbol: .point(radius: 5), color: Palette.bad, label: loc["legend.posts"],
                                        outline: "#ffffff", labelField: "label"))
        }
        return ReportMap(title: loc["cmp.map.reach"], caption: "", layers: layers)
    }
}
