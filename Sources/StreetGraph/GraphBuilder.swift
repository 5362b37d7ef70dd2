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
    ///   network has more than `Int32.max` vertices; `CovplanError(.dataError)` naming the file
    ///   and the section when `streets` come from a prepared city whose stored graph is corrupt.
    /// - Complexity: O(V) expected for exact noding (`JunctionFinder`) plus O(E log E)-ish for
    ///   crossings; O(V + E) for the Hilbert numbering (radix sort), CSR and components. Uses up
    ///   to two threads; the result does not depend on how many run.
    public static func build(streets: [Street], mode: TravelMode, speeds: SpeedTable? = nil,
                             noding: NodingOptions = .exact) throws -> RoadGraph {
        var clock = PhaseClock()
        return try build(streets: streets, mode: mode, speeds: speeds, noding: noding, clock: &clock)
    }

    /// The graph of `city`'s streets: `build(streets:mode:speeds:noding:)`, or, for a prepared
    /// city read with its streets left in the file (`City.streetsInStore`), its stored graph.
    ///
    /// - Throws: as `build(streets:...)`; for streets left in the file, `CovplanError(.usage)`
    ///   when the graph asked for is not the stored kind (a speeds file or a snap tolerance:
    ///   such a command must read the streets), `CovplanError(.ioError)` when the file was
    ///   replaced since the load, so its stored graph can no longer be read.
    public static func build(streetsOf city: City, mode: TravelMode, speeds: SpeedTable? = nil,
                             noding: NodingOptions = .exact) throws -> RoadGraph {
        guard let stored = city.streetsInStore, city.streets.isEmpty else {
            return try build(streets: city.streets, mode: mode, speeds: speeds, noding: noding)
        }
        guard RoadGraph.isStoredKind(speeds: speeds, noding: noding, mode: mode) else {
            throw CovplanError(.usage, "the streets were left in the prepared city for its stored graphs, but a \(mode.rawValue) graph with other speeds or noding was asked for; read the streets in full")
        }
        guard let g = try RoadGraph.prebuilt(streets: stored.ids.offsets, mode: mode, speeds: speeds, noding: noding) else {
            let file = city.ingest.primarySource.map { " (prepared from \($0))" } ?? ""
            throw CovplanError(.ioError, "the prepared city\(file) was replaced while it was read, so its stored \(mode.rawValue) graph cannot be read; run again")
        }
        return g
    }

    /// `build(streets:mode:speeds:noding:)`, recording the builder's phases on `clock` (for
    /// `--timings` and benchmarks).
    public static func build(streets: [Street], mode: TravelMode, speeds: SpeedTable? = nil,
                             noding: NodingOptions = .exact, clock: inout PhaseClock) throws -> RoadGraph {
        // A prepared city's stored graph of exactly these streets (the same value; RoadGraphStored.swift).
        if let g = try RoadGraph.prebuilt(streets: streets, mode: mode, speeds: speeds, noding: noding) { return g }
        let table = speeds ?? SpeedTable.defaults(for: mode)
        guard table.mode == mode else {
            throw CovplanError(.usage, "speed table is for \(table.mode.rawValue), graph is for \(mode.rawValue)")
        }
        guard noding.snapToleranceMeters.isFinite, noding.snapToleranceMeters >= 0 else {
            throw CovplanError(.usage, "snap tolerance must be zero or a positive number of metres, got \(noding.snapToleranceMeters)")
        }
        var report = GraphReport()
        report.streetsInput = streets.count

        // 1. Mode filter, validation, duplicate-vertex removal, into flat vertex arrays (and,
        //    on the other thread, the street ids the graph keeps).
        var (lines, streetIds) = try ParallelChunks.tryBoth(
            { try StreetLines.make(streets, mode: mode, table: table, report: &report) },
            { PackedStrings(streets.lazy.map(\.id)) })
        clock.lap("street lines")

        // 2. Noding (generic layers).
        if noding.nodeCrossings || noding.snapToleranceMeters > 0 {
            let r = Noder.run(lines.pointArrays, options: noding)
            report.crossingsNoded = r.crossings
            report.endpointsJoined = r.endpointsJoined
            report.mergedVertices = r.mergedVertices
            lines.replace(with: r.lines, streetIds: { streets[Int($0)].id }, report: &report)
            clock.lap("noding")
        }
        report.streetsUsed = lines.lineCount

        // 3. Junctions: coordinates used more than once, and line ends.
        let vertexTotal = lines.x.count
        guard vertexTotal < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(vertexTotal) vertices")
        }
        let junctions = JunctionFinder.find(x: lines.x, y: lines.y, lineStart: lines.lineStart)
        let vertexNode = junctions.vertexNode
        clock.lap("junctions")

        // 3b. Number nodes along a Hilbert curve so that searches touch memory in spatial order
        //     (neighbours get nearby indices: fewer cache misses in Dijkstra).
        let (nodeX, nodeY, newId) = SpatialOrder.order(firstVertex: junctions.firstVertex, x: lines.x, y: lines.y)
        clock.lap("spatial order")

        // 4–6. Split lines into edges at node vertices (node ids renumbered on the way); arcs in
        //      CSR order (by tail node, then edge index; forward before backward); components.
        //      The edge polylines are independent of the rest and are built on the other thread.
        let (m, edgeVertices) = EdgeSplit.counts(lines: lines, nodeVertices: junctions.nodeVertexCount)
        guard edgeVertices < Int(Int32.max) else {
            throw CovplanError(.dataError, layer: "streets", "street network too large: \(edgeVertices) edge vertices")
        }
        let n = nodeX.count
        let ((edges, arcs, (rawComp, rawCount)), polylines) = ParallelChunks.both({
            let edges = EdgeSplit.edges(lines: lines, vertexNode: vertexNode, newId: newId, edgeCount: m) { l in
                guard mode == .drive else { return 3 }
                switch streets[Int(lines.street[l])].oneway {
                case .no: return 3
                case .forward: return 1
                case .reverse: return 2
                }
            }
            let arcs = ArcTable(nodeCount: n, edges: edges)
            return (edges, arcs, Components.of(nodeCount: n, edges: edges))
        }, {
            EdgeSplit.polylines(lines: lines, vertexNode: vertexNode, edgeCount: m, vertexCount: edgeVertices)
        })
        clock.lap("edges, CSR, components")
        let ranking = ComponentRanking(raw: rawComp, rawCount: rawCount, from: edges.from, to: edges.to,
                                       lengthMeters: edges.lengthMeters)

        report.nodeCount = n
        report.edgeCount = m
        report.arcCount = arcs.head.count
        report.totalLengthMeters = edges.lengthMeters.reduce(0, +)
        report.componentCount = ranking.count
        report.largestComponents = ranking.largest
        report.lengthOutsideMainComponentMeters = report.totalLengthMeters - ranking.mainLengthMeters
        clock.lap("component ranking")

        let graph = RoadGraph(
            mode: mode, nodeX: nodeX, nodeY: nodeY, edgeFrom: edges.from, edgeTo: edges.to,
            edgeLengthMeters: edges.lengthMeters, edgeSeconds: edges.seconds, edgeAccess: edges.access,
            edgeStreet: edges.street, edgeVertexStart: polylines.vertexStart, vertexX: polylines.vertexX,
            vertexY: polylines.vertexY, arcStart: arcs.start, arcHead: arcs.head, arcSeconds: arcs.seconds,
            arcEdge: arcs.edge, nodeComponent: ranking.nodeComponent, streetIds: streetIds, report: report)
        clock.lap("assemble")
        return graph
    }
}
