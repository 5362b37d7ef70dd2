import Foundation

/// The language of a report, compare and notebook: every interface string comes from one
/// catalogue per language (`Catalog.en`, `.ru`, `.kk`); machine names (CSV headers, layer and
/// field names, summary.json keys) never change with the language.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case en, ru, kk

    /// The key → text table of this language. `{0}`, `{1}`, ... are replaced by arguments.
    public var catalog: [String: String] {
        switch self {
        case .en: Catalog.enAll
        case .ru: Catalog.ruAll
        case .kk: Catalog.kkAll
        }
    }

    /// Parses `en`, `ru`, `kk` (case-insensitive).
    public init?(code: String) {
        self.init(rawValue: code.lowercased())
    }
}

/// Text and numbers of one language: `loc["key"]`, `loc.t("key", args...)`, `loc.num(3200)`,
/// `loc.money(45_300_000)`.
public struct Loc: Sendable {
    public let language: ReportLanguage
    let table: [String: String]

    public init(_ language: ReportLanguage) {
        self.language = language
        table = language.catalog
    }

    public static let en = Loc(.en)

    /// The text of `key`; English when the key is missing (a test keeps every catalogue complete),
    /// the key itself when even English has none.
    public subscript(_ key: String) -> String {
        table[key] ?? Catalog.enAll[key] ?? key
    }

    /// The text of `key` with `{0}`, `{1}`, ... replaced by `args` and `{0|form|...}` by the
    /// form of a noun agreeing with argument 0 (`Loc.agree`).
    public func t(_ key: String, _ args: String...) -> String {
        fill(self[key], args)
    }

    /// `template` filled as `t` fills a catalogue text, with this language's number agreement.
    public func fill(_ template: String, _ args: [String]) -> String {
        Loc.fill(Loc.agree(template, args, language), args)
    }

    static func fill(_ template: String, _ args: [String]) -> String {
        var out = template
        for (i, a) in args.enumerated().reversed() { out = out.replacingOccurrences(of: "{\(i)}", with: a) }
        return out
    }

    /// True when the catalogue has `key`.
    public func has(_ key: String) -> Bool { table[key] != nil }

    /// Human label of a machine column name (`home_atom` → "home demand point"); the name itself
    /// when the catalogue has none.
    public func column(_ name: String) -> String { table["col." + name] ?? Catalog.enAll["col." + name] ?? name }

    /// Human label of a machine value in an interface column (`over`, `repaired`, `better`).
    public func value(_ v: String) -> String { table["val." + v] ?? Catalog.enAll["val." + v] ?? v }

    var isCyrillicStyle: Bool { language != .en }

    /// Thousands separator: narrow no-break space (ru, kk) or comma (en).
    public var groupSeparator: String { isCyrillicStyle ? "\u{202F}" : "," }
    public var decimalSeparator: String { isCyrillicStyle ? "," : "." }

    /// A number with thousands separators and at most one decimal (two below 10), in this
    /// language's style: `3 200` / `3,200`, `45,3` / `45.3`.
    public func num(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        if abs(v) < 10, v != v.rounded() { return fixed(v, 2) }
        if v != v.rounded() && abs(v) < 1000 { return fixed(v, 1) }
        return grouped(Int(v.rounded()))
    }

    public func num(_ v: Int) -> String { grouped(v) }

    /// `v` with exactly `decimals` decimals (trailing zeros of the fraction dropped).
    public func fixed(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "—" }
        let p = pow(10.0, Double(decimals))
        let r = (v * p).rounded() / p
        let whole = r < 0 ? -(-r).rounded(.down) : r.rounded(.down)
        var frac = String(format: "%.\(decimals)f", abs(r - whole)).dropFirst(2)
        while frac.hasSuffix("0") { frac = frac.dropLast() }
        let sign = r < 0 && (whole != 0 || !frac.isEmpty) ? "-" : ""
        let w = grouped(Int(abs(whole)))
        return sign + w + (frac.isEmpty ? "" : decimalSeparator + frac)
    }

    func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += groupSeparator }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// An amount of tenge: `45,3 млн ₸` (ru, kk) / `45.3 M ₸` (en); below a million, whole tenge.
    public func money(_ tenge: Double) -> String {
        guard tenge.isFinite else { return "—" }
        let nb = "\u{00A0}"
        if abs(tenge) >= 1e9 { return fixed(tenge / 1e9, 1) + nb + self["unit.billion"] + nb + "₸" }
        if abs(tenge) >= 1e6 { return fixed(tenge / 1e6, 1) + nb + self["unit.million"] + nb + "₸" }
        return grouped(Int(tenge.rounded())) + nb + "₸"
    }

    /// A percentage from a fraction: `95,1 %` (ru, kk) / `95.1%` (en).
    public func percent(_ fraction: Double) -> String {
        num(fraction * 100) + (isCyrillicStyle ? "\u{00A0}%" : "%")
    }

    /// A calendar date: `05.12.2026` (ru, kk), `2026-12-05` (en).
    public func date(year: Int, month: Int, day: Int) -> String {
        isCyrillicStyle ? String(format: "%02d.%02d.%04d", day, month, year) : String(format: "%04d-%02d-%02d", year, month, day)
    }
}
