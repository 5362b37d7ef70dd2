import CityIngest
import CityModel
import GeoCore
import StreetGraph
import TestSupport
@testable import Simulation

/// The bundled Helsinki city, its drive graph and the three hypothetical posts, loaded once.
enum HelsinkiNetwork {
    struct Data: @unchecked Sendable {
        let city: City
        let graph: RoadGraph
        let posts: [UnitSite]
    }

    static let data: Data? = {
        do {
            let city = try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF,
                                                       kinds: [.streets, .buildings, .schools, .cameras], makeValid: true))
            let graph = try GraphBuilder.build(streets: city.streets, mode: .drive)
            let layer = try WorkingLayerReader.read(path: Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson", layer: nil,
                                                    expect: .points, workingCRS: city.crs, what: "post")
            let idI = layer.fieldIndex("id")!
            let posts = layer.features.map { UnitSite(id: $0.values[idI].text!, location: $0.geometry!.representativePoint!) }
            return Data(city: city, graph: graph, posts: posts)
        } catch {
            print("Helsinki load failed: \(error)")
            return nil
        }
    }()

    static func get() throws -> Data {
        guard let d = data else { throw CovplanError(.noInput, "Helsinki fixture did not load") }
        return d
    }
}

/// An independent reference for travel times: a plain adjacency list made from the graph's
/// *edge* arrays (not its CSR arcs), searched by a textbook O(V²) Dijkstra with an array scan.
struct EdgeListReference {
    struct Arc { var to: Int; var seconds: Double }
    var out: [[Arc]]
    var into: [[Arc]]

    init(_ g: RoadGraph) {
        out = Array(repeating: [], count: g.nodeCount)
        into = Array(repeating: [], count: g.nodeCount)
        for e in 0..<g.edgeCount {
            let a = Int(g.edgeFrom[e]), b = Int(g.edgeTo[e]), s = g.edgeSeconds[e]
            if g.edgeAccess[e] & 1 != 0 { out[a].append(Arc(to: b, seconds: s)); into[b].append(Arc(to: a, seconds: s)) }
            if g.edgeAccess[e] & 2 != 0 { out[b].append(Arc(to: a, seconds: s)); into[a].append(Arc(to: b, seconds: s)) }
        }
    }

    /// Seconds from `source` to every node (or from every node to `source` when `reverse`).
    func dijkstra(_ source: Int, reverse: Bool = false) -> [Double] {
        let adj = reverse ? into : out
        let n = adj.count
        var d = [Double](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        d[source] = 0
        while true {
            var u = -1
            for i in 0..<n where !done[i] && d[i].isFinite && (u < 0 || d[i] < d[u]) { u = i }
            if u < 0 { break }
            done[u] = true
            for a in adj[u] where d[u] + a.seconds < d[a.to] { d[a.to] = d[u] + a.seconds }
        }
        return d
    }

    /// Bellman–Ford from `source` (for small random graphs).
    func bellmanFord(_ source: Int) -> [Double] {
        var d = [Double](repeating: .infinity, count: out.count)
        d[source] = 0
        for _ in 0..<out.count {
            var changed = false
            for u in out.indices where d[u].isFinite {
                for a in out[u] where d[u] + a.seconds < d[a.to] { d[a.to] = d[u] + a.seconds; changed = true }
            }
            if !changed { break }
        }
        return d
    }
}

/// Random street networks on a jittered grid (connected, with random one-ways).
enum GridStreets {
    static func make(seed: UInt64, side: Int, spacing: Double = 100, onewayShare: Double = 0.25) -> [Street] {
        var rng = SeededRandom(seed: seed)
        var pts: [Point] = []
        for j in 0..<side {
            for i in 0..<side {
                pts.append(Point(Double(i) * spacing + Double.random(in: -20...20, using: &rng),
                                 Double(j) * spacing + Double.random(in: -20...20, using: &rng)))
            }
        }
        var out: [Street] = []
        func add(_ a: Int, _ b: Int) {
            let r = Double.random(in: 0..<1, using: &rng)
            let oneway: Oneway = r < onewayShare / 2 ? .forward : (r < onewayShare ? .reverse : .no)
            let cls = ["primary", "residential", "service"][Int.random(in: 0..<3, using: &rng)]
            out.append(Street(id: "s\(out.count)", highway: cls, oneway: oneway, points: [pts[a], pts[b]]))
        }
        for j in 0..<side {
            for i in 0..<side {
                let k = j * side + i
                if i + 1 < side { add(k, k + 1) }
                if j + 1 < side { add(k, k + side) }
            }
        }
        return out
    }
}
