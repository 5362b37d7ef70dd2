import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport

/// Random sources partway along random streets, in both the library and the reference graph.
struct SourceSetup {
    var library: [SearchSource] = []
    var reference: [Int] = []
}

func randomSources(_ streets: [Street], graph g: RoadGraph, ref: inout ReferenceGraph, count: Int,
                   rng: inout SeededRandom) -> SourceSetup {
    var out = SourceSetup()
    for _ in 0..<count {
        let e = Int.random(in: 0..<g.edgeCount, using: &rng)
        let f = Double.random(in: 0.05...0.95, using: &rng)
        out.library.append(SearchSource(EdgePosition(edge: Int32(e), offsetMeters: f * g.edgeLengthMeters[e])))
        let a = ref.nodeIndex[g.node(Int(g.edgeFrom[e]))]!, b = ref.nodeIndex[g.node(Int(g.edgeTo[e]))]!
        let street = streets[Int(g.edgeStreet[e])]
        out.reference.append(ref.addSource(a: a, b: b, seconds: g.edgeLengthMeters[e] / (SpeedTable.defaults(for: g.mode).speedKmh(highway: street.highway, maxspeedKmh: street.maxspeedKmh) / 3.6),
                                           fraction: f, oneway: g.mode == .walk ? .no : street.oneway))
    }
    return out
}

func speedFunction(_ mode: TravelMode) -> (Street) -> Double {
    let t = SpeedTable.defaults(for: mode)
    return { t.speedKmh(highway: $0.highway, maxspeedKmh: $0.maxspeedKmh) }
}

@Suite struct ShortestTimesTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func multiSourceWithCutoffMatchesBellmanFord(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed &* 7919)
        let streets = RandomStreets.make(seed: seed, nodes: 60, streets: 140)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: streets, mode: mode)
            var ref = ReferenceGraph(streets: streets, mode: mode, speedKmh: speedFunction(mode))
            #expect(ref.baseNodeCount == g.nodeCount)
            let sources = randomSources(streets, graph: g, ref: &ref, count: Int.random(in: 1...4, using: &rng), rng: &rng)
            let expected = ref.bellmanFord(from: sources.reference)
            let finite = expected.prefix(ref.baseNodeCount).filter(\.isFinite).sorted()
            let cutoff = finite.isEmpty ? 100 : finite[finite.count / 2]
            for limit in [Double.infinity, cutoff] {
                let got = g.shortestTimes(from: sources.library, cutoffSeconds: limit)
                for n in 0..<g.nodeCount {
                    let r = expected[ref.nodeIndex[g.node(n)]!]
                    if abs(r - limit) < 1e-9 { continue }
                    if r.isFinite && r <= limit {
                        #expect(abs(got.seconds[n] - r) <= 1e-9 * max(1, r), "seed \(seed) \(mode) node \(n)")
                        #expect(got.source[n] >= 0)
                    } else {
                        #expect(got.seconds[n] == .infinity)
                        #expect(got.source[n] == -1)
                    }
                }
            }
            // The label of each node is a source whose own time to it is the minimum.
            let got = g.shortestTimes(from: sources.library)
            for (i, s) in sources.reference.enumerated() {
                let single = ref.bellmanFord(from: [s])
                for n in 0..<g.nodeCount where got.source[n] == Int32(i) {
                    #expect(abs(single[ref.nodeIndex[g.node(n)]!] - got.seconds[n]) <= 1e-9 * max(1, got.seconds[n]))
                }
            }
        }
    }

    @Test func helsinkiMatchesNaiveDijkstra() throws {
        let city = try #require(Helsinki.city)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: city.streets, mode: mode)
            var ref = ReferenceGraph(streets: city.streets, mode: mode, speedKmh: speedFunction(mode))
            #expect(ref.baseNodeCount == g.nodeCount)
            #expect(ref.arcs.count == g.arcCount)
            var rng = SeededRandom(seed: 42)
            let sources = randomSources(city.streets, graph: g, ref: &ref, count: 5, rng: &rng)
            let expected = ref.naiveDijkstra(from: sources.reference)
            let got = g.shortestTimes(from: sources.library)
            var compared = 0
            for n in 0..<g.nodeCount {
                let r = expected[ref.nodeIndex[g.node(n)]!]
                if r.isFinite {
                    #expect(abs(got.seconds[n] - r) <= 1e-9 * max(1, r))
                    compared += 1
                } else {
                    #expect(got.seconds[n] == .infinity)
                }
            }
            #expect(compared > g.nodeCount / 2)
            // With a 3-minute cut-off the reached set is exactly the nodes within 180 s.
            let cut = g.shortestTimes(from: sources.library, cutoffSeconds: 180)
            for n in 0..<g.nodeCount {
                let r = expected[ref.nodeIndex[g.node(n)]!]
                if abs(r - 180) > 1e-9 { #expect((cut.seconds[n] <= 180) == (r <= 180)) }
            }
        }
    }
}
