import GeoCore

/// Sources sorted by edge, for finding the sources that sit on a given edge. O(log S) lookup.
struct SourcesByEdge: Sendable {
    /// (edge, offset, source index), sorted by edge, then offset, then index.
    let edge: [Int32]
    let offset: [Double]
    let delay: [Double]
    let index: [Int32]

    init(_ sources: [SearchSource], graph: RoadGraph) {
        let order = sources.indices.sorted {
            let a = sources[$0].position, b = sources[$1].position
            return (a.edge, a.offsetMeters, $0) < (b.edge, b.offsetMeters, $1)
        }
        edge = order.map { sources[$0].position.edge }
        offset = order.map { min(max(sources[$0].position.offsetMeters, 0), graph.edgeLengthMeters[Int(sources[$0].position.edge)]) }
        delay = order.map { sources[$0].delaySeconds }
        index = order.map { Int32($0) }
    }

    /// Positions `lo ..< hi` in the sorted arrays whose edge is `e`.
    func range(of e: Int32) -> Range<Int> {
        var lo = 0, hi = edge.count
        while lo < hi { let mid = (lo + hi) >> 1; if edge[mid] < e { lo = mid + 1 } else { hi = mid } }
        var end = lo
        while end < edge.count && edge[end] == e { end += 1 }
        return lo..<end
    }
}

/// One linear piece of the arrival-time function along an edge: time grows at the edge's
/// seconds-per-metre rate moving away from `origin` in `direction` (+1 towards the `to` node,
/// -1 towards the `from` node). Defined on `[origin, L]` (forward) or `[0, origin]` (backward).
struct Ray: Sendable {
    var origin: Double
    var forward: Bool
    var baseSeconds: Double
    var label: Int32

    @inline(__always) func contains(_ x: Double, length: Double) -> Bool {
        forward ? (x >= origin && x <= length) : (x <= origin && x >= 0)
    }

    @inline(__always) func seconds(at x: Double, rate: Double) -> Double {
        baseSeconds + rate * (forward ? x - origin : origin - x)
    }
}

/// Arrival time along edges, from node times plus the sources sitting on each edge.
///
/// The time to reach a point at `x` metres along edge `e` is the minimum over: arriving at the
/// `from` node and driving forward (if allowed), arriving at the `to` node and driving backward
/// (if allowed), and each source on the edge driving towards `x` (if that direction is allowed).
/// Each term is linear in `x` (uniform speed along an edge), which makes exact cutting possible.
struct EdgeTimeFunction: Sendable {
    let graph: RoadGraph
    let times: NodeTimes
    let sources: SourcesByEdge

    init(graph: RoadGraph, times: NodeTimes, sources: [SearchSource]) {
        self.graph = graph
        self.times = times
        self.sources = SourcesByEdge(sources, graph: graph)
    }

    /// Seconds per metre along edge `e`.
    @inline(__always) func rate(_ e: Int) -> Double { graph.edgeSeconds[e] / graph.edgeLengthMeters[e] }

    /// Fills `rays` with the terms of edge `e` (clearing it first). Rays from nodes never reached
    /// are left out.
    func rays(_ e: Int, into rays: inout [Ray]) {
        rays.removeAll(keepingCapacity: true)
        let length = graph.edgeLengthMeters[e]
        let fwd = graph.allowsForward(e), bwd = graph.allowsBackward(e)
        let u = Int(graph.edgeFrom[e]), v = Int(graph.edgeTo[e])
        if fwd, times.seconds[u].isFinite { rays.append(Ray(origin: 0, forward: true, baseSeconds: times.seconds[u], label: times.source[u])) }
        if bwd, times.seconds[v].isFinite { rays.append(Ray(origin: length, forward: false, baseSeconds: times.seconds[v], label: times.source[v])) }
        guard !sources.edge.isEmpty else { return }
        for k in sources.range(of: Int32(e)) {
            let x = sources.offset[k], d = sources.delay[k], s = sources.index[k]
            if fwd || x >= length { rays.append(Ray(origin: x, forward: true, baseSeconds: d, label: s)) }
            if bwd || x <= 0 { rays.append(Ray(origin: x, forward: false, baseSeconds: d, label: s)) }
        }
    }

    /// Earliest arrival at `x` metres along `e` and the source it comes from (-1 and +infinity
    /// when unreached). Ties keep the earlier ray.
    func arrival(at position: EdgePosition, scratch: inout [Ray]) -> (seconds: Double, source: Int32) {
        let e = Int(position.edge)
        self.rays(e, into: &scratch)
        let length = graph.edgeLengthMeters[e], r = rate(e)
        let x = min(max(position.offsetMeters, 0), length)
        var best = Double.infinity, label: Int32 = -1
        // A position at an edge end is that node, whatever the edge's directions.
        if x <= 0 { let u = Int(graph.edgeFrom[e]); best = times.seconds[u]; label = times.source[u] }
        if x >= length { let v = Int(graph.edgeTo[e]); if times.seconds[v] < best { best = times.seconds[v]; label = times.source[v] } }
        for ray in scratch where ray.contains(x, length: length) {
            let t = ray.seconds(at: x, rate: r)
            if t < best { best = t; label = ray.label }
        }
        return (best, label)
    }

    /// The parts of edge `e` reached within `limit` seconds, as sorted disjoint intervals in metres
    /// from the `from` node, appended to `out` (empty pieces are left out).
    func reached(_ e: Int, within limit: Double, rays: [Ray], into out: inout [(Double, Double)]) {
        let length = graph.edgeLengthMeters[e], r = rate(e)
        let start = out.count
        for ray in rays where ray.baseSeconds <= limit {
            let reach = (limit - ray.baseSeconds) / r
            let a = ray.forward ? ray.origin : max(0, ray.origin - reach)
            let b = ray.forward ? min(length, ray.origin + reach) : ray.origin
            if b > a { out.append((a, b)) }
        }
        Intervals.normalize(&out, from: start)
    }
}

/// Helpers for sorted, disjoint interval lists.
enum Intervals {
    /// Sorts `list[from...]` and merges overlapping or touching intervals in place.
    static func normalize(_ list: inout [(Double, Double)], from start: Int) {
        let n = list.count - start
        if n < 2 { return }
        if n == 2 {
            if list[start].0 > list[start + 1].0 { list.swapAt(start, start + 1) }
        } else {
            list[start...].sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        }
        var w = start
        for i in (start + 1)..<list.count {
            if list[i].0 <= list[w].1 {
                list[w].1 = max(list[w].1, list[i].1)
            } else {
                w += 1
                list[w] = list[i]
            }
        }
        list.removeLast(list.count - w - 1)
    }

    /// `a` minus `b` (both sorted and disjoint), pieces shorter than `minLength` dropped.
    static func subtract(_ a: ArraySlice<(Double, Double)>, _ b: ArraySlice<(Double, Double)>,
                         minLength: Double, into out: inout [(Double, Double)]) {
        var j = b.startIndex
        for (s0, e0) in a {
            var s = s0
            while j < b.endIndex && b[j].1 <= s { j += 1 }
            var k = j
            while k < b.endIndex && b[k].0 < e0 {
                if b[k].0 - s > minLength { out.append((s, b[k].0)) }
                s = max(s, b[k].1)
                k += 1
            }
            if e0 - s > minLength { out.append((s, e0)) }
        }
    }
}
