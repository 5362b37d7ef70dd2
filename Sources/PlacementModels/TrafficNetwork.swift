import CityModel
import Coverage
import GeoCore
import StreetGraph

/// A direction of travel along a graph edge: `forward` from its `from` node to its `to` node.
public enum TravelDirection: Int8, Sendable, Hashable, CaseIterable {
    case forward = 0
    case backward = 1

    public var opposite: TravelDirection { self == .forward ? .backward : .forward }
}

/// A stretch of one graph edge in one direction of travel: metres from the edge's `from` node.
public struct DirectedStretch: Sendable, Hashable {
    public var edge: Int32
    public var direction: TravelDirection
    public var fromMeters: Double
    public var toMeters: Double

    public init(edge: Int32, direction: TravelDirection, fromMeters: Double, toMeters: Double) {
        self.edge = edge
        self.direction = direction
        self.fromMeters = fromMeters
        self.toMeters = toMeters
    }

    public var lengthMeters: Double { toMeters - fromMeters }
}

/// One approach of a junction: the last `approachMeters` of an edge before the junction node, in
/// the direction that enters the node (one-way streets leaving the node are no approach).
public struct JunctionApproach: Sendable, Hashable {
    /// The stretch (direction: towards the junction).
    public var stretch: DirectedStretch
    /// Compass bearing of travel into the junction at the node, degrees clockwise from north.
    public var bearingDeg: Double
}

/// A junction of the traffic network: a node where three or more edge ends meet.
public struct TrafficJunction: Sendable, Hashable {
    /// `j<node>` (graph node number; stable for the same streets and classes).
    public var id: String
    public var node: Int32
    /// Location, metres (working CRS).
    public var point: Point
    /// Edge ends at the node (a through street counts twice, a loop twice).
    public var degree: Int
    /// Approaches entering the node, in edge order.
    public var approaches: [JunctionApproach]
}

/// The street network vehicles use, as a drive graph over chosen road classes, with one polyline
/// per graph edge (for exact camera coverage) and the junctions and their approaches.
///
/// ANPR / Sergek cameras read the number plates of traffic: their demand is this network only —
/// never footways, cycleways, platforms or service roads (`anprClasses`). Directions honour
/// one-way streets (`RoadGraph.allowsForward/Backward`).
public struct TrafficNetwork: Sendable {
    /// Road classes of plate-reading traffic: motorways down to residential streets (no service
    /// roads, living streets, busways, tracks or paths).
    public static let anprClasses: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
        "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential",
    ]

    /// The drive graph of the network's streets.
    public let graph: RoadGraph
    /// One line per graph edge (line `e` = edge `e`, from its `from` node).
    public let lines: LineSet
    /// Index into the city's streets of each edge's street.
    public let edgeCityStreet: [Int]
    /// Road class of each edge's street.
    public let edgeClass: [String]
    /// The road classes admitted.
    public let classes: Set<String>

    /// Builds the network of `city`'s streets of `classes`.
    ///
    /// - Throws: `CovplanError(.usage)` when no street of those classes exists; as
    ///   `GraphBuilder.build` for bad street data.
    public init(city: City, classes: Set<String> = TrafficNetwork.anprClasses) throws {
        let keep = city.streets.indices.filter { classes.contains(city.streets[$0].highway) && RoadClass.isDrivable(city.streets[$0].highway) }
        guard !keep.isEmpty else {
            throw CovplanError(.usage, "the city has no street of the road classes \(classes.sorted().joined(separator: ", ")); nothing for traffic cameras to watch")
        }
        let streets = keep.map { city.streets[$0] }
        let g = try GraphBuilder.build(streets: streets, mode: .drive)
        graph = g
        lines = LineSet(lines: (0..<g.edgeCount).map { g.geometry(ofEdge: $0) })
        edgeCityStreet = g.edgeStreet.map { keep[Int($0)] }
        edgeClass = g.edgeStreet.map { streets[Int($0)].highway }
        self.classes = classes
    }

    /// Whether traffic may travel edge `e` in direction `d`.
    public func allows(_ e: Int, _ d: TravelDirection) -> Bool {
        d == .forward ? graph.allowsForward(e) : graph.allowsBackward(e)
    }

    /// Compass bearing of travel in direction `d` on line segment `s` of the edge lines.
    public func travelBearing(segment s: Int, _ d: TravelDirection) -> Double {
        let b = Planar.bearing(from: lines.a(s), to: lines.b(s))
        return d == .forward ? b : (b + 180).truncatingRemainder(dividingBy: 360)
    }

    /// Junctions: nodes with at least `minDegree` edge ends (default 3), with their approaches
    /// (the last `approachMeters` of each edge entering the node, or the whole edge when
    /// shorter). O(E).
    public func junctions(approachMeters: Double, minDegree: Int = 3) -> [TrafficJunction] {
        var degree = [Int](repeating: 0, count: graph.nodeCount)
        for e in 0..<graph.edgeCount {
            degree[Int(graph.edgeFrom[e])] += 1
            degree[Int(graph.edgeTo[e])] += 1
        }
        var approaches = [[JunctionApproach]](repeating: [], count: graph.nodeCount)
        for e in 0..<graph.edgeCount {
            let len = graph.edgeLengthMeters[e]
            let to = Int(graph.edgeTo[e]), from = Int(graph.edgeFrom[e])
            let first = Int(lines.lineFirstSegment[e])
            let last = Int(lines.lineFirstSegment[e + 1]) - 1
            if degree[to] >= minDegree, graph.allowsForward(e), last >= first {
                approaches[to].append(JunctionApproach(
                    stretch: DirectedStretch(edge: Int32(e), direction: .forward, fromMeters: max(0, len - approachMeters), toMeters: len),
                    bearingDeg: travelBearing(segment: last, .forward)))
            }
            if degree[from] >= minDegree, graph.allowsBackward(e), last >= first {
                approaches[from].append(JunctionApproach(
                    stretch: DirectedStretch(edge: Int32(e), direction: .backward, fromMeters: 0, toMeters: min(len, approachMeters)),
                    bearingDeg: travelBearing(segment: first, .backward)))
            }
        }
        var out: [TrafficJunction] = []
        for n in 0..<graph.nodeCount where degree[n] >= minDegree {
            out.append(TrafficJunction(id: "j\(n)", node: Int32(n), point: graph.node(n), degree: degree[n], approaches: approaches[n]))
        }
        return out
    }

    /// Edge ends at each node: (edge, the node is the edge's `from` end). O(E), built on demand.
    func incidence() -> [[(edge: Int, atFrom: Bool)]] {
        var out = [[(edge: Int, atFrom: Bool)]](repeating: [], count: graph.nodeCount)
        for e in 0..<graph.edgeCount {
            out[Int(graph.edgeFrom[e])].append((e, true))
            out[Int(graph.edgeTo[e])].append((e, false))
        }
        return out
    }

    /// The stretches traffic travels within `meters` of node `n` before reaching it (`upstream`)
    /// or after leaving it (`!upstream`), along every allowed edge except `excluding`, continued
    /// across further nodes until the distance is used up. Directions are those of travel.
    func continuation(from n: Int, upstream: Bool, meters: Double, excluding: Int,
                      incidence inc: [[(edge: Int, atFrom: Bool)]]) -> [DirectedStretch] {
        var out: [DirectedStretch] = []
        var seen = Set<Int64>()
        var stack: [(node: Int, left: Double, came: Int)] = [(n, meters, excluding)]
        while let (v, left, came) = stack.popLast() {
            guard left > 1e-9 else { continue }
            for (f, atFrom) in inc[v] where f != came {
                let len = graph.edgeLengthMeters[f]
                let take = min(left, len)
                // Leaving v along f: forward when v is f's from end; entering v: the opposite.
                let d: TravelDirection = upstream ? (atFrom ? .backward : .forward) : (atFrom ? .forward : .backward)
                guard allows(f, d) else { continue }
                let nearV = atFrom ? (0.0, take) : (len - take, len)
                let st = DirectedStretch(edge: Int32(f), direction: d, fromMeters: nearV.0, toMeters: nearV.1)
                guard seen.insert(Int64(f) * 2 + Int64(d.rawValue)).inserted else { continue }
                out.append(st)
                if left > len {
                    let other = Int(atFrom ? graph.edgeTo[f] : graph.edgeFrom[f])
                    stack.append((other, left - len, f))
                }
            }
        }
        return out
    }

    /// The geometry of a directed stretch, in the direction of travel.
    public func geometry(_ s: DirectedStretch) -> [Point] {
        let g = graph.geometry(ofEdge: Int(s.edge), fromMeters: s.fromMeters, toMeters: s.toMeters)
        return s.direction == .forward ? g : g.reversed()
    }
}
