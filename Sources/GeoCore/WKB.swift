/// Well-Known Binary (ISO / OGC SFA) reading and writing for 2-D geometries.
///
/// This is how geometries cross the GDAL and GEOS bridges as plain bytes. Z and M ordinates are
/// accepted on input and dropped (covplan is planar 2-D); output is always little-endian 2-D.
public enum WKB {
    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public let message: String
        public init(message: String) { self.message = message }
        public var description: String { "invalid WKB: \(message)" }
    }

    /// Decodes one geometry. Throws `DecodeError` for truncated or unsupported input.
    /// Deepest nesting of multi-geometries and collections read (GDAL's own limit is 32); deeper
    /// input throws instead of exhausting the stack.
    public static let maxDepth = 32

    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Geometry {
        var r = Reader(bytes: bytes)
        return try r.geometry()
    }

    public static func decode(_ bytes: [UInt8]) throws -> Geometry {
        try bytes.withUnsafeBytes { try decode($0) }
    }

    /// Encodes a geometry as little-endian 2-D WKB.
    public static func encode(_ g: Geometry) -> [UInt8] {
        var w = Writer()
        w.geometry(g)
        return w.out
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var pos = 0
        var little = true
        /// Nesting of collections: member geometries are read recursively.
        var depth = 0

        mutating func byte() throws -> UInt8 {
            guard pos < bytes.count else { throw DecodeError(message: "truncated at byte \(pos)") }
            defer { pos += 1 }
            return bytes[pos]
        }

        mutating func uint32() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw DecodeError(message: "truncated at byte \(pos)") }
            let v = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt32.self))
            pos += 4
            return little ? v : v.byteSwapped
        }

        mutating func double() throws -> Double {
            guard pos + 8 <= bytes.count else { throw DecodeError(message: "truncated at byte \(pos)") }
            let v = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
            pos += 8
            return Double(bitPattern: little ? v : v.byteSwapped)
        }

        /// A declared element count, checked against the bytes left: each element needs at least
        /// `minBytes` (a ring its 4-byte count, a member geometry 9), so an absurd count (4 billion
        /// in a 20-byte blob) is refused before anything is allocated for it.
        mutating func count(minBytes: Int) throws -> Int {
            let n = Int(try uint32())
            guard n <= (bytes.count - pos) / minBytes else { throw DecodeError(message: "element count \(n) exceeds data") }
            return n
        }

        mutating func geometry() throws -> Geometry {
            let order = try byte()
            guard order <= 1 else { throw DecodeError(message: "bad byte order \(order)") }
            little = order == 1
            var type = try uint32()
            // EWKB flags (PostGIS) and ISO Z/M/ZM offsets.
            var dims = 2
            if type & 0x8000_0000 != 0 { dims += 1 }
            if type & 0x4000_0000 != 0 { dims += 1 }
            if type & 0x2000_0000 != 0 { _ = try uint32() }  // SRID
            type &= 0x0FFF_FFFF
            switch type / 1000 {
            case 1, 2: dims = 3
            case 3: dims = 4
            default: break
            }
            let base = type % 1000
            switch base {
            case 1: return .point(try point(dims))
            case 2: return .lineString(try points(dims))
            case 3: return .polygon(try polygon(dims))
            case 4: return .multiPoint(try children().map { g in
                guard case .point(let p) = g else { throw DecodeError(message: "MultiPoint member is \(g.typeName)") }
                return p
            })
            case 5: return .multiLineString(try children().map { g in
                guard case .lineString(let l) = g else { throw DecodeError(message: "MultiLineString member is \(g.typeName)") }
                return l
            })
            case 6: return .multiPolygon(try children().map { g in
                guard case .polygon(let p) = g else { throw DecodeError(message: "MultiPolygon member is \(g.typeName)") }
                return p
            })
            case 7: return .collection(try children())
            default: throw DecodeError(message: "unsupported geometry type \(type)")
            }
        }

        mutating func children() throws -> [Geometry] {
            // The smallest member is 9 bytes: byte order, type, an empty count.
            let n = try count(minBytes: 9)
            guard depth < WKB.maxDepth else {
                throw DecodeError(message: "geometry collections nested deeper than \(WKB.maxDepth) levels")
            }
            depth += 1
            defer { depth -= 1 }
            var out: [Geometry] = []
            out.reserveCapacity(n)
            let saved = little
            for _ in 0..<n {
                out.append(try geometry())
                little = saved
            }
            return out
        }

        mutating func point(_ dims: Int) throws -> Point {
            let x = try double(), y = try double()
            for _ in 2..<dims { _ = try double() }
            return Point(x, y)
        }

        mutating func points(_ dims: Int) throws -> [Point] {
            let n = try count(minBytes: 1)
            // One bounds check for the whole run of coordinates.
            let stride = 8 * dims
            guard n <= (bytes.count - pos) / stride else { throw DecodeError(message: "truncated at byte \(pos)") }
            let start = bytes.baseAddress! + pos
            pos += stride * n
            let swap = !little
            @inline(__always) func ordinate(_ offset: Int) -> Double {
                let v = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                return Double(bitPattern: swap ? v.byteSwapped : v)
            }
            return [Point](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n {
                    (buffer.baseAddress! + i).initialize(to: Point(ordinate(i * stride), ordinate(i * stride + 8)))
                }
                initialized = n
            }
        }

        mutating func polygon(_ dims: Int) throws -> Polygon {
            let n = try count(minBytes: 4)
            guard n > 0 else { return Polygon(exterior: []) }
            let ext = try points(dims)
            var holes: [Ring] = []
            for _ in 1..<n { holes.append(try points(dims)) }
            return Polygon(exterior: ext, holes: holes)
        }
    }

    struct Writer {
        var out: [UInt8] = []

        mutating func u32(_ v: UInt32) {
            withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func f64(_ v: Double) {
            withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func header(_ type: UInt32) {
            out.append(1)
            u32(type)
        }

        mutating func pts(_ ps: [Point]) {
            u32(UInt32(ps.count))
            out.reserveCapacity(out.count + 16 * ps.count)
            for p in ps { f64(p.x); f64(p.y) }
        }

        mutating func poly(_ p: Polygon) {
            header(3)
            if p.exterior.isEmpty { u32(0); return }
            u32(UInt32(1 + p.holes.count))
            pts(p.exterior)
            for h in p.holes { pts(h) }
        }

        mutating func geometry(_ g: Geometry) {
            switch g {
            case .point(let p): header(1); f64(p.x); f64(p.y)
            case .lineString(let l): header(2); pts(l)
            case .polygon(let p): poly(p)
            case .multiPoint(let ps):
                header(4); u32(UInt32(ps.count))
                for p in ps { header(1); f64(p.x); f64(p.y) }
            case .multiLineString(let ls):
                header(5); u32(UInt32(ls.count))
                for l in ls { header(2); pts(l) }
            case .multiPolygon(let ps):
                header(6); u32(UInt32(ps.count))
                for p in ps { poly(p) }
            case .collection(let gs):
                header(7); u32(UInt32(gs.count))
                for c in gs { geometry(c) }
            }
        }
    }
}
