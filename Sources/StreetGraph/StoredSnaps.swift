import CityModel
import GeoCore

/// Where a city's buildings (each at its footprint's representative point) or schools attach to
/// one of its road graphs, made ahead of time: a prepared city stores them for its default drive
/// and walk graphs at the default snap distance and registers them in `PrebuiltValues` under the
/// building (school) array, key `key(_:_:)`. `PreparedReach` uses them instead of snapping again
/// when the graph is the very graph they were made on and the snap distance is theirs, so the
/// result is the same value `snap` gives.
public struct StoredSnaps: Sendable {
    /// What was snapped.
    public enum Items: String, Sendable, CaseIterable {
        case buildings, schools
    }

    /// The graph the snaps are on.
    public let graph: RoadGraph
    /// The largest snap distance they were made with, metres.
    public let maxSnapMeters: Double
    /// Edge of each item's snap; −1 when nothing lies within `maxSnapMeters`.
    public let edges: [Int32]
    /// Offset of each item's snap along its edge from the edge's `from` node, metres (0 without a snap).
    public let offsets: [Double]

    /// Snaps as stored, after a check that they can be on `graph`: the arrays agree in length,
    /// every edge is −1 or an edge of `graph`, every offset is finite and within its edge's
    /// length. Nil when any check fails.
    public init?(graph: RoadGraph, maxSnapMeters: Double, edges: [Int32], offsets: [Double]) {
        guard edges.count == offsets.count, maxSnapMeters.isFinite, maxSnapMeters >= 0 else { return nil }
        let lengths = graph.edgeLengthMeters
        for (e, o) in zip(edges, offsets) {
            if e == -1 { guard o == 0 else { return nil }; continue }
            guard e >= 0, Int(e) < lengths.count, o.isFinite, o >= 0, o <= lengths[Int(e)] else { return nil }
        }
        self.graph = graph
        self.maxSnapMeters = maxSnapMeters
        self.edges = edges
        self.offsets = offsets
    }

    /// The `PrebuiltValues` key of the snaps of `items` onto the default graph of `mode`.
    public static func key(_ items: Items, _ mode: TravelMode) -> String { "StreetGraph.StoredSnaps.\(items.rawValue).\(mode.rawValue)" }

    /// The points `snap` attaches for buildings: each footprint's representative point (NaN for
    /// a footprint without one, which never attaches). Computed in parallel, in input order.
    public static func points(of buildings: [Building]) -> [Point] {
        buildings.withUnsafeBufferPointer { all in
            let b = ReadOnlyBox(all)
            return ParallelChunks.array(count: all.count, chunkSize: 4096) { i in
                Geometry.multiPolygon(b.value[i].footprint).representativePoint ?? Point(.nan, .nan)
            }
        }
    }

    /// Snaps `points` with `snapper` within `maxSnapMeters` (what a stored value holds).
    public static func snap(_ points: [Point], snapper: EdgeSnapper, maxSnapMeters: Double) -> (edges: [Int32], offsets: [Double]) {
        let snaps = snapper.snapAll(points, maxDistanceMeters: maxSnapMeters)
        return (snaps.map { $0?.position.edge ?? -1 }, snaps.map { $0?.position.offsetMeters ?? 0 })
    }

    /// The stored positions when they answer "`count` items onto `graph` within `maxSnapMeters`":
    /// `graph` shares these snaps' graph storage, the distance is the one they were made with
    /// and the count matches. Nil otherwise (the caller snaps).
    public func positions(on graph: RoadGraph, maxSnapMeters: Double, count: Int) -> [EdgePosition?]? {
        guard maxSnapMeters == self.maxSnapMeters, count == edges.count, graph.sharesStorage(with: self.graph) else { return nil }
        return zip(edges, offsets).map { e, o in e < 0 ? nil : EdgePosition(edge: e, offsetMeters: o) }
    }

    /// The positions registered for `items` (the very array) on `graph`, when they answer the
    /// question (see `positions(on:maxSnapMeters:count:)`); nil when none are registered.
    /// Throws the store's error when the stored snaps are broken.
    static func registered<T>(_ items: [T], _ kind: Items, graph: RoadGraph, maxSnapMeters: Double) throws -> [EdgePosition?]? {
        guard let s = try PrebuiltValues.lookupOrThrow(items, key: key(kind, graph.mode), as: StoredSnaps.self) else { return nil }
        return s.positions(on: graph, maxSnapMeters: maxSnapMeters, count: items.count)
    }
}
