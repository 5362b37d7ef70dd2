import GeoCore

/// The self-contained `report.html`: inline CSS and SVG only, no scripts, no network requests,
/// no timestamps (the same run gives the same bytes). Every interface string comes from `loc`.
public enum HTMLReport {
    /// - Parameters:
    ///   - title: scenario name; `subtitle`: description; `facts`: label → value lines for the header.
    public static func render(title: String, subtitle: String?, facts: [(String, String)], sections: [ReportSection],
                              maxTableRows: Int = 25, loc: Loc = .en, footer: Bool = true) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="\(loc.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVGMap.esc(title)) — \(SVGMap.esc(loc["html.title_suffix"]))</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;padding:24px;color:#1b1b1b;line-height:1.45}
        h1{font-size:1.7em;margin-bottom:0.2em}h2{border-bottom:2px solid #2e86c1;padding-bottom:4px;margin-top:2em}
        .sub{color:#555;margin-top:0}.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px;margin:16px 0}
        .fact{background:#f2f5f8;border-radius:6px;padding:8px 12px}.fact b{display:block;font-size:1.25em}
        figure{margin:16px 0}figcaption{color:#555;font-size:0.9em}svg{max-width:100%;height:auto;border:1px solid #ddd;background:#fff}
        table{border-collapse:collapse;font-size:0.88em;margin:8px 0}th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.note{color:#666;font-size:0.85em}
        footer{margin-top:3em;color:#666;font-size:0.85em;border-top:1px solid #ddd;padding-top:8px}
        </style>
        </head>
        <body>
        <h1>\(SVGMap.esc(title))</h1>

        """
        if let subtitle { h += "<p class=\"sub\">\(SVGMap.esc(subtitle))</p>\n" }
        h += "<div class=\"facts\">"
        for (k, v) in facts { h += "<div class=\"fact\">\(SVGMap.esc(k))<b>\(SVGMap.esc(v))</b></div>" }
        h += "</div>\n<nav><p>" + sections.map { "<a href=\"#\($0.key)\">\(SVGMap.esc($0.title))</a>" }.joined(separator: " · ") + "</p></nav>\n"
        for s in sections {
            h += "<section id=\"\(s.key)\">\n<h2>\(SVGMap.esc(s.title))</h2>\n"
            if !s.findings.isEmpty {
                h += "<ul>" + s.findings.map { "<li>\(inline($0))</li>" }.joined() + "</ul>\n"
            }
            for m in s.maps {
                h += "<figure>\(SVGMap.render(m, loc: loc))<figcaption><b>\(SVGMap.esc(m.title)).</b> \(SVGMap.esc(m.caption))</figcaption></figure>\n"
            }
            for c in s.charts {
                h += "<figure>\(SVGChart.render(c, loc: loc))<figcaption><b>\(SVGMap.esc(c.title)).</b></figcaption></figure>\n"
            }
            for t in s.tables { h += table(t, maxRows: maxTableRows, loc: loc) }
            h += "</section>\n"
        }
        if footer { h += "<footer>\(SVGMap.esc(loc["html.footer"]))</footer>\n" }
        h += "</body>\n</html>\n"
        return h
    }

    static func table(_ t: ReportTable, maxRows: Int, loc: Loc = .en) -> String {
        let maxRows = min(maxRows, t.reportRows ?? maxRows)
        var h = "<h3>\(SVGMap.esc(t.title))</h3>\n<table><thead><tr>" + t.columns.map { "<th>\(SVGMap.esc(loc.column($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for row in t.rows.prefix(maxRows) {
            h += "<tr>" + row.enumerated().map { i, v -> String in
                switch v {
                case .double(let d): "<td class=\"n\">\(loc.num(d))</td>"
                case .int(let n): "<td class=\"n\">\(loc.num(Int(n)))</td>"
                case .null: "<td></td>"
                case .bool(let b): "<td>\(SVGMap.esc(loc.value(b ? "true" : "false")))</td>"
                default: "<td>\(SVGMap.esc(cellText(v, column: i < t.columns.count ? t.columns[i] : "", table: t, loc: loc)))</td>"
                }
            }.joined() + "</tr>"
        }
        h += "</tbody></table>\n"
        if t.rows.count > maxRows {
            h += "<p class=\"note\">\(SVGMap.esc(loc.t("table.first_rows", loc.num(maxRows), loc.num(t.rows.count), t.name + ".csv")))</p>\n"
        }
        return h
    }

    /// A text cell: machine words of an interface column through the catalogue, data as it is.
    static func cellText(_ v: FieldValue, column: String, table t: ReportTable, loc: Loc) -> String {
        let s = v.text ?? ""
        return t.enumColumns.contains(column) ? loc.value(s) : s
    }

    /// Escapes text and turns `**bold**` into <b>.
    static func inline(_ s: String) -> String {
        let parts = SVGMap.esc(s).components(separatedBy: "**")
        var out = ""
        for (i, p) in parts.enumerated() { out += i % 2 == 1 ? "<b>\(p)</b>" : p }
        return out
    }
}
