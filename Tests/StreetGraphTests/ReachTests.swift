import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport

/// Arrival time at `x` metres along edge `e` from reference node times (`nodeSeconds`, indexed
/// by library node) and sources sitting on the edge: the definition of travel along an edge.
func referenceTime(_ g: RoadGraph, nodeSeconds: [Double], sources: [SearchSource], edge e: Int, at x: Double) -> Double {
    let length = g.edgeLengthMeters[e], rate = g.edgeSeconds[e] / length
    var best = Double.infinity
    // A point at an edge end is the node itself.
    if x == 0 { best = nodeSeconds[Int(g.edgeFrom[e])] }
    if x == length { best = min(best, nodeSeconds[Int(g.edgeTo[e])]) }
    if g.allowsForward(e) { best = min(best, nodeSeconds[Int(g.edgeFrom[e])] + rate * x) }
    if g.allowsBackward(e) { best = min(best, nodeSeconds[Int(g.edgeTo[e])] + rate * (length - x)) }
    for s in sources where Int(s.position.edge) == e {
        let o = s.position.offsetMeters
        if (x >= o && g.allowsForward(e)) || (x <= o && g.allowsBackward(e)) { best = min(best, s.delaySeconds + rate * abs(x - o)) }
    }
    return best
}

/// Reference node times (Bellman–Ford on the independent graph), indexed by library node.
func referenceNodeSeconds(_ g: RoadGraph, _ ref: ReferenceGraph, sources: [Int]) -> [Double] {
    let d = ref.bellmanFord(from: sources)
    return (0..<g.nodeCount).map { d[ref.nodeIndex[g.node($0)]!] }
}

@Suite struct ReachTests {
    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func reachPiecesAreCutExactlyAtTheLimits(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let streets = RandomStreets.make(seed: seed, nodes: 50, streets: 120)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: streets, mode: mode)
            var ref = ReferenceGraph(streets: streets, mode: mode, speedKmh: speedFunction(mode))
            let src = randomSources(streets, graph: g, ref: &ref, count: 3, rng: &rng)
            let nodeSeconds = referenceNodeSeconds(g, ref, sources: src.reference)
            let finite = nodeSeconds.filter(\.isFinite).sorted()
            let limits = [finite[finite.count / 4], finite[finite.count / 2] + 7.5]
            let reach = try g.reach(from: src.library, thresholdsSeconds: limits)
            for (i, limit) in limits.enumerated() {
                let within = reach.pieces(within: i)
                #expect(abs(within.reduce(0) { $0 + $1.lengthMeters } - reach.reachedLengthMeters[i]) < 1e-6)
                var byEdge = [Int: [StreetPiece]]()
                for p in within { byEdge[Int(p.edge), default: []].append(p) }
                for e in 0..<g.edgeCount {
                    let length = g.edgeLengthMeters[e]
                    // Sampled membership agrees with the reference arrival time.
                    for k in 1...39 {  // interior samples: an edge end is a node, not street length
                        let x = length * Double(k) / 40
                        let t = referenceTime(g, nodeSeconds: nodeSeconds, sources: src.library, edge: e, at: x)
                        if abs(t - limit) < 1e-6 { continue }
                        let inside = (byEdge[e] ?? []).contains { $0.fromMeters - 1e-9 <= x && x <= $0.toMeters + 1e-9 }
                        #expect(inside == (t <= limit), "seed \(seed) \(mode) edge \(e) x \(x) t \(t) limit \(limit)")
                    }
                    // Cuts inside an edge sit exactly at the time limit.
                    for p in byEdge[e] ?? [] {
                        let sourceCuts = src.library.filter { Int($0.position.edge) == e }.map(\.position.offsetMeters)
                        for c in [p.fromMeters, p.toMeters] where c > 1e-9 && c < length - 1e-9 && !sourceCuts.contains(c) {
                            let t = referenceTime(g, nodeSeconds: nodeSeconds, sources: src.library, edge: e, at: c)
                            #expect(abs(t - limit) < 1e-6, "cut at \(c) on edge \(e) has time \(t), limit \(limit)")
                        }
                    }
                }
            }
            // Bands partition the reach: band 1 pieces are outside the band-0 reach.
            #expect(reach.pieces.allSatisfy { $0.piece.lengthMeters > 0 })
        }
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func beatsAssignEveryPieceToItsNearestSource(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let streets = RandomStreets.make(seed: seed, nodes: 50, streets: 110)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: streets, mode: mode)
            var ref = ReferenceGraph(streets: streets, mode: mode, speedKmh: speedFunction(mode))
            let src = randomSources(streets, graph: g, ref: &ref, count: 4, rng: &rng)
            let all = referenceNodeSeconds(g, ref, sources: src.reference)
            let single = src.reference.map { referenceNodeSeconds(g, ref, sources: [$0]) }
            let beats = g.beats(from: src.library)
            var covered = [Double](repeating: 0, count: g.edgeCount)
            var last = [Double](repeating: 0, count: g.edgeCount)
            for p in beats.pieces {
                let e = Int(p.piece.edge)
                #expect(abs(p.piece.fromMeters - last[e]) < 1e-9, "pieces of edge \(e) are contiguous")
                last[e] = p.piece.toMeters
                covered[e] += p.piece.lengthMeters
                for k in 1...9 {
                    let x = p.piece.fromMeters + p.piece.lengthMeters * Double(k) / 10
                    let best = referenceTime(g, nodeSeconds: all, sources: src.library, edge: e, at: x)
                    if p.source < 0 {
                        #expect(best == .infinity)
                    } else {
                        let s = Int(p.source)
                        let own = referenceTime(g, nodeSeconds: single[s], sources: [src.library[s]], edge: e, at: x)
                        #expect(abs(own - best) <= 1e-6 * max(1, best), "seed \(seed) edge \(e) x \(x): source \(s) takes \(own), best \(best)")
                    }
                }
            }
            for e in 0..<g.edgeCount { #expect(abs(covered[e] - g.edgeLengthMeters[e]) < 1e-6) }
            let assigned = beats.lengthMetersPerSource.reduce(0, +)
            #expect(abs(assigned + beats.unassignedLengthMeters - g.totalLengthMeters) < 1e-6)
        }
    }

    @Test(arguments: [31, 32, 33] as [UInt64])
    func kNearestUnitsMatchOneSearchPerUnit(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let streets = RandomStreets.make(seed: seed, nodes: 60, streets: 130)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: streets, mode: mode)
            var ref = ReferenceGraph(streets: streets, mode: mode, speedKmh: speedFunction(mode))
            let units = randomSources(streets, graph: g, ref: &ref, count: 7, rng: &rng)
            let perUnit = units.reference.map { referenceNodeSeconds(g, ref, sources: [$0]) }
            var points: [EdgePosition?] = (0..<40).map { _ in
                let e = Int.random(in: 0..<g.edgeCount, using: &rng)
                return EdgePosition(edge: Int32(e), offsetMeters: Double.random(in: 0...1, using: &rng) * g.edgeLengthMeters[e])
            }
            points.append(nil)
            // A point on a unit's own edge, and one at a node.
            points.append(EdgePosition(edge: units.library[0].position.edge, offsetMeters: units.library[0].position.offsetMeters * 0.5))
            points.append(EdgePosition(edge: 0, offsetMeters: 0))
            for k in [1, 3] {
                for cutoff in [Double.infinity, 300] {
                    let got = try g.nearestUnits(units: units.library, points: points, k: k, cutoffSeconds: cutoff)
                    for (p, pos) in points.enumerated() {
                        guard let pos else {
                            #expect(got.units(ofPoint: p).isEmpty)
                            continue
                        }
                        let times = units.library.indices.map { u in
                            referenceTime(g, nodeSeconds: perUnit[u], sources: [units.library[u]], edge: Int(pos.edge), at: pos.offsetMeters)
                        }
                        let expected = times.filter { $0.isFinite && $0 <= cutoff }.sorted().prefix(k)
                        let mine = got.units(ofPoint: p)
                        #expect(mine.count == expected.count, "seed \(seed) \(mode) point \(p) k \(k) cutoff \(cutoff) \(mine) \(expected) \(times)")
                        for (j, (unit, t)) in mine.enumerated() where j < expected.count {
                            #expect(abs(t - expected[expected.startIndex + j]) <= 1e-6 * max(1, t))
                            #expect(abs(times[Int(unit)] - t) <= 1e-6 * max(1, t), "reported unit's own time")
                        }
                    }
                }
            }
        }
        #expect(throws: CovplanError.self) {
            try GraphBuilder.build(streets: RandomStreets.make(seed: 1, nodes: 5, streets: 5), mode: .walk)
                .nearestUnits(units: [], points: [], k: 0)
        }
    }

    @Test func snappingFindsTheNearestPositionAlongEdges() throws {
        let streets = RandomStreets.make(seed: 99, nodes: 80, streets: 200)
        let g = try GraphBuilder.build(streets: streets, mode: .walk)
        let snapper = EdgeSnapper(graph: g)
        var rng = SeededRandom(seed: 5)
        let pts = (0..<300).map { _ in Point(Double.random(in: -200..<2200, using: &rng), Double.random(in: -200..<2200, using: &rng)) }
        let snaps = snapper.snapAll(pts, maxDistanceMeters: 60)
        for (p, s) in zip(pts, snaps) {
            // Brute force over every segment of every edge.
            var best = Double.infinity
            for e in 0..<g.edgeCount {
                let geom = g.geometry(ofEdge: e)
                for i in 1..<geom.count {
                    best = min(best, Planar.closestOnSegment(p, geom[i - 1], geom[i]).distanceSquared.squareRoot())
                }
            }
            if best > 60 + 1e-9 {
                #expect(s == nil)
            } else if best < 60 - 1e-9 {
                let s = try #require(s)
                #expect(abs(s.distanceMeters - best) < 1e-9)
                #expect(s.point.distance(to: p) - s.distanceMeters < 1e-9)
                #expect(g.point(onEdge: Int(s.position.edge), atMeters: s.position.offsetMeters).distance(to: s.point) < 1e-6)
            }
        }
        #expect(snaps.contains { $0 == nil } && snaps.contains { $0 != nil })
    }
}
