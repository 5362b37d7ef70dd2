import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Testing
import TestSupport

/// ANPR placement on the bundled Helsinki extract: entries at the traffic-street ends on the edge
/// of the extract (found here by counting vertex uses, independently of the graph), every entry
/// read both ways, every read confirmed by the point-sampling test, no plate reader off the
/// traffic network — also in a carpet placement offering anpr next to public cameras.
@Suite struct HelsinkiTrafficTests {
    /// Dead ends of traffic streets (a line end whose coordinate no other traffic-street vertex
    /// uses) within 60 m of the bounding box of all traffic-street vertices.
    static func entries(_ city: City) -> [(id: String, point: Point, directions: Int)] {
        let streets = city.streets.filter { TrafficNetwork.anprClasses.contains($0.highway) }
        struct Key: Hashable { let x: Double, y: Double }
        var uses: [Key: Int] = [:]
        for s in streets { for p in s.points { uses[Key(x: p.x, y: p.y), default: 0] += 1 } }
        let all = streets.flatMap(\.points)
        let minX = all.map(\.x).min()!, maxX = all.map(\.x).max()!, minY = all.map(\.y).min()!, maxY = all.map(\.y).max()!
        var out: [(id: String, point: Point, directions: Int)] = []
        var done = Set<Key>()
        for s in streets {
            for p in [s.points.first!, s.points.last!] {
                let k = Key(x: p.x, y: p.y)
                guard uses[k] == 1, done.insert(k).inserted else { continue }
                if p.x - minX <= 60 || maxX - p.x <= 60 || p.y - minY <= 60 || maxY - p.y <= 60 {
                    out.append((id: "E\(out.count + 1)", point: p, directions: s.oneway == .no ? 2 : 1))
                }
            }
        }
        return out
    }

    static func onStreet(_ p: Point, _ s: Street) -> Bool {
        zip(s.points, s.points.dropFirst()).contains { Planar.closestOnSegment(p, $0, $1).distanceSquared < 1e-6 }
    }

    @Test func everyEntryReadBothWaysOnTrafficStreetsOnly() throws {
        let city = try Helsinki.city()
        let entries = Self.entries(city)
        #expect(entries.count >= 10)
        var req = TrafficPlacementRequest(objective: .entries)
        req.entries = entries.map { (id: $0.id, point: $0.point) }
        req.existing = []
        let r = try TrafficPlacement.run(city: city, request: req)
        #expect(r.targets.count == entries.reduce(0) { $0 + $1.directions })  // one-way entries have one direction
        #expect(r.readable.allSatisfy { $0 }, "unreadable: \(zip(r.targets, r.readable).filter { !$0.1 }.map(\.0.id))")
        #expect(r.readAfter.allSatisfy { $0 })
        #expect(r.completeGroups.complete == entries.count)
        #expect(r.placement.lowerBound <= Double(r.proposed.count))
        for p in r.proposed {
            let s = city.streets[p.pose.site.streetIndex]
            #expect(TrafficNetwork.anprClasses.contains(s.highway), "camera \(p.pose.id) on \(s.highway)")
            #expect(Self.onStreet(p.pose.site.position, s), "camera \(p.pose.id) not on its street \(s.id)")
        }
        // Every target read by some proposed camera by the independent sampling test (no
        // buildings there: seeing through them is a necessary condition of the model's read).
        for t in r.targets {
            let read = t.stretches.contains { st in
                let geo = r.network.geometry(st)
                return geo.count >= 2 && r.proposed.contains { TrafficPlacementTests.reads($0.pose, along: geo) }
            }
            #expect(read, "entry direction \(t.id) not read by the sampling test")
        }
    }

    /// The bundled plan's shape (`types: [sergek, public]`): plate readers stand only on traffic
    /// streets, whatever the carpet objective prefers.
    @Test func carpetPlacementKeepsPlateReadersOnTrafficStreets() throws {
        let city = try Helsinki.city()
        var req = CameraPlacementRequest(goal: .count(48), types: ["sergek", "public"], spacingMeters: 50)
        req.existing = []
        let r = try CameraPlacement.run(city: city, request: req)
        #expect(r.proposed.count == 48)
        let readers = r.proposed.filter { $0.pose.type.name == "anpr" }
        for p in readers {
            let s = city.streets[p.pose.site.streetIndex]
            #expect(TrafficNetwork.anprClasses.contains(s.highway), "anpr camera \(p.pose.id) on \(s.highway)")
        }
        // No anpr candidate at all stands off the traffic network.
        for pose in r.model.poses where pose.type.name == "anpr" {
            #expect(TrafficNetwork.anprClasses.contains(city.streets[pose.site.streetIndex].highway))
        }
    }
}

/// The flow objective on Helsinki against an independent route check: each trip routed by a
/// Dijkstra written here over the graph's arcs (travel seconds), read when its route uses a
/// directed edge a proposed camera reads (≥ `TrafficTargets.minReadMeters`, or all of a shorter
/// edge). The shares agree within 0.5 points (ties between equally fast routes may differ).
@Suite struct HelsinkiFlowTests {
    @Test func tripShareAgreesWithIndependentRouteCheck() throws {
        let city = try Helsinki.city()
        let net = try TrafficNetwork(city: city)
        let g = net.graph
        var rng = SeededRandom(seed: 5)
        var trips: [(id: String, from: Point, to: Point, weight: Double)] = []
        var ends: [(Int, Int)] = []
        while trips.count < 400 {
            let a = Int(rng.next() % UInt64(g.nodeCount)), b = Int(rng.next() % UInt64(g.nodeCount))
            guard a != b else { continue }
            trips.append((id: "t\(trips.count)", from: g.node(a), to: g.node(b), weight: 1))
            ends.append((a, b))
        }
        var req = TrafficPlacementRequest(objective: .flow, goal: .count(15))
        req.trips = trips
        req.existing = []
        let r = try TrafficPlacement.run(city: city, request: req)
        #expect(r.proposed.count == 15)
        // Directed edges read by the plan.
        let reads = try net.readings(of: r.proposed.map(\.pose.camera), rule: req.rule,
                                     obstacles: ObstacleIndex(buildings: city.buildings), occlusion: true)
        var covered = Set<Int64>()
        for s in reads.flatMap({ $0 }) where s.lengthMeters >= min(TrafficTargets.minReadMeters, g.edgeLengthMeters[Int(s.edge)]) - 1e-9 {
            covered.insert(Int64(s.edge) * 2 + Int64(s.direction.rawValue))
        }
        // Independent Dijkstra (binary heap of (seconds, node)), arcs as stored in the graph.
        func route(_ s: Int, _ t: Int) -> [Int32]? {
            var dist = [Double](repeating: .infinity, count: g.nodeCount)
            var via = [Int32](repeating: -1, count: g.nodeCount)
            var heap: [(Double, Int)] = [(0, s)]
            dist[s] = 0
            while !heap.isEmpty {
                heap.sort { $0.0 > $1.0 }
                let (d, u) = heap.removeLast()
                guard d <= dist[u] else { continue }
                if u == t { break }
                for a in Int(g.arcStart[u])..<Int(g.arcStart[u + 1]) {
                    let v = Int(g.arcHead[a])
                    let nd = d + g.arcSeconds[a]
                    if nd < dist[v] { dist[v] = nd; via[v] = Int32(a); heap.append((nd, v)) }
                }
            }
            guard dist[t].isFinite else { return nil }
            var out: [Int32] = []
            var v = t
            while v != s { let a = via[v]; out.append(a); let e = g.arcEdge[Int(a)]; v = Int(e >= 0 ? g.edgeFrom[Int(e)] : g.edgeTo[Int(~e)]) }
            return out
        }
        var routed = 0, read = 0
        for (a, b) in ends {
            guard let arcs = route(a, b) else { continue }
            routed += 1
            if arcs.contains(where: { arc in
                let e = g.arcEdge[Int(arc)]
                let key = e >= 0 ? Int64(e) * 2 : Int64(~e) * 2 + 1
                return covered.contains(key)
            }) { read += 1 }
        }
        #expect(routed == r.targets.count, "routed \(routed) vs model targets \(r.targets.count)")
        let model = r.weightAfter / r.totalWeight
        let brute = Double(read) / Double(routed)
        #expect(abs(model - brute) <= 0.005, "model share \(model) vs independent route check \(brute)")
        #expect(model > 0.3)
    }
}
