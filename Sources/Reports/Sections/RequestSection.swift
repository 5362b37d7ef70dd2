import Budget
import GeoCore
import Scenario

/// The `request` section — "what to ask for": every item with quantity, first-year unit cost
/// and total in tenge, per district and in total (`tables/request.csv`), and the contract's net
/// present cost beside it.
public enum RequestSection {
    public static func table(_ t: RequestTable, loc: Loc) -> ReportTable {
        var rows: [[FieldValue]] = t.sortedLines.map { l in
            [.string(l.item), .string(l.district), .double(l.quantity), .double(l.unitCostTenge.rounded()), .double(l.totalTenge.rounded()),
             .double(l.npcTenge.rounded())]
        }
        for i in t.byItem {
            rows.append([.string(i.item), .string("total"), .double(i.quantity), .double((i.totalTenge / max(i.quantity, 1)).rounded()),
                         .double(i.totalTenge.rounded()), .double(i.npcTenge.rounded())])
        }
        rows.append([.string("total"), .string("total"), .null, .null, .double(t.totalTenge.rounded()), .double(t.npcTenge.rounded())])
        return ReportTable(name: "request", title: loc["req.table"],
                           columns: ["item", "district", "quantity", "unit_cost_tenge", "total_tenge", "npc_tenge"],
                           rows: rows, enumColumns: ["item", "district"])
    }

    public static func summary(_ t: RequestTable) -> JSONValue {
        .object([
            ("total_tenge", .number(t.totalTenge.rounded())),
            ("npc_tenge", .number(t.npcTenge.rounded())),
            ("contract_years", .number(Double(t.contractYears))),
            ("discount_rate", .number(t.discountRate)),
            ("unit_cost", .string("first-year cost of one unit: capital + one year of running cost; npc_tenge over the contract")),
            ("by_item", .object(t.byItem.map { ($0.item, .object([("quantity", .number($0.quantity)), ("total_tenge", .number($0.totalTenge.rounded())),
                                                                 ("npc_tenge", .number($0.npcTenge.rounded()))])) })),
            ("by_district", .object(t.byDistrict.map { ($0.district, .object([("total_tenge", .number($0.totalTenge.rounded())),
                                                                             ("npc_tenge", .number($0.npcTenge.rounded()))])) })),
        ])
    }

    public static func build(_ t: RequestTable, loc: Loc = .en) -> ReportSection {
        var findings = [loc.t("req.f.total", loc.money(t.totalTenge), loc.money(t.npcTenge), loc.num(t.contractYears))]
        for i in t.byItem {
            findings.append(loc.t("req.f.item", loc.value(i.item), loc.num(i.quantity), loc.money(i.totalTenge)))
        }
        if t.lines.isEmpty { findings = [loc["req.f.none"]] }
        let chart = ReportChart(title: loc["req.chart"], unit: "₸", bars: t.byDistrict.map { (loc.value($0.district), $0.totalTenge.rounded(), false) })
        return ReportSection(key: "request", title: loc["req.title"], summary: summary(t), findings: findings,
                             tables: [table(t, loc: loc)], charts: t.lines.isEmpty ? [] : [chart])
    }
}
