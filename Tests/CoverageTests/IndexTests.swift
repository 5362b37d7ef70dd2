import Coverage
import GeoCore
import PropertyBased
import Testing

/// The street-segment index against brute force.
@Suite struct IndexTests {
    @Test func lineSetSearchFindsExactlyTheIntersectingSegments() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let o = Point(400_000, 6_000_000)
            // Mostly short segments, some very long ones crossing many grid cells.
            let lines: [[Point]] = (0..<60).map { _ in
                let n = 2 + Int(rng.nextUnit() * 4)
                var p = o + Point(rng.nextUnit() * 2000, rng.nextUnit() * 2000)
                return (0..<n).map { _ in
                    let step = rng.nextUnit() < 0.1 ? 900.0 : 40.0
                    p = p + Point((rng.nextUnit() - 0.5) * step, (rng.nextUnit() - 0.5) * step)
                    return p
                }
            }
            let set = LineSet(lines: lines)
            for _ in 0..<30 {
                let c = o + Point(rng.nextUnit() * 2200 - 100, rng.nextUnit() * 2200 - 100)
                let r = rng.nextUnit() * 150
                let q = Envelope(minX: c.x - r, minY: c.y - r, maxX: c.x + r, maxY: c.y + r)
                var found: [Int] = []
                set.search(q) { found.append($0) }
                let expected = (0..<set.segmentCount).filter { s in
                    Envelope(of: [set.a(s), set.b(s)]).intersects(q)
                }
                #expect(found.sorted() == expected)
                #expect(Set(found).count == found.count, "a segment was reported twice")
                // Nearest segment against brute force.
                let best = (0..<set.segmentCount).map { Planar.closestOnSegment(c, set.a($0), set.b($0)).distanceSquared }
                    .enumerated().min { $0.element < $1.element || ($0.element == $1.element && $0.offset < $1.offset) }!
                if let hit = set.nearestSegment(to: c, maxDistance: 200) {
                    #expect(abs(hit.distance - best.element.squareRoot()) < 1e-9)
                } else {
                    #expect(best.element.squareRoot() > 200)
                }
            }
        }
    }
}
