/// An append-only UTF-8 byte buffer for fast text output (GeoJSON), avoiding String growth.
struct ByteBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func append(byte: UInt8) { bytes.append(byte) }

    @inline(__always) static func += (lhs: inout ByteBuffer, rhs: String) { lhs.append(rhs) }

    /// A decimal integer.
    mutating func append(int v: Int64) {
        if v == 0 { bytes.append(0x30); return }
        var n = v.magnitude
        if v < 0 { bytes.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 {
                d[k] = UInt8(n % 10) + 0x30
                n /= 10
                k += 1
            }
            for i in stride(from: k - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// `v` rounded to `decimals` places, written in fixed notation without trailing zeros
    /// (`24.9387946`, `-0.5`, `60`). Exact: the rounding is done once, on the scaled integer.
    /// Falls back to `JSONText.number` beyond ±9e11 scaled magnitude (not coordinates).
    mutating func append(fixed v: Double, decimals: Int, scale: Double) {
        let scaled = (v * scale).rounded()
        guard abs(scaled) < 9e17 else { append(JSONText.number((v * scale).rounded() / scale)); return }
        var n = Int64(scaled)
        if n < 0 { bytes.append(0x2D); n = -n }
        let p = Int64(scale)
        append(int: n / p)
        var frac = n % p
        guard frac != 0 else { return }
        var width = decimals
        while frac % 10 == 0 { frac /= 10; width -= 1 }
        bytes.append(0x2E)
        // `width` digits of `frac`, zero-padded on the left.
        let start = bytes.count
        for _ in 0..<width { bytes.append(0x30) }
        var i = start + width - 1
        while frac > 0 {
            bytes[i] = UInt8(frac % 10) + 0x30
            frac /= 10
            i -= 1
        }
    }
}
