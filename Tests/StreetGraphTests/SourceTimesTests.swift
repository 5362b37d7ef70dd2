import CityModel
import GeoCore
import StreetGraph
import Testing
import TestSupport

/// `SourceTimes` follows one-source edits and must equal a full `shortestTimes` search on the
/// edited list bit for bit, times and labels, including on grids where many nodes are reached
/// at exactly the same time from different sources (the tie rule is what the labels hinge on).
@Suite struct SourceTimesTests {
    /// A square grid of equal two-way residential streets, `n`×`n` nodes `step` metres apart.
    static func grid(_ n: Int, step: Double = 100) -> [Street] {
        var out: [Street] = []
        for i in 0..<n {
            for j in 0..<n {
                let p = Point(Double(i) * step, Double(j) * step)
                if i + 1 < n { out.append(Street(id: "h\(i)-\(j)", highway: "residential", oneway: .no, maxspeedKmh: nil, points: [p, Point(p.x + step, p.y)])) }
                if j + 1 < n { out.append(Street(id: "v\(i)-\(j)", highway: "residential", oneway: .no, maxspeedKmh: nil, points: [p, Point(p.x, p.y + step)])) }
            }
        }
        return out
    }

    /// A random source: at an edge end (a node, where sources tie), the middle of an edge (equal
    /// times both ways on a grid) or anywhere along it.
    static func source(_ g: RoadGraph, _ rng: inout SeededRandom) -> SearchSource {
        let e = Int.random(in: 0..<g.edgeCount, using: &rng)
        let l = g.edgeLengthMeters[e]
        let offsets = [0, l, l / 2, Double.random(in: 0...l, using: &rng)]
        return SearchSource(EdgePosition(edge: Int32(e), offsetMeters: offsets[Int.random(in: 0..<4, using: &rng)]))
    }

    static func check(_ g: RoadGraph, seed: UInt64, steps: Int) {
        var rng = SeededRandom(seed: seed)
        var list = (0..<3).map { _ in source(g, &rng) }
        var st = SourceTimes(graph: g, sources: list)
        var incremental = 0
        for step in 0..<steps {
            let k = Int.random(in: 0..<4, using: &rng)
            var removed: Int?
            if k == 0 || list.count < 2 {
                list.append(source(g, &rng))
            } else if k == 1 {
                let i = Int.random(in: 0..<list.count, using: &rng)
                list[i] = Int.random(in: 0..<3, using: &rng) == 0 ? list[Int.random(in: 0..<list.count, using: &rng)] : source(g, &rng)
                removed = i
            } else if k == 2 {
                let i = Int.random(in: 0..<list.count, using: &rng)
                list.remove(at: i)
                removed = i
            } else {
                // Insert in the middle (a post that now snaps, before others that do).
                list.insert(source(g, &rng), at: Int.random(in: 0...list.count, using: &rng))
            }
            st.update(to: list, removed: removed)
            let full = g.shortestTimes(from: list)
            #expect(st.times.seconds.map(\.bitPattern) == full.seconds.map(\.bitPattern), "seed \(seed) step \(step)")
            #expect(st.times.source == full.source, "seed \(seed) step \(step)")
            incremental += 1
        }
        #expect(incremental == steps)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func gridWithTies(seed: UInt64) throws {
        let g = try GraphBuilder.build(streets: Self.grid(12), mode: .drive)
        // The grid really has ties: two sources give some node the same time.
        let a = SearchSource(EdgePosition(edge: 0, offsetMeters: 0))
        let far = g.shortestTimes(from: [a]).seconds
        #expect(Set(far.filter(\.isFinite)).count < far.count / 2)
        Self.check(g, seed: seed, steps: 40)
    }

    @Test(arguments: [4, 5, 6] as [UInt64])
    func randomStreets(seed: UInt64) throws {
        for mode in TravelMode.allCases {
            let g = try GraphBuilder.build(streets: RandomStreets.make(seed: seed, nodes: 80, streets: 200), mode: mode)
            Self.check(g, seed: seed &+ 100, steps: 30)
        }
    }
}
