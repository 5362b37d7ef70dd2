import CityModel
import GeoCore

/// Builds a `RoadGraph` from street lines.
public enum GraphBuilder {
    /// Builds the routable graph of `mode` from `streets`.
    ///
    /// Streets whose class is not part of the mode (`TravelMode.admits`) are skipped and counted.
    /// Lines are split at junctions as `noding` describes; one-way streets allow only their
    /// direction in drive mode (walk ignores `oneway`); travel time is length ÷ speed from
    /// `speeds` (see `SpeedTable`). Edge ids follow input order, so equal inputs give equal graphs.
    ///
    /// - Parameters:
    ///   - streets: street lines in the working CRS (metres).
    ///   - mode: drive or walk.
    ///   - speeds: the speed table; nil for `SpeedTable.defaults(for: mode)`.
    ///   - noding: how lines are split at junctions (default: exact shared vertices, for OSM).
    /// - Returns: the graph with its `GraphReport` (skipped streets, components).
    /// - Throws: `CovplanError(.usage)` for a speed table of another mode or a negative tolerance;
    ///   `CovplanError(.dataError)` naming the street for a non-finite coordinate; when the
    ///   network has more than `Int32.max` vertices.
    /// - Complexity: O(V) expected for exact noding plus O(E log E)-ish for crossings; O(V + E)
    ///   for CSR and components.
    public static func build(streets: [Street], mode: TravelMode, speeds: SpeedTable? = nil,
                             noding: NodingOptions = .exact) throws -> RoadGraph {
        let table = speeds ?? SpeedTable.defaults(for: mode)
        guard table.mode == mode else {
            throw CovplanError(.usage, "speed table is for \(table.mode.rawValue), graph is for \(mode.rawValue)")
        }
        guard noding.snapToleranceMeters.isFinite, noding.snapToleranceMeters >= 0 else {
            throw CovplanError(.usage, "snap tolerance must be zero or a positive number of metres, got \(noding.snapToleranceMeters)")
        }
        var report = GraphReport()
        report.streetsInput = streets.count

        // 1. Mode filter, validation, duplicate-vertex removal.
        var lines: [[Point]] = []
        var lineStreet: [Int32] = []
        var lineMps: [Double] = []
        for (i, s) in streets.enumerated() {
            guard mode.admits(s) else { report.streetsOtherMode += 1; continue }
            for p in s.points where !p.isFinite {
                throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate \(p)")
            }
            if let m = s.maxspeedKmh, !(m.isFinite && m > 0), mode == .drive, table.useMaxspeed {
                report.invalidMaxspeedStreets.append(s.id)
            }
            let pts = Noder.dedupe(s.points)
            guard pts.count > 1 else { report.degenerateStreets.append(s.id); continue }
            report.inputLengthMeters += Planar.length(s.points)
            lines.append(pts)
            lineStreet.append(Int32(i))
            lineMps.append(table.speedKmh(highway: s.highway, maxspeedKmh: s.maxspeedKmh) / 3.6)
        }

        // 2. Noding.
        if noding.nodeCrossings || noding.snapToleranceMeters > 0 {
            let r = Noder.run(lines, options: noding)
            report.crossingsNoded = r.crossings
            report.endpointsJoined = r.endpointsJoined
            report.mergedVertices = r.mergedVertices
            var keep: [Int] = []
            for (k, l) in r.lines.enumerated() {
                if l.count > 1 { keep.append(k) } else { report.degenerateStreets.append(streets[Int(lineStreet[k])].id) }
            }
            lines = keep.map { r.lines[$0] }
            lineStreet = keep.map { lineStreet[$0] }
            lineMps = keep.map { lineMps[$0] }
        }
        report.streetsUsed = lines.count

        // 3. Junctions: coordinates used more than once, and line ends.
        var vertexTotal = 0
        for l in lines { vertexTotal += l.count }
        guard vertexTotal < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(vertexTotal) vertices")
        }
        var coords = CoordinateTable(expectedCount: vertexTotal / 2 + 16)
        var vertexCoord = [Int32](repeating: 0, count: vertexTotal)
        var uses: [UInt8] = []
        uses.reserveCapacity(vertexTotal)
        var k = 0
        for l in lines {
            let last = l.count - 1
            for (j, p) in l.enumerated() {
                let c = Int(coords.insert(p.x, p.y))
                if c == uses.count { uses.append(0) }
                // Ends count as junctions outright (2 uses).
                let add: UInt8 = (j == 0 || j == last) ? 2 : 1
                uses[c] = uses[c] > 250 ? uses[c] : uses[c] + add
                vertexCoord[k] = Int32(c)
                k += 1
            }
        }
        var nodeOfCoord = [Int32](repeating: -1, count: uses.count)
        var nodeX: [Double] = [], nodeY: [Double] = []
        k = 0
        for l in lines {
            for p in l {
                let c = Int(vertexCoord[k])
                if uses[c] >= 2 && nodeOfCoord[c] < 0 {
                    nodeOfCoord[c] = Int32(nodeX.count)
                    nodeX.append(p.x)
                    nodeY.append(p.y)
                }
                k += 1
            }
        }

        // 4. Split lines into edges at junction vertices.
        var edgeFrom: [Int32] = [], edgeTo: [Int32] = [], edgeLength: [Double] = []
        var edgeSeconds: [Double] = [], edgeAccess: [UInt8] = [], edgeStreet: [Int32] = []
        var edgeVertexStart: [Int32] = [0]
        var vx: [Double] = [], vy: [Double] = []
        vx.reserveCapacity(vertexTotal); vy.reserveCapacity(vertexTotal)
        k = 0
        for (li, l) in lines.enumerated() {
            let street = streets[Int(lineStreet[li])]
            let access: UInt8
            if mode == .walk { access = 3 } else {
                switch street.oneway {
                case .no: access = 3
                case .forward: access = 1
                case .reverse: access = 2
                }
            }
            let mps = lineMps[li]
            var from = nodeOfCoord[Int(vertexCoord[k])]
            vx.append(l[0].x); vy.append(l[0].y)
            var length = 0.0
            for j in 1..<l.count {
                length += l[j - 1].distance(to: l[j])
                vx.append(l[j].x); vy.append(l[j].y)
                let node = nodeOfCoord[Int(vertexCoord[k + j])]
                if node >= 0 {
                    edgeFrom.append(from)
                    edgeTo.append(node)
                    edgeLength.append(length)
                    edgeSeconds.append(length / mps)
                    edgeAccess.append(access)
                    edgeStreet.append(lineStreet[li])
                    edgeVertexStart.append(Int32(vx.count))
                    if j < l.count - 1 { vx.append(l[j].x); vy.append(l[j].y) }
                    from = node
                    length = 0
                }
            }
            k += l.count
        }
        guard vx.count < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(vx.count) edge vertices")
        }

        // 5. Arcs in CSR order (by tail node, then edge index; forward before backward).
        let n = nodeX.count, m = edgeFrom.count
        var arcStart = [Int32](repeating: 0, count: n + 1)
        for e in 0..<m {
            if edgeAccess[e] & 1 != 0 { arcStart[Int(edgeFrom[e]) + 1] += 1 }
            if edgeAccess[e] & 2 != 0 { arcStart[Int(edgeTo[e]) + 1] += 1 }
        }
        for i in 0..<n { arcStart[i + 1] += arcStart[i] }
        let arcs = Int(arcStart[n])
        var fill = Array(arcStart[0..<n])
        var arcHead = [Int32](repeating: 0, count: arcs)
        var arcSeconds = [Double](repeating: 0, count: arcs)
        var arcEdge = [Int32](repeating: 0, count: arcs)
        for e in 0..<m {
            if edgeAccess[e] & 1 != 0 {
                let u = Int(edgeFrom[e]), a = Int(fill[u])
                arcHead[a] = edgeTo[e]; arcSeconds[a] = edgeSeconds[e]; arcEdge[a] = Int32(e)
                fill[u] += 1
            }
            if edgeAccess[e] & 2 != 0 {
                let v = Int(edgeTo[e]), a = Int(fill[v])
                arcHead[a] = edgeFrom[e]; arcSeconds[a] = edgeSeconds[e]; arcEdge[a] = ~Int32(e)
                fill[v] += 1
            }
        }

        // 6. Components, renumbered by length (longest first).
        let (rawComp, compCount) = Components.strongly(nodeCount: n, arcStart: arcStart, arcHead: arcHead)
        var compLength = [Double](repeating: 0, count: compCount)
        var compNodes = [Int](repeating: 0, count: compCount)
        var compEdges = [Int](repeating: 0, count: compCount)
        var compFirst = [Int](repeating: Int.max, count: compCount)
        for v in 0..<n {
            let c = Int(rawComp[v])
            compNodes[c] += 1
            compFirst[c] = min(compFirst[c], v)
        }
        for e in 0..<m where rawComp[Int(edgeFrom[e])] == rawComp[Int(edgeTo[e])] {
            let c = Int(rawComp[Int(edgeFrom[e])])
            compLength[c] += edgeLength[e]
            compEdges[c] += 1
        }
        let order = (0..<compCount).sorted {
            compLength[$0] != compLength[$1] ? compLength[$0] > compLength[$1] : compFirst[$0] < compFirst[$1]
        }
        var rank = [Int32](repeating: 0, count: compCount)
        for (r, c) in order.enumerated() { rank[c] = Int32(r) }
        let nodeComponent = rawComp.map { rank[Int($0)] }

        report.nodeCount = n
        report.edgeCount = m
        report.arcCount = arcs
        report.totalLengthMeters = edgeLength.reduce(0, +)
        report.componentCount = compCount
        report.largestComponents = order.prefix(20).enumerated().map { r, c in
            ComponentSummary(id: r, nodes: compNodes[c], edges: compEdges[c], lengthMeters: compLength[c])
        }
        report.lengthOutsideMainComponentMeters = report.totalLengthMeters - (order.first.map { compLength[$0] } ?? 0)

        return RoadGraph(
            mode: mode, nodeX: nodeX, nodeY: nodeY, edgeFrom: edgeFrom, edgeTo: edgeTo,
            edgeLengthMeters: edgeLength, edgeSeconds: edgeSeconds, edgeAccess: edgeAccess,
            edgeStreet: edgeStreet, edgeVertexStart: edgeVertexStart, vertexX: vx, vertexY: vy,
            arcStart: arcStart, arcHead: arcHead, arcSeconds: arcSeconds, arcEdge: arcEdge,
            nodeComponent: nodeComponent, streetIds: streets.map(\.id), report: report)
    }
}
