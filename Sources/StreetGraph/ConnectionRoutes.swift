import GeoCore

/// A cable route from an object to its nearest connection point along the streets.
public struct ConnectionRoute: Sendable, Hashable {
    /// Total length, metres: object → street (straight access leg) + along streets + street →
    /// connection point (straight access leg).
    public var meters: Double
    /// Index of the nearest connection point (in the `points` given).
    public var source: Int
    /// The two straight access legs, metres (included in `meters`).
    public var accessMeters: Double
    /// The route as a polyline from the object to the connection point, working CRS.
    public var geometry: [Point]
}

extension RoadGraph {
    /// Street-route length from each target to its nearest source (a connection point), for
    /// laying cable: every street edge is usable in both directions (one-way rules do not bind
    /// a cable), lengths are the edges' lengths in metres.
    ///
    /// Sources and targets are snapped to the main component's edges (`EdgeSnapper`) within
    /// `maxSnapMeters`; their straight access legs count in the length. One multi-source
    /// Dijkstra over nodes, then each target takes the better end of its edge (and a source on
    /// the same edge directly). O((V + E) log V + (S + T) log S_e) for S sources, T targets.
    ///
    /// - Returns: per target, its route, or nil when the target (or every source) is farther
    ///   than `maxSnapMeters` from the network.
    public func connectionRoutes(from sources: [Point], to targets: [Point], maxSnapMeters: Double = 500) -> [ConnectionRoute?] {
        let snapper = EdgeSnapper.mainComponent(of: self)
        let sSnap = sources.map { snapper.snap($0, maxDistanceMeters: maxSnapMeters) }
        let tSnap = targets.map { snapper.snap($0, maxDistanceMeters: maxSnapMeters) }
        let n = nodeCount
        // Undirected adjacency (CSR over edges).
        var deg = [Int32](repeating: 0, count: n + 1)
        for e in 0..<edgeCount {
            deg[Int(edgeFrom[e]) + 1] += 1
            deg[Int(edgeTo[e]) + 1] += 1
        }
        for i in 0..<n { deg[i + 1] += deg[i] }
        var fill = deg
        var adjEdge = [Int32](repeating: 0, count: Int(deg[n]))
        for e in 0..<edgeCount {
            for v in [Int(edgeFrom[e]), Int(edgeTo[e])] {
                adjEdge[Int(fill[v])] = Int32(e)
                fill[v] += 1
            }
        }
        var dist = [Double](repeating: .infinity, count: n)
        var label = [Int32](repeating: -1, count: n)
        /// Edge by which a node was reached (-1: from its source's own edge, see `label`).
        var predEdge = [Int32](repeating: -1, count: n)
        var heap = SearchHeap<UInt64>(minimumCapacity: 64)
        var sourcesOnEdge: [Int32: [Int]] = [:]
        for (s, snap) in sSnap.enumerated() {
            guard let snap else { continue }
            let e = Int(snap.position.edge), o = snap.position.offsetMeters
            sourcesOnEdge[snap.position.edge, default: []].append(s)
            for (v, d) in [(Int(edgeFrom[e]), snap.distanceMeters + o), (Int(edgeTo[e]), snap.distanceMeters + edgeLengthMeters[e] - o)]
            where d < dist[v] {
                dist[v] = d
                label[v] = Int32(s)
                predEdge[v] = -1
                heap.push(d, UInt64(v))
            }
        }
        while let (d, payload) = heap.pop() {
            let v = Int(payload)
            guard d <= dist[v] else { continue }
            for k in Int(deg[v])..<Int(deg[v + 1]) {
                let e = Int(adjEdge[k])
                let w = Int(edgeFrom[e]) == v ? Int(edgeTo[e]) : Int(edgeFrom[e])
                let nd = d + edgeLengthMeters[e]
                if nd < dist[w] {
                    dist[w] = nd
                    label[w] = label[v]
                    predEdge[w] = Int32(e)
                    heap.push(nd, UInt64(w))
                }
            }
        }
        return targets.indices.map { t -> ConnectionRoute? in
            guard let ts = tSnap[t] else { return nil }
            let e = Int(ts.position.edge), o = ts.position.offsetMeters, len = edgeLengthMeters[e]
            var best: (meters: Double, source: Int, via: Int?)?  // via: end node, nil for same edge
            for (v, along) in [(Int(edgeFrom[e]), o), (Int(edgeTo[e]), len - o)] where label[v] >= 0 {
                let m = dist[v] + along + ts.distanceMeters
                if best == nil || m < best!.meters { best = (m, Int(label[v]), v) }
            }
            for s in sourcesOnEdge[Int32(e)] ?? [] {
                let ss = sSnap[s]!
                let m = ss.distanceMeters + abs(ss.position.offsetMeters - o) + ts.distanceMeters
                if best == nil || m < best!.meters - 1e-9 { best = (m, s, nil) }
            }
            guard let best else { return nil }
            let ss = sSnap[best.source]!
            var geom: [Point] = [targets[t], ts.point]
            if let v0 = best.via {
                // Along the target's edge to node v0, then back along predecessors to the source's edge.
                geom += piece(e, o, v0 == Int(edgeFrom[e]) ? 0 : len)
                var v = v0
                while predEdge[v] >= 0 {
                    let pe = Int(predEdge[v])
                    let fromV = Int(edgeFrom[pe]) == v
                    geom += fromV ? geometry(ofEdge: pe) : Array(geometry(ofEdge: pe).reversed())
                    v = fromV ? Int(edgeTo[pe]) : Int(edgeFrom[pe])
                }
                let se = Int(ss.position.edge)
                geom += piece(se, v == Int(edgeFrom[se]) ? 0 : edgeLengthMeters[se], ss.position.offsetMeters)
            } else {
                geom += piece(e, o, ss.position.offsetMeters)
            }
            geom += [ss.point, sources[best.source]]
            var clean: [Point] = []
            for p in geom where clean.last.map({ $0.distance(to: p) > 1e-9 }) ?? true { clean.append(p) }
            return ConnectionRoute(meters: best.meters, source: best.source, accessMeters: ts.distanceMeters + ss.distanceMeters,
                                   geometry: clean)
        }
    }

    /// The part of edge `e` from offset `a` to offset `b` (either order), in travel order.
    func piece(_ e: Int, _ a: Double, _ b: Double) -> [Point] {
        a <= b ? geometry(ofEdge: e, fromMeters: a, toMeters: b) : Array(geometry(ofEdge: e, fromMeters: b, toMeters: a).reversed())
    }
}
