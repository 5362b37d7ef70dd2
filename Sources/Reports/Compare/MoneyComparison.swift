import Foundation

extension RunComparison {
    /// The money figures of two runs: the request (first year and net present cost), control-
    /// centre connections, post staff, fleet and the cameras' cost per covered km-year.
    static func moneyMetrics(base: [String: Any], plan: [String: Any]) -> [MetricDelta] {
        var out: [MetricDelta] = []
        func add(_ key: String, _ label: String, _ unit: String, _ better: MetricDelta.Better) {
            let b = value(base, key), p = value(plan, key)
            if b != nil || p != nil {
                out.append(MetricDelta(key: key, label: label, labelKey: "cmp.m." + key, unit: unit, base: b, plan: p, better: better))
            }
        }
        add("request.total_tenge", "Request, first year", "tenge", .neither)
        add("request.npc_tenge", "Request, net present cost", "tenge", .neither)
        add("connections.unconnected", "Objects not connected to the control centre", "", .lower)
        add("connections.selected_value", "Pupils (or objects) connected by the plan", "", .higher)
        add("connections.selected_capex_tenge", "Cost of the connections", "tenge", .neither)
        add("sizing.inspectors.missing", "Inspectors missing", "", .lower)
        add("sizing.posts.officers_needed", "Officers for 24/7 posts", "", .neither)
        add("sizing.fleet.units_needed", "Patrol units needed", "", .lower)
        add("costs.tenge_per_covered_km_year", "Camera cost per covered km-year", "tenge/km-yr", .lower)
        return out
    }
}
