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
        var clock = PhaseClock()
        return try build(streets: streets, mode: mode, speeds: speeds, noding: noding, clock: &clock)
    }

    /// `build(streets:mode:speeds:noding:)`, recording the builder's phases on `clock` (for
    /// `--timings` and benchmarks).
    public static func build(streets: [Street], mode: TravelMode, speeds: SpeedTable? = nil,
                             noding: NodingOptions = .exact, clock: inout PhaseClock) throws -> RoadGraph {
        let table = speeds ?? SpeedTable.defaults(for: mode)
        guard table.mode == mode else {
            throw CovplanError(.usage, "speed table is for \(table.mode.rawValue), graph is for \(mode.rawValue)")
        }
        guard noding.snapToleranceMeters.isFinite, noding.snapToleranceMeters >= 0 else {
            throw CovplanError(.usage, "snap tolerance must be zero or a positive number of metres, got \(noding.snapToleranceMeters)")
        }
        var report = GraphReport()
        report.streetsInput = streets.count

        // 1. Mode filter, validation, duplicate-vertex removal, into flat vertex arrays
        //    (line l has vertices fx/fy[lineStart[l] ..< lineStart[l + 1]]).
        var fx: [Double] = [], fy: [Double] = []
        var lineStart: [Int] = [0]
        // Generous reservations: untouched capacity costs no memory, regrowth copies do.
        var pointTotal = 0
        for s in streets { pointTotal += s.points.count }
        fx.reserveCapacity(pointTotal); fy.reserveCapacity(pointTotal)
        lineStart.reserveCapacity(streets.count + 1)
        var lineStreet: [Int32] = []
        var lineMps: [Double] = []
        var classCache: [String: (admit: Bool, kmh: Double)] = [:]
        for (i, s) in streets.enumerated() {
            let cls: (admit: Bool, kmh: Double)
            if let c = classCache[s.highway] { cls = c } else {
                cls = (mode.admits(s), table.speedKmh(highway: s.highway, maxspeedKmh: nil))
                classCache[s.highway] = cls
            }
            guard cls.admit else { report.streetsOtherMode += 1; continue }
            let mark = fx.count
            var length = 0.0
            for p in s.points {
                guard p.isFinite else {
                    fx.removeSubrange(mark...); fy.removeSubrange(mark...)
                    throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate \(p)")
                }
                if fx.count > mark {
                    let dx = p.x - fx[fx.count - 1], dy = p.y - fy[fy.count - 1]
                    if dx == 0 && dy == 0 { continue }
                    length += (dx * dx + dy * dy).squareRoot()
                }
                fx.append(p.x)
                fy.append(p.y)
            }
            guard fx.count - mark > 1 else {
                fx.removeSubrange(mark...); fy.removeSubrange(mark...)
                report.degenerateStreets.append(s.id)
                continue
            }
            if let m = s.maxspeedKmh, !(m.isFinite && m > 0), mode == .drive, table.useMaxspeed {
                report.invalidMaxspeedStreets.append(s.id)
            }
            report.inputLengthMeters += length
            lineStart.append(fx.count)
            lineStreet.append(Int32(i))
            let kmh = (mode == .drive && table.useMaxspeed) ? table.speedKmh(highway: s.highway, maxspeedKmh: s.maxspeedKmh) : cls.kmh
            lineMps.append(kmh / 3.6)
        }

        clock.lap("flatten")

        // 2. Noding (generic layers): through point arrays, then flat again.
        if noding.nodeCrossings || noding.snapToleranceMeters > 0 {
            var lines: [[Point]] = []
            for l in 0..<(lineStart.count - 1) {
                lines.append((lineStart[l]..<lineStart[l + 1]).map { Point(fx[$0], fy[$0]) })
            }
            let r = Noder.run(lines, options: noding)
            report.crossingsNoded = r.crossings
            report.endpointsJoined = r.endpointsJoined
            report.mergedVertices = r.mergedVertices
            fx.removeAll(); fy.removeAll(); lineStart = [0]
            var keptStreet: [Int32] = [], keptMps: [Double] = []
            for (k, l) in r.lines.enumerated() {
                guard l.count > 1 else { report.degenerateStreets.append(streets[Int(lineStreet[k])].id); continue }
                for p in l { fx.append(p.x); fy.append(p.y) }
                lineStart.append(fx.count)
                keptStreet.append(lineStreet[k])
                keptMps.append(lineMps[k])
            }
            lineStreet = keptStreet
            lineMps = keptMps
        }
        clock.lap("noding")
        let lineCount = lineStreet.count
        report.streetsUsed = lineCount

        // 3. Junctions: coordinates used more than once, and line ends.
        let vertexTotal = fx.count
        guard vertexTotal < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(vertexTotal) vertices")
        }
        var (vertexNode, nodeX, nodeY) = { let r = JunctionFinder.find(x: fx, y: fy, lineStart: lineStart); return (r.vertexNode, r.nodeX, r.nodeY) }()

        clock.lap("junctions")

        // 3b. Number nodes along a Hilbert curve so that searches touch memory in spatial order
        //     (neighbours get nearby indices: fewer cache misses in Dijkstra).
        if let newId = SpatialOrder.renumber(nodeX: &nodeX, nodeY: &nodeY) {
            for j in 0..<vertexTotal where vertexNode[j] >= 0 { vertexNode[j] = newId[Int(vertexNode[j])] }
        }

        clock.lap("spatial order")

        // 4. Split lines into edges at junction vertices.
        var edgeFrom: [Int32] = [], edgeTo: [Int32] = [], edgeLength: [Double] = []
        var edgeSeconds: [Double] = [], edgeAccess: [UInt8] = [], edgeStreet: [Int32] = []
        var edgeVertexStart: [Int32] = [0]
        let edgeBound = vertexTotal - lineCount + 1
        edgeFrom.reserveCapacity(edgeBound); edgeTo.reserveCapacity(edgeBound); edgeLength.reserveCapacity(edgeBound)
        edgeSeconds.reserveCapacity(edgeBound); edgeAccess.reserveCapacity(edgeBound); edgeStreet.reserveCapacity(edgeBound)
        edgeVertexStart.reserveCapacity(edgeBound + 1)
        var vx: [Double] = [], vy: [Double] = []
        vx.reserveCapacity(vertexTotal + nodeX.count); vy.reserveCapacity(vertexTotal + nodeX.count)
        for li in 0..<lineCount {
            let access: UInt8
            if mode == .walk { access = 3 } else {
                switch streets[Int(lineStreet[li])].oneway {
                case .no: access = 3
                case .forward: access = 1
                case .reverse: access = 2
                }
            }
            let mps = lineMps[li]
            let a = lineStart[li], b = lineStart[li + 1]
            var from = vertexNode[a]
            vx.append(fx[a]); vy.append(fy[a])
            var length = 0.0
            for j in (a + 1)..<b {
                let dx = fx[j] - fx[j - 1], dy = fy[j] - fy[j - 1]
                length += (dx * dx + dy * dy).squareRoot()
                vx.append(fx[j]); vy.append(fy[j])
                let node = vertexNode[j]
                if node >= 0 {
                    edgeFrom.append(from)
                    edgeTo.append(node)
                    edgeLength.append(length)
                    edgeSeconds.append(length / mps)
                    edgeAccess.append(access)
                    edgeStreet.append(lineStreet[li])
                    edgeVertexStart.append(Int32(vx.count))
                    if j < b - 1 { vx.append(fx[j]); vy.append(fy[j]) }
                    from = node
                    length = 0
                }
            }
        }
        guard vx.count < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(vx.count) edge vertices")
        }

        clock.lap("edges")

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

        clock.lap("CSR")

        // 6. Components, renumbered by length (longest first).
        let (rawComp, compCount) = Components.strongly(nodeCount: n, arcStart: arcStart, arcHead: arcHead)
        clock.lap("components (SCC)")
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

        clock.lap("component ranking")

        let graph = RoadGraph(
            mode: mode, nodeX: nodeX, nodeY: nodeY, edgeFrom: edgeFrom, edgeTo: edgeTo,
            edgeLengthMeters: edgeLength, edgeSeconds: edgeSeconds, edgeAccess: edgeAccess,
            edgeStreet: edgeStreet, edgeVertexStart: edgeVertexStart, vertexX: vx, vertexY: vy,
            arcStart: arcStart, arcHead: arcHead, arcSeconds: arcSeconds, arcEdge: arcEdge,
            nodeComponent: nodeComponent, streetIds: streets.map(\.id), report: report)
        clock.lap("assemble")
        return graph
    }
}
