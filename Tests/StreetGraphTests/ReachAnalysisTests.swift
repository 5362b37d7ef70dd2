import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport

@Suite struct ReachAnalysisTests {
    @Test func helsinkiCoverageMatchesBruteForce() throws {
        let city = try #require(Helsinki.city)
        let g = try GraphBuilder.build(streets: city.streets, mode: .drive)
        let c = city.extent.center
        let posts = [Point(c.x - 500, c.y - 100), Point(c.x + 350, c.y + 250), Point(c.x, c.y + 600)]
        let residents = city.buildings.map { ResidentsModel().residents($0) }
        let out = try ReachAnalysis.run(graph: g, request: ReachRequest(
            sourcePoints: posts, sourceIds: ["p1", "p2", "p3"], minutes: [1, 2, 3], maxSnapMeters: 250,
            buildings: city.buildings, residentsPerBuilding: residents, populationMethod: "test",
            schools: city.schools, isochroneBufferMeters: nil))
        #expect(out.summary.sources == 3 && out.summary.unsnapped == 0)

        // Independent: naive Dijkstra on the reference graph from virtual sources at the snaps,
        // buildings snapped by brute force over every segment.
        var ref = ReferenceGraph(streets: city.streets, mode: .drive, speedKmh: speedFunction(.drive))
        let table = SpeedTable.defaults(for: .drive)
        var refSources: [Int] = []
        for s in out.sourceSnaps.compactMap({ $0 }) {
            let e = Int(s.position.edge), st = city.streets[Int(g.edgeStreet[e])]
            refSources.append(ref.addSource(
                a: ref.nodeIndex[g.node(Int(g.edgeFrom[e]))]!, b: ref.nodeIndex[g.node(Int(g.edgeTo[e]))]!,
                seconds: g.edgeLengthMeters[e] / (table.speedKmh(highway: st.highway, maxspeedKmh: st.maxspeedKmh) / 3.6),
                fraction: s.position.offsetMeters / g.edgeLengthMeters[e], oneway: st.oneway))
        }
        let d = ref.naiveDijkstra(from: refSources)
        let nodeSeconds = (0..<g.nodeCount).map { d[ref.nodeIndex[g.node($0)]!] }
        let sources = out.sourceSnaps.compactMap { $0.map { SearchSource($0.position) } }
        func bruteSnap(_ p: Point) -> (edge: Int, offset: Double, distance: Double) {
            var best = (edge: -1, offset: 0.0, distance: Double.infinity)
            for e in 0..<g.edgeCount {
                let geom = g.geometry(ofEdge: e)
                var acc = 0.0
                for k in 1..<geom.count {
                    let (t, d2) = Planar.closestOnSegment(p, geom[k - 1], geom[k])
                    let len = geom[k - 1].distance(to: geom[k])
                    if d2.squareRoot() < best.distance { best = (e, acc + t * len, d2.squareRoot()) }
                    acc += len
                }
            }
            return best
        }
        var expected = [Double](repeating: 0, count: 3)
        var unattached = 0.0
        for (b, w) in zip(city.buildings, residents) {
            let p = Geometry.multiPolygon(b.footprint).representativePoint!
            let s = bruteSnap(p)
            if s.distance > 250 { unattached += w; continue }
            let t = referenceTime(g, nodeSeconds: nodeSeconds, sources: sources, edge: s.edge, at: s.offset)
            for (i, m) in [1.0, 2, 3].enumerated() where t <= m * 60 { expected[i] += w }
        }
        let total = residents.reduce(0, +)
        #expect(abs(out.summary.residentsTotal - total) < 1e-6)
        #expect(abs(out.summary.residentsUnattached - unattached) < 1e-6)
        for i in 0..<3 {
            #expect(abs(out.summary.thresholds[i].residents - expected[i]) <= 1e-6 * max(1, total), "minutes \(i + 1)")
            #expect(abs(out.summary.thresholds[i].streetLengthMeters - out.reach.reachedLengthMeters[i]) < 1e-9)
            #expect(abs(out.summary.thresholds[i].streetFraction * g.totalLengthMeters - out.reach.reachedLengthMeters[i]) < 1e-6)
        }
        #expect(expected[2] > 0)
        // Beats conserve street length, residents and schools.
        let beatLength = out.summary.beats.reduce(0) { $0 + $1.streetLengthMeters }
        #expect(abs(beatLength + out.summary.unreachableLengthMeters - g.totalLengthMeters) < 1e-6)
        let beatResidents = out.summary.beats.reduce(0) { $0 + $1.residents }
        let unreachedResidents = zip(out.buildingTimes.seconds, residents).filter { !$0.0.isFinite }.reduce(0) { $0 + $1.1 }
        #expect(abs(beatResidents + unreachedResidents - total) < 1e-6 * total)
        #expect(out.summary.beats.reduce(0) { $0 + $1.schools } + out.schoolTimes.seconds.filter { !$0.isFinite }.count == city.schools.count)
        // Residents: the one building model (floor area × use share ÷ 22 m², 3 levels untagged).
        let b0 = city.buildings.first { $0.use == .residential }!
        let i0 = city.buildings.firstIndex(of: b0)!
        #expect(abs(residents[i0] - b0.footprintAreaM2 * (b0.levels ?? 3) / 22) < 1e-9)
    }
}
