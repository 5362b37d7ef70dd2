import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport
@testable import Simulation

/// Fleet sizing on Helsinki: the smallest fleet per block meets the target and one unit fewer,
/// simulated again independently, does not.
@Suite struct FleetSizingTests {
    /// Share of calls arriving in [h0, h1) answered within `target` seconds, counted by hand
    /// from the per-incident outcomes.
    func share(_ o: SimulationOutcome, _ h0: Int, _ h1: Int, target: Double) -> Double {
        var n = 0, ok = 0
        for i in 0..<o.incidents.count {
            let t = o.incidents.timeSeconds[i]
            let hour = Int(t / 3600) % 24
            guard hour >= h0, hour < h1 else { continue }
            n += 1
            if o.dispatch.outcomes!.onSceneSeconds[i] - t <= target { ok += 1 }
        }
        return n == 0 ? 1 : Double(ok) / Double(n)
    }

    @Test func smallestFleetIsConfirmedBySimulatingOneFewer() throws {
        let h = try HelsinkiNetwork.get()
        let options = SimulationOptions(seed: 3, days: 7, incidentsPerDay: 60)
        let request = FleetSizingRequest(posts: h.posts, targetMinutes: 4, requiredFraction: 0.8, maxUnits: 12)
        let r = try FleetSizing.run(city: h.city, graph: h.graph, request: request, options: options)
        #expect(r.blocks.count == 4)
        #expect(r.blocks.contains { ($0.unitsNeeded ?? 0) >= 2 }, "the load must need more than one unit somewhere")
        for b in r.blocks {
            let n = try #require(b.unitsNeeded, "block \(b.block.label) not met with 12 units")
            let at = try SimulationRun.run(city: h.city, graph: h.graph, units: UnitPlacement.roundRobin(posts: h.posts, count: n), options: options)
            let fAt = share(at, b.block.startHour, b.block.endHour, target: 240)
            #expect(fAt >= 0.8)
            #expect(abs(fAt - b.fractionAtNeeded!) < 1e-12)
            if n > 1 {
                let fewer = try SimulationRun.run(city: h.city, graph: h.graph,
                                                  units: UnitPlacement.roundRobin(posts: h.posts, count: n - 1), options: options)
                let fLess = share(fewer, b.block.startHour, b.block.endHour, target: 240)
                #expect(fLess < 0.8, "block \(b.block.label): \(n - 1) units already meet the target")
                #expect(abs(fLess - b.fractionWithOneFewer!) < 1e-12)
            }
        }
        #expect(r.unitsNeeded == r.blocks.compactMap(\.unitsNeeded).max())
    }

    @Test func badRequestsAreUsageErrors() throws {
        let p = [UnitSite(id: "a", location: Point(0, 0))]
        #expect(throws: CovplanError.self) { try FleetSizingRequest(posts: [], targetMinutes: 5).validate() }
        #expect(throws: CovplanError.self) { try FleetSizingRequest(posts: p, targetMinutes: -1).validate() }
        #expect(throws: CovplanError.self) { try FleetSizingRequest(posts: p, targetMinutes: 5, requiredFraction: 1.5).validate() }
        #expect(throws: CovplanError.self) { try FleetSizingRequest(posts: p, targetMinutes: 5, maxUnits: 0).validate() }
        #expect(throws: CovplanError.self) {
            try FleetSizingRequest(posts: p, targetMinutes: 5, blocks: [TimeBlock(startHour: 20, endHour: 26)]).validate()
        }
    }
}
