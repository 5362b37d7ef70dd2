import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Testing
import TestSupport

/// ANPR / Sergek placement (issue 17, point 5) on synthetic streets with known answers, every
/// read re-checked by an independent point-sampling test of the camera geometry (band at the
/// level from the optics, field of view, heading against the direction of travel).
@Suite struct TrafficPlacementTests {
    static let o = Point(385_000, 6_672_000)

    static func city(_ streets: [(String, String, [Point], Oneway)], buildings: [Building] = []) -> City {
        City(crs: WorkingCRS(epsg: 32635),
             streets: streets.map { Street(id: $0.0, highway: $0.1, oneway: $0.3, points: $0.2.map { o + $0 }) },
             buildings: buildings)
    }

    /// Independent read test: the camera sees at least `TrafficTargets.minReadMeters` of the
    /// polyline `pts` (travel from first to last point) at identify level, within its field of
    /// view, with its heading within 30° of the reverse of travel. Sampled every 5 cm; no
    /// buildings in these cities.
    static func reads(_ pose: CameraPose, along pts: [Point], level: DoriLevel = .identify) -> Bool {
        let cam = pose.camera
        guard let band = cam.band(at: level) else { return false }
        var seen = 0.0
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let len = a.distance(to: b)
            let travel = Planar.bearing(from: a, to: b)
            var diff = abs((cam.headingDeg - travel - 180).truncatingRemainder(dividingBy: 360))
            if diff > 180 { diff = 360 - diff }
            guard diff <= 30 + 1e-9 else { continue }
            let n = max(1, Int(len / 0.05))
            for k in 0..<n {
                let p = a.lerp(b, (Double(k) + 0.5) / Double(n))
                let d = p.distance(to: cam.position)
                guard d >= band.nearMeters, d <= band.farMeters else { continue }
                var off = abs((Planar.bearing(from: cam.position, to: p) - cam.headingDeg).truncatingRemainder(dividingBy: 360))
                if off > 180 { off = 360 - off }
                if off <= cam.fovDeg / 2 { seen += len / Double(n) }
            }
        }
        return seen >= TrafficTargets.minReadMeters - 0.1
    }

    /// One two-way road, one entry: exactly two cameras, one per direction, each facing the
    /// traffic it reads (heading ≈ opposite the travel direction), both entry directions read.
    @Test func oneEntryNeedsTwoCamerasFacingTraffic() throws {
        let c = Self.city([("way/1", "primary", [Point(0, 0), Point(400, 0)], .no)])
        var req = TrafficPlacementRequest(objective: .entries)
        req.entries = [(id: "E1", point: Self.o + Point(200, 3))]
        let r = try TrafficPlacement.run(city: c, request: req)
        #expect(r.targets.count == 2)
        #expect(r.proposed.count == 2)
        #expect(r.placement.lowerBound == 2)
        #expect(r.completeGroups == (complete: 1, total: 1))
        #expect(r.readAfter == [true, true])
        for t in r.targets {
            let geo = r.network.geometry(t.stretches[0])
            let readers = r.proposed.filter { Self.reads($0.pose, along: geo) }
            #expect(readers.count >= 1, "target \(t.id) not read by any proposed camera (independent check)")
            for p in readers {
                var d = abs((p.pose.headingDeg - t.bearingDeg - 180).truncatingRemainder(dividingBy: 360))
                if d > 180 { d = 360 - d }
                #expect(d <= 30)
            }
        }
        #expect(Set(r.proposed.map { Int($0.pose.headingDeg.rounded()) % 360 }) == [90, 270])
    }

    /// A one-way road has one direction: one camera.
    @Test func oneWayEntryNeedsOneCamera() throws {
        let c = Self.city([("way/1", "primary", [Point(0, 0), Point(400, 0)], .forward)])
        var req = TrafficPlacementRequest(objective: .entries)
        req.entries = [(id: "E1", point: Self.o + Point(200, 0))]
        let r = try TrafficPlacement.run(city: c, request: req)
        #expect(r.targets.count == 1)
        #expect(r.proposed.count == 1)
        // Eastbound traffic (90°) is read by a camera looking west (270°).
        #expect(Int(r.proposed[0].pose.headingDeg.rounded()) % 360 == 270)
    }

    /// A + crossing of two two-way roads: 4 approaches; no camera reads two perpendicular
    /// approaches, so 4 cameras, each at or near the node, all approaches read (independent check).
    /// A T-junction: 3.
    @Test(arguments: [4, 3])
    func junctionApproachesAllRead(arms: Int) throws {
        var streets: [(String, String, [Point], Oneway)] = [
            ("way/1", "residential", [Point(-120, 0), Point(0, 0)], .no),
            ("way/2", "residential", [Point(0, 0), Point(120, 0)], .no),
            ("way/3", "residential", [Point(0, 0), Point(0, 120)], .no),
        ]
        if arms == 4 { streets.append(("way/4", "residential", [Point(0, -120), Point(0, 0)], .no)) }
        let r = try TrafficPlacement.run(city: Self.city(streets), request: TrafficPlacementRequest(objective: .junctions))
        #expect(r.targets.count == arms)
        #expect(r.proposed.count == arms)
        #expect(r.placement.lowerBound == Double(arms))
        #expect(r.completeGroups == (complete: 1, total: 1))
        for t in r.targets {
            let geo = r.network.geometry(t.stretches[0])
            #expect(geo.last!.distance(to: Self.o) < 1e-6, "approach \(t.id) does not end at the node")
            #expect(abs(t.stretches[0].lengthMeters - 30) < 1e-9)
            #expect(r.proposed.contains { Self.reads($0.pose, along: geo) }, "approach \(t.id) unread (independent check)")
        }
    }

    /// Declared intersections: of two crossings 300 m apart only the declared one is a target (its
    /// 4 approaches, named by the declared id); a point far from any junction is refused.
    @Test func declaredJunctionsOnly() throws {
        var streets: [(String, String, [Point], Oneway)] = [("way/h", "primary", [Point(-120, 0), Point(0, 0), Point(300, 0), Point(420, 0)], .no)]
        for x in [0.0, 300] { streets.append(("way/v\(Int(x))", "residential", [Point(x, -120), Point(x, 0), Point(x, 120)], .no)) }
        var req = TrafficPlacementRequest(objective: .junctions)
        req.junctionPoints = [(id: "X1", point: Self.o + Point(296, 5))]
        let r = try TrafficPlacement.run(city: Self.city(streets), request: req)
        #expect(r.targets.count == 4)
        #expect(Set(r.targets.map(\.group)) == ["X1"])
        #expect(r.targets.allSatisfy { $0.point.distance(to: Self.o + Point(300, 0)) < 1e-6 })
        #expect(r.proposed.count == 4 && r.completeGroups == (complete: 1, total: 1))
        req.junctionPoints = [(id: "far", point: Self.o + Point(150, 400))]
        #expect(throws: CovplanError.self) { try TrafficPlacement.run(city: Self.city(streets), request: req) }
    }

    /// Drivable only: footways, service roads and platforms next to the entry get no camera, and
    /// an entry on a footway alone is refused.
    @Test func neverOnNonDrivableStreets() throws {
        let c = Self.city([
            ("way/1", "secondary", [Point(0, 0), Point(150, 0), Point(300, 0)], .no),
            ("way/2", "footway", [Point(0, 4), Point(300, 4)], .no),
            ("way/3", "service", [Point(150, -60), Point(150, 0)], .no),
            ("way/4", "platform", [Point(0, -4), Point(300, -4)], .no),
            ("way/5", "footway", [Point(150, 0), Point(150, 80)], .no),
        ])
        for objective in [TrafficObjective.entries, .speed] {
            var req = TrafficPlacementRequest(objective: objective)
            req.entries = [(id: "E1", point: Self.o + Point(150, 4))]
            req.straightMeters = 100
            let r = try TrafficPlacement.run(city: c, request: req)
            #expect(r.proposed.count == 2)
            for p in r.proposed {
                let s = c.streets[p.pose.site.streetIndex]
                #expect(TrafficNetwork.anprClasses.contains(s.highway), "\(objective): camera \(p.pose.id) on \(s.highway)")
                // And it stands on that street (independently: distance to its polyline).
                let d = zip(s.points, s.points.dropFirst()).map { Planar.closestOnSegment(p.pose.site.position, $0, $1).distanceSquared }.min()!
                #expect(d < 1e-6)
            }
            if objective == .entries { #expect(r.proposed.count == 2) }
        }
        // The service road and the footway meeting the secondary road at (150, 0) make no junction
        // of the traffic network (degree 2 there), so there is nothing to place for junctions.
        #expect(throws: CovplanError.self) { try TrafficPlacement.run(city: c, request: TrafficPlacementRequest(objective: .junctions)) }
        let onlyFoot = Self.city([("way/1", "footway", [Point(0, 0), Point(300, 0)], .no)])
        var req = TrafficPlacementRequest(objective: .entries)
        req.entries = [(id: "E1", point: Self.o + Point(150, 0))]
        #expect(throws: CovplanError.self) { try TrafficPlacement.run(city: onlyFoot, request: req) }
    }

    /// Cost-aware: a dearer type with the same optics is never bought where the cheap one reads
    /// the same; with only the dear type offered the same plan costs more.
    @Test func countNeverBuysTheDearTypeForTheSameGain() throws {
        var defaults = CameraDefaults.builtIn
        defaults.types["anpr_premium"] = defaults.types["anpr"]
        var costs = CameraCostTable.builtIn
        costs.unitCostTenge["anpr_premium"] = 9_000_000
        let c = Self.city([("way/1", "primary", [Point(0, 0), Point(400, 0)], .no),
                           ("way/2", "primary", [Point(0, 300), Point(400, 300)], .no)])
        for goal in [CameraPlacementGoal.count(3), .budgetTenge(30_000_000), .coveredFraction(1, minimize: .count)] {
            var req = TrafficPlacementRequest(objective: .entries, goal: goal, types: ["anpr_premium", "anpr"], costs: costs,
                                              cameraDefaults: defaults)
            req.entries = [(id: "E1", point: Self.o + Point(200, 0)), (id: "E2", point: Self.o + Point(200, 300))]
            req.dropDominated = false  // the swap itself, not dominance, must make it cheap
            let r = try TrafficPlacement.run(city: c, request: req)
            #expect(r.proposed.allSatisfy { $0.pose.type.name == "anpr" }, "\(goal): \(r.proposed.map(\.pose.id))")
            #expect(r.costTenge == Double(r.proposed.count) * CameraCostTable.builtIn.unitCostTenge["anpr"]!)
        }
    }

    /// CheaperSwap on a set-cover instance where greedy first takes the dear superset.
    @Test func cheaperSwapOnAKnownInstance() throws {
        var b = CoverageInstance.Builder(demandWeights: [1, 1, 1, 1], limit: .count(2))
        b.addCandidate(id: "A", costTenge: 10, covers: [0, 1, 2])
        b.addCandidate(id: "B", costTenge: 1, covers: [0, 1])
        b.addCandidate(id: "C", costTenge: 1, covers: [2, 3])
        let inst = try b.build()
        let r = try CheaperSwap.apply(try MaximalCoverage.solve(inst), instance: inst)
        #expect(r.objective == 4)
        #expect(Set(r.selectedIDs) == ["B", "C"])
        #expect(r.costTenge == 2)
        #expect(r.upperBound >= r.objective)
    }

    /// Speed points: a straight 300 m road and a bent one; only the straight stretch (≥ 150 m)
    /// is a target, in both directions.
    @Test func speedPointsOnStraightStretchesOnly() throws {
        let c = Self.city([
            ("way/1", "primary", [Point(0, 0), Point(300, 0)], .no),
            ("way/2", "primary", [Point(0, 200), Point(60, 260), Point(120, 200), Point(180, 260)], .no),
        ])
        let r = try TrafficPlacement.run(city: c, request: TrafficPlacementRequest(objective: .speed))
        #expect(r.targets.count == 2)
        #expect(Set(r.targets.map(\.group)).count == 1)
        #expect(r.proposed.count == 2)
        #expect(r.completeGroups == (complete: 1, total: 1))
    }

    /// Flow: on a jittered grid with random trips, the read share equals an independent route
    /// check (own Dijkstra on the grid by travel time = length, since all streets share a class;
    /// a trip is read when some camera reads one of its route's legs by the point-sampling test)
    /// within 0.5 points.
    @Test func flowShareAgreesWithIndependentRouteCheck() throws {
        var rng = SeededRandom(seed: 23)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
        let n = 5, step = 120.0
        var node: [[Point]] = []
        for i in 0..<n { node.append((0..<n).map { j in Point(Double(i) * step + 8 * (unit() - 0.5), Double(j) * step + 8 * (unit() - 0.5)) }) }
        var streets: [(String, String, [Point], Oneway)] = []
        var adj: [Int: [(Int, Double, [Point])]] = [:]
        func id(_ i: Int, _ j: Int) -> Int { i * n + j }
        for i in 0..<n {
            for j in 0..<n {
                for (di, dj) in [(1, 0), (0, 1)] where i + di < n && j + dj < n {
                    let a = node[i][j], b = node[i + di][j + dj]
                    streets.append(("way/\(streets.count + 1)", "residential", [a, b], .no))
                    adj[id(i, j), default: []].append((id(i + di, j + dj), a.distance(to: b), [a, b]))
                    adj[id(i + di, j + dj), default: []].append((id(i, j), a.distance(to: b), [b, a]))
                }
            }
        }
        let c = Self.city(streets)
        var trips: [(id: String, from: Point, to: Point, weight: Double)] = []
        var ends: [(Int, Int)] = []
        while trips.count < 120 {
            let a = Int(unit() * Double(n * n)), b = Int(unit() * Double(n * n))
            guard a != b else { continue }
            trips.append((id: "t\(trips.count)", from: Self.o + node[a / n][a % n], to: Self.o + node[b / n][b % n], weight: 1))
            ends.append((a, b))
        }
        var req = TrafficPlacementRequest(objective: .flow, goal: .count(4))
        req.trips = trips
        let r = try TrafficPlacement.run(city: c, request: req)
        #expect(r.proposed.count == 4)
        let share = r.weightAfter / r.totalWeight
        // Independent: Dijkstra by length on the grid, legs checked against every proposed camera.
        func route(_ s: Int, _ t: Int) -> [[Point]] {
            var dist = [Double](repeating: .infinity, count: n * n)
            var prev = [(Int, [Point])?](repeating: nil, count: n * n)
            var done = [Bool](repeating: false, count: n * n)
            dist[s] = 0
            for _ in 0..<(n * n) {
                guard let u = (0..<(n * n)).filter({ !done[$0] }).min(by: { dist[$0] < dist[$1] }), dist[u].isFinite else { break }
                done[u] = true
                for (v, w, g) in adj[u] ?? [] where dist[u] + w < dist[v] {
                    dist[v] = dist[u] + w
                    prev[v] = (u, g)
                }
            }
            var legs: [[Point]] = []
            var v = t
            while let (u, g) = prev[v] { legs.append(g); v = u }
            return legs.reversed()
        }
        var read = 0
        for (a, b) in ends {
            let legs = route(a, b).map { $0.map { Self.o + $0 } }
            if legs.contains(where: { leg in r.proposed.contains { Self.reads($0.pose, along: leg) } }) { read += 1 }
        }
        let brute = Double(read) / Double(ends.count)
        #expect(abs(share - brute) <= 0.005, "model share \(share) vs independent route check \(brute)")
        #expect(share > 0.2)
    }
}
