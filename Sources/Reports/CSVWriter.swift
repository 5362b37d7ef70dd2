import Foundation
import GeoCore

/// RFC 4180 CSV text: comma separated, CRLF-free (LF line ends), fields quoted when needed,
/// starting with a UTF-8 byte order mark (Excel in a Russian or Kazakh locale reads UTF-8 without
/// one as the ANSI code page). Headers are machine names (a stable schema); reports show the
/// human labels.
public enum CSVWriter {
    /// The byte order mark every CSV starts with (pandas: `encoding="utf-8-sig"`; GDAL skips it).
    public static let bom = "\u{FEFF}"

    /// With `decimalComma` (`--csv-decimal comma`, default from `OutputRouting`) cells are
    /// separated by `;` and numbers written with a decimal comma, as Excel reads CSV in a Russian
    /// or Kazakh locale.
    public static func text(_ table: ReportTable, decimalComma: Bool = OutputRouting.current.csvDecimalComma) -> String {
        let sep = decimalComma ? ";" : ","
        var out = bom + table.columns.map(field).joined(separator: sep) + "\n"
        let digits = table.columns.map(precision)
        for row in table.rows {
            out += row.enumerated().map { i, v -> String in
                localized(cell(v, decimals: i < digits.count ? digits[i] : nil), v, decimalComma)
            }.joined(separator: sep) + "\n"
        }
        return out
    }

    /// A numeric cell with its decimal point turned into a comma when asked; text cells that
    /// contain `;` are quoted in that mode.
    static func localized(_ text: String, _ v: FieldValue, _ decimalComma: Bool) -> String {
        guard decimalComma else { return text }
        switch v {
        case .double: return text.replacingOccurrences(of: ".", with: ",")
        case .string: return text.contains(";") && !text.hasPrefix("\"") ? "\"" + text + "\"" : text
        default: return text
        }
    }

    /// A cell of a named column: real numbers rounded to a sensible precision (`precision`).
    public static func cell(_ v: FieldValue, column: String) -> String { cell(v, decimals: precision(column)) }

    /// A cell with real numbers rounded to `decimals` (unchanged when nil).
    public static func cell(_ v: FieldValue, decimals: Int?) -> String {
        if case .double(let d) = v, d.isFinite, let decimals {
            let p = pow(10.0, Double(decimals))
            return cell(.double((d * p).rounded() / p))
        }
        return cell(v)
    }

    /// Decimals kept in a CSV column of real numbers: whole persons for residents and population,
    /// 6 for shares, fractions and utilisation, none changed for coordinates, 2 for the rest.
    public static func precision(_ column: String) -> Int? {
        let c = column.lowercased()
        if ["x", "y", "lon", "lat", "longitude", "latitude"].contains(c) || c.hasSuffix("_lon") || c.hasSuffix("_lat") { return nil }
        if c.contains("residents") || c.contains("population") || c == "persons" { return 0 }
        if c.contains("share") || c.contains("fraction") || c.contains("utilization") || c.contains("utilisation") || c.contains("ratio") || c.contains("weight") { return 6 }
        return 2
    }

    /// One cell: numbers (and booleans) as they are, a negative number included; text through
    /// `field`; nulls and non-finite numbers empty.
    public static func cell(_ v: FieldValue) -> String {
        switch v {
        case .null: ""
        case .double(let d): JSONText.number(d) == "null" ? "" : JSONText.number(d)
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): field(s)
        }
    }

    /// A text cell, safe to open in a spreadsheet: control characters and bidi overrides become
    /// spaces (tab and line breaks kept, inside quotes); a cell starting with `=`, `+`, `-`, `@`,
    /// tab or CR is prefixed with a single quote (the OWASP CSV-injection rule), so no formula
    /// runs; then RFC 4180 quoting. Numeric cells go through `cell` and are never prefixed.
    public static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D {
            s = "'" + s
        }
        if TextSafety.mayContainUnsafe(s) { s = TextSafety.clean(s, keepTabsAndNewlines: true) }
        // Byte scan: Foundation's String.contains is slow on Linux and this runs per cell.
        let u = s.utf8
        let needsQuotes = u.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } || u.first == 0x20 || u.last == 0x20
        if needsQuotes {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
