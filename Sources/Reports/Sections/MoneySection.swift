import Budget
import GeoCore
import Scenario

/// The `costs` section: the cost table with each figure's source, the contract and discount
/// rate, net present cost per unit, and the cameras' cost per covered street km-year.
public enum MoneySection {
    public static func costTable(_ m: MoneyOutcome, loc: Loc) -> ReportTable {
        let t = m.costs
        let rows: [[FieldValue]] = t.items.keys.sorted().map { k in
            let i = t.items[k]!
            return [.string(k), .double(i.capexTenge.rounded()), .double(i.opexTengePerYear.rounded()),
                    .double(NetPresentCost.of(i, table: t).rounded()), .string(i.source)]
        }
        return ReportTable(name: "costs", title: loc["money.table"], columns: ["item", "capex_tenge", "opex_tenge_per_year", "npc_tenge", "source"],
                           rows: rows, enumColumns: ["item"])
    }

    public static func summary(_ m: MoneyOutcome) -> JSONValue {
        let t = m.costs
        return .object([
            ("source", .string(m.costSource)),
            ("contract_years", .number(Double(t.contractYears))),
            ("discount_rate", .number(t.discountRate)),
            ("convention", .string("NPC = capex + sum over t = 1..T of opex / (1 + r)^t: capital in year 0, running costs at the end of each year, no residual value, today's tenge")),
            ("annuity_factor", .number(NetPresentCost.annuityFactor(years: t.contractYears, rate: t.discountRate))),
            ("items", .object(t.items.keys.sorted().map { k in
                let i = t.items[k]!
                return (k, .object([("capex_tenge", .number(i.capexTenge)), ("opex_tenge_per_year", .number(i.opexTengePerYear)),
                                    ("npc_tenge", .number(NetPresentCost.of(i, table: t))), ("source", .string(i.source))]))
            })),
            ("connection_fixed_tenge", .number(t.connectionFixedTenge)),
            ("connection_tenge_per_m", .number(t.connectionTengePerMeter)),
            ("cameras", .number(Double(m.cameraCount))),
            ("cameras_npc_tenge", .num(m.cameraNpcTenge.map { $0.rounded() })),
            ("covered_length_m", .num(m.coveredMeters)),
            ("tenge_per_covered_km_year", .num(m.tengePerCoveredKmYear.map { $0.rounded() })),
            ("request_npc_tenge", .number(m.request.npcTenge.rounded())),
        ])
    }

    public static func build(_ m: MoneyOutcome, loc: Loc = .en) -> ReportSection {
        let t = m.costs
        var findings = [
            loc.t("money.f.terms", loc.num(t.contractYears), loc.percent(t.discountRate),
                  loc.fixed(NetPresentCost.annuityFactor(years: t.contractYears, rate: t.discountRate), 3)),
            loc.t("money.f.sources", m.costSource == "seed" ? loc["money.seed"] : m.costSource),
        ]
        if let npc = m.cameraNpcTenge, let per = m.tengePerCoveredKmYear, let cov = m.coveredMeters {
            findings.append(loc.t("money.f.cameras", loc.num(m.cameraCount), loc.money(npc), loc.num(t.contractYears),
                                  loc.fixed(cov / 1000, 2), loc.money(per)))
        }
        findings.append(loc.t("money.f.request", loc.money(m.request.npcTenge), loc.num(t.contractYears)))
        let chart = ReportChart(title: loc["money.chart"], unit: "₸",
                                bars: m.request.byItem.map { (loc.value($0.item), $0.npcTenge.rounded(), false) })
        return ReportSection(key: "costs", title: loc["money.title"], summary: summary(m), findings: findings,
                             tables: [costTable(m, loc: loc)], charts: m.request.lines.isEmpty ? [] : [chart])
    }
}
