import GeoCore

/// `report.md`: the same findings and tables as the HTML report, as Markdown.
public enum MarkdownReport {
    public static func render(title: String, subtitle: String?, facts: [(String, String)], sections: [ReportSection],
                              maxTableRows: Int = 25, runFooter: Bool = true) -> String {
        var md = "# \(title)\n\n"
        if let subtitle { md += "\(subtitle)\n\n" }
        for (k, v) in facts { md += "- **\(k):** \(v)\n" }
        for s in sections {
            md += "\n## \(s.title)\n\n"
            for f in s.findings { md += "- \(f)\n" }
            for t in s.tables {
                md += "\n### \(t.title)\n\n| " + t.columns.joined(separator: " | ") + " |\n|" + t.columns.map { _ in " --- |" }.joined() + "\n"
                for row in t.rows.prefix(maxTableRows) {
                    md += "| " + row.map { v -> String in
                        switch v {
                        case .double(let d): SVGChart.format(d)
                        case .int(let i): SVGChart.format(Double(i))
                        default: (v.text ?? "").replacingOccurrences(of: "|", with: "\\|")
                        }
                    }.joined(separator: " | ") + " |\n"
                }
                if t.rows.count > maxTableRows { md += "\n_First \(maxTableRows) of \(t.rows.count) rows; all in `\(t.name).csv`._\n" }
            }
        }
        if runFooter { md += "\n---\nLayers: `layers.gpkg` (styled for QGIS) and `layers/*.geojson`; tables: `tables/*.csv`; figures: `summary.json`.\n" }
        return md
    }
}

import Foundation
