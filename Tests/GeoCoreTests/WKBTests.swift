import GeoCore
import Testing

@Suite struct WKBTests {
    @Test func roundTripsEveryType() throws {
        let ring: Ring = [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 0)]
        let geoms: [Geometry] = [
            .point(Point(24.9, 60.1)), .multiPoint([Point(1, 2), Point(3, 4)]),
            .lineString([Point(0, 0), Point(1, 1)]), .multiLineString([[Point(0, 0), Point(1, 1)], [Point(2, 2), Point(3, 3)]]),
            .polygon(Polygon(exterior: ring, holes: [ring])), .multiPolygon([Polygon(exterior: ring)]),
            .collection([.point(Point(1, 1)), .lineString([Point(0, 0), Point(2, 2)])]),
        ]
        for g in geoms { #expect(try WKB.decode(WKB.encode(g)) == g) }
    }

    @Test func readsBigEndianAndDropsZ() throws {
        // Big-endian ISO "Point Z" (1001) with x=1, y=2, z=3.
        var bytes: [UInt8] = [0, 0, 0, 0x03, 0xE9]
        for v in [1.0, 2.0, 3.0] { bytes += withUnsafeBytes(of: v.bitPattern.bigEndian, Array.init) }
        #expect(try WKB.decode(bytes) == .point(Point(1, 2)))
    }

    @Test func rejectsTruncatedInput() {
        let bytes = WKB.encode(.lineString([Point(0, 0), Point(1, 1)]))
        #expect(throws: WKB.DecodeError.self) { try WKB.decode(Array(bytes.dropLast(3))) }
        #expect(throws: WKB.DecodeError.self) { try WKB.decode([1, 99, 0, 0, 0]) }
    }

    /// Collections nested 200,000 deep (1.8 MB) used to recurse once per level and overflow the
    /// stack; anything deeper than `WKB.maxDepth` now throws. 32 levels still decode.
    @Test func refusesDeepNesting() throws {
        func nested(_ levels: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            for _ in 0..<levels { bytes += [1, 7, 0, 0, 0, 1, 0, 0, 0] }
            return bytes + WKB.encode(.point(Point(1, 2)))
        }
        #expect(throws: WKB.DecodeError.self) { try WKB.decode(nested(200_000)) }
        #expect(throws: WKB.DecodeError.self) { try WKB.decode(nested(WKB.maxDepth + 1)) }
        var g = Geometry.point(Point(1, 2))
        for _ in 0..<WKB.maxDepth { g = .collection([g]) }
        #expect(try WKB.decode(nested(WKB.maxDepth)) == g)
    }

    /// A member or ring count larger than the bytes left could hold (9 bytes per member, 4 per
    /// ring) is refused before anything is reserved for it.
    @Test func refusesCountsTheDataCannotHold() {
        // A collection of 20 members has at least 180 bytes; 40 bytes follow.
        var bytes: [UInt8] = [1, 7, 0, 0, 0, 20, 0, 0, 0]
        bytes += [UInt8](repeating: 0, count: 40)
        #expect(throws: WKB.DecodeError.self) { try WKB.decode(bytes) }
        // A polygon of 0xFFFFFFFF rings.
        #expect(throws: WKB.DecodeError.self) { try WKB.decode([1, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]) }
        // Nested collections each declaring as many members as bytes remain.
        var bomb: [UInt8] = []
        for _ in 0..<30 { bomb += [1, 7, 0, 0, 0, 0xFF, 0xFF, 0x0F, 0] }
        bomb += [UInt8](repeating: 0, count: 1 << 20)
        #expect(throws: WKB.DecodeError.self) { try WKB.decode(bomb) }
    }
}
