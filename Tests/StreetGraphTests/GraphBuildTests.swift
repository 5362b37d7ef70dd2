import CityModel
import GeoCore
import StreetGraph
import Testing

/// A 3×3 grid of 100 m residential blocks; the street (0,0)→(100,0) is one-way eastwards.
func handGrid(oneway: Oneway = .forward) -> [Street] {
    var out: [Street] = []
    for j in 0...2 {
        for i in 0...1 {
            let y = Double(j) * 100, x = Double(i) * 100
            let ow: Oneway = (i == 0 && j == 0) ? oneway : .no
            out.append(Street(id: "h\(i)\(j)", highway: "residential", oneway: ow, points: [Point(x, y), Point(x + 100, y)]))
            out.append(Street(id: "v\(j)\(i)", highway: "residential", points: [Point(y, x), Point(y, x + 100)]))
        }
    }
    return out
}

func nodeIndex(_ g: RoadGraph, _ p: Point) -> Int? {
    (0..<g.nodeCount).first { g.nodeX[$0] == p.x && g.nodeY[$0] == p.y }
}

@Suite struct GraphBuildTests {
    @Test func oneWayStreetIsTraversedOneWayOnly() throws {
        let g = try GraphBuilder.build(streets: handGrid(), mode: .drive)
        #expect(g.nodeCount == 9)
        #expect(g.edgeCount == 12)
        #expect(g.arcCount == 23)
        let a = try #require(nodeIndex(g, Point(0, 0))), b = try #require(nodeIndex(g, Point(100, 0)))
        let secondsPer100m = 100 / (30 / 3.6)
        // Along the one-way: direct. Against it: around the block (300 m).
        let ab = g.shortestTimes(from: [SearchSource(EdgePosition(edge: g.edgeFrom.firstIndex(of: Int32(a)).map { Int32($0) }!, offsetMeters: 0))])
        #expect(abs(ab.seconds[b] - secondsPer100m) < 1e-9)
        let eAB = try #require((0..<g.edgeCount).first { g.streetId(ofEdge: $0) == "h00" })
        let fromB = g.shortestTimes(from: [SearchSource(EdgePosition(edge: Int32(eAB), offsetMeters: 100))])
        #expect(abs(fromB.seconds[a] - 3 * secondsPer100m) < 1e-9)
        // No arc leaves b towards a.
        for k in Int(g.arcStart[b])..<Int(g.arcStart[b + 1]) { #expect(g.arcHead[k] != Int32(a)) }
        // Reach from b within half a block: none of the one-way street (entered at its end).
        let r = try g.reach(from: [SearchSource(EdgePosition(edge: Int32(eAB), offsetMeters: 100))],
                            thresholdsSeconds: [secondsPer100m / 2])
        #expect(r.pieces.allSatisfy { $0.piece.edge != Int32(eAB) || $0.piece.lengthMeters == 0 })
        #expect(abs(r.reachedLengthMeters[0] - 100) < 1e-6)  // 50 m north + 50 m east of b
        // A source mid-way on the one-way street reaches only forward along it.
        let mid = try g.reach(from: [SearchSource(EdgePosition(edge: Int32(eAB), offsetMeters: 50))],
                              thresholdsSeconds: [secondsPer100m / 4])
        let onEdge = mid.pieces.filter { $0.piece.edge == Int32(eAB) }
        #expect(onEdge.count == 1)
        #expect(abs(onEdge[0].piece.fromMeters - 50) < 1e-9 && abs(onEdge[0].piece.toMeters - 75) < 1e-9)
        // Walk mode ignores one-way.
        let w = try GraphBuilder.build(streets: handGrid(), mode: .walk)
        #expect(w.arcCount == 24)
        let wb = w.shortestTimes(from: [SearchSource(EdgePosition(edge: Int32(eAB), offsetMeters: 100))])
        #expect(abs(wb.seconds[a] - 100 / (5 / 3.6)) < 1e-9)
    }

    @Test func reverseOnewayAndComponents() throws {
        let g = try GraphBuilder.build(streets: handGrid(oneway: .reverse), mode: .drive)
        let a = try #require(nodeIndex(g, Point(0, 0))), b = try #require(nodeIndex(g, Point(100, 0)))
        let e = try #require((0..<g.edgeCount).first { g.streetId(ofEdge: $0) == "h00" })
        #expect(g.allowsBackward(e) && !g.allowsForward(e))
        let t = g.shortestTimes(from: [SearchSource(EdgePosition(edge: Int32(e), offsetMeters: 0))])
        #expect(abs(t.seconds[b] - 3 * 100 / (30 / 3.6)) < 1e-9)
        #expect(t.seconds[a] == 0)
        #expect(g.report.componentCount == 1)
        // A lone one-way dead end forms its own strongly connected components.
        var streets = handGrid()
        streets.append(Street(id: "spur", highway: "residential", oneway: .forward, points: [Point(200, 200), Point(300, 300)]))
        let g2 = try GraphBuilder.build(streets: streets, mode: .drive)
        #expect(g2.report.componentCount == 2)
        #expect(abs(g2.report.lengthOutsideMainComponentMeters - 100 * 2.0.squareRoot()) < 1e-9)
    }

    @Test func splitsAtSharedVerticesAndKeepsLength() throws {
        // Two lines crossing at a shared interior vertex, one passing a vertex used once.
        let s = [
            Street(id: "a", highway: "residential", points: [Point(0, 0), Point(50, 0), Point(100, 0)]),
            Street(id: "b", highway: "residential", points: [Point(50, -50), Point(50, 0), Point(50, 50)]),
            Street(id: "c", highway: "residential", points: [Point(100, 0), Point(150, 10), Point(200, 0)]),
        ]
        let g = try GraphBuilder.build(streets: s, mode: .drive)
        #expect(g.nodeCount == 6)  // (0,0) (50,0) (100,0) (50,-50) (50,50) (200,0)
        #expect(g.edgeCount == 5)
        let total = s.reduce(0) { $0 + Planar.length($1.points) }
        #expect(abs(g.totalLengthMeters - total) < 1e-9)
        #expect(g.geometry(ofEdge: 4).count == 3)  // c keeps its middle vertex
    }

    @Test func genericNodingCrossingsEndJoinsAndSnapping() throws {
        let x = [
            Street(id: "we", highway: "residential", points: [Point(0, 0), Point(100, 0)]),
            Street(id: "sn", highway: "residential", points: [Point(40, -50), Point(40, 50)]),
            // Ends 0.3 m short of "we": a T-junction digitised without snapping.
            Street(id: "t", highway: "residential", points: [Point(80, 60), Point(80, 0.3)]),
            // Starts 0.2 m from the end of "we".
            Street(id: "near", highway: "residential", points: [Point(100.2, 0), Point(150, 0)]),
        ]
        let exact = try GraphBuilder.build(streets: x, mode: .walk)
        #expect(exact.edgeCount == 4)
        #expect(exact.report.componentCount == 4)
        let noded = try GraphBuilder.build(streets: x, mode: .walk, noding: .generic)
        #expect(noded.report.crossingsNoded == 1)
        #expect(noded.report.endpointsJoined == 1)
        #expect(noded.report.mergedVertices >= 1)
        #expect(noded.report.componentCount == 1)
        // we: split at 40 (crossing) and 80 (join); sn: split at 0 → 2; t: 1; near: 1.
        #expect(noded.edgeCount == 3 + 2 + 1 + 1)
        let inputLength = x.reduce(0) { $0 + Planar.length($1.points) }
        // Each join/snap moves a vertex by at most the 0.5 m tolerance.
        #expect(abs(noded.totalLengthMeters - inputLength) < 2 * 0.5 + 1e-9)
        // Crossing only, no tolerance.
        let cross = try GraphBuilder.build(streets: Array(x.prefix(2)), mode: .walk,
                                           noding: NodingOptions(snapToleranceMeters: 0, nodeCrossings: true))
        #expect(cross.edgeCount == 4)
        #expect(cross.nodeCount == 5)
        #expect(abs(cross.totalLengthMeters - 200) < 1e-9)
    }

    @Test func degenerateAndOtherModeStreetsAreCounted() throws {
        let s = [
            Street(id: "ok", highway: "residential", points: [Point(0, 0), Point(10, 0)]),
            Street(id: "dot", highway: "residential", points: [Point(5, 5), Point(5, 5)]),
            Street(id: "foot", highway: "footway", points: [Point(0, 0), Point(0, 10)]),
            Street(id: "zero-limit", highway: "residential", maxspeedKmh: 0, points: [Point(10, 0), Point(20, 0)]),
        ]
        let g = try GraphBuilder.build(streets: s, mode: .drive)
        #expect(g.report.degenerateStreets == ["dot"])
        #expect(g.report.streetsOtherMode == 1)
        #expect(g.report.invalidMaxspeedStreets == ["zero-limit"])
        #expect(g.edgeCount == 2)
        #expect(abs(g.edgeSeconds[1] - 10 / (30 / 3.6)) < 1e-12)  // class speed, not 0 km/h
        let bad = [Street(id: "nan", highway: "residential", points: [Point(0, 0), Point(.nan, 1)])]
        #expect(throws: CovplanError.self) { try GraphBuilder.build(streets: bad, mode: .drive) }
    }

    @Test func helsinkiGraphKeepsEveryMetre() throws {
        let city = try #require(Helsinki.city)
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: city.streets, mode: mode)
            let lines = city.streets.filter { mode.admits($0) }.reduce(0) { $0 + $1.lengthMeters }
            #expect(abs(g.totalLengthMeters - lines) <= 0.001 * lines, "mode \(mode)")
            #expect(g.report.streetsUsed + g.report.streetsOtherMode + g.report.degenerateStreets.count == city.streets.count)
            // Every arc's time is its edge's length over a positive speed.
            for e in 0..<g.edgeCount { #expect(g.edgeSeconds[e] > 0 && g.edgeLengthMeters[e] > 0) }
            #expect(g.report.largestComponents.first!.lengthMeters > 0.5 * g.totalLengthMeters)
        }
        let drive = try GraphBuilder.build(streets: city.streets, mode: .drive)
        #expect(abs(drive.totalLengthMeters - city.drivableLengthMeters) <= 0.001 * city.drivableLengthMeters)
    }
}
