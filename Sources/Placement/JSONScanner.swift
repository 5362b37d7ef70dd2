import GeoCore

/// A small pull parser over UTF-8 JSON bytes, enough for coverage-instance files.
///
/// It reads numbers (fast path for integers), strings (with escapes and surrogate pairs), `null`,
/// booleans, and skips any value it is not asked for. Errors are `CovplanError(.dataError)` with
/// the byte offset. O(bytes).
struct JSONScanner {
    let bytes: [UInt8]
    var position = 0
    let source: String?

    init(_ bytes: [UInt8], source: String?) {
        self.bytes = bytes
        self.source = source
    }

    func error(_ message: String) -> CovplanError {
        CovplanError(.dataError, file: source, "invalid instance JSON at byte \(position): \(message)")
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next non-space byte without consuming it, or nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        if peek() == byte {
            position += 1
            return true
        }
        return false
    }

    /// Consumes `null` if it is next.
    mutating func consumeNull() -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        guard position + 4 <= bytes.count, bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        return true
    }

    /// Iterates the elements of an array; `body` must consume exactly one value each time.
    mutating func forEachElement(_ body: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Iterates the members of an object; `body` gets the key and must consume the value.
    mutating func forEachMember(_ body: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        while true {
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func readNumber() throws -> Double {
        skipWhitespace()
        let start = position
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var integer: UInt64 = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            if digits < 18 { integer = integer * 10 + UInt64(bytes[position] - 0x30) }
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            position = start
            throw error("expected a number")
        }
        let isPlainInteger = position >= bytes.count
            || !(bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E"))
        if isPlainInteger, digits <= 15 {
            let v = Double(integer)
            return negative ? -v : v
        }
        while position < bytes.count {
            let b = bytes[position]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                position += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start ..< position], as: UTF8.self)
        guard let v = Double(text) else {
            position = start
            throw error("malformed number '\(text)'")
        }
        return v
    }

    mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                continue
            }
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800 ..< 0xDC00).contains(scalar), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try readHex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(s)).utf8))
            default: throw error("bad escape in string")
            }
        }
        throw error("unterminated string")
    }

    private mutating func readHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0 ..< 4 {
            let b = bytes[position]
            position += 1
            let d: UInt32
            switch b {
            case 0x30 ... 0x39: d = UInt32(b - 0x30)
            case 0x41 ... 0x46: d = UInt32(b - 0x41 + 10)
            case 0x61 ... 0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    /// Skips one value of any kind.
    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{")?: try forEachMember { s, _ in try s.skipValue() }
        case UInt8(ascii: "[")?: try forEachElement { s in try s.skipValue() }
        case UInt8(ascii: "\"")?: _ = try readString()
        case UInt8(ascii: "n")?:
            guard consumeNull() else { throw error("unexpected literal") }
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?:
            let word: [UInt8] = bytes[position] == UInt8(ascii: "t") ? Array("true".utf8) : Array("false".utf8)
            guard position + word.count <= bytes.count, Array(bytes[position ..< position + word.count]) == word else {
                throw error("unexpected literal")
            }
            position += word.count
        case nil: throw error("unexpected end of input")
        default: _ = try readNumber()
        }
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws {
        if peek() != nil { throw error("trailing characters after the instance object") }
    }
}

/// Appends JSON text to a byte buffer: numbers in shortest round-trip form (integers without a
/// fraction), strings escaped per RFC 8259.
enum JSONWriting {
    static func append(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 9.0e15 {
            out.append(contentsOf: String(Int64(value)).utf8)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    static func append(_ value: Int32, to out: inout [UInt8]) {
        var v = Int(value)
        if v == 0 {
            out.append(0x30)
            return
        }
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            v = -v
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }

    static func append(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in string.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: Array("\\\"".utf8))
            case UInt8(ascii: "\\"): out.append(contentsOf: Array("\\\\".utf8))
            case 0x0A: out.append(contentsOf: Array("\\n".utf8))
            case 0x0D: out.append(contentsOf: Array("\\r".utf8))
            case 0x09: out.append(contentsOf: Array("\\t".utf8))
            case 0 ..< 0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
