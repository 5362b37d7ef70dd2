import Foundation

/// Renders a `ReportChart` as a horizontal bar chart in inline SVG, with an optional reference
/// line (e.g. the norm of 3,200 residents per inspector).
public enum SVGChart {
    public static func render(_ chart: ReportChart, width: Double = 720, loc: Loc = .en) -> String {
        let barH = 18.0, gap = 6.0, labelW = 190.0, top = 8.0
        let maxValue = max(chart.bars.map(\.value).max() ?? 0, chart.reference?.value ?? 0, 1e-9)
        let plotW = width - labelW - 90
        let h = top + Double(chart.bars.count) * (barH + gap) + 24
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(r(width)) \(r(h))\" width=\"\(r(width))\" height=\"\(r(h))\" role=\"img\" aria-label=\"\(SVGMap.esc(chart.title))\" font-family=\"sans-serif\" font-size=\"11\">"
        for (i, b) in chart.bars.enumerated() {
            let y = top + Double(i) * (barH + gap)
            let bw = max(0, b.value / maxValue * plotW)
            out += "<text x=\"\(r(labelW - 6))\" y=\"\(r(y + 13))\" text-anchor=\"end\" fill=\"#333\">\(SVGMap.esc(String(b.label.prefix(32))))</text>"
            out += "<rect x=\"\(r(labelW))\" y=\"\(r(y))\" width=\"\(r(bw))\" height=\"\(r(barH))\" fill=\"\(b.highlight ? "#c0392b" : "#2e86c1")\"/>"
            out += "<text x=\"\(r(labelW + bw + 4))\" y=\"\(r(y + 13))\" fill=\"#333\">\(SVGMap.esc(loc.num(b.value)))\(chart.unit.isEmpty ? "" : " " + SVGMap.esc(chart.unit))</text>"
        }
        if let ref = chart.reference {
            let x = labelW + ref.value / maxValue * plotW
            out += "<line x1=\"\(r(x))\" y1=\"\(r(top - 4))\" x2=\"\(r(x))\" y2=\"\(r(h - 18))\" stroke=\"#111\" stroke-dasharray=\"4 3\"/>"
            out += "<text x=\"\(r(x))\" y=\"\(r(h - 6))\" text-anchor=\"middle\" fill=\"#111\">\(SVGMap.esc(ref.label))</text>"
        }
        return out + "</svg>"
    }

    static func r(_ v: Double) -> String { SVGMap.r(v) }

    /// A number with thousands separators and at most one decimal (two below 10).
    public static func format(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        if abs(v) < 10, v != v.rounded() { return String(format: "%.2f", v) }
        if v != v.rounded() && abs(v) < 1000 { return String(format: "%.1f", v) }
        let n = Int(v.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
