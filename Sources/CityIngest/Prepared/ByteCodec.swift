import GeoCore

/// Appends little-endian fixed-width values to a byte array (the prepared-city writer).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    /// The IEEE 754 bit pattern, so every value (−0, NaN payloads) survives exactly.
    mutating func f64(_ v: Double) { u64(v.bitPattern) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    /// u32 byte length, then the UTF-8 bytes.
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes += utf8
    }
    /// u8 presence flag, then the string when present.
    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
    mutating func strings(_ list: [String]) {
        u32(UInt32(list.count))
        for s in list { string(s) }
    }
    mutating func raw(_ b: [UInt8]) { bytes += b }
    /// Zero bytes up to the next multiple of `alignment`.
    mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}

/// Reads little-endian fixed-width values from a byte range with a bounds check on every read:
/// a declared length or count beyond the bytes left is a `PreparedCityFault`, never a read
/// past the end or an allocation of the declared size.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    let end: Int
    /// What is being read, for messages ("the metadata").
    let what: String

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil, what: String) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
        self.what = what
    }

    var remaining: Int { end - offset }

    mutating func need(_ n: Int) throws(PreparedCityFault) {
        guard n >= 0, n <= remaining else {
            throw PreparedCityFault("\(what) ends early (needs \(n) more bytes at offset \(offset), has \(max(0, remaining)))")
        }
    }

    mutating func u8() throws(PreparedCityFault) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func u32() throws(PreparedCityFault) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    mutating func u64() throws(PreparedCityFault) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    mutating func i64() throws(PreparedCityFault) -> Int64 { Int64(bitPattern: try u64()) }
    mutating func f64() throws(PreparedCityFault) -> Double { Double(bitPattern: try u64()) }
    mutating func bool() throws(PreparedCityFault) -> Bool {
        let v = try u8()
        guard v <= 1 else { throw PreparedCityFault("\(what): flag \(v) at offset \(offset - 1) is neither 0 nor 1") }
        return v == 1
    }
    mutating func raw(_ n: Int) throws(PreparedCityFault) -> [UInt8] {
        try need(n)
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
    mutating func string() throws(PreparedCityFault) -> String {
        let n = Int(try u32())
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    }
    mutating func optionalString() throws(PreparedCityFault) -> String? {
        try bool() ? try string() : nil
    }
    /// A count of items each at least `minBytes` long: refused when the bytes left cannot hold
    /// them, so a hostile count never drives an allocation.
    mutating func count(minBytes: Int) throws(PreparedCityFault) -> Int {
        let n = Int(try u32())
        guard n <= remaining / max(1, minBytes) else {
            throw PreparedCityFault("\(what) declares \(n) items at offset \(offset - 4) but only \(remaining) bytes follow")
        }
        return n
    }
    mutating func strings() throws(PreparedCityFault) -> [String] {
        let n = try count(minBytes: 4)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
    mutating func expectEnd() throws(PreparedCityFault) {
        guard remaining == 0 else { throw PreparedCityFault("\(what) has \(remaining) unexpected bytes at its end") }
    }
}

/// Why a prepared city's bytes cannot be used (the message part of a one-line error).
struct PreparedCityFault: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
