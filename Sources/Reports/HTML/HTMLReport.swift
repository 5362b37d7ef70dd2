import GeoCore

/// The self-contained `report.html`: inline CSS and SVG only, no scripts, no network requests,
/// no timestamps (the same run gives the same bytes). Every interface string comes from `loc`.
public enum HTMLReport {
    /// - Parameters:
    ///   - title: scenario name; `subtitle`: description; `facts`: label → value lines for the header.
    public static func render(title: String, subtitle: String?, facts: [(String, String)], sections: [ReportSection],
                              maxTableRows: Int = 25, loc: Loc = .en, footer: Bool = true, glossary: Bool = true,
                              extra: String = "") -> String {
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
        .headlines{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:10px;margin:12px 0}
        .headline{border:1px solid #cfd8dc;border-left:5px solid #2e86c1;border-radius:4px;padding:8px 12px;background:#fafcfd}
        .headline .v{display:block;font-size:1.45em;font-weight:bold}.headline .l{display:block;font-weight:600}
        .headline .basis{display:block;color:#555;font-size:0.85em;margin-top:4px}
        dl.glossary dt{font-weight:bold;margin-top:0.6em}dl.glossary dd{margin-left:1.2em}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}.pair figure{margin:8px 0}
        @media print{
        @page{size:A4;margin:14mm}
        body{max-width:none;padding:0;font-size:10pt}
        nav{display:none}
        section{break-before:page}
        section.brief{break-before:auto}
        figure,table,tr,.fact,.headline,dl.glossary dt,dl.glossary dd{break-inside:avoid}
        h2,h3{break-after:avoid}
        svg{max-width:100%;height:auto;border:none}
        a{color:inherit;text-decoration:none}
        }
        </style>
        </head>
        <body>
        <h1>\(SVGMap.esc(title))</h1>

        """
        if let subtitle { h += "<p class=\"sub\">\(SVGMap.esc(subtitle))</p>\n" }
        h += "<div class=\"facts\">"
        for (k, v) in facts { h += "<div class=\"fact\">\(SVGMap.esc(k))<b>\(SVGMap.esc(v))</b></div>" }
        h += "</div>\n"
        let headlines = briefOrder(sections).flatMap(\.headlines)
        var links = sections.map { ($0.key, $0.title) }
        if !headlines.isEmpty { links.insert(("brief", loc["brief.title"]), at: 0) }
        if glossary { links.append(("glossary", loc["gl.title"])) }
        h += "<nav><p>" + links.map { "<a href=\"#\($0.0)\">\(SVGMap.esc($0.1))</a>" }.joined(separator: " · ") + "</p></nav>\n"
        if !headlines.isEmpty { h += brief(headlines, loc: loc) }
        for s in sections {
            h += "<section id=\"\(s.key)\">\n<h2>\(SVGMap.esc(s.title))</h2>\n"
            if !s.findings.isEmpty {
                h += "<ul>" + s.findings.map { "<li>\(inline($0))</li>" }.joined() + "</ul>\n"
            }
            for m in s.maps {
                h += "<figure>\(SVGMap.render(m, loc: loc))<figcaption><b>\(SVGMap.esc(m.title)).</b> \(SVGMap.esc(m.caption))</figcaption></figure>\n"
            }
            for c in s.charts {
                h += "<figure>\(SVGChart.render(c, loc: loc))<figcaption><b>\(SVGMap.esc(c.title)).</b>\(c.note.isEmpty ? "" : " " + SVGMap.esc(c.note))</figcaption></figure>\n"
            }
            for t in s.tables { h += table(t, maxRows: maxTableRows, loc: loc) }
            h += "</section>\n"
        }
        h += extra
        if glossary { h += Glossary.html(loc: loc) }
        if footer { h += "<footer>\(SVGMap.esc(loc["html.footer"]))</footer>\n" }
        h += "</body>\n</html>\n"
        return h
    }

    /// Sections in the order the summary tells them: what is seen, who is short of inspectors,
    /// how fast help comes, then what the plan costs; others after, in report order.
    static func briefOrder(_ sections: [ReportSection]) -> [ReportSection] {
        let order = ["coverage", "load", "rebalance", "reach", "simulation", "placement"]
        return sections.enumerated().sorted { a, b in
            let ia = order.firstIndex(of: a.element.key) ?? order.count, ib = order.firstIndex(of: b.element.key) ?? order.count
            return ia != ib ? ia < ib : a.offset < b.offset
        }.map(\.element)
    }

    /// The one-page summary for the akimat: each headline figure with what it rests on.
    static func brief(_ headlines: [Headline], loc: Loc) -> String {
        var h = "<section id=\"brief\" class=\"brief\">\n<h2>\(SVGMap.esc(loc["brief.title"]))</h2>\n<p class=\"note\">\(SVGMap.esc(loc["brief.intro"]))</p>\n<div class=\"headlines\">"
        for x in headlines {
            h += "<div class=\"headline\"><b class=\"v\">\(SVGMap.esc(x.value))</b><span class=\"l\">\(SVGMap.esc(x.label))</span>"
                + "<span class=\"basis\">\(SVGMap.esc(loc.t("brief.basis", x.basis)))</span></div>"
        }
        return h + "</div>\n</section>\n"
    }

    static func table(_ t: ReportTable, maxRows: Int, loc: Loc = .en) -> String {
        let maxRows = min(maxRows, t.reportRows ?? maxRows)
        let shown = t.shownColumns
        if shown.isEmpty { return "" }
        var h = "<h3>\(SVGMap.esc(t.title))</h3>\n<table><thead><tr>" + shown.map { "<th>\(SVGMap.esc(loc.column(t.columns[$0])))</th>" }.joined() + "</tr></thead><tbody>"
        for row in t.rows.prefix(maxRows) {
            h += "<tr>" + row.enumerated().filter { shown.contains($0.offset) || $0.offset >= t.columns.count }.map { i, v -> String in
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
