import GeoCore
/// Deterministic JSON text pieces: numbers and strings, written the same way on every run.
public enum JSONText {
    /// A finite number in shortest round-trip form, `"12"` rather than `"12.0"`; non-finite
    /// values become `null` (JSON has no NaN or infinity).
    @inlinable public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    /// A coordinate rounded to `decimals` places (RFC 7946 recommends no more precision than
    /// needed; 7 decimals of a degree ≈ 1 cm).
    @inlinable public static func coordinate(_ v: Double, decimals: Int = 7) -> String {
        let scale = pow10(decimals)
        return number((v * scale).rounded() / scale)
    }

    public static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// A quoted, escaped JSON string (UTF-8 kept as is; control characters, DEL and the bidi
    /// overrides U+202A–U+202E, U+2066–U+2069 escaped as `\uXXXX`, so none reaches the file raw).
    public static func string(_ s: String) -> String {
        // Fast path: nothing to escape (the common case for ids, names, field names).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TextSafety.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
