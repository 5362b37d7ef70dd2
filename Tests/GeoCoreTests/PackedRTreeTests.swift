import GeoCore
import PropertyBased
import Testing
import TestSupport

@Suite struct PackedRTreeTests {
    static func boxes(_ n: Int, seed: UInt64) -> [Envelope] {
        var rng = SeededRandom(seed: seed)
        return (0..<n).map { _ in
            let x = Double.random(in: 0..<1000, using: &rng), y = Double.random(in: 0..<1000, using: &rng)
            let w = Double.random(in: 0..<30, using: &rng), h = Double.random(in: 0..<30, using: &rng)
            return Envelope(minX: x, minY: y, maxX: x + w, maxY: y + h)
        }
    }

    @Test(arguments: [0, 1, 2, 15, 16, 17, 257, 3000])
    func searchMatchesBruteForce(n: Int) {
        let items = Self.boxes(n, seed: UInt64(n) + 1)
        let tree = PackedRTree(items)
        var rng = SeededRandom(seed: 99)
        for _ in 0..<50 {
            let x = Double.random(in: -50..<1000, using: &rng), y = Double.random(in: -50..<1000, using: &rng)
            let q = Envelope(minX: x, minY: y, maxX: x + Double.random(in: 0..<200, using: &rng),
                             maxY: y + Double.random(in: 0..<200, using: &rng))
            let expected = items.indices.filter { items[$0].intersects(q) }
            #expect(tree.search(q) == expected)
        }
    }

    @Test func nearestMatchesBruteForce() async {
        await propertyCheck(count: 40, input: Gen.int(in: 1...600), Gen.int(in: 1...5)) { n, k in
            let items = Self.boxes(n, seed: UInt64(n * 7 + k))
            let tree = PackedRTree(items, nodeSize: 8)
            let centres = items.map(\.center)
            let q = Point(500, 500)
            let got = tree.nearest(to: q, k: k) { centres[$0].distanceSquared(to: q) }
            let want = centres.indices.map { centres[$0].distance(to: q) }.sorted().prefix(k)
            #expect(got.map(\.distance) == Array(want))
        }
    }

    @Test func nearestRespectsMaxDistance() {
        let items = [Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0), Envelope(minX: 10, minY: 0, maxX: 10, maxY: 0)]
        let tree = PackedRTree(items)
        let r = tree.nearest(to: Point(9, 0), k: 2, maxDistance: 5) { items[$0].center.distanceSquared(to: Point(9, 0)) }
        #expect(r.map(\.item) == [1])
    }
}

@Suite struct PackedRTreeNearestOneTests {
    /// `nearestOne` is `nearest(k: 1)` without allocation: the same item (also among equally
    /// near ones: a grid of equal boxes queried at grid points and cell centres), the distance
    /// of a brute-force minimum, nil beyond the maximum distance; one heap reused throughout.
    @Test func nearestOneIsTheFirstOfNearest() {
        var grid: [Envelope] = []
        for i in 0..<30 { for j in 0..<30 { grid.append(Envelope(minX: Double(i) * 10, minY: Double(j) * 10, maxX: Double(i) * 10 + 4, maxY: Double(j) * 10 + 4)) } }
        var heap = SearchHeap<(Int, Int)>()
        for items in [grid, PackedRTreeTests.boxes(2000, seed: 5), PackedRTreeTests.boxes(3, seed: 6)] {
            let tree = PackedRTree(items, nodeSize: 16)
            var rng = SeededRandom(seed: 7)
            for q in 0..<300 {
                let p = q < 100 ? Point(Double(q % 10) * 7, Double(q / 10) * 7)
                    : Point(Double.random(in: -100..<1100, using: &rng), Double.random(in: -100..<1100, using: &rng))
                func d2(_ i: Int) -> Double {
                    let e = items[i]
                    let dx = max(e.minX - p.x, 0, p.x - e.maxX), dy = max(e.minY - p.y, 0, p.y - e.maxY)
                    return dx * dx + dy * dy
                }
                let limit = q % 3 == 0 ? 5.0 : .infinity
                let want = tree.nearest(to: p, k: 1, maxDistance: limit, distanceSquared: d2).first
                let got = tree.nearestOne(to: p, maxDistance: limit, heap: &heap, distanceSquared: d2)
                #expect(got?.item == want?.item && got?.distance == want?.distance)
                let brute = items.indices.map { d2($0).squareRoot() }.min()!
                if brute <= limit { #expect(got?.distance == brute) } else { #expect(got == nil) }
            }
        }
    }
}
