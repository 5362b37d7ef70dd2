import Foundation
import GeoCore

/// RFC 4180 CSV text: comma separated, CRLF-free (LF line ends), fields quoted when needed.
public enum CSVWriter {
    public static func text(_ table: ReportTable) -> String {
        var out = table.columns.map(field).joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { v -> String in
                cell(v)
            }.joined(separator: ",") + "\n"
        }
        return out
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
