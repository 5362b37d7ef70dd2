import CityModel
import GeoCore
import Placement
import PlacementModels

/// The `placement` section: proposed cameras and posts, each answer with its proven bound.
public enum PlacementSection {
    public static func build(cameras: (CameraPlacementResult, CameraPlacementRequest)?,
                             posts: (PostPlacementResult, PostPlacementRequest)?, city: City) -> ReportSection {
        var members: [(String, JSONValue)] = []
        var layers: [FeatureLayer] = []
        var findings: [String] = []
        var tables: [ReportTable] = []
        var cost = 0.0
        let pct = { (f: Double) in SVGChart.format(f * 100) + "%" }
        if let (r, req) = cameras {
            members.append(("cameras", CameraPlacementReport.summaryJSON(r, request: req, crs: city.crs)))
            var l = CameraPlacementReport.proposedLayer(r, city: city)
            l.name = "proposed_cameras"
            layers.append(l)
            cost += r.costTenge
            let p = r.placement
            findings.append("**\(r.proposed.count) new cameras** for \(SVGChart.format(r.costTenge)) tenge newly see **\(SVGChart.format(r.newlyCoveredMeters / 1000)) km** of street: seen share \(pct(r.coveredFractionBefore)) → **\(pct(r.coveredFractionAfter))**.")
            findings.append("Proven quality: objective \(SVGChart.format(p.objective)), upper bound \(SVGChart.format(p.upperBound)) — at most **\(SVGChart.format(p.gap * 100))%** below the best possible plan (\(p.boundMethod)).")
            tables.append(ReportTable(name: "proposed_cameras", title: "Proposed cameras, in order of marginal gain",
                                      columns: ["rank", "type", "heading_deg", "street", "marginal_m", "cost_tenge"],
                                      rows: r.proposed.map { c in
                                          let s = c.pose.site.streetIndex < city.streets.count ? city.streets[c.pose.site.streetIndex] : nil
                                          return [.int(Int64(c.rank)), .string(c.pose.type.name), .double((c.pose.headingDeg * 10).rounded() / 10),
                                                  .string(s?.name ?? s?.id ?? ""), .double(c.marginalMeters.rounded()), .double(c.costTenge)]
                                      }))
        }
        if let (r, req) = posts {
            members.append(("posts", PostPlacementReport.summaryJSON(r, request: req, mode: "drive", crs: city.crs)))
            var l = PostPlacementReport.proposedLayer(r, request: req, crs: city.crs)
            l.name = "proposed_posts"
            layers.append(l)
            cost += r.costTenge
            findings.append("**\(r.proposed.count) new posts**: residents within \(JSONText.number(req.minutes)) min \(pct(r.coveredFractionBefore)) → **\(pct(r.coveredFractionAfter))** (gap to the bound \(SVGChart.format(r.placement.gap * 100))%).")
        }
        members.append(("cost_tenge", .number(cost)))
        findings.append("Total cost of the plan: **\(SVGChart.format(cost)) tenge**.")
        let streets = CityLayers.layer(.streets, of: city)
        var mapLayers = [MapLayerStyle(layer: streets, symbol: .line(width: 0.6), color: Palette.street, label: "streets")]
        for l in layers {
            mapLayers.append(MapLayerStyle(layer: l, symbol: .point(radius: l.name == "proposed_posts" ? 5 : 3),
                                           color: l.name == "proposed_posts" ? Palette.bad : Palette.proposed,
                                           label: l.name == "proposed_posts" ? "proposed posts" : "proposed cameras"))
        }
        return ReportSection(key: "placement", title: "Proposed cameras and posts", summary: .object(members), findings: findings,
                             layers: layers, tables: tables,
                             maps: [ReportMap(title: "Proposed sites", caption: "New cameras (purple) and posts (red), chosen for the most street metres newly seen and residents newly within reach.", layers: mapLayers)])
    }
}
