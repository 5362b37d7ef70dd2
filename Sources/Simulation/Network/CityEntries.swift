import CityModel
import GeoCore
import StreetGraph

/// Where streets leave the city: the entry points of the ANPR cordon.
///
/// **Definition** (documented in the CLI help): an entry node is a node of the graph's main
/// component with exactly one neighbouring node (a street end) lying within `bandMeters` of the
/// bounding box of all graph nodes. City extracts and municipal street layers are cut at the city
/// limit, so the roads that continue beyond it end there. A **cordon camera** is a camera within
/// `cordonRadiusMeters` of an entry node.
public struct CityEntries: Sendable, Hashable {
    /// Entry nodes (ascending).
    public var nodes: [Int32]
    public var bandMeters: Double

    /// Finds the entry nodes of `graph`. O(V + A).
    /// - Throws: `CovplanError(.usage)` for a negative or non-finite band.
    public static func find(graph g: RoadGraph, bandMeters: Double = 60) throws -> CityEntries {
        guard bandMeters.isFinite, bandMeters >= 0 else {
            throw CovplanError(.usage, "city entry band must be ≥ 0 metres, got \(bandMeters)")
        }
        guard g.nodeCount > 0 else { return CityEntries(nodes: [], bandMeters: bandMeters) }
        let minX = g.nodeX.min()!, maxX = g.nodeX.max()!, minY = g.nodeY.min()!, maxY = g.nodeY.max()!
        // Distinct neighbours over arcs in both directions.
        var neighbour = [Int32](repeating: -1, count: g.nodeCount)
        var degree = [UInt8](repeating: 0, count: g.nodeCount)
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeFrom[e]), v = Int(g.edgeTo[e])
            for (a, b) in [(u, v), (v, u)] where degree[a] < 2 && neighbour[a] != Int32(b) {
                if a == b { degree[a] = 2; continue }
                degree[a] += 1
                neighbour[a] = Int32(b)
            }
        }
        var out: [Int32] = []
        for n in 0..<g.nodeCount where degree[n] == 1 && g.nodeComponent[n] == 0 {
            let x = g.nodeX[n], y = g.nodeY[n]
            if x - minX <= bandMeters || maxX - x <= bandMeters || y - minY <= bandMeters || maxY - y <= bandMeters {
                out.append(Int32(n))
            }
        }
        return CityEntries(nodes: out, bandMeters: bandMeters)
    }

    /// Indices of `cameras` within `cordonRadiusMeters` of an entry node. O(C·N) with an early
    /// exit (N entry nodes: tens to a few thousand).
    public func cordonCameras(_ cameras: [CameraRecord], graph g: RoadGraph, cordonRadiusMeters: Double = 150) -> [Int] {
        let r2 = cordonRadiusMeters * cordonRadiusMeters
        return cameras.indices.filter { i in
            let p = cameras[i].position
            return nodes.contains { n in
                let dx = g.nodeX[Int(n)] - p.x, dy = g.nodeY[Int(n)] - p.y
                return dx * dx + dy * dy <= r2
            }
        }
    }
}
