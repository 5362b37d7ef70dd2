import Dispatch
import GeoCore
import StreetGraph

/// Travel times from candidate sites to demand points on a street graph, up to a cut-off:
/// candidate `j` reaches demand `demand[k]` in `seconds[k]` for `k` in
/// `offsets[j] ..< offsets[j + 1]` (demand indices strictly increasing).
///
/// Travel runs from the site to the demand point (a post's response), in the directions the
/// graph allows. A site or demand point partway along an edge enters or leaves it through the
/// edge's ends, at the edge's speed, or directly along the edge when both lie on the same one.
/// Per site: one Dijkstra with the cut-off over reusable scratch arrays (only reached nodes are
/// touched), then every demand point on an edge leaving a reached node. Parallel over fixed
/// chunks of sites, merged in order; deterministic.
struct TravelTimeTable: Sendable {
    var offsets: [Int]
    var demand: [Int32]
    var seconds: [Double]

    /// Demand points on the graph's edges: demand `i` lies on `edge[i]` at `offset[i]` metres.
    struct DemandPoints: Sendable {
        var edge: [Int32]
        var offsetMeters: [Double]
        /// CSR by edge: demand points of edge `e` are `byEdge[edgeFirst[e] ..< edgeFirst[e + 1]]`.
        var edgeFirst: [Int]
        var byEdge: [Int32]

        init(graph: RoadGraph, edge: [Int32], offsetMeters: [Double]) {
            self.edge = edge
            self.offsetMeters = offsetMeters
            var first = [Int](repeating: 0, count: graph.edgeCount + 1)
            for e in edge { first[Int(e) + 1] += 1 }
            for e in 0..<graph.edgeCount { first[e + 1] += first[e] }
            var fill = first
            var by = [Int32](repeating: 0, count: edge.count)
            for (i, e) in edge.enumerated() {
                by[fill[Int(e)]] = Int32(i)
                fill[Int(e)] += 1
            }
            edgeFirst = first
            byEdge = by
        }
    }

    static let chunkSize = 64

    static func build(graph: RoadGraph, sites: [EdgePosition], demand: DemandPoints, cutoffSeconds: Double) -> TravelTimeTable {
        let chunks = stride(from: 0, to: sites.count, by: chunkSize).map { $0..<min($0 + chunkSize, sites.count) }
        var parts = [TravelTimeTable?](repeating: nil, count: chunks.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                var search = Search(graph: graph, demandCount: demand.edge.count)
                var part = TravelTimeTable(offsets: [0], demand: [], seconds: [])
                for j in chunks[c] {
                    search.run(from: sites[j], demand: demand, cutoffSeconds: cutoffSeconds, into: &part)
                    part.offsets.append(part.demand.count)
                }
                out[c] = part
            }
        }
        var table = TravelTimeTable(offsets: [0], demand: [], seconds: [])
        for p in parts {
            let p = p!
            let base = table.demand.count
            table.demand.append(contentsOf: p.demand)
            table.seconds.append(contentsOf: p.seconds)
            for k in 1..<p.offsets.count { table.offsets.append(base + p.offsets[k]) }
        }
        return table
    }

    /// One worker's Dijkstra with scratch arrays reset through the touched lists.
    struct Search {
        let graph: RoadGraph
        var dist: [Double]
        var touchedNodes: [Int32] = []
        var best: [Double]
        var touchedDemand: [Int32] = []
        var heap = SearchHeap<Int32>(minimumCapacity: 1024)

        init(graph: RoadGraph, demandCount: Int) {
            self.graph = graph
            dist = [Double](repeating: .infinity, count: graph.nodeCount)
            best = [Double](repeating: .infinity, count: demandCount)
        }

        mutating func relaxDemand(_ i: Int32, _ t: Double, _ cutoff: Double) {
            guard t <= cutoff else { return }
            if best[Int(i)] == .infinity { touchedDemand.append(i) }
            if t < best[Int(i)] { best[Int(i)] = t }
        }

        mutating func run(from site: EdgePosition, demand: DemandPoints, cutoffSeconds: Double, into out: inout TravelTimeTable) {
            let g = graph
            let e0 = Int(site.edge)
            let len0 = g.edgeLengthMeters[e0], secs0 = g.edgeSeconds[e0]
            let x0 = min(max(site.offsetMeters, 0), len0)
            // Seed the heap at the site's edge ends.
            func seed(_ n: Int, _ t: Double) {
                guard t <= cutoffSeconds, t < dist[n] else { return }
                if dist[n] == .infinity { touchedNodes.append(Int32(n)) }
                dist[n] = t
                heap.push(t, Int32(n))
            }
            let from0 = Int(g.edgeFrom[e0]), to0 = Int(g.edgeTo[e0])
            if x0 <= 0 {
                seed(from0, 0)
            } else if x0 >= len0 {
                seed(to0, 0)
            } else {
                if g.allowsForward(e0) { seed(to0, (len0 - x0) / len0 * secs0) }
                if g.allowsBackward(e0) { seed(from0, x0 / len0 * secs0) }
            }
            // Demand on the site's own edge, reached directly.
            if len0 > 0 {
                for k in demand.edgeFirst[e0]..<demand.edgeFirst[e0 + 1] {
                    let i = demand.byEdge[k]
                    let x = demand.offsetMeters[Int(i)]
                    if x >= x0, g.allowsForward(e0) { relaxDemand(i, (x - x0) / len0 * secs0, cutoffSeconds) }
                    if x <= x0, g.allowsBackward(e0) { relaxDemand(i, (x0 - x) / len0 * secs0, cutoffSeconds) }
                }
            }
            while let (t, u32) = heap.pop() {
                let u = Int(u32)
                if t > dist[u] { continue }
                for a in Int(g.arcStart[u])..<Int(g.arcStart[u + 1]) {
                    let v = Int(g.arcHead[a])
                    let nt = t + g.arcSeconds[a]
                    if nt <= cutoffSeconds, nt < dist[v] {
                        if dist[v] == .infinity { touchedNodes.append(Int32(v)) }
                        dist[v] = nt
                        heap.push(nt, Int32(v))
                    }
                    // Demand points along this arc's edge, entered from u.
                    let ae = Int(g.arcEdge[a])
                    let e = ae >= 0 ? ae : ~ae
                    let lo = demand.edgeFirst[e], hi = demand.edgeFirst[e + 1]
                    guard hi > lo else { continue }
                    let len = g.edgeLengthMeters[e], secs = g.edgeSeconds[e]
                    guard len > 0 else {
                        for k in lo..<hi { relaxDemand(demand.byEdge[k], t, cutoffSeconds) }
                        continue
                    }
                    for k in lo..<hi {
                        let i = demand.byEdge[k]
                        let x = demand.offsetMeters[Int(i)]
                        let along = ae >= 0 ? x : len - x
                        relaxDemand(i, t + along / len * secs, cutoffSeconds)
                    }
                }
            }
            // Nodes are demand-free; emit the reached demand sorted by index, then reset.
            touchedDemand.sort()
            for i in touchedDemand {
                out.demand.append(i)
                out.seconds.append(best[Int(i)])
                best[Int(i)] = .infinity
            }
            touchedDemand.removeAll(keepingCapacity: true)
            for n in touchedNodes { dist[Int(n)] = .infinity }
            touchedNodes.removeAll(keepingCapacity: true)
        }
    }
}
