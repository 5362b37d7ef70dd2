import Scenario

/// The report sections of a scenario run, in a fixed order.
public enum ScenarioReport {
    public static func sections(_ r: ScenarioResults, loc: Loc = .en) -> [ReportSection] {
        var out = [CitySection.build(r.city, loc: loc)]
        if r.cameraPlacement != nil || r.postPlacement != nil {
            let cams = r.cameraPlacement.flatMap { c in r.cameraPlacementRequest.map { (c, $0) } }
            let posts = r.postPlacement.flatMap { p in r.postPlacementRequest.map { (p, $0) } }
            out.append(PlacementSection.build(cameras: cams, posts: posts, city: r.city, loc: loc))
        }
        if let c = r.coverage { out.append(CoverageSection.build(c, city: r.city, loc: loc)) }
        if let load = r.load {
            out.append(LoadSection.build(load, city: r.city, generated: r.precinctsGenerated, source: r.precincts?.source ?? "", loc: loc))
        }
        if let rb = r.rebalance { out.append(LoadSection.rebalance(rb, city: r.city, generated: r.precinctsGenerated, loc: loc)) }
        if let reach = r.reach {
            out.append(ReachSection.build(graph: reach.graph, postIds: reach.postIds, postPoints: reach.postPoints,
                                          outcome: reach.outcome, city: r.city, loc: loc))
        }
        if let sim = r.simulation { out.append(SimulationSection.build(sim, city: r.city, loc: loc)) }
        return out
    }
}
