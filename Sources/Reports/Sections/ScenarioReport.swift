import Scenario

/// The report sections of a scenario run, in a fixed order.
public enum ScenarioReport {
    public static func sections(_ r: ScenarioResults, loc: Loc = .en) -> [ReportSection] {
        var out = [CitySection.build(r.city, loc: loc)]
        // The request ("what to ask for") first after the city: the one-page summary of the money.
        if let m = r.money { out.append(RequestSection.build(m.request, loc: loc)) }
        if r.cameraPlacement != nil || r.anprPlacement != nil || r.postPlacement != nil {
            let cams = r.cameraPlacement.flatMap { c in r.cameraPlacementRequest.map { (c, $0) } }
            let anpr = r.anprPlacement.flatMap { c in r.anprPlacementRequest.map { (c, $0) } }
            let posts = r.postPlacement.flatMap { p in r.postPlacementRequest.map { (p, $0) } }
            out.append(PlacementSection.build(cameras: cams, anpr: anpr, posts: posts, city: r.city, loc: loc))
        }
        if let c = r.coverage { out.append(CoverageSection.build(c, city: r.city, loc: loc)) }
        if let j = r.junctions { out.append(JunctionSection.build(j, city: r.city, loc: loc)) }
        if let load = r.load {
            out.append(PrecinctLoadSection.build(load, city: r.city, generated: r.precinctsGenerated, source: r.precincts?.source ?? "", loc: loc))
        }
        if let rb = r.rebalance { out.append(PrecinctLoadSection.rebalance(rb, city: r.city, generated: r.precinctsGenerated, loc: loc)) }
        if let reach = r.reach {
            out.append(ReachSection.build(graph: reach.graph, postIds: reach.postIds, postPoints: reach.postPoints,
                                          outcome: reach.outcome, city: r.city, loc: loc))
        }
        if let c = r.crime {
            if let h = c.hotSpots { out.append(CrimeSection.hotSpots(h, outside: c.hotSpotsOutside, source: c.source, city: r.city, loc: loc)) }
            if let h = c.segmentHotSpots { out.append(CrimeSection.segmentHotSpots(h, source: c.source, city: r.city, loc: loc)) }
            if let t = CrimeSection.trend(c, city: r.city, loc: loc) { out.append(t) }
        }
        if let g = r.growth, let load = r.load { out.append(CrimeSection.growth(g, load: load, city: r.city, loc: loc)) }
        if let sim = r.simulation { out.append(SimulationSection.build(sim, graphModes: r.simulationGraphModes.isEmpty ? ["drive"] : r.simulationGraphModes, city: r.city, loc: loc)) }
        if let hc = r.hypercube { out.append(HypercubeSection.build(hc, graphModes: r.hypercubeGraphModes, city: r.city, loc: loc)) }
        if let m = r.money { out += MoneySections.build(m, results: r, loc: loc) }
        return out
    }
}
