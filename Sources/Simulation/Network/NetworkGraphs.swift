import GeoCore
import StreetGraph

/// The street graphs a study runs on, one per travel mode, with snappers restricted to each
/// graph's main component.
///
/// Index 0 is the **primary** graph: demand atoms are built on it. A unit's travel mode picks
/// the graph of that mode; its index is the unit's `ResponseUnit.travelMode` (the index of its
/// travel-time provider). Immutable; building the snappers is O(S log S) per graph.
public struct NetworkGraphs: Sendable {
    public let graphs: [RoadGraph]
    /// Snappers over each graph's main-component edges (`EdgeSnapper.mainComponent`).
    public let snappers: [EdgeSnapper]

    /// - Throws: `CovplanError(.usage)` when two graphs share a mode;
    ///   `CovplanError(.dataError)` when a graph has no edge in its main component.
    public init(primary: RoadGraph, others: [RoadGraph] = []) throws {
        let all = [primary] + others
        var seen = Set<TravelMode>()
        for g in all {
            guard seen.insert(g.mode).inserted else {
                throw CovplanError(.usage, "simulation: two \(g.mode.rawValue) graphs given")
            }
        }
        var snappers: [EdgeSnapper] = []
        for g in all {
            let s = EdgeSnapper.mainComponent(of: g)
            guard (0..<g.edgeCount).contains(where: { g.nodeComponent[Int(g.edgeFrom[$0])] == 0 && g.nodeComponent[Int(g.edgeTo[$0])] == 0 }) else {
                throw CovplanError(.dataError, layer: "streets", "the \(g.mode.rawValue) network has no connected main part to simulate on")
            }
            snappers.append(s)
        }
        graphs = all
        self.snappers = snappers
    }

    /// The primary graph (atoms are built on it).
    public var primary: RoadGraph { graphs[0] }

    /// Index of the graph of `mode`, or nil.
    public func index(of mode: TravelMode) -> Int? { graphs.firstIndex { $0.mode == mode } }

    /// The main-component node nearest to `p` along graph `g` (snap to the nearest edge, then its
    /// nearer end), with the snap distance in metres; nil when nothing lies within `maxMeters`.
    public func node(near p: Point, graph g: Int, maxMeters: Double = .infinity) -> (node: Int32, meters: Double)? {
        guard let s = snappers[g].snap(p, maxDistanceMeters: maxMeters) else { return nil }
        return (graphs[g].nearerEnd(of: s.position), s.distanceMeters)
    }
}
