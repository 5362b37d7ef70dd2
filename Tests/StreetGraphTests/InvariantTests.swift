import CityModel
import GeoCore
import PropertyBased
import StreetGraph
import Testing
import TestSupport

/// Invariants over random networks, sources and limits.
@Suite struct InvariantTests {
    @Test func reachAndBeatsInvariants() async {
        await propertyCheck(count: 30, input: Gen.int(in: 1...10_000), Gen.int(in: 1...5), Gen.double(in: 10...400)) { seed, nSources, limit in
            let streets = RandomStreets.make(seed: UInt64(seed), nodes: 30, streets: 60)
            for mode in TravelMode.allCases {
                guard let g = try? GraphBuilder.build(streets: streets, mode: mode) else {
                    Issue.record("build failed")
                    return
                }
                var rng = SeededRandom(seed: UInt64(seed) &* 31)
                let sources = (0..<nSources).map { _ -> SearchSource in
                    let e = Int.random(in: 0..<g.edgeCount, using: &rng)
                    return SearchSource(EdgePosition(edge: Int32(e), offsetMeters: Double.random(in: 0...1, using: &rng) * g.edgeLengthMeters[e]))
                }
                let limits = [limit / 3, limit / 2, limit]
                guard let r = try? g.reach(from: sources, thresholdsSeconds: limits) else {
                    Issue.record("reach failed")
                    return
                }
                // Monotone in the limit, bounded by the network.
                #expect(r.reachedLengthMeters[0] <= r.reachedLengthMeters[1] + 1e-9)
                #expect(r.reachedLengthMeters[1] <= r.reachedLengthMeters[2] + 1e-9)
                #expect(r.reachedLengthMeters[2] <= g.totalLengthMeters + 1e-6)
                // The cut-off search gives the same reach as a full search.
                let full = g.reach(times: g.shortestTimes(from: sources), sources: sources, thresholdsSeconds: limits)
                for i in 0..<3 { #expect(abs(full.reachedLengthMeters[i] - r.reachedLengthMeters[i]) < 1e-6) }
                // Beats cover every metre exactly once; what they assign within `limit` is the reach.
                let b = g.beats(from: sources)
                #expect(abs(b.lengthMetersPerSource.reduce(0, +) + b.unassignedLengthMeters - g.totalLengthMeters) < 1e-6)
                let capped = g.beats(from: sources, maxSeconds: limit)
                #expect(abs(capped.lengthMetersPerSource.reduce(0, +) - r.reachedLengthMeters[2]) < 1e-6)
                // One more source never makes any node later.
                let more = g.shortestTimes(from: sources + [SearchSource(EdgePosition(edge: 0, offsetMeters: 0))])
                let base = g.shortestTimes(from: sources)
                for n in 0..<g.nodeCount { #expect(more.seconds[n] <= base.seconds[n]) }
            }
        }
    }
}
