import Foundation
import GeoCore

/// Renders a `ReportMap` as inline SVG: working-CRS coordinates fitted to a fixed-size viewport
/// (north up, equal scale on both axes), a scale bar and a legend. Coordinates are rounded to
/// 0.1 px so the text is small and identical run to run.
public enum SVGMap {
    public static func render(_ map: ReportMap, width: Double = 720, maxHeight: Double = 640, loc: Loc = .en) -> String {
        var extent = Envelope.empty
        for l in map.layers { for f in l.layer.features { if let g = f.geometry { extent.expand(by: g.envelope) } } }
        guard !extent.isEmpty else { return "<p class=\"empty\">\(esc(loc["map.empty"]))</p>" }
        extent = extent.buffered(by: max(extent.width, extent.height) * 0.02)
        let scale = min(width / max(extent.width, 1e-9), maxHeight / max(extent.height, 1e-9))
        let w = extent.width * scale, h = extent.height * scale
        func x(_ p: Point) -> String { r((p.x - extent.minX) * scale) }
        func y(_ p: Point) -> String { r((extent.maxY - p.y) * scale) }
        func path(_ pts: [Point], close: Bool) -> String {
            var s = ""
            var last = ""
            for (i, p) in pts.enumerated() {
                let xy = "\(x(p)) \(y(p))"
                if xy == last { continue }
                s += (i == 0 ? "M" : "L") + xy
                last = xy
            }
            return close ? s + "Z" : s
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(r(w)) \(r(h + 34))\" width=\"\(r(w))\" height=\"\(r(h + 34))\" role=\"img\" aria-label=\"\(esc(map.title))\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(r(w))\" height=\"\(r(h))\" fill=\"#f7f7f4\"/>"
        for style in map.layers {
            let catIndex = style.categoryField.flatMap { style.layer.fieldIndex($0) }
            let colors = Dictionary(style.categories.map { ($0.value, $0.color) }, uniquingKeysWith: { a, _ in a })
            out += "<g>"
            for f in style.layer.features {
                guard let g = f.geometry else { continue }
                var color = style.color
                if let ci = catIndex, ci < f.values.count, let v = f.values[ci].text, let c = colors[v] { color = c }
                switch style.symbol {
                case .line(let width):
                    let d = g.lineStrings.map { path($0, close: false) }.joined()
                        + g.polygons.flatMap(\.rings).map { path($0, close: true) }.joined()
                    if !d.isEmpty {
                        out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\" stroke-linecap=\"round\"/>"
                    }
                case .fill(let opacity):
                    let d = g.polygons.flatMap(\.rings).map { path($0, close: true) }.joined()
                    if !d.isEmpty {
                        out += "<path d=\"\(d)\" fill=\"\(color)\" fill-opacity=\"\(opacity)\" fill-rule=\"evenodd\" stroke=\"\(color)\" stroke-width=\"0.5\"/>"
                    }
                case .point(let radius):
                    for p in g.points {
                        out += "<circle cx=\"\(x(p))\" cy=\"\(y(p))\" r=\"\(radius)\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>"
                    }
                }
            }
            out += "</g>"
        }
        // Scale bar: a round length near a fifth of the width.
        let target = extent.width / 5
        let magnitude = pow(10, floor(log10(max(target, 1))))
        let bar = [1.0, 2.0, 5.0].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        let barPx = bar * scale
        out += "<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\">"
        out += "<rect x=\"8\" y=\"\(r(h - 18))\" width=\"\(r(barPx))\" height=\"4\" fill=\"#333\"/>"
        out += "<text x=\"8\" y=\"\(r(h - 22))\">\(bar >= 1000 ? "\(loc.num(bar / 1000)) \(loc["unit.km"])" : "\(loc.num(bar)) \(loc["unit.m"])")</text>"
        out += "<text x=\"\(r(w - 8))\" y=\"16\" text-anchor=\"end\">\(esc(loc["map.north"])) ↑</text>"
        // Legend below the map.
        var lx = 8.0
        for style in map.layers {
            let entries = style.categories.isEmpty ? [(style.label, style.color)]
                : style.categories.map { (style.categoryLabels[$0.value] ?? $0.value, $0.color) }
            for (label, color) in entries {
                out += "<rect x=\"\(r(lx))\" y=\"\(r(h + 10))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
                out += "<text x=\"\(r(lx + 16))\" y=\"\(r(h + 20))\">\(esc(label))</text>"
                lx += 24 + Double(label.count) * 6.2
            }
        }
        out += "</g></svg>"
        return out
    }

    static func r(_ v: Double) -> String { JSONText.number((v * 10).rounded() / 10) }

    /// Escapes text for XML/HTML; control characters and bidi overrides become spaces.
    public static func esc(_ s: String) -> String {
        var out = ""
        for c in TextSafety.clean(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
