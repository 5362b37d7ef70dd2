/// Conservative widths of SVG text in a sans-serif font, so legends, labels and chart axes are
/// laid out without a browser: every estimate is at least the advance width of the text in
/// DejaVu Sans (the widest common sans-serif: Debian's default, wider than Arial or Segoe UI), so
/// text laid out by these widths never runs past its box. `make check-report` measures the real
/// boxes in Chromium.
public enum TextMetrics {
    /// Width in pixels of `text` at `fontSize` pixels (bold adds 10 %).
    public static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for c in text { em += advance(c) }
        return em * fontSize * (bold ? 1.1 : 1.0)
    }

    /// Advance of one character in em, rounded up from DejaVu Sans.
    static func advance(_ c: Character) -> Double {
        switch c {
        case " ", "\u{00A0}", "\u{202F}": return 0.34
        case ".", ",", ":", ";", "'", "|", "!", "i", "j", "l", "ı", "і", "ї": return 0.34
        case "(", ")", "[", "]", "{", "}", "f", "t", "r", "I", "J", "-", "«", "»": return 0.45
        case "m", "w", "M", "W", "ж", "ш", "щ", "ю", "ы", "м", "Ж", "Ш", "Щ", "Ю", "Ы", "Ф", "ф", "Д", "Љ", "%", "@", "₸", "—", "…", "≥", "≤", "×", "÷", "Қ", "Ң", "Ә", "Ө":
            return 1.0
        default:
            if c.isUppercase { return 0.8 }
            if c.isNumber { return 0.64 }
            if c.isLetter { return c.unicodeScalars.first.map { $0.value >= 0x0400 } == true ? 0.72 : 0.64 }
            return 0.84
        }
    }

    /// `text` broken at spaces into lines of at most `maxWidth` pixels each (a single word wider
    /// than that gets a line of its own and is split by characters).
    public static func wrap(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate, fontSize: fontSize, bold: bold) <= maxWidth {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            var piece = ""
            for ch in word {
                if !piece.isEmpty, width(piece + String(ch), fontSize: fontSize, bold: bold) > maxWidth {
                    lines.append(piece)
                    piece = ""
                }
                piece.append(ch)
            }
            line = piece
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
