import CityModel
import Coverage
import GeoCore
import StreetGraph

/// What ANPR / Sergek cameras are placed for (`covplan place cameras --objective ...`).
public enum TrafficObjective: String, Sendable, Hashable, CaseIterable {
    /// Declared city entries: every entry read in each direction of travel.
    case entries = "anpr-entries"
    /// Junctions: every approach read (traffic entering the junction).
    case junctions = "anpr-junctions"
    /// Speed points: straight stretches of at least `straightMeters`, each direction.
    case speed = "anpr-speed"
    /// Vehicle trips: the share of trips passing at least one camera that reads their direction.
    case flow = "anpr-flow"
}

/// One thing a traffic camera can read: an entry in one direction, a junction approach, a
/// straight stretch in one direction, or a trip. Read when a camera reads (`DirectedReadingRule`)
/// at least `TrafficTargets.minReadMeters` (or the whole stretch when shorter) of one of its
/// stretches in their direction.
public struct TrafficTarget: Sendable, Hashable {
    public var objective: TrafficObjective
    /// `<entry id>/<bearing>`, `<junction id>/a<k>`, `speed<k>/<bearing>`, `trip<k>`.
    public var id: String
    /// The entry, junction, straight stretch or trip the target belongs to (both directions of an
    /// entry share it).
    public var group: String
    /// Where to draw it (entry or junction point, stretch midpoint, trip origin), metres.
    public var point: Point
    /// Compass bearing of travel, degrees (trips: of the first stretch).
    public var bearingDeg: Double
    /// The directed stretches; reading any one reads the target.
    public var stretches: [DirectedStretch]
    /// Weight in the objective (1 per target; trips: their count).
    public var weight: Double
}

/// Builders of the targets of each objective on a `TrafficNetwork`.
public enum TrafficTargets {
    /// A stretch counts as read when the camera reads at least this much of it (metres), or all
    /// of it when it is shorter: a vehicle passes through a few metres in well under a second,
    /// enough frames for a plate reader.
    public static let minReadMeters = 2.0

    /// Entries: each point snapped to the nearest network edge within `maxSnapMeters`; one target
    /// per direction of travel allowed there: the road within `windowMeters` of the entry point
    /// along the network, before and after it in that direction (across nodes onto every allowed
    /// continuation).
    ///
    /// - Throws: `CovplanError(.dataError)` naming the entry that lies farther than
    ///   `maxSnapMeters` from any traffic street.
    public static func entries(_ points: [(id: String, point: Point)], network: TrafficNetwork, windowMeters: Double,
                               maxSnapMeters: Double, source: String) throws -> [TrafficTarget] {
        var out: [TrafficTarget] = []
        let inc = network.incidence()
        let g = network.graph
        for (id, p) in points {
            guard p.isFinite else { throw CovplanError(.dataError, file: source, feature: id, "entry with non-finite coordinates") }
            guard let hit = network.lines.nearestSegment(to: p, maxDistance: maxSnapMeters) else {
                throw CovplanError(.dataError, file: source, feature: id, "entry is more than \(Int(maxSnapMeters)) m from any traffic street (\(network.classes.count) road classes: motorway … residential)")
            }
            let e = Int(network.lines.line[hit.segment])
            let m = network.lines.startMeters[hit.segment] + hit.t * network.lines.lengthMeters[hit.segment]
            let len = network.graph.edgeLengthMeters[e]
            let at = network.lines.a(hit.segment).lerp(network.lines.b(hit.segment), hit.t)
            for d in TravelDirection.allCases where network.allows(e, d) {
                let b = network.travelBearing(segment: hit.segment, d)
                var stretches = [DirectedStretch(edge: Int32(e), direction: d, fromMeters: max(0, m - windowMeters),
                                                 toMeters: min(len, m + windowMeters))]
                // The window continues across the edge's end nodes: before the entry point in the
                // direction of travel (upstream) and after it (downstream).
                let ahead = d == .forward ? len - m : m, behind = d == .forward ? m : len - m
                let nodeAhead = Int(d == .forward ? g.edgeTo[e] : g.edgeFrom[e])
                let nodeBehind = Int(d == .forward ? g.edgeFrom[e] : g.edgeTo[e])
                stretches += network.continuation(from: nodeAhead, upstream: false, meters: windowMeters - ahead, excluding: e, incidence: inc)
                stretches += network.continuation(from: nodeBehind, upstream: true, meters: windowMeters - behind, excluding: e, incidence: inc)
                out.append(TrafficTarget(
                    objective: .entries, id: "\(id)/\(Int(b.rounded()) % 360)", group: id, point: at, bearingDeg: b,
                    stretches: stretches, weight: 1))
            }
        }
        return out
    }

    /// Junction approaches (`TrafficNetwork.junctions`), one target each; an approach edge shorter
    /// than `approachMeters` continues upstream across its far node.
    ///
    /// With `only` (declared intersections: id and point), just the junction nearest each point
    /// within `maxSnapMeters`, named by the point's id.
    /// - Throws: `CovplanError(.dataError)` naming a declared point with no junction that near.
    public static func junctions(network: TrafficNetwork, approachMeters: Double, only: [(id: String, point: Point)]? = nil,
                                 maxSnapMeters: Double = 150, source: String = "junctions") throws -> [TrafficTarget] {
        var out: [TrafficTarget] = []
        let inc = network.incidence()
        let g = network.graph
        var chosen = network.junctions(approachMeters: approachMeters)
        if let only {
            var picked: [TrafficJunction] = []
            for (id, p) in only {
                guard p.isFinite, var best = chosen.min(by: { $0.point.distanceSquared(to: p) < $1.point.distanceSquared(to: p) }),
                      best.point.distance(to: p) <= maxSnapMeters else {
                    throw CovplanError(.dataError, file: source, feature: id, "no junction of the traffic network within \(Int(maxSnapMeters)) m")
                }
                best.id = id
                picked.append(best)
            }
            chosen = picked
        }
        for j in chosen {
            for (k, a) in j.approaches.enumerated() {
                // An approach edge shorter than the approach continues upstream across its far node.
                var stretches = [a.stretch]
                let e = Int(a.stretch.edge)
                let len = g.edgeLengthMeters[e]
                if len < approachMeters {
                    let far = Int(a.stretch.direction == .forward ? g.edgeFrom[e] : g.edgeTo[e])
                    stretches += network.continuation(from: far, upstream: true, meters: approachMeters - len, excluding: e, incidence: inc)
                }
                out.append(TrafficTarget(objective: .junctions, id: "\(j.id)/a\(k)", group: j.id, point: j.point,
                                         bearingDeg: a.bearingDeg, stretches: stretches, weight: 1))
            }
        }
        return out
    }

    /// Straight stretches of at least `straightMeters` on one edge: maximal runs of the edge's
    /// polyline whose vertices all lie within `toleranceMeters` (default 2) of the run's chord
    /// (greedy from the edge's start). One target per run and direction of travel.
    public static func speed(network: TrafficNetwork, straightMeters: Double, toleranceMeters: Double = 2) -> [TrafficTarget] {
        var out: [TrafficTarget] = []
        var k = 0
        for e in 0..<network.graph.edgeCount {
            let pts = network.graph.geometry(ofEdge: e)
            guard pts.count >= 2 else { continue }
            var cum = [0.0]
            for i in 1..<pts.count { cum.append(cum[i - 1] + pts[i - 1].distance(to: pts[i])) }
            var i = 0
            while i < pts.count - 1 {
                var j = i + 1
                while j + 1 < pts.count, straight(pts, i, j + 1, toleranceMeters) { j += 1 }
                if cum[j] - cum[i] >= straightMeters {
                    k += 1
                    let mid = Planar.point(along: pts, at: (cum[i] + cum[j]) / 2)
                    let fwd = Planar.bearing(from: pts[i], to: pts[j])
                    for d in TravelDirection.allCases where network.allows(e, d) {
                        let b = d == .forward ? fwd : (fwd + 180).truncatingRemainder(dividingBy: 360)
                        out.append(TrafficTarget(
                            objective: .speed, id: "speed\(k)/\(Int(b.rounded()) % 360)", group: "speed\(k)", point: mid,
                            bearingDeg: b, stretches: [DirectedStretch(edge: Int32(e), direction: d, fromMeters: cum[i], toMeters: cum[j])],
                            weight: 1))
                    }
                }
                i = j
            }
        }
        return out
    }

    /// Whether every vertex of `pts[i...j]` lies within `tol` metres of the chord `pts[i]`–`pts[j]`.
    static func straight(_ pts: [Point], _ i: Int, _ j: Int, _ tol: Double) -> Bool {
        let a = pts[i], b = pts[j]
        let d = b - a
        let len = (d.x * d.x + d.y * d.y).squareRoot()
        guard len > 0 else { return false }
        for k in (i + 1)..<j where abs(Planar.orient(a, b, pts[k])) / len > tol { return false }
        return true
    }

    /// Trips: origin and destination snapped to the nearest graph node (by the nearest edge's
    /// nearer end within `maxSnapMeters`), routed by the shortest travel time (one-way streets
    /// honoured); the target's stretches are the whole edges of the route in travel order. Trips
    /// that cannot be snapped or routed, or start and end at one node, are returned in `dropped`
    /// with the reason.
    public static func trips(_ trips: [(id: String, from: Point, to: Point, weight: Double)], network: TrafficNetwork,
                             maxSnapMeters: Double) -> (targets: [TrafficTarget], dropped: [(id: String, reason: String)]) {
        let g = network.graph
        func node(_ p: Point) -> Int? {
            guard p.isFinite, let hit = network.lines.nearestSegment(to: p, maxDistance: maxSnapMeters) else { return nil }
            let e = Int(network.lines.line[hit.segment])
            let m = network.lines.startMeters[hit.segment] + hit.t * network.lines.lengthMeters[hit.segment]
            return Int(m <= g.edgeLengthMeters[e] / 2 ? g.edgeFrom[e] : g.edgeTo[e])
        }
        var bySource: [Int: [Int]] = [:]
        var ends: [(Int, Int)?] = []
        var dropped: [(id: String, reason: String)] = []
        for (k, t) in trips.enumerated() {
            guard let a = node(t.from), let b = node(t.to) else {
                dropped.append((t.id, "origin or destination more than \(Int(maxSnapMeters)) m from a traffic street"))
                ends.append(nil)
                continue
            }
            guard a != b else {
                dropped.append((t.id, "origin and destination at the same junction"))
                ends.append(nil)
                continue
            }
            ends.append((a, b))
            bySource[a, default: []].append(k)
        }
        var routes = [[Int32]?](repeating: nil, count: trips.count)
        for src in bySource.keys.sorted() {
            let ks = bySource[src]!
            let tree = g.shortestPathTree(fromNode: src, targets: ks.map { Int32(ends[$0]!.1) })
            for k in ks { routes[k] = tree.arcs(to: ends[k]!.1, in: g) }
        }
        var out: [TrafficTarget] = []
        for (k, t) in trips.enumerated() where ends[k] != nil {
            guard let arcs = routes[k], !arcs.isEmpty else {
                dropped.append((t.id, "no route by the traffic streets (one-way streets or disconnected parts)"))
                continue
            }
            let stretches = arcs.map { a -> DirectedStretch in
                let code = g.arcEdge[Int(a)]
                let fwd = code >= 0
                let e = Int(fwd ? code : ~code)
                return DirectedStretch(edge: Int32(e), direction: fwd ? .forward : .backward, fromMeters: 0, toMeters: g.edgeLengthMeters[e])
            }
            let s0 = stretches[0]
            let geo = network.geometry(s0)
            let b = geo.count >= 2 ? Planar.bearing(from: geo[0], to: geo[1]) : 0
            out.append(TrafficTarget(objective: .flow, id: t.id, group: t.id, point: t.from, bearingDeg: b,
                                     stretches: stretches, weight: t.weight))
        }
        return (out, dropped)
    }
}
