extension GeoPackageBinary {
    /// Reads the points of a blob whose geometry is a polygon of exactly one ring, or a
    /// multipolygon of exactly one such polygon (2-D, Z, M or ZM, either byte order, ISO or EWKB
    /// type codes), into `ring` (emptied first, its capacity kept, so a reader can reuse one
    /// buffer for every row), Z and M dropped. Returns false for anything else (NULL, empty,
    /// extended or malformed blobs, other types, holes, several parts, no points), leaving
    /// `ring` unspecified: `decode` then reads the blob (or refuses it) as before.
    ///
    /// When it returns true, `decode` of the same bytes gives `.polygon(Polygon(exterior: ring))`
    /// or `.multiPolygon([Polygon(exterior: ring)])` with exactly these coordinates: the checks
    /// here are `decode`'s, and more. O(points), no allocation once `ring` has the capacity.
    public static func singleRing(_ bytes: UnsafeRawPointer?, count: Int, into ring: inout [Point]) -> Bool {
        guard let bytes, count >= 8 else { return false }
        let blob = UnsafeRawBufferPointer(start: bytes, count: count)
        guard blob[0] == 0x47, blob[1] == 0x50 else { return false }
        let flags = blob[3]
        guard flags & 0b0011_0000 == 0 else { return false }  // extended, or empty
        let envelopeDoubles: Int
        switch (flags >> 1) & 0b111 {
        case 0: envelopeDoubles = 0
        case 1: envelopeDoubles = 4
        case 2, 3: envelopeDoubles = 6
        case 4: envelopeDoubles = 8
        default: return false
        }
        var r = RingReader(bytes: blob, pos: 8 + 8 * envelopeDoubles)
        guard r.pos < count, let (base, dims) = r.header() else { return false }
        switch base {
        case 3:
            return r.polygonOfOneRing(dims: dims, into: &ring)
        case 6:
            // One member (at least 9 bytes, as `decode` requires), itself a polygon.
            guard let members = r.count(minBytes: 9), members == 1,
                  let (memberBase, memberDims) = r.header(), memberBase == 3 else { return false }
            return r.polygonOfOneRing(dims: memberDims, into: &ring)
        default:
            return false
        }
    }

    /// The cursor of `singleRing`: `WKB.Reader`'s rules without building geometry values.
    struct RingReader {
        let bytes: UnsafeRawBufferPointer
        var pos: Int
        var little = true

        mutating func uint32() -> UInt32? {
            guard pos + 4 <= bytes.count else { return nil }
            let v = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt32.self))
            pos += 4
            return little ? v : v.byteSwapped
        }

        /// A declared element count that `WKB.Reader.count(minBytes:)` accepts.
        mutating func count(minBytes: Int) -> Int? {
            guard let v = uint32() else { return nil }
            let n = Int(v)
            return n <= (bytes.count - pos) / minBytes ? n : nil
        }

        /// Byte order and type code: the base type (1…7) and the dimension count.
        mutating func header() -> (base: UInt32, dims: Int)? {
            guard pos < bytes.count else { return nil }
            let order = bytes[pos]
            guard order <= 1 else { return nil }
            pos += 1
            little = order == 1
            guard var type = uint32() else { return nil }
            var dims = 2
            if type & 0x8000_0000 != 0 { dims += 1 }
            if type & 0x4000_0000 != 0 { dims += 1 }
            if type & 0x2000_0000 != 0 { guard uint32() != nil else { return nil } }  // SRID
            type &= 0x0FFF_FFFF
            switch type / 1000 {
            case 1, 2: dims = 3
            case 3: dims = 4
            default: break
            }
            return (type % 1000, dims)
        }

        /// A polygon body of exactly one ring with at least one point, into `ring`.
        mutating func polygonOfOneRing(dims: Int, into ring: inout [Point]) -> Bool {
            guard let rings = count(minBytes: 4), rings == 1, let n = count(minBytes: 1), n > 0 else { return false }
            let stride = 8 * dims
            guard n <= (bytes.count - pos) / stride else { return false }
            let start = bytes.baseAddress! + pos
            pos += stride * n
            let swap = !little
            @inline(__always) func ordinate(_ offset: Int) -> Double {
                let v = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                return Double(bitPattern: swap ? v.byteSwapped : v)
            }
            ring.removeAll(keepingCapacity: true)
            ring.reserveCapacity(n)
            for i in 0..<n { ring.append(Point(ordinate(i * stride), ordinate(i * stride + 8))) }
            return true
        }
    }
}
