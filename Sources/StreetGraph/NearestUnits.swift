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
    /// further units (any path through it is beaten by the `k` units it holds), and a unit whose
    /// tentative time at a node is beaten by `k` other units is dropped there. A point on edge
    /// `(u, v)` then takes the best `k` of: `u`'s units plus the time to drive forward to it, `v`'s
    /// units plus the time to drive backward, and units sitting on the same edge. This costs about
    /// `k` single-source searches whatever the number of units — much faster than one search per
    /// unit (U searches over the whole graph) or one reverse search per point when there are many
    /// units and points. Units beyond `cutoffSeconds` are not reported.
    ///
    /// - Parameters:
    ///   - units: unit positions (snapped).
    ///   - points: query positions; nil entries (unsnapped points) get no units.
    ///   - k: units per point, 1 … 100.
    /// - Throws: `CovplanError(.usage)` when `k` is outside 1 … 100.
    /// - Complexity: O(k (V + E) log(kV)) for the search, O(P k log k) for the points;
    ///   O(k V) memory.
    public func nearestUnits(units: [SearchSource], points: [EdgePosition?], k: Int,
                             cutoffSeconds: Double = .infinity) throws -> NearestUnits {
        guard k >= 1, k <= InputLimits.maxNearestK else {
            throw CovplanError(.usage, "k \(k) must be between 1 and the limit of \(InputLimits.maxNearestK) (one label per node and rank: memory)")
        }
        let n = nodeCount
        // Per node: up to k (unit, seconds) labels sorted by seconds; the first `settled[v]` are
        // final, the rest tentative. A tentative label is replaced when its unit finds a faster
        // way, or evicted when k other units are faster (it could never be among v's k best).
        // Flat buffers (no exclusivity checks in the hot loop); freed on return.
        let labelUnit = UnsafeMutablePointer<Int32>.allocate(capacity: n * k)
        labelUnit.initialize(repeating: -1, count: n * k)
        let labelTime = UnsafeMutablePointer<Double>.allocate(capacity: n * k)
        labelTime.initialize(repeating: .infinity, count: n * k)
        let labelCount = UnsafeMutablePointer<Int8>.allocate(capacity: max(n, 1))
        labelCount.initialize(repeating: 0, count: max(n, 1))
        let settled = UnsafeMutablePointer<Int8>.allocate(capacity: max(n, 1))
        settled.initialize(repeating: 0, count: max(n, 1))
        defer {
            labelUnit.deallocate()
            labelTime.deallocate()
            labelCount.deallocate()
            settled.deallocate()
        }
        var heap = SearchHeap<UInt64>(minimumCapacity: 1024)

        /// Offers `unit` at `t` to node `v`; true when it became (or improved) a tentative label.
        func offer(_ v: Int, _ unit: Int32, _ t: Double) -> Bool {
            let base = v * k
            let s = Int(settled[v]), c = Int(labelCount[v])
            if s >= k { return false }
            var slot = -1
            for j in 0..<c where labelUnit[base + j] == unit {
                if j < s || labelTime[base + j] <= t { return false }
                slot = j
                break
            }
            if slot < 0 {
                if c < k {
                    slot = c
                    labelCount[v] = Int8(c + 1)
                } else if t < labelTime[base + k - 1] {
                    slot = k - 1
                } else {
                    return false
                }
            }
            // Move the label up to keep the tentative part sorted by time.
            var j = slot
            while j > s && labelTime[base + j - 1] > t {
                labelTime[base + j] = labelTime[base + j - 1]
                labelUnit[base + j] = labelUnit[base + j - 1]
                j -= 1
            }
            labelTime[base + j] = t
            labelUnit[base + j] = unit
            return true
        }

        for (i, s) in units.enumerated() {
            for (node, t) in entryPoints(of: s) where t <= cutoffSeconds && offer(node, Int32(i), t) {
                heap.push(t, UInt64(node) | UInt64(i) << 32)
            }
        }
        arcStart.withUnsafeBufferPointer { start in
            arcHead.withUnsafeBufferPointer { head in
                arcSeconds.withUnsafeBufferPointer { secs in
                    while let (t, payload) = heap.pop() {
                        let u = Int(payload & 0xFFFF_FFFF), unit = Int32(truncatingIfNeeded: payload >> 32)
                        let s = Int(settled[u]), c = Int(labelCount[u])
                        if s >= k { continue }
                        // Valid only if this exact label is still tentative at u.
                        var slot = -1
                        for j in s..<c where labelUnit[u * k + j] == unit && labelTime[u * k + j] == t { slot = j; break }
                        if slot < 0 { continue }
                        if slot != s {  // equal times: bring it to the front of the tentative part
                            let a = u * k + slot, b = u * k + s
                            (labelUnit[a], labelUnit[b]) = (labelUnit[b], labelUnit[a])
                            (labelTime[a], labelTime[b]) = (labelTime[b], labelTime[a])
                        }
                        settled[u] = Int8(s + 1)
                        for a in Int(start[u])..<Int(start[u + 1]) {
                            let v = Int(head[a])
                            let nt = t + secs[a]
                            if nt <= cutoffSeconds && offer(v, unit, nt) {
                                heap.push(nt, UInt64(v) | UInt64(UInt32(unit)) << 32)
                            }
                        }
                    }
                }
            }
        }
        // Final labels: the settled prefix of each node's list.
        labelCount.update(from: settled, count: n)

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
