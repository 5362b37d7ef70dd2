/// The legend under a report map: one entry per layer (a symbol drawn like the map's and its
/// label), categorised layers as their label in bold followed by one entry per category, and
/// graduated layers as circles of their legend values. Entries flow left to right and wrap to a
/// new row before they would pass the right edge (by `TextMetrics` widths, never less than the
/// drawn text), so no entry is cut off whatever the language.
enum MapLegend {
    enum Swatch { case line(String, Double), fill(String, Double, String?), point(String, Double, String?), none }

    struct Item {
        var swatch: Swatch
        var text: String
        var bold = false
        var newRow = false
        /// Symbol width and row height in pixels.
        var symbolW = 18.0
        var rowH = 18.0
    }

    static let font = 11.0

    static func items(_ layers: [MapLayerStyle], loc: Loc) -> [Item] {
        var out: [Item] = []
        var afterGroup = false
        for s in layers {
            defer { afterGroup = s.size != nil || !s.categories.isEmpty }
            if let size = s.size {
                out.append(Item(swatch: .none, text: s.label + ":", bold: true, newRow: true, symbolW: 0))
                for v in size.legendValues {
                    let rad = size.radius(v)
                    out.append(Item(swatch: .point(s.color, rad, s.outline), text: loc.fill(size.unitLabel, [loc.num(v)]),
                                    symbolW: max(2 * rad, 12), rowH: max(18, 2 * rad + 6)))
                }
                continue
            }
            let swatch = { (color: String) -> Swatch in
                switch s.symbol {
                case .line(let w): .line(color, w)
                case .fill(let o): .fill(color, o, s.outline)
                case .point(let r): .point(color, r, s.outline)
                }
            }
            if s.categories.isEmpty {
                out.append(Item(swatch: swatch(s.color), text: s.label, newRow: afterGroup))
            } else {
                out.append(Item(swatch: .none, text: s.label + ":", bold: true, newRow: true, symbolW: 0))
                for c in s.categories { out.append(Item(swatch: swatch(c.color), text: s.categoryLabels[c.value] ?? c.value)) }
            }
        }
        return out
    }

    /// The legend's SVG (origin at its top left) and height in pixels, for an SVG `width` wide.
    static func layout(_ layers: [MapLayerStyle], width: Double, loc: Loc) -> (svg: String, height: Double) {
        let r = SVGMap.r
        let left = 8.0, right = width - 8
        var x = left, y = 0.0, rowH = 18.0
        var svg = ""
        var lastWasHeader = false
        for item in items(layers, loc: loc) {
            let maxText = right - left - item.symbolW - 6
            let lines = TextMetrics.wrap(item.text, maxWidth: maxText, fontSize: font, bold: item.bold)
            let textW = lines.map { TextMetrics.width($0, fontSize: font, bold: item.bold) }.max() ?? 0
            let itemW = item.symbolW + (item.symbolW > 0 ? 6 : 0) + textW
            let itemH = max(item.rowH, Double(lines.count) * 14 + 4)
            if x > left && ((item.newRow && !lastWasHeader) || x + itemW > right) {
                x = left
                y += rowH
                rowH = 18
            }
            rowH = max(rowH, itemH)
            let cy = y + itemH / 2
            switch item.swatch {
            case .line(let c, let w):
                svg += "<line x1=\"\(r(x))\" y1=\"\(r(cy))\" x2=\"\(r(x + 18))\" y2=\"\(r(cy))\" stroke=\"\(c)\" stroke-width=\"\(r(max(w, 2.5)))\" stroke-linecap=\"round\"/>"
            case .fill(let c, let o, let outline):
                svg += "<rect x=\"\(r(x + 1))\" y=\"\(r(cy - 6))\" width=\"16\" height=\"12\" fill=\"\(c)\" fill-opacity=\"\(r(max(o, 0.3)))\" stroke=\"\(outline ?? c)\" stroke-width=\"\(outline == nil ? "0.8" : "1.4")\"/>"
            case .point(let c, let rad, let outline):
                svg += "<circle cx=\"\(r(x + item.symbolW / 2))\" cy=\"\(r(cy))\" r=\"\(r(min(rad, item.rowH / 2)))\" fill=\"\(c)\" stroke=\"\(outline ?? "#ffffff")\" stroke-width=\"0.8\"/>"
            case .none:
                break
            }
            let tx = x + item.symbolW + (item.symbolW > 0 ? 6 : 0)
            let firstBaseline = cy - Double(lines.count - 1) * 7 + 4
            for (k, line) in lines.enumerated() {
                svg += "<text x=\"\(r(tx))\" y=\"\(r(firstBaseline + Double(k) * 14))\" fill=\"#222\"\(item.bold ? " font-weight=\"bold\"" : "")>\(SVGMap.esc(line))</text>"
            }
            x += itemW + (item.bold ? 8 : 16)
            lastWasHeader = item.bold
        }
        return (svg, y + rowH + 4)
    }
}
