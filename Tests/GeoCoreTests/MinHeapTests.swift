import GeoCore
import PropertyBased
import Testing

/// The one heap's pop sequence against a plain sort: by (key, payload) for `OrderedHeap`, ties
/// included, interleaved pushes and pops included; by key for `SearchHeap`.
@Suite struct MinHeapTests {
    @Test func searchHeapPopsInKeyOrder() async {
        await propertyCheck(count: 100, input: Gen.double(in: -1000...1000).array(of: 0...200)) { keys in
            var h = SearchHeap<Int>()
            for (i, k) in keys.enumerated() { h.push(k, i) }
            var out: [Double] = []
            var payloads = Set<Int>()
            while let (k, p) = h.pop() { out.append(k); payloads.insert(p) }
            #expect(out == keys.sorted())
            #expect(payloads == Set(keys.indices))
        }
    }

    /// The max-heap adapter of the solvers is the same heap on negated keys.
    @Test func negatedKeysPopLargestFirstWithTiesByPayload() {
        var h = OrderedHeap<Int32>()
        for (k, p) in [(1.0, Int32(5)), (3.0, 2), (3.0, 1), (2.0, 0)] { h.push(-k, p) }
        var out: [(Double, Int32)] = []
        while let e = h.pop() { out.append((-e.key, e.payload)) }
        #expect(out.map(\.0) == [3, 3, 2, 1] && out.map(\.1) == [1, 2, 0, 5])
    }

    @Test func popsInKeyThenTagOrder() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<50 {
            var heap = OrderedHeap<Int32>(minimumCapacity: 8)
            var reference: [(Double, Int32)] = []
            var popped: [(Double, Int32)] = []
            var expected: [(Double, Int32)] = []
            for _ in 0..<(round * 20 + 5) {
                if Int.random(in: 0..<4, using: &rng) == 0, let top = heap.pop() {
                    popped.append((top.key, top.payload))
                    let i = reference.indices.min { reference[$0] < reference[$1] }!
                    expected.append(reference.remove(at: i))
                } else {
                    // Few distinct keys, so ties are common.
                    let e = (Double(Int.random(in: 0..<6, using: &rng)) / 2, Int32.random(in: 0..<1000, using: &rng))
                    heap.push(e.0, e.1)
                    reference.append(e)
                }
            }
            while let top = heap.pop() { popped.append((top.key, top.payload)) }
            expected += reference.sorted { $0 < $1 }
            #expect(popped.map(\.0) == expected.map(\.0) && popped.map(\.1) == expected.map(\.1))
            #expect(heap.isEmpty && heap.top == nil)
        }
    }
}
