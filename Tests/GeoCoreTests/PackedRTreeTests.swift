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
