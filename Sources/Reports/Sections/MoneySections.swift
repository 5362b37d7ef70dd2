import Scenario

/// The money sections after the analyses: connections, staff and fleet, costs over time.
enum MoneySections {
    static func build(_ m: MoneyOutcome, results r: ScenarioResults, loc: Loc) -> [ReportSection] {
        var out: [ReportSection] = []
        if let c = m.connections { out.append(ConnectionSection.build(c, costs: m.costs, city: r.city, loc: loc)) }
        if m.postStaff != nil || m.fleet != nil { out.append(SizingSection.build(m, load: r.load, loc: loc)) }
        out.append(MoneySection.build(m, loc: loc))
        return out
    }
}
