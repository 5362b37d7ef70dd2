import Budget
import GeoCore
import Scenario
import Simulation
import Staffing

/// The `sizing` section: officers for round-the-clock posts (relief factor), inspectors needed
/// per precinct (residents ÷ norm, rounded up), and the patrol units each block of the day needs.
public enum SizingSection {
    public static func summary(_ m: MoneyOutcome, load: PrecinctLoadResult?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let ps = m.postStaff {
            let r = ps.staffing.relief
            members.append(("posts", .object([
                ("posts", .number(Double(ps.staffing.posts))), ("officers_on_duty_per_post", .number(Double(ps.staffing.officersOnDuty))),
                ("relief_factor", .number(r.officersPerPosition)), ("covered_hours_per_year", .number(r.coveredHours)),
                ("productive_hours_per_officer", .number(r.productiveHours)), ("officers_needed", .number(Double(ps.staffing.officersNeeded))),
                ("existing_posts_staffed", .bool(ps.existingStaffed)),
                ("assumptions", .string("relief factor = 24 × 365 h ÷ (weekly hours × 52 − (leave + holidays + training + sickness) days × day hours); weekly \(JSONText.number(r.weeklyHours)) h, day \(JSONText.number(r.dayHours)) h, leave \(JSONText.number(r.leaveDays)), holidays \(JSONText.number(r.holidayDays)), training \(JSONText.number(r.trainingDays)), sickness \(JSONText.number(r.sicknessDays)) days")),
            ])))
        }
        if let load {
            members.append(("inspectors", .object([
                ("norm", .number(load.norm)), ("needed", .number(Double(load.summary.inspectorsNeeded))),
                ("have", .number(Double(load.summary.inspectors))), ("missing", .number(Double(load.summary.deficit))),
            ])))
        }
        if let f = m.fleet {
            members.append(("fleet", .object([
                ("target_minutes", .number(f.targetMinutes)), ("share_within_target", .number(f.requiredFraction)),
                ("max_units", .number(Double(f.maxUnits))), ("units_now", .number(Double(m.currentUnits))),
                ("units_needed", .num(f.unitsNeeded.map(Double.init))),
                ("method", .string("dispatch simulation of fleets N = 1, 2, …, units based round-robin at the posts, same seeded calls; a block needs the smallest N meeting the share (N − 1 simulated and not meeting it)")),
                ("blocks", .array(f.blocks.map { b in
                    .object([("block", .string(b.block.label)), ("calls", .number(Double(b.calls))),
                             ("units_needed", .num(b.unitsNeeded.map(Double.init))), ("share_at_needed", .num(b.fractionAtNeeded)),
                             ("share_with_one_fewer", .num(b.fractionWithOneFewer))])
                })),
            ])))
        }
        return .object(members)
    }

    public static func build(_ m: MoneyOutcome, load: PrecinctLoadResult?, loc: Loc = .en) -> ReportSection {
        var findings: [String] = []
        var tables: [ReportTable] = []
        var charts: [ReportChart] = []
        if let ps = m.postStaff {
            let r = ps.staffing.relief
            findings.append(loc.t("size.f.relief", loc.fixed(r.officersPerPosition, 2), loc.num(r.coveredHours), loc.num(r.productiveHours),
                                  loc.num(r.weeklyHours), loc.num(r.leaveDays + r.holidayDays + r.trainingDays + r.sicknessDays)))
            findings.append(loc.t("size.f.posts", loc.num(ps.staffing.posts), loc.num(ps.staffing.officersOnDuty), loc.num(ps.staffing.officersNeeded)))
        }
        if let load {
            findings.append(loc.t("size.f.inspectors", loc.num(load.summary.inspectorsNeeded), loc.num(load.norm), loc.num(load.summary.inspectors),
                                  loc.num(load.summary.deficit)))
            tables.append(ReportTable(name: "inspectors_needed", title: loc["size.table.inspectors"],
                                      columns: ["id", "residents", "inspectors", "inspectors_needed", "deficit"],
                                      rows: load.loads.map { [.string($0.id), .double($0.residents.rounded()), .int(Int64($0.inspectors)),
                                                              .int(Int64($0.inspectorsNeeded)), .int(Int64($0.deficit))] }))
        }
        if let f = m.fleet {
            if let n = f.unitsNeeded {
                findings.append(loc.t("size.f.fleet", loc.num(n), loc.percent(f.requiredFraction), loc.num(f.targetMinutes), loc.num(m.currentUnits)))
            } else {
                findings.append(loc.t("size.f.fleet_not", loc.num(f.maxUnits), loc.percent(f.requiredFraction), loc.num(f.targetMinutes)))
            }
            tables.append(ReportTable(name: "fleet", title: loc["size.table.fleet"],
                                      columns: ["block", "calls", "units_needed", "share_at_needed", "share_with_one_fewer"],
                                      rows: f.blocks.map { b in
                                          [.string(b.block.label), .int(Int64(b.calls)), b.unitsNeeded.map { .int(Int64($0)) } ?? .null,
                                           b.fractionAtNeeded.map { .double($0) } ?? .null, b.fractionWithOneFewer.map { .double($0) } ?? .null]
                                      }))
            charts.append(ReportChart(title: loc["size.chart.fleet"], unit: "",
                                      bars: f.blocks.map { ($0.block.label, Double($0.unitsNeeded ?? f.maxUnits), $0.unitsNeeded == nil) }))
        }
        return ReportSection(key: "sizing", title: loc["size.title"], summary: summary(m, load: load), findings: findings,
                             tables: tables, charts: charts)
    }
}
