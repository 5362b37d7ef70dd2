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
