import GeoCore
import PropertyBased
import Testing

@Suite struct BinaryHeapTests {
    @Test func popsInKeyOrder() async {
        await propertyCheck(count: 100, input: Gen.double(in: -1000...1000).array(of: 0...200)) { keys in
            var h = BinaryHeap<Int>()
            for (i, k) in keys.enumerated() { h.push(k, i) }
            var out: [Double] = []
            while let (k, _) = h.pop() { out.append(k) }
            #expect(out == keys.sorted())
        }
    }
}
