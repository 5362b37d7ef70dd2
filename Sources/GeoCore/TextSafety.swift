/// Characters that must never reach an output as they are: C0 controls (U+0000–U+001F), DEL
/// (U+007F) and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
/// can make text read differently from what it is ("Trojan source").
public enum TextSafety {
    /// True for a character `clean` removes (tab and newline included; callers keep them where
    /// their format allows).
    @inlinable
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Fast test on UTF-8: false when `s` certainly holds no unsafe character.
    @inlinable
    public static func mayContainUnsafe(_ s: String) -> Bool {
        s.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xE2 }
    }

    /// `s` with every unsafe character replaced by a space, except tab and newline when
    /// `keepTabsAndNewlines` (CR and CR LF become newline then).
    public static func clean(_ s: String, keepTabsAndNewlines: Bool = false) -> String {
        guard mayContainUnsafe(s) else { return s }
        var out = String.UnicodeScalarView()
        var lastCR = false
        for scalar in s.unicodeScalars {
            defer { lastCR = scalar == "\r" }
            guard isUnsafe(scalar) else { out.append(scalar); continue }
            if keepTabsAndNewlines, scalar == "\t" { out.append(scalar); continue }
            if keepTabsAndNewlines, scalar == "\n" || scalar == "\r" {
                if scalar == "\n", lastCR { continue }
                out.append("\n"); continue
            }
            if scalar == "\n", lastCR { continue }
            out.append(" ")
        }
        return String(out)
    }
}
