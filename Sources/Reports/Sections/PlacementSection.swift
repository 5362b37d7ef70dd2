import CityModel
import Coverage
import GeoCore
import Placement
import PlacementModels

/// The `placement` section: proposed cameras (street metres or an ANPR objective) and posts,
/// each answer with its proven bound.
public enum PlacementSection {
    /// - Parameter anpr: ANPR / Sergek cameras placed by direction of travel (`anpr_cameras` in
    ///   the summary, the keys `covplan place cameras --objective anpr-*` writes).
    public static func build(cameras: (CameraPlacementResult, CameraPlacementRequest)?,
                             anpr: (TrafficPlacementResult, TrafficPlacementRequest)? = nil,
                             posts: (PostPlacementResult, PostPlacementRequest)?, city: City, loc: Loc = .en) -> ReportSection {
        var members: [(String, JSONValue)] = []
        var layers: [FeatureLayer] = []
        var findings: [String] = []
        var tables: [ReportTable] = []
        var cost = 0.0
        let pct = { (f: Double) in loc.percent(f) }
        if let (r, req) = cameras {
            members.append(("cameras", CameraPlacementReport.summaryJSON(r, request: req, crs: city.crs)))
            var l = CameraPlacementReport.proposedLayer(r, city: city)
            l.name = "proposed_cameras"
            layers.append(l)
            cost += r.costTenge
            let p = r.placement
            // What the figures rest on: the level and the heading assumption for existing cameras.
            let basis = [req.coveredLevel.map { loc.t("cmp.basis.level", loc.value($0.rawValue)) } ?? loc["cov.level.none"],
                         loc[req.cameraDefaults.missingHeading == .nearestStreet ? "cmp.basis.heading_nearest" : "cmp.basis.heading_allround"]]
            findings.append(loc.t("place.f.cameras", loc.num(r.proposed.count), loc.money(r.costTenge), loc.num(r.newlyCoveredMeters / 1000),
                                  pct(r.coveredFractionBefore), pct(r.coveredFractionAfter), basis.joined(separator: ", ")))
            findings.append(loc.t("place.f.bound", loc.num(p.objective), loc.num(p.upperBound), pct(p.gap), loc.value("bound." + p.boundMethod.rawValue)))
            tables.append(ReportTable(name: "proposed_cameras", title: loc["place.table.cameras"],
                                      columns: ["rank", "type", "heading_deg", "street", "marginal_m", "cost_tenge"],
                                      rows: r.proposed.map { c in
                                          let s = c.pose.site.streetIndex < city.streets.count ? city.streets[c.pose.site.streetIndex] : nil
                                          return [.int(Int64(c.rank)), .string(c.pose.type.name), .double((c.pose.headingDeg * 10).rounded() / 10),
                                                  .string(s?.name ?? loc.t("street.unnamed", loc.value(s?.highway ?? "road"))), .double(c.marginalMeters.rounded()), .double(c.costTenge)]
                                      }))
        }
        if let (r, req) = anpr {
            members.append(("anpr_cameras", TrafficPlacementReport.summaryJSON(r, request: req, crs: city.crs)))
            var l = TrafficPlacementReport.proposedLayer(r, city: city)
            l.name = "proposed_anpr_cameras"
            layers.append(l)
            cost += r.costTenge
            let p = r.placement
            let total = r.totalWeight
            let groups = r.completeGroups
            findings.append(loc.t("place.f.anpr", loc.num(r.proposed.count), loc.money(r.costTenge), loc.value(req.objective.rawValue),
                                  pct(total > 0 ? r.weightBefore / total : 0), pct(total > 0 ? r.weightAfter / total : 0),
                                  loc.num(groups.complete), loc.num(groups.total), loc.value(req.rule.level.rawValue),
                                  loc.num(req.rule.headingToleranceDeg)))
            if p.sense == .minimize {
                let bound = loc.num((p.bound + 1e-9).rounded(.down))
                findings.append(loc.t("place.f.anpr.lower", bound,
                                      loc.fill(loc[p.problem == .setCoveringCost ? "place.anpr.unit.tenge" : "place.anpr.unit.cameras"], [bound]),
                                      pct(p.gap)))
            } else {
                findings.append(loc.t("place.f.bound", loc.num(p.objective), loc.num(p.bound), pct(p.gap), loc.value("bound." + p.boundMethod.rawValue)))
            }
            tables.append(ReportTable(name: "proposed_anpr_cameras", title: loc["place.table.anpr"],
                                      columns: ["rank", "type", "heading_deg", "street", "marginal_gain", "cost_tenge"],
                                      rows: r.proposed.map { c in
                                          let s = c.pose.site.streetIndex < city.streets.count ? city.streets[c.pose.site.streetIndex] : nil
                                          return [.int(Int64(c.rank)), .string(c.pose.type.name), .double((c.pose.headingDeg * 10).rounded() / 10),
                                                  .string(s?.name ?? loc.t("street.unnamed", loc.value(s?.highway ?? "road"))),
                                                  .double((c.marginalGain * 1000).rounded() / 1000), .double(c.costTenge)]
                                      }))
        }
        if let (r, req) = posts {
            members.append(("posts", PostPlacementReport.summaryJSON(r, request: req, mode: "drive", crs: city.crs)))
            var l = PostPlacementReport.proposedLayer(r, request: req, crs: city.crs)
            l.name = "proposed_posts"
            layers.append(l)
            cost += r.costTenge
            findings.append(loc.t("place.f.posts", loc.num(r.proposed.count), loc.num(req.minutes), pct(r.coveredFractionBefore), pct(r.coveredFractionAfter), pct(r.placement.gap)))
        }
        members.append(("cost_tenge", .number(cost)))
        findings.append(loc.t("place.f.cost", loc.money(cost)))
        let streets = CityLayers.layer(.streets, of: city)
        var mapLayers = [MapLayerStyle(layer: streets, symbol: .line(width: 0.6), color: Palette.street, label: loc["legend.streets"])]
        for l in layers {
            let post = l.name == "proposed_posts"
            // Labels: camera ranks as in the table, posts as "post 1", "post 2", ...
            let ri = l.fieldIndex("rank")
            let labels = l.features.map { f -> String in
                let rank = ri.flatMap { f.values[$0].number }.map { loc.num(Int($0)) } ?? ""
                return post ? loc.t("map.post_n", rank) : rank
            }
            mapLayers.append(MapLayerStyle(layer: l, symbol: .point(radius: post ? 6 : 4),
                                           color: post ? Palette.bad : Palette.proposed,
                                           label: post ? loc["legend.proposed_posts"] : loc["legend.proposed_cameras"], drawn: false))
            mapLayers.append(MapLayerStyle(layer: LabelledLayer.make(l, labels: labels), symbol: .point(radius: post ? 6 : 4),
                                           color: post ? Palette.bad : Palette.proposed,
                                           label: post ? loc["legend.proposed_posts"] : loc["legend.proposed_cameras"], outline: "#ffffff",
                                           labelField: "label"))
        }
        // The ANPR targets (entry directions, junction approaches, ...) as a layer for GIS, not on the map.
        if let (r, _) = anpr {
            var t = TrafficPlacementReport.targetsLayer(r, city: city)
            t.name = "anpr_targets"
            layers.append(t)
        }
        var headlines: [Headline] = []
        let nCams = (cameras?.0.proposed.count ?? 0) + (anpr?.0.proposed.count ?? 0), nPosts = posts?.0.proposed.count ?? 0
        headlines.append(Headline(value: loc.money(cost), label: loc.t("brief.place.label", loc.num(nCams), loc.num(nPosts)),
                                  basis: loc["brief.place.basis"]))
        if let (r, _) = cameras {
            headlines.append(Headline(value: loc.t("brief.arrow", loc.percent(r.coveredFractionBefore), loc.percent(r.coveredFractionAfter)),
                                      label: loc.t("brief.place.cov.label", loc.num(r.newlyCoveredMeters / 1000)),
                                      basis: r.newlyCoveredMeters > 0
                                          ? loc.t("brief.place.cov.basis", loc.money(r.costTenge / (r.newlyCoveredMeters / 1000)))
                                          : loc["brief.place.basis"]))
        }
        return ReportSection(key: "placement", title: loc["place.title"], summary: .object(members), findings: findings,
                             layers: layers, tables: tables,
                             maps: [ReportMap(title: loc["place.map.title"], caption: loc[anpr == nil ? "place.map.caption" : "place.map.caption.anpr"], layers: mapLayers,
                                              labels: StreetLabels.top(city, count: 8))],
                             headlines: headlines)
    }
}
