import Foundation

/// Renders a `ReportChart` as a horizontal bar chart in inline SVG, with an optional reference
/// line (e.g. the norm of 3,200 residents per inspector).
public enum SVGChart {
    /// Bars are laid out by `TextMetrics` widths (never less than the drawn text): the label
    /// column is as wide as the longest label (at most 40 % of the chart, longer labels wrap onto
    /// more lines), the plot leaves room for the widest value label, and the reference line's
    /// label sits above the bars; value labels carry a white halo so the reference line never
    /// crosses their text. Groups: `class="bars"`, `"reference"`.
    public static func render(_ chart: ReportChart, width: Double = 720, loc: Loc = .en) -> String {
        let font = 11.0, barH = 18.0, gap = 6.0, lineH = 13.0
        let top = chart.reference == nil ? 6.0 : 24.0
        let maxValue = max(chart.bars.map(\.value).max() ?? 0, chart.reference?.value ?? 0, 1e-9)
        let valueText = chart.bars.map { loc.num($0.value) + (chart.unit.isEmpty ? "" : (chart.unit == "%" && !loc.isCyrillicStyle ? "" : "\u{00A0}") + chart.unit) }
        let longest = chart.bars.map { TextMetrics.width($0.label, fontSize: font) }.max() ?? 0
        let labelW = min(longest + 12, width * 0.4)
        let labels = chart.bars.map { TextMetrics.wrap($0.label, maxWidth: labelW - 12, fontSize: font) }
        let valueW = (valueText.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 10
        let plotW = max(40, width - labelW - valueW - 4)
        var rows: [(y: Double, h: Double)] = []
        var y = top
        for l in labels {
            let h = max(barH, Double(l.count) * lineH + 4)
            rows.append((y, h))
            y += h + gap
        }
        let height = y + 4
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(r(width)) \(r(height))\" width=\"\(r(width))\" height=\"\(r(height))\" role=\"img\" aria-label=\"\(SVGMap.esc(chart.title))\" font-family=\"sans-serif\" font-size=\"\(r(font))\">"
        out += "<g class=\"bars\">"
        for (i, b) in chart.bars.enumerated() {
            let (ry, rh) = rows[i]
            let bw = max(0, b.value / maxValue * plotW)
            let by = ry + (rh - barH) / 2
            out += "<rect x=\"\(r(labelW))\" y=\"\(r(by))\" width=\"\(r(bw))\" height=\"\(r(barH))\" fill=\"\(b.highlight ? "#c0392b" : "#2e86c1")\"/>"
            let first = ry + rh / 2 - Double(labels[i].count - 1) * lineH / 2 + 4
            for (k, line) in labels[i].enumerated() {
                out += "<text x=\"\(r(labelW - 6))\" y=\"\(r(first + Double(k) * lineH))\" text-anchor=\"end\" fill=\"#333\">\(SVGMap.esc(line))</text>"
            }
        }
        out += "</g>"
        if let ref = chart.reference {
            let x = labelW + ref.value / maxValue * plotW
            let tw = TextMetrics.width(ref.label, fontSize: font)
            let tx = min(max(x, tw / 2 + 2), width - tw / 2 - 2)
            out += "<g class=\"reference\"><line x1=\"\(r(x))\" y1=\"\(r(top - 4))\" x2=\"\(r(x))\" y2=\"\(r(height - 2))\" stroke=\"#111\" stroke-dasharray=\"4 3\"/>"
            out += "<text x=\"\(r(tx))\" y=\"\(r(top - 9))\" text-anchor=\"middle\" fill=\"#111\">\(SVGMap.esc(ref.label))</text></g>"
        }
        // Value labels last, with a halo, so no line or bar covers them.
        out += "<g class=\"values\">"
        for (i, b) in chart.bars.enumerated() {
            let (ry, rh) = rows[i]
            let bw = max(0, b.value / maxValue * plotW)
            out += "<text x=\"\(r(labelW + bw + 4))\" y=\"\(r(ry + rh / 2 + 4))\" fill=\"#333\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\(SVGMap.esc(valueText[i]))</text>"
        }
        return out + "</g></svg>"
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
