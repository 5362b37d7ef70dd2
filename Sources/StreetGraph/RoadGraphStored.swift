import CityModel
import GeoCore

/// A road graph from its stored arrays (a prepared city keeps the default drive and walk graphs,
/// see docs/prepared-city.md), and the lookup `GraphBuilder.build` makes before building.
extension RoadGraph {
    /// The `PrebuiltValues` key of a street array's graph for `mode` with the default speeds and
    /// exact noding.
    public static func prebuiltKey(_ mode: TravelMode) -> String { "StreetGraph.RoadGraph.\(mode.rawValue)" }

    /// The graph registered for exactly `streets` (same array storage) when the build asks for
    /// what was stored: the default speeds of `mode` and exact noding. Throws the store's error
    /// when the stored graph is broken (a prepared city's: `CovplanError(.dataError)` naming the
    /// file and the section).
    /// `streets` is the registry key: the `City.streets` array, or `StreetsInStore.ids.offsets`
    /// for streets left in the file.
    static func prebuilt<K>(streets: [K], mode: TravelMode, speeds: SpeedTable?, noding: NodingOptions) throws -> RoadGraph? {
        guard isStoredKind(speeds: speeds, noding: noding, mode: mode) else { return nil }
        guard let g = try PrebuiltValues.lookupOrThrow(streets, key: prebuiltKey(mode), as: RoadGraph.self), g.mode == mode else { return nil }
        return g
    }

    /// Whether a graph with `speeds` and `noding` is the kind a prepared city stores (default
    /// speeds of `mode`, exact noding).
    static func isStoredKind(speeds: SpeedTable?, noding: NodingOptions, mode: TravelMode) -> Bool {
        noding == .exact && (speeds == nil || speeds == SpeedTable.defaults(for: mode))
    }

    /// True when `other` is this very graph value (its arrays share storage), not merely an
    /// equal one: values derived from a graph ahead of time (`EdgeSnapper`, `StoredSnaps`) are
    /// handed out only for the graph they were made for. False for an empty graph.
    public func sharesStorage(with other: RoadGraph) -> Bool {
        func same<T>(_ a: [T], _ b: [T]) -> Bool {
            a.count == b.count && !a.isEmpty
                && a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
        }
        return mode == other.mode && same(edgeFrom, other.edgeFrom) && same(vertexX, other.vertexX) && same(arcSeconds, other.arcSeconds)
    }

    /// The graph with the given arrays (those of a built graph, in the meaning of the properties
    /// of the same names), after a check of every invariant searches index on: array lengths,
    /// node, edge, street and vertex indices in range, `arcStart` and `edgeVertexStart` rising
    /// from 0 to the arc and vertex counts (≥ 2 vertices per edge), access codes ≤ 3, component
    /// ids in `0 ..< report.componentCount`. Nil when any fails. O(size).
    public init?(stored mode: TravelMode, nodeX: [Double], nodeY: [Double], edgeFrom: [Int32], edgeTo: [Int32],
                 edgeLengthMeters: [Double], edgeSeconds: [Double], edgeAccess: [UInt8], edgeStreet: [Int32],
                 edgeVertexStart: [Int32], vertexX: [Double], vertexY: [Double], arcStart: [Int32],
                 arcHead: [Int32], arcSeconds: [Double], arcEdge: [Int32], nodeComponent: [Int32],
                 streetIds: PackedStrings, report: GraphReport) {
        let n = nodeX.count, m = edgeFrom.count, a = arcHead.count, v = vertexX.count
        guard nodeY.count == n, nodeComponent.count == n, edgeTo.count == m, edgeLengthMeters.count == m,
              edgeSeconds.count == m, edgeAccess.count == m, edgeStreet.count == m, edgeVertexStart.count == m + 1,
              vertexY.count == v, arcStart.count == n + 1, arcSeconds.count == a, arcEdge.count == a,
              n < Int(Int32.max), m < Int(Int32.max), v < Int(Int32.max), a < Int(Int32.max)
        else { return nil }
        func inRange(_ xs: [Int32], _ bound: Int) -> Bool { xs.allSatisfy { $0 >= 0 && Int($0) < bound } }
        func rising(_ xs: [Int32], to end: Int, minStep: Int32) -> Bool {
            guard xs.first == 0, Int(xs[xs.count - 1]) == end else { return false }
            for i in 0..<(xs.count - 1) where xs[i + 1] - xs[i] < minStep { return false }
            return true
        }
        guard inRange(edgeFrom, n), inRange(edgeTo, n), inRange(arcHead, n), inRange(edgeStreet, streetIds.count),
              inRange(nodeComponent, max(report.componentCount, 0)), edgeAccess.allSatisfy({ $0 <= 3 }),
              arcEdge.allSatisfy({ ($0 >= 0 ? Int($0) : Int(~$0)) < m }),
              rising(arcStart, to: a, minStep: 0), rising(edgeVertexStart, to: v, minStep: 2)
        else { return nil }
        self.init(mode: mode, nodeX: nodeX, nodeY: nodeY, edgeFrom: edgeFrom, edgeTo: edgeTo,
                  edgeLengthMeters: edgeLengthMeters, edgeSeconds: edgeSeconds, edgeAccess: edgeAccess,
                  edgeStreet: edgeStreet, edgeVertexStart: edgeVertexStart, vertexX: vertexX, vertexY: vertexY,
                  arcStart: arcStart, arcHead: arcHead, arcSeconds: arcSeconds, arcEdge: arcEdge,
                  nodeComponent: nodeComponent, streetIds: streetIds, report: report)
    }
}

extension ComponentSummary {
    /// A component summary with the given figures (a stored graph report's).
    public init(stored id: Int, nodes: Int, edges: Int, lengthMeters: Double) {
        self.init(id: id, nodes: nodes, edges: edges, lengthMeters: lengthMeters)
    }
}
