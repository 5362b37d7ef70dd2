import Dispatch
import GeoCore
import StreetGraph

/// Settings of the vehicle trips of the camera–vehicle ("Korgau") analysis.
public struct TripSettings: Sendable, Hashable {
    /// Number of trips.
    public var trips: Int
    /// Trips sharing one origin (one shortest-path tree per origin; origins are still drawn by
    /// population, destinations independently).
    public var tripsPerOrigin: Int
    /// Share of trips flagged as dangerous drivers (a Korgau alert on detection), 0…1.
    public var dangerousShare: Double
    /// Share of trips that come into the city through an entry node (when the city has entries), 0…1.
    public var entryShare: Double
    public var seed: UInt64

    public init(trips: Int = 2_000, tripsPerOrigin: Int = 4, dangerousShare: Double = 0.1, entryShare: Double = 0.2,
                seed: UInt64 = 1) {
        self.trips = trips
        self.tripsPerOrigin = tripsPerOrigin
        self.dangerousShare = dangerousShare
        self.entryShare = entryShare
        self.seed = seed
    }

    /// The most trips a run routes (each is a shortest-path search).
    public static let maxTrips = 10_000_000

    /// Throws `CovplanError(.usage)` naming the first impossible value.
    public func validate() throws {
        guard trips >= 0, trips <= Self.maxTrips else { throw CovplanError(.usage, "trips must be between 0 and 10,000,000, got \(trips)") }
        guard tripsPerOrigin >= 1 else { throw CovplanError(.usage, "trips per origin must be ≥ 1, got \(tripsPerOrigin)") }
        guard dangerousShare.isFinite, (0...1).contains(dangerousShare) else {
            throw CovplanError(.usage, "dangerous-driver share must be between 0 and 1, got \(dangerousShare)")
        }
        guard entryShare.isFinite, (0...1).contains(entryShare) else {
            throw CovplanError(.usage, "city-entry trip share must be between 0 and 1, got \(entryShare)")
        }
    }
}

/// Routed trips: the timed steps the Korgau analysis reads, plus where each trip starts and ends.
public struct RoutedTrips: Sendable {
    public var trips: VehicleTrips
    public var originNode: [Int32]
    public var destinationNode: [Int32]
    /// Driving time of each trip, seconds.
    public var seconds: [Double]
    /// Drawn trips not kept: origin equal to destination (a city with one populated node) or no
    /// route (cannot happen on the main component; counted rather than dropped silently).
    public var skippedTrips: Int
}

/// Vehicle trips on the street graph.
public enum TripRouter {
    /// Draws and routes trips.
    ///
    /// Origins: with probability `entryShare` a uniformly drawn city-entry node (the trip enters
    /// the city), else a node drawn in proportion to its attached residents; destinations are
    /// drawn in proportion to residents (≠ origin). Each trip follows the shortest-time route (a
    /// shortest-path tree per origin, predecessor arcs walked back), starts at t = 0 and drives
    /// each arc in its travel time; step k is arc k of the route (piece id = arc index), exiting
    /// at the arc's head node. Trips are routed in parallel per origin and assembled in draw order
    /// (deterministic for a seed).
    ///
    /// - Parameters:
    ///   - nodeWeights: residents per node (trip ends); at least one must be positive.
    ///   - entries: city-entry nodes (may be empty).
    /// - Throws: `CovplanError(.dataError)` when no node has residents; `.usage` for bad settings.
    /// - Complexity: trips / tripsPerOrigin Dijkstra searches (each stops when its destinations
    ///   are settled) plus O(total route length).
    public static func route(graph g: RoadGraph, nodeWeights: [Double], entries: [Int32],
                             settings s: TripSettings) throws -> RoutedTrips {
        try s.validate()
        guard s.trips > 0 else {
            return RoutedTrips(trips: VehicleTrips(), originNode: [], destinationNode: [], seconds: [], skippedTrips: 0)
        }
        guard nodeWeights.count == g.nodeCount, let table = AliasTable(weights: nodeWeights) else {
            throw CovplanError(.dataError, "vehicle trips: no street node has residents to start or end a trip")
        }
        let positive = nodeWeights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        var rng = Xoshiro256StarStar(seed: s.seed)
        var origins: [Int32] = [], destinations: [Int32] = [], entering: [Bool] = [], dangerous: [Bool] = []
        var k = 0
        while k < s.trips {
            let fromEntry = !entries.isEmpty && rng.nextUnit() < s.entryShare
            let o = fromEntry ? entries[rng.nextIndex(below: entries.count)] : Int32(table.sample(&rng))
            for _ in 0..<min(s.tripsPerOrigin, s.trips - k) {
                var d = Int32(table.sample(&rng))
                var tries = 0
                while d == o && positive > 1 && tries < 64 { d = Int32(table.sample(&rng)); tries += 1 }
                origins.append(o)
                destinations.append(d)
                entering.append(fromEntry)
                dangerous.append(rng.nextUnit() < s.dangerousShare)
                k += 1
            }
        }
        // Route per origin group (consecutive trips share an origin).
        var groupStart: [Int] = [0]
        for t in 1..<origins.count where origins[t] != origins[t - 1] || (t % s.tripsPerOrigin) == 0 { groupStart.append(t) }
        groupStart.append(origins.count)
        let groups = groupStart.count - 1
        let starts = groupStart, from = origins, to = destinations
        var routes = [[Int32]?](repeating: nil, count: origins.count)
        routes.withUnsafeMutableBufferPointer { rb in
            nonisolated(unsafe) let out = rb
            DispatchQueue.concurrentPerform(iterations: groups) { gi in
                let lo = starts[gi], hi = starts[gi + 1]
                let tree = g.shortestPathTree(fromNode: Int(from[lo]), targets: Array(to[lo..<hi]))
                for t in lo..<hi { out[t] = tree.arcs(to: Int(to[t]), in: g) }
            }
        }
        var trips = VehicleTrips()
        var keptO: [Int32] = [], keptD: [Int32] = [], secs: [Double] = []
        var skipped = 0
        for t in 0..<origins.count {
            guard let arcs = routes[t] else { skipped += 1; continue }
            var clock = 0.0
            var steps: [TripStep] = []
            steps.reserveCapacity(arcs.count)
            for a in arcs {
                let dt = g.arcSeconds[Int(a)]
                steps.append(TripStep(piece: a, entrySeconds: clock, exitSeconds: clock + dt, exitNode: g.arcHead[Int(a)]))
                clock += dt
            }
            if steps.isEmpty {
                skipped += 1  // origin = destination: nothing to drive
                continue
            }
            try trips.append(steps, dangerous: dangerous[t], entersCity: entering[t])
            keptO.append(origins[t])
            keptD.append(destinations[t])
            secs.append(clock)
        }
        return RoutedTrips(trips: trips, originNode: keptO, destinationNode: keptD, seconds: secs, skippedTrips: skipped)
    }
}
