import Foundation
import GeoCore

/// Renders a `ReportMap` as inline SVG: working-CRS coordinates fitted to a fixed-size viewport
/// (north up, equal scale on both axes), labels placed without overlap, a scale bar, a north
/// arrow and a legend below the map that wraps onto as many rows as it needs. Coordinates are
/// rounded to 0.1 px so the text is small and identical run to run.
///
/// Every map has the groups `class="layers"`, `"labels"`, `"scale-bar"`, `"north-arrow"` and
/// `"legend"` (the report check looks for them and measures their text in a browser).
public enum SVGMap {
    static let fontSize = 11.0
    static let labelFont = 11.0

    /// - Parameters:
    ///   - width: width of the SVG in pixels; the map is fitted into `width × maxHeight` and the
    ///     legend goes below it.
    public static func render(_ map: ReportMap, width: Double = 720, maxHeight: Double = 820, loc: Loc = .en) -> String {
        let drawn = map.layers.filter(\.drawn)
        var extent = Envelope.empty
        if let e = map.extent { extent = e } else {
            for l in drawn { for f in l.layer.features { if let g = f.geometry { extent.expand(by: g.envelope) } } }
        }
        guard !extent.isEmpty else { return "<p class=\"empty\">\(esc(loc["map.empty"]))</p>" }
        extent = extent.buffered(by: max(max(extent.width, extent.height) * 0.03, 20))
        let scale = min(width / max(extent.width, 1e-9), maxHeight / max(extent.height, 1e-9))
        let w = extent.width * scale, h = extent.height * scale
        let ox = ((width - w) / 2).rounded()
        let frame = MapFrame(extent: extent, scale: scale, ox: ox, w: w, h: h)
        let legend = MapLegend.layout(drawn, width: width, loc: loc)
        let totalH = h + 10 + legend.height
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(r(width)) \(r(totalH))\" width=\"\(r(width))\" height=\"\(r(totalH))\" role=\"img\" aria-label=\"\(esc(map.title))\" font-family=\"sans-serif\" font-size=\"\(r(fontSize))\">"
        out += "<rect x=\"\(r(ox))\" y=\"0\" width=\"\(r(w))\" height=\"\(r(h))\" fill=\"#f7f7f4\"/>"
        out += "<g class=\"layers\">"
        for style in drawn { out += layer(style, frame) }
        out += "</g>"
        // Furniture first: labels keep clear of it.
        let (scaleSVG, scaleBox) = scaleBar(frame, loc: loc)
        let (northSVG, northBox) = northArrow(frame, loc: loc)
        out += MapLabelPlacer.render(map, drawn: drawn, frame: frame, reserved: [scaleBox, northBox], fontSize: labelFont)
        out += scaleSVG + northSVG
        out += "<g class=\"legend\" transform=\"translate(0 \(r(h + 10)))\">" + legend.svg + "</g>"
        out += "</svg>"
        return out
    }

    /// The SVG of one layer's features.
    static func layer(_ style: MapLayerStyle, _ f: MapFrame) -> String {
        let catIndex = style.categoryField.flatMap { style.layer.fieldIndex($0) }
        let sizeIndex = style.size.flatMap { style.layer.fieldIndex($0.field) }
        let colors = Dictionary(style.categories.map { ($0.value, $0.color) }, uniquingKeysWith: { a, _ in a })
        var out = "<g>"
        for feature in style.layer.features {
            guard let g = feature.geometry else { continue }
            var color = style.color
            if let ci = catIndex, ci < feature.values.count { color = categoryColor(style, feature.values[ci], colors) ?? color }
            switch style.symbol {
            case .line(let width):
                let d = g.lineStrings.map { f.path($0, close: false) }.joined()
                    + g.polygons.flatMap(\.rings).map { f.path($0, close: true) }.joined()
                if !d.isEmpty {
                    out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(r(width))\" stroke-linecap=\"round\"/>"
                }
            case .fill(let opacity):
                let d = g.polygons.flatMap(\.rings).map { f.path($0, close: true) }.joined()
                if !d.isEmpty {
                    let stroke = style.outline ?? color
                    out += "<path d=\"\(d)\" fill=\"\(color)\" fill-opacity=\"\(r(opacity))\" fill-rule=\"evenodd\" stroke=\"\(stroke)\" stroke-width=\"\(style.outline == nil ? "0.5" : "1.4")\"/>"
                }
            case .point(let radius):
                var rad = radius
                if let s = style.size, let si = sizeIndex, si < feature.values.count { rad = s.radius(feature.values[si].number ?? 0) }
                for p in g.points {
                    out += "<circle cx=\"\(f.x(p))\" cy=\"\(f.y(p))\" r=\"\(r(rad))\" fill=\"\(color)\"\(style.size == nil ? "" : " fill-opacity=\"0.8\"") stroke=\"\(style.outline ?? "#ffffff")\" stroke-width=\"\(style.size == nil ? "0.6" : "1")\"/>"
                }
            }
        }
        return out + "</g>"
    }

    /// The colour of a category value: its exact category, else — for numbers — the category of
    /// the largest numeric value not above it (so "3" also draws 4, 5, 6 …: "3 or more").
    static func categoryColor(_ style: MapLayerStyle, _ v: FieldValue, _ colors: [String: String]) -> String? {
        if let t = v.text, let c = colors[t] { return c }
        guard let n = v.number else { return nil }
        return style.categories.compactMap { c in Double(c.value).map { ($0, c.color) } }.filter { $0.0 <= n }.max { $0.0 < $1.0 }?.1
    }

    /// Scale bar at the bottom left: a round length near a fifth of the map width, in two
    /// alternating halves on a white box.
    static func scaleBar(_ f: MapFrame, loc: Loc) -> (String, Box) {
        let target = f.extent.width / 5
        let magnitude = pow(10, floor(log10(max(target, 1))))
        let bar = [1.0, 2.0, 5.0].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        let px = bar * f.scale
        let text = bar >= 1000 ? "\(loc.num(bar / 1000)) \(loc["unit.km"])" : "\(loc.num(bar)) \(loc["unit.m"])"
        let tw = TextMetrics.width(text, fontSize: fontSize)
        let bx = f.ox + 6, by = f.h - 34
        let box = Box(x: bx, y: by, w: max(px, tw) + 12, h: 28)
        var s = "<g class=\"scale-bar\">"
        s += "<rect x=\"\(r(box.x))\" y=\"\(r(box.y))\" width=\"\(r(box.w))\" height=\"\(r(box.h))\" fill=\"#ffffff\" fill-opacity=\"0.85\" rx=\"3\"/>"
        s += "<rect x=\"\(r(bx + 6))\" y=\"\(r(by + 18))\" width=\"\(r(px / 2))\" height=\"5\" fill=\"#333\"/>"
        s += "<rect x=\"\(r(bx + 6 + px / 2))\" y=\"\(r(by + 18))\" width=\"\(r(px / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"0.8\"/>"
        s += "<text x=\"\(r(bx + 6))\" y=\"\(r(by + 14))\" fill=\"#333\">\(esc(text))</text></g>"
        return (s, box)
    }

    /// North arrow at the top right (the maps are drawn north up in the working CRS).
    static func northArrow(_ f: MapFrame, loc: Loc) -> (String, Box) {
        let cx = f.ox + f.w - 20, top = 6.0
        let box = Box(x: cx - 14, y: top, w: 28, h: 42)
        var s = "<g class=\"north-arrow\">"
        s += "<rect x=\"\(r(box.x))\" y=\"\(r(box.y))\" width=\"\(r(box.w))\" height=\"\(r(box.h))\" fill=\"#ffffff\" fill-opacity=\"0.85\" rx=\"3\"/>"
        s += "<path d=\"M\(r(cx)) \(r(top + 4))L\(r(cx + 7)) \(r(top + 24))L\(r(cx)) \(r(top + 19))Z\" fill=\"#333\"/>"
        s += "<path d=\"M\(r(cx)) \(r(top + 4))L\(r(cx - 7)) \(r(top + 24))L\(r(cx)) \(r(top + 19))Z\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"0.8\"/>"
        s += "<text x=\"\(r(cx))\" y=\"\(r(top + 37))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#333\">\(esc(loc["map.north"]))</text></g>"
        return (s, box)
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

/// A rectangle in SVG pixels (y down).
struct Box: Sendable {
    var x, y, w, h: Double

    func intersects(_ o: Box) -> Bool { x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h }
    func inside(_ o: Box) -> Bool { x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h }
}

/// The working-CRS → pixel transform of one map.
struct MapFrame {
    var extent: Envelope
    var scale: Double
    var ox: Double
    var w: Double
    var h: Double

    var box: Box { Box(x: ox, y: 0, w: w, h: h) }
    func px(_ p: Point) -> (Double, Double) { (ox + (p.x - extent.minX) * scale, (extent.maxY - p.y) * scale) }
    func x(_ p: Point) -> String { SVGMap.r(px(p).0) }
    func y(_ p: Point) -> String { SVGMap.r(px(p).1) }

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
}
