import GeoCore
import Testing

/// The heap's pop sequence against a plain sort by (key, tag): ties included, interleaved
/// pushes and pops included.
@Suite struct OrderedHeapTests {
    @Test func popsInKeyThenTagOrder() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<50 {
            var heap = OrderedHeap<Int32>(minimumCapacity: 8)
            var reference: [(Double, Int32)] = []
            var popped: [(Double, Int32)] = []
            var expected: [(Double, Int32)] = []
            for _ in 0..<(round * 20 + 5) {
                if Int.random(in: 0..<4, using: &rng) == 0, let top = heap.pop() {
                    popped.append((top.key, top.tag))
                    let i = reference.indices.min { reference[$0] < reference[$1] }!
                    expected.append(reference.remove(at: i))
                } else {
                    // Few distinct keys, so ties are common.
                    let e = (Double(Int.random(in: 0..<6, using: &rng)) / 2, Int32.random(in: 0..<1000, using: &rng))
                    heap.push(e.0, e.1)
                    reference.append(e)
                }
            }
            while let top = heap.pop() { popped.append((top.key, top.tag)) }
            expected += reference.sorted { $0 < $1 }
            #expect(popped.map(\.0) == expected.map(\.0) && popped.map(\.1) == expected.map(\.1))
            #expect(heap.isEmpty && heap.top == nil)
        }
    }
}
