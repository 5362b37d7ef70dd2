import Foundation
import GeoCore

/// RFC 4180 CSV text: comma separated, CRLF-free (LF line ends), fields quoted when needed.
public enum CSVWriter {
    public static func text(_ table: ReportTable) -> String {
        var out = table.columns.map(field).joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { v -> String in
                switch v {
                case .null: ""
                case .double(let d): JSONText.number(d) == "null" ? "" : JSONText.number(d)
                default: field(v.text ?? "")
                }
            }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        // Byte scan: Foundation's String.contains is slow on Linux and this runs per cell.
        let u = s.utf8
        let needsQuotes = u.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || u.first == 0x20 || u.last == 0x20
        if needsQuotes {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
