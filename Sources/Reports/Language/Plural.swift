/// Number agreement in catalogue texts: `{0|камера|камеры|камер}` is the form of the noun that
/// agrees with argument 0 (already formatted: `3 200`, `1,5`, `3,200`).
///
/// Forms per language: Russian one | few | many (1, 21 камера; 2–4, 22 камеры; 5–20, 11–14,
/// 25 камер; a fraction takes the few form: 1,5 камеры), English one | other, Kazakh one form (a
/// noun after a numeral stays singular). With fewer forms than the language has, the last is
/// used; an argument that is not a number takes the last form.
extension Loc {
    /// `template` with every `{i|form|form|...}` replaced by the form agreeing with `args[i]`.
    static func agree(_ template: String, _ args: [String], _ language: ReportLanguage) -> String {
        guard template.contains("|") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let body = rest[rest.index(after: open)...]
            guard let close = body.firstIndex(of: "}") else { break }
            let inner = body[..<close]
            let parts = inner.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count >= 2, let i = Int(parts[0]), i >= 0 {
                let forms = parts.dropFirst().map(String.init)
                out += forms[min(formIndex(i < args.count ? args[i] : "", language), forms.count - 1)]
            } else {
                out += "{" + inner + "}"
            }
            rest = body[body.index(after: close)...]
        }
        return out + rest
    }

    /// Index of the plural form for a formatted number in `language`: 0 one, 1 few / other, 2 many.
    static func formIndex(_ formatted: String, _ language: ReportLanguage) -> Int {
        guard let (whole, fraction) = parse(formatted, language) else { return 2 }
        switch language {
        case .kk: return 0
        case .en: return whole == 1 && !fraction ? 0 : 1
        case .ru:
            if fraction { return 1 }
            let (d, h) = (whole % 10, whole % 100)
            if d == 1 && h != 11 { return 0 }
            if (2...4).contains(d) && !(12...14).contains(h) { return 1 }
            return 2
        }
    }

    /// The whole part and whether a fraction follows, of a number formatted by `Loc` in
    /// `language` (group separators dropped; `**` of Markdown ignored). Nil for no number.
    static func parse(_ formatted: String, _ language: ReportLanguage) -> (Int, Bool)? {
        let group: Set<Character> = language == .en ? [",", "\u{202F}", "\u{00A0}", " "] : ["\u{202F}", "\u{00A0}", " "]
        let decimal: Character = language == .en ? "." : ","
        var digits = "", fraction = false, seenDigit = false
        for c in formatted where c != "*" && c != "-" {
            if c.isASCII, c.isNumber { digits.append(c); seenDigit = true; continue }
            if group.contains(c), seenDigit { continue }
            if c == decimal, seenDigit { fraction = true }
            break
        }
        guard let whole = Int(digits) else { return nil }
        return (whole, fraction)
    }
}
