import CityModel
import GeoCore
import StreetGraph

/// Origin–destination pairs of vehicle trips drawn by the simulation's trip generator
/// (`TripRouter`): origins and destinations in proportion to residents (each resident point's
/// residents at the graph node nearest it, by the nearest edge's nearer end within
/// `maxSnapMeters`), `entryShare` of the origins at city-entry nodes
/// (`CityEntries`). For the ANPR flow objective and its checks.
public enum TripEnds {
    /// `count` trips on `graph` (ids `trip<k>`, weight 1), in draw order; trips the router skips
    /// (no route) are left out. `residents`: where people live, e.g. `ResidentPoints.buildings`
    /// with the run's residents model (the same one its reach and load use).
    ///
    /// - Throws: `CovplanError(.dataError)` when no resident point is near the graph;
    ///   `.usage` for bad settings.
    public static func draw(graph g: RoadGraph, residents: ResidentPoints, count: Int, seed: UInt64,
                            entryShare: Double = 0.2, maxSnapMeters: Double = SnapDefaults.maxSnapMeters) throws
        -> [(id: String, from: Point, to: Point, weight: Double)] {
        let snapper = EdgeSnapper(graph: g)
        var weights = [Double](repeating: 0, count: g.nodeCount)
        for (p, r) in zip(residents.points, residents.residents) where r > 0 {
            guard let s = snapper.snap(p, maxDistanceMeters: maxSnapMeters) else { continue }
            let e = Int(s.position.edge)
            let n = s.position.offsetMeters <= g.edgeLengthMeters[e] / 2 ? g.edgeFrom[e] : g.edgeTo[e]
            weights[Int(n)] += r
        }
        let entries = try CityEntries.find(graph: g)
        let routed = try TripRouter.route(graph: g, nodeWeights: weights, entries: entries.nodes,
                                          settings: TripSettings(trips: count, dangerousShare: 0, entryShare: entryShare, seed: seed))
        return zip(routed.originNode, routed.destinationNode).enumerated().map { k, od in
            (id: "trip\(k + 1)", from: g.node(Int(od.0)), to: g.node(Int(od.1)), weight: 1)
        }
    }
}
