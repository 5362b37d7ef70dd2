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
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
