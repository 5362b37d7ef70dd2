import GeoCore
import Testing

/// `PackedStrings` against the array of strings it stands for.
@Suite struct PackedStringsTests {
    @Test func holdsTheStringsInOrder() {
        let strings = ["way/1", "", "t3_12/way/1234567890123", "Пушкина көшесі", "w", String(repeating: "x", count: 300)]
        let p = PackedStrings(strings)
        #expect(Array(p) == strings && p.count == strings.count)
        #expect(p.offsets.first == 0 && p.offsets.last == p.bytes.count)
        #expect(p.bytes.count == strings.reduce(0) { $0 + $1.utf8.count })
        #expect(PackedStrings([String]()).isEmpty)
        // Equal exactly when the strings are.
        #expect(p == PackedStrings(strings) && p != PackedStrings(strings.reversed()))
        #expect(PackedStrings(["ab", "c"]) != PackedStrings(["a", "bc"]))
    }

    @Test func storedFormIsCheckedAndDecodesAsStringDecoding() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x63]
        let p = PackedStrings(bytes: bytes, offsets: [0, 3, 4])
        #expect(p?[0] == String(decoding: bytes[0..<3], as: UTF8.self) && p?[1] == "c")
        for bad in [[Int](), [1, 4], [0, 3], [0, 3, 2, 4], [0, 5]] {
            #expect(PackedStrings(bytes: bytes, offsets: bad) == nil, "\(bad)")
        }
    }
}
