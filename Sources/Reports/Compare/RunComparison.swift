import Foundation
import CityIngest
import GeoCore

/// Before/after figures of two runs (a baseline and a plan), read from their summary.json.
public struct MetricDelta: Sendable {
    public enum Better: Sendable { case higher, lower, neither }
    public var key: String
    public var label: String
    /// Catalogue key of the label (`cmp.m.<key>`) and its arguments (minutes), for reports.
    public var labelKey: String = ""
    public var labelArgs: [Double] = []
    /// What the figure rests on, as (catalogue key, value) pairs shown after the label in
    /// parentheses, e.g. the coverage level and the heading assumption.
    public var basis: [(key: String, value: String)] = []
    public var unit: String
    public var base: Double?
    public var plan: Double?
    public var better: Better

    public var delta: Double? {
        guard let base, let plan else { return nil }
        return plan - base
    }

    /// "better", "worse" or "same" (nil when a side is missing or direction is neutral).
    public var verdict: String? {
        guard let d = delta, better != .neither else { return nil }
        if abs(d) < 1e-9 { return "same" }
        return (d > 0) == (better == .higher) ? "better" : "worse"
    }
}

public enum RunComparison {
    /// Reads a summary.json as nested Foundation values.
    public static func readSummary(_ path: String) throws -> [String: Any] {
        let data = try InputFile.data(path, what: "summary.json")
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CovplanError(.dataError, file: path, "not a covplan summary.json")
        }
        if let problem = JSONSchemaSubset.summary.validate(obj).first {
            throw CovplanError(.dataError, file: path, "not a summary.json of `covplan run` (scenarios/summary.schema.json): \(problem)")
        }
        return obj
    }

    /// Value at a path like `reach.thresholds[minutes=5].residents` (numbers only).
    public static func value(_ root: [String: Any], _ path: String) -> Double? {
        var node: Any? = root
        for part in path.split(separator: ".") {
            var key = String(part)
            var selector: (String, String)?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                let inner = key[key.index(after: open)..<key.index(before: key.endIndex)]
                let kv = inner.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { selector = (kv[0], kv[1]) }
                key = String(key[..<open])
            }
            node = (node as? [String: Any])?[key]
            if let (k, v) = selector {
                node = (node as? [[String: Any]])?.first { item in
                    if let n = item[k] as? NSNumber { return JSONText.number(n.doubleValue) == v }
                    return (item[k] as? String) == v
                }
            }
        }
        if let n = node as? NSNumber { return n.doubleValue }
        return nil
    }

    /// The figures planners compare: coverage, gaps, schools seen, precinct load, reach, cost.
    public static func metrics(base: [String: Any], plan: [String: Any]) -> [MetricDelta] {
        var out: [MetricDelta] = []
        func add(_ key: String, _ label: String, _ unit: String, _ better: MetricDelta.Better, scale: Double = 1,
                 labelKey: String? = nil, args: [Double] = []) {
            let b = value(base, key).map { $0 * scale }, p = value(plan, key).map { $0 * scale }
            if b != nil || p != nil {
                out.append(MetricDelta(key: key, label: label, labelKey: labelKey ?? "cmp.m." + key, labelArgs: args, unit: unit, base: b, plan: p, better: better))
            }
        }
        // The headline says which level and heading assumption it rests on (the plan's, else the base's).
        let cov = (plan["coverage"] as? [String: Any]) ?? (base["coverage"] as? [String: Any]) ?? [:]
        var basis: [(key: String, value: String)] = []
        if let l = cov["covered_level"] as? String { basis.append(("cmp.basis.level", l)) }
        if let h = cov["heading_assumption"] as? String {
            basis.append((h == "nearest_street" ? "cmp.basis.heading_nearest" : "cmp.basis.heading_allround", ""))
        }
        let on = basis.isEmpty ? "" : " (\(basis.map { Loc.en.fill(Loc.en[$0.key], [Loc.en.value($0.value)]) }.joined(separator: ", ")))"
        add("coverage.covered_length_m", "Street length seen by cameras\(on)", "km", .higher, scale: 0.001)
        add("coverage.covered_fraction", "Share of street length seen\(on)", "%", .higher, scale: 100)
        for i in out.indices where ["coverage.covered_length_m", "coverage.covered_fraction"].contains(out[i].key) { out[i].basis = basis }
        for l in ["detect", "observe", "recognize", "identify"] {
            add("coverage.by_level.\(l)", "Street length seen at \(l) level, day", "km", .higher, scale: 0.001)
        }
        for l in ["detect", "observe", "recognize", "identify"] {
            add("coverage.by_level_night.\(l)", "Street length seen at \(l) level, night", "km", .higher, scale: 0.001)
        }
        add("coverage.heading_range.low_m", "Street length seen, unknown headings aimed at nearest street (low)", "km", .higher, scale: 0.001)
        add("coverage.heading_range.high_m", "Street length seen, unknown headings all round (high)", "km", .higher, scale: 0.001)
        let levelOnly = basis.filter { $0.key == "cmp.basis.level" }
        for i in out.indices where out[i].key.hasPrefix("coverage.heading_range.") { out[i].basis = levelOnly }
        add("coverage.night_covered_m", "Street length seen at night\(on)", "km", .higher, scale: 0.001)
        for i in out.indices where out[i].key == "coverage.night_covered_m" { out[i].basis = basis }
        add("coverage.gaps_count", "Coverage gaps", "", .lower)
        add("coverage.gaps_length_m", "Length of gaps", "km", .lower, scale: 0.001)
        add("coverage.schools.not_seen", "Schools with no camera coverage", "", .lower)
        add("coverage.cameras", "Cameras", "", .neither)
        add("junctions.complete", "Junctions with every approach seen", "", .higher)
        add("junctions.approaches_seen", "Junction approaches seen", "", .higher)
        add("load.over_norm", "Precincts over the norm", "", .lower)
        add("load.deficit", "Inspector deficit", "", .lower)
        add("load.max_residents_per_inspector", "Highest residents per inspector", "", .lower)
        add("rebalance.after.over_norm", "Precincts over the norm after rebalancing", "", .lower)
        let minutes = ((plan["reach"] as? [String: Any])?["thresholds"] as? [[String: Any]] ?? [])
            .compactMap { ($0["minutes"] as? NSNumber)?.doubleValue }
        for m in minutes {
            let t = JSONText.number(m)
            add("reach.thresholds[minutes=\(t)].residents", "Residents within \(t) min", "", .higher, labelKey: "cmp.m.reach.residents", args: [m])
            add("reach.thresholds[minutes=\(t)].street_fraction", "Street share within \(t) min", "%", .higher, scale: 100,
                labelKey: "cmp.m.reach.street_fraction", args: [m])
            add("reach.thresholds[minutes=\(t)].schools", "Schools within \(t) min", "", .higher, labelKey: "cmp.m.reach.schools", args: [m])
        }
        add("simulation.response_time_s.p90", "90th percentile response time", "s", .lower)
        add("simulation.within_target_fraction", "Calls answered within target", "%", .higher, scale: 100)
        add("placement.cost_tenge", "Cost of the plan", "tenge", .neither)
        add("placement.cameras.cost_tenge", "Cost of the new cameras", "tenge", .neither)
        add("placement.posts.cost_tenge", "Cost of the new posts", "tenge", .neither)
        // Derived: camera tenge per newly covered km.
        if let cost = value(plan, "placement.cameras.cost_tenge") ?? value(plan, "placement.cost_tenge"), let b = value(base, "coverage.covered_length_m"),
           let p = value(plan, "coverage.covered_length_m"), p > b {
            out.append(MetricDelta(key: "derived.tenge_per_new_km", label: "Camera cost per newly covered street km",
                                   labelKey: "cmp.m.derived.tenge_per_new_km", unit: "tenge/km",
                                   base: nil, plan: cost / ((p - b) / 1000), better: .neither))
        }
        out += moneyMetrics(base: base, plan: plan)
        return out
    }

    /// The headline as a range over the headings of cameras without one, baseline and plan, as
    /// a finding line (nil when neither run has such cameras): "seen at observe level: baseline
    /// 5.1–8.3 km, plan 9.0–12.1 km, depending on the headings of 150 / 160 cameras".
    public static func headingRangeFinding(base: [String: Any], plan: [String: Any], loc: Loc) -> String? {
        func side(_ root: [String: Any]) -> String {
            guard let lo = value(root, "coverage.heading_range.low_m"), let hi = value(root, "coverage.heading_range.high_m") else {
                guard let c = value(root, "coverage.covered_length_m") else { return "–" }
                return loc.num(c / 1000) + "\u{00A0}" + unit("km", loc: loc)
            }
            return loc.num(lo / 1000) + "–" + loc.num(hi / 1000) + "\u{00A0}" + unit("km", loc: loc)
        }
        let bn = value(base, "coverage.cameras_heading_unknown") ?? 0, pn = value(plan, "coverage.cameras_heading_unknown") ?? 0
        guard value(base, "coverage.heading_range.low_m") != nil || value(plan, "coverage.heading_range.low_m") != nil else { return nil }
        let cov = (plan["coverage"] as? [String: Any]) ?? (base["coverage"] as? [String: Any]) ?? [:]
        let level = (cov["covered_level"] as? String).map { loc.fill(loc["cmp.basis.level"], [loc.value($0)]) } ?? loc["cov.level.none"]
        return loc.t("cmp.heading_range", level, side(base), side(plan), loc.num(bn), loc.num(pn))
    }

    public static func json(_ m: [MetricDelta], baseName: String, planName: String) -> JSONValue {
        .object([
            ("base", .string(baseName)), ("plan", .string(planName)),
            ("metrics", .array(m.map { d in
                .object([("key", .string(d.key)), ("label", .string(d.label)), ("unit", .string(d.unit)),
                         ("base", .num(d.base)), ("plan", .num(d.plan)), ("delta", .num(d.delta)),
                         ("verdict", .str(d.verdict))])
            })),
        ])
    }

    public static func table(_ m: [MetricDelta], loc: Loc = .en) -> ReportTable {
        ReportTable(name: "compare", title: loc["cmp.table"], columns: ["figure", "unit", "baseline", "plan", "change", "verdict"],
                    rows: m.map { d in
                        [.string(label(d, loc: loc)), .string(unit(d.unit, loc: loc)), d.base.map { .double(($0 * 100).rounded() / 100) } ?? .null,
                         d.plan.map { .double(($0 * 100).rounded() / 100) } ?? .null,
                         d.delta.map { .double(($0 * 100).rounded() / 100) } ?? .null, .str(d.verdict)]
                    }, enumColumns: ["verdict"])
    }

    /// The figure's label in the report language.
    public static func label(_ d: MetricDelta, loc: Loc) -> String {
        guard !d.labelKey.isEmpty, loc.has(d.labelKey) || Loc.en.has(d.labelKey) else { return d.label }
        let text = loc.fill(loc[d.labelKey], d.labelArgs.map { loc.num($0) })
        guard !d.basis.isEmpty else { return text }
        return text + " (" + d.basis.map { loc.fill(loc[$0.key], [loc.value($0.value)]) }.joined(separator: ", ") + ")"
    }

    /// A unit (`km`, `%`, `s`, `tenge`, `tenge/km`) in the report language.
    public static func unit(_ u: String, loc: Loc) -> String {
        u.isEmpty ? "" : loc["cmpunit." + u]
    }

    /// One line of the compare findings: label, baseline → plan, unit, verdict.
    public static func finding(_ d: MetricDelta, loc: Loc) -> String {
        let fmt = { (v: Double) in d.unit.hasPrefix("tenge") ? loc.money(v) : loc.num(v) + (d.unit.isEmpty ? "" : "\u{00A0}" + unit(d.unit, loc: loc)) }
        return loc.t("cmp.finding", label(d, loc: loc), fmt(d.base ?? 0), fmt(d.plan ?? 0), loc.value(d.verdict ?? ""))
    }
}

extension FieldValue {
    static func str(_ s: String?) -> FieldValue { s.map { .string($0) } ?? .null }
}
