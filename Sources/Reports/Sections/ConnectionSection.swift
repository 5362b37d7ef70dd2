import Budget
import CityModel
import GeoCore
import Scenario

/// The `connections` section: objects and their link to the operations control centre (ЦОУ),
/// street routes for the unconnected ones, cost, and the budget selection.
public enum ConnectionSection {
    static let fields = [
        FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("kind", .string),
        FieldDefinition("connected", .bool), FieldDefinition("pupils", .double), FieldDefinition("district", .string),
        FieldDefinition("status", .string), FieldDefinition("route_m", .double), FieldDefinition("nearest", .string),
        FieldDefinition("capex_tenge", .double), FieldDefinition("npc_tenge", .double),
    ]

    /// `connected`, `selected` (to connect in this plan), `not_selected` (over budget), `unreachable`.
    static func status(_ c: ConnectionOutcome) -> [String] {
        var s = c.objects.map { $0.connected ? "connected" : "unreachable" }
        for l in c.plan.links where l.routeMeters != nil { s[l.object] = l.selected ? "selected" : "not_selected" }
        return s
    }

    public static func objectsLayer(_ c: ConnectionOutcome, crs: String) -> FeatureLayer {
        let st = status(c)
        let link = Dictionary(uniqueKeysWithValues: c.plan.links.map { ($0.object, $0) })
        let features = c.objects.enumerated().map { i, o in
            let l = link[i]
            return Feature(id: o.id, geometry: .point(c.points[i]), values: [
                .string(o.id), o.name.map { .string($0) } ?? .null, .string(o.kind), .bool(o.connected),
                o.pupils.map { .double($0) } ?? .null, .string(c.districts[i]), .string(st[i]),
                l?.routeMeters.map { .double(($0 * 10).rounded() / 10) } ?? .null,
                l?.nearest.map { .string(c.objects[$0].id) } ?? .null,
                l?.capexTenge.map { .double($0.rounded()) } ?? .null, l?.npcTenge.map { .double($0.rounded()) } ?? .null,
            ])
        }
        return FeatureLayer(name: "connection_objects", fields: fields, crs: crs, features: features, geometryKind: .point)
    }

    public static func routesLayer(_ c: ConnectionOutcome, crs: String) -> FeatureLayer {
        let st = status(c)
        let features = c.objects.indices.compactMap { i -> Feature? in
            guard let r = c.routes[i] else { return nil }
            return Feature(id: c.objects[i].id, geometry: .lineString(r.geometry), values: [
                .string(c.objects[i].id), .string(c.objects[r.source].id), .double((r.meters * 10).rounded() / 10), .string(st[i]),
            ])
        }
        return FeatureLayer(name: "connection_routes",
                            fields: [FieldDefinition("id", .string), FieldDefinition("nearest", .string), FieldDefinition("route_m", .double),
                                     FieldDefinition("status", .string)],
                            crs: crs, features: features, geometryKind: .lineString)
    }

    public static func summary(_ c: ConnectionOutcome, costs: CostTable) -> JSONValue {
        let p = c.plan
        let un = p.links
        return .object([
            ("source", .string(c.source)),
            ("objects", .number(Double(c.objects.count))),
            ("connected", .number(Double(c.objects.filter(\.connected).count))),
            ("unconnected", .number(Double(un.count))),
            ("unreachable", .number(Double(un.filter { $0.routeMeters == nil }.count))),
            ("objective", .string(p.objective.rawValue)),
            ("budget_tenge", .num(p.budgetTenge)),
            ("selection", .string(p.budgetTenge == nil ? "all reachable" : "exact 0/1 knapsack (dynamic programme) on costs rounded up to \(JSONText.number(p.knapsackUnitTenge ?? 0)) tenge")),
            ("selected", .number(Double(un.filter(\.selected).count))),
            ("selected_value", .number(p.selectedValue)),
            ("greedy_value", .num(p.greedyValue)),
            ("selected_route_m", .number(un.filter(\.selected).reduce(0) { $0 + ($1.routeMeters ?? 0) })),
            ("selected_capex_tenge", .number(p.selectedCapexTenge.rounded())),
            ("selected_npc_tenge", .number(p.selectedNpcTenge.rounded())),
            ("all_capex_tenge", .number(un.reduce(0) { $0 + ($1.capexTenge ?? 0) }.rounded())),
            ("pupils_unconnected", .number(un.reduce(0) { $0 + (c.objects[$1.object].pupils ?? 0) })),
            ("fixed_tenge", .number(costs.connectionFixedTenge)),
            ("tenge_per_m", .number(costs.connectionTengePerMeter)),
            ("route", .string("street route (every street both ways) from the object to its nearest connected object or control centre as things stand, plus the straight legs to and from the street; links are not chained")),
        ])
    }

    public static func build(_ c: ConnectionOutcome, costs: CostTable, city: City, loc: Loc = .en) -> ReportSection {
        let crs = city.crs.identifier
        let objects = objectsLayer(c, crs: crs), routes = routesLayer(c, crs: crs)
        let st = status(c)
        let cats: [(value: String, color: String)] = [("connected", Palette.good), ("selected", Palette.proposed),
                                                      ("not_selected", Palette.warn), ("unreachable", Palette.bad)]
        let labels = Dictionary(uniqueKeysWithValues: cats.map { ($0.value, loc.value($0.value)) })
        let map = ReportMap(title: loc["conn.map.title"], caption: loc["conn.map.caption"], layers: [
            MapLayerStyle(layer: CityLayers.layer(.streets, of: city), symbol: .line(width: 0.5), color: Palette.street, label: loc["legend.streets"]),
            MapLayerStyle(layer: routes, symbol: .line(width: 2), color: Palette.proposed, label: loc["legend.routes"],
                          categoryField: "status", categories: cats, categoryLabels: labels),
            MapLayerStyle(layer: objects, symbol: .point(radius: 4), color: Palette.good, label: loc["legend.objects"],
                          categoryField: "status", categories: cats, categoryLabels: labels, labelField: "pupils"),
        ])
        let rows: [[FieldValue]] = c.plan.links.map { l in
            let o = c.objects[l.object]
            return [.string(o.id), o.name.map { .string($0) } ?? .null, .string(c.districts[l.object]), o.pupils.map { .double($0) } ?? .null,
                    l.routeMeters.map { .double($0.rounded()) } ?? .null, l.nearest.map { .string(c.objects[$0].id) } ?? .null,
                    l.capexTenge.map { .double($0.rounded()) } ?? .null, l.npcTenge.map { .double($0.rounded()) } ?? .null, .string(st[l.object])]
        }
        let table = ReportTable(name: "connections", title: loc["conn.table"],
                                columns: ["id", "name", "district", "pupils", "route_m", "nearest", "capex_tenge", "npc_tenge", "status"],
                                rows: rows, enumColumns: ["status"])
        let p = c.plan
        let sel = p.links.filter(\.selected)
        var findings = [
            loc.t("conn.f.objects", loc.num(c.objects.count), loc.num(c.objects.filter(\.connected).count), loc.num(p.links.count),
                  loc.num(p.links.reduce(0) { $0 + (c.objects[$1.object].pupils ?? 0) })),
            loc.t("conn.f.cost", loc.money(costs.connectionFixedTenge), loc.money(costs.connectionTengePerMeter),
                  loc.fixed(p.links.reduce(0) { $0 + ($1.routeMeters ?? 0) } / 1000, 2), loc.money(p.links.reduce(0) { $0 + ($1.capexTenge ?? 0) })),
        ]
        if let b = p.budgetTenge {
            findings.append(loc.t("conn.f.budget", loc.money(b), loc.num(sel.count), loc.num(p.selectedValue), loc.value("obj." + p.objective.rawValue),
                                  loc.money(p.selectedCapexTenge), loc.num(p.greedyValue ?? 0), loc.money(p.knapsackUnitTenge ?? 0)))
        }
        findings.append(loc.t("conn.f.npc", loc.money(p.selectedNpcTenge), loc.num(costs.contractYears)))
        let unreachable = p.links.filter { $0.routeMeters == nil }.count
        if unreachable > 0 { findings.append(loc.t("conn.f.unreachable", loc.num(unreachable))) }
        return ReportSection(key: "connections", title: loc["conn.title"], summary: summary(c, costs: costs), findings: findings,
                             layers: [objects, routes], tables: [table], maps: [map])
    }
}
