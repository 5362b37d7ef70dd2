import GeoCore

/// The k nearest units (by travel time from the unit to the point) for many query points.
public struct NearestUnits: Sendable {
    /// Units per point asked for.
    public let k: Int
    /// Unit index of the j-th nearest unit of point p at `unit[p * k + j]`; -1 when fewer than
    /// j + 1 units reach the point (or the point was not snapped).
    public let unit: [Int32]
    /// Seconds of the j-th nearest unit of point p at `seconds[p * k + j]`; +infinity when absent.
    public let seconds: [Double]

    /// The nearest units of point `p`, nearest first (ties by unit index).
    public func units(ofPoint p: Int) -> [(unit: Int32, seconds: Double)] {
        var out: [(Int32, Double)] = []
        for j in 0..<k where unit[p * k + j] >= 0 { out.append((unit[p * k + j], seconds[p * k + j])) }
        return out
    }
}

extension RoadGraph {
    /// For every point, its `k` nearest units by travel time (unit → point, respecting one-ways).
    ///
    /// Method: one **k-label multi-source Dijkstra** from all units at once. Every node keeps the
    /// first `k` distinct units that settle it; a node already holding `k` units does not expand
    /// further units (any path through it is beaten by the `k` units it holds). A point on edge
    /// `(u, v)` then takes the best `k` of: `u`'s units plus the time to drive forward to it, `v`'s
    /// units plus the time to drive backward, and units sitting on the same edge. This costs about
    /// `k` single-source searches whatever the number of units — much faster than one search per
    /// unit (U searches over the whole graph) or one reverse search per point when there are many
    /// units and points. Units beyond `cutoffSeconds` are not reported.
    ///
    /// - Parameters:
    ///   - units: unit positions (snapped).
    ///   - points: query positions; nil entries (unsnapped points) get no units.
    ///   - k: units per point, at least 1.
    /// - Throws: `CovplanError(.usage)` when `k < 1`.
    /// - Complexity: O(k (V + E) log(kV)) for the search, O(P k log k) for the points;
    ///   O(k V) memory.
    public func nearestUnits(units: [SearchSource], points: [EdgePosition?], k: Int,
                             cutoffSeconds: Double = .infinity) throws -> NearestUnits {
        guard k >= 1 else { throw CovplanError(.usage, "k must be at least 1, got \(k)") }
        let n = nodeCount
        var labelUnit = [Int32](repeating: -1, count: n * k)
        var labelTime = [Double](repeating: .infinity, count: n * k)
        var labelCount = [Int32](repeating: 0, count: n)
        var heap = TimeHeap(capacity: 1024)
        for (i, s) in units.enumerated() {
            for (node, t) in entryPoints(of: s) where t <= cutoffSeconds {
                heap.push(t, UInt64(node) | UInt64(i) << 32)
            }
        }
        arcStart.withUnsafeBufferPointer { start in
            arcHead.withUnsafeBufferPointer { head in
                arcSeconds.withUnsafeBufferPointer { secs in
                    while let (t, payload) = heap.pop() {
                        let u = Int(payload & 0xFFFF_FFFF), unit = Int32(truncatingIfNeeded: payload >> 32)
                        let c = Int(labelCount[u])
                        if c >= k { continue }
                        var seen = false
                        for j in 0..<c where labelUnit[u * k + j] == unit { seen = true; break }
                        if seen { continue }
                        labelUnit[u * k + c] = unit
                        labelTime[u * k + c] = t
                        labelCount[u] = Int32(c + 1)
                        for a in Int(start[u])..<Int(start[u + 1]) {
                            let v = Int(head[a])
                            if Int(labelCount[v]) >= k { continue }
                            let nt = t + secs[a]
                            if nt <= cutoffSeconds { heap.push(nt, UInt64(v) | UInt64(UInt32(unit)) << 32) }
                        }
                    }
                }
            }
        }

        let byEdge = SourcesByEdge(units, graph: self)
        var outUnit = [Int32](repeating: -1, count: points.count * k)
        var outTime = [Double](repeating: .infinity, count: points.count * k)
        var candidates: [(t: Double, unit: Int32)] = []
        for (p, position) in points.enumerated() {
            guard let position else { continue }
            let e = Int(position.edge)
            let length = edgeLengthMeters[e], rate = edgeSeconds[e] / length
            let x = min(max(position.offsetMeters, 0), length)
            candidates.removeAll(keepingCapacity: true)
            let u = Int(edgeFrom[e]), v = Int(edgeTo[e])
            // At a node the point is that node: no travel along the edge needed, any direction.
            if allowsForward(e) || x <= 0 {
                for j in 0..<Int(labelCount[u]) { candidates.append((labelTime[u * k + j] + rate * x, labelUnit[u * k + j])) }
            }
            if allowsBackward(e) || x >= length {
                for j in 0..<Int(labelCount[v]) { candidates.append((labelTime[v * k + j] + rate * (length - x), labelUnit[v * k + j])) }
            }
            for j in byEdge.range(of: Int32(e)) {
                let s = byEdge.offset[j]
                if s <= x && allowsForward(e) || s >= x && allowsBackward(e) || s == x {
                    candidates.append((byEdge.delay[j] + rate * abs(x - s), byEdge.index[j]))
                }
            }
            candidates.sort { $0.t < $1.t || ($0.t == $1.t && $0.unit < $1.unit) }
            var filled = 0
            for c in candidates where c.t <= cutoffSeconds {
                var dup = false
                for j in 0..<filled where outUnit[p * k + j] == c.unit { dup = true; break }
                if dup { continue }
                outUnit[p * k + filled] = c.unit
                outTime[p * k + filled] = c.t
                filled += 1
                if filled == k { break }
            }
        }
        return NearestUnits(k: k, unit: outUnit, seconds: outTime)
    }
}
