import GeoCore

/// `report.md`: the same findings and tables as the HTML report, as Markdown.
public enum MarkdownReport {
    public static func render(title: String, subtitle: String?, facts: [(String, String)], sections: [ReportSection],
                              maxTableRows: Int = 25, runFooter: Bool = true, loc: Loc = .en) -> String {
        let esc = text
        var md = "# \(esc(title))\n\n"
        if let subtitle { md += "\(esc(subtitle))\n\n" }
        for (k, v) in facts { md += "- **\(esc(k)):** \(esc(v))\n" }
        let headlines = sections.flatMap(\.headlines)
        if !headlines.isEmpty {
            md += "\n## \(esc(loc["brief.title"]))\n\n"
            for x in headlines { md += "- **\(esc(x.value))** \(esc(x.label)). _\(esc(loc.t("brief.basis", x.basis)))_\n" }
        }
        for s in sections {
            md += "\n## \(esc(s.title))\n\n"
            for f in s.findings { md += "- \(esc(f))\n" }
            for t in s.tables where !t.shownColumns.isEmpty {
                let maxTableRows = min(maxTableRows, t.reportRows ?? maxTableRows)
                let shown = t.shownColumns
                md += "\n### \(esc(t.title))\n\n| " + shown.map { cell(loc.column(t.columns[$0])) }.joined(separator: " | ") + " |\n|" + shown.map { _ in " --- |" }.joined() + "\n"
                for row in t.rows.prefix(maxTableRows) {
                    md += "| " + row.enumerated().filter { shown.contains($0.offset) || $0.offset >= t.columns.count }.map { i, v -> String in
                        switch v {
                        case .double(let d): loc.num(d)
                        case .int(let n): loc.num(Int(n))
                        case .bool(let b): cell(loc.value(b ? "true" : "false"))
                        default: cell(HTMLReport.cellText(v, column: i < t.columns.count ? t.columns[i] : "", table: t, loc: loc))
                        }
                    }.joined(separator: " | ") + " |\n"
                }
                if t.rows.count > maxTableRows { md += "\n_" + esc(loc.t("table.first_rows", loc.num(maxTableRows), loc.num(t.rows.count), "`\(t.name).csv`")) + "_\n" }
            }
        }
        if runFooter { md += "\n---\n" + loc["md.footer"] + "\n" }
        return md
    }

    /// Text from data as inline Markdown: HTML escaped (`&`, `<`, `>`), control characters and
    /// bidi overrides (line breaks included) turned into spaces.
    public static func text(_ s: String) -> String {
        var out = ""
        for c in TextSafety.clean(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` for a table cell: `|` escaped too.
    static func cell(_ s: String) -> String { text(s).replacingOccurrences(of: "|", with: "\\|") }
}
