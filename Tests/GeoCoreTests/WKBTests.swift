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
}
