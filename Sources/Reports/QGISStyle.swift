/// QGIS layer styles (QML documents, QGIS 3.x) for `GISLayerStyle`s: symbology (single symbol,
/// categorized with an "all other values" category, graduated, or rule-based with an ELSE rule)
/// and simple labels. Stored in a GeoPackage's or a PostGIS schema's `layer_styles` table by
/// `LayerStylesTable`, so layers open styled.
public enum QGISStyle {
    /// "#2e86c1" → "46,134,193,255".
    static func rgba(_ hex: String, alpha: Double = 1) -> String {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.count == 6, let v = Int(h, radix: 16) else { return "128,128,128,255" }
        return "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255),\(Int((alpha * 255).rounded()))"
    }

    /// Text escaped for an XML attribute or element.
    static func esc(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A number as written into styles: no exponent, no trailing `.0`.
    static func number(_ v: Double) -> String {
        GISStyleCatalog.categoryText(v)
    }

    static func symbol(_ style: GISLayerStyle.Symbol, color: String, name: String) -> String {
        func opt(_ k: String, _ v: String) -> String { "<Option name=\"\(k)\" type=\"QString\" value=\"\(v)\"/>" }
        switch style {
        case .line(let width):
            return "<symbol type=\"line\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("line_color", rgba(color)) + opt("line_width", number(width)) + opt("line_width_unit", "MM")
                + opt("line_style", "solid") + opt("capstyle", "round") + opt("joinstyle", "round") + "</Option></layer></symbol>"
        case .fill(let opacity):
            return "<symbol type=\"fill\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("color", rgba(color, alpha: opacity)) + opt("outline_color", rgba(color)) + opt("outline_width", "0.26")
                + opt("outline_width_unit", "MM") + opt("outline_style", "solid") + opt("style", "solid") + "</Option></layer></symbol>"
        case .marker(let size):
            return "<symbol type=\"marker\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("color", rgba(color)) + opt("name", "circle") + opt("size", number(size)) + opt("size_unit", "MM")
                + opt("outline_color", "255,255,255,255") + opt("outline_width", "0.2") + opt("outline_width_unit", "MM")
                + opt("outline_style", "solid") + "</Option></layer></symbol>"
        }
    }

    /// A QGIS expression selecting one class's features (`ELSE` for the catch-all).
    static func expression(_ test: GISLayerStyle.Class.Test, field: String, first: Bool) -> String {
        let f = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        switch test {
        case .equals(let v):
            if let d = Double(v), d.isFinite { return "\(f) = \(number(d))" }
            return "\(f) = '" + v.replacingOccurrences(of: "'", with: "''") + "'"
        case .range(let lo, let hi):
            return "\(f) \(first ? ">=" : ">") \(number(lo)) AND \(f) <= \(number(hi))"
        case .isTrue(let b): return b ? f : "NOT \(f)"
        case .other: return "ELSE"
        }
    }

    static func renderer(_ s: GISLayerStyle) -> String {
        let head = "symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\""
        var symbols = "<symbols>"
        for (i, c) in s.classes.enumerated() { symbols += symbol(s.symbol, color: c.color, name: String(i)) }
        symbols += "</symbols>"
        switch s.renderer {
        case .single:
            return "<renderer-v2 type=\"singleSymbol\" \(head)>\(symbols)</renderer-v2>"
        case .categorized(let field, let classes):
            var out = "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(esc(field))\" \(head)><categories>"
            for (i, c) in classes.enumerated() {
                let value: String
                switch c.test {
                case .equals(let v): value = v
                case .isTrue(let b): value = b ? "true" : "false"
                case .range, .other: value = ""
                }
                out += "<category value=\"\(esc(value))\" symbol=\"\(i)\" label=\"\(esc(c.label))\" render=\"true\"/>"
            }
            return out + "</categories>\(symbols)</renderer-v2>"
        case .graduated(let field, let classes):
            var out = "<renderer-v2 type=\"graduatedSymbol\" attr=\"\(esc(field))\" graduatedMethod=\"GraduatedColor\" \(head)><ranges>"
            for (i, c) in classes.enumerated() {
                guard case .range(let lo, let hi) = c.test else { continue }
                out += "<range lower=\"\(number(lo))\" upper=\"\(number(hi))\" symbol=\"\(i)\" label=\"\(esc(c.label))\" render=\"true\"/>"
            }
            return out + "</ranges>\(symbols)<mode name=\"manual\"/></renderer-v2>"
        case .rules(let field, let classes):
            var out = "<renderer-v2 type=\"RuleRenderer\" \(head)><rules key=\"root\">"
            for (i, c) in classes.enumerated() {
                out += "<rule key=\"r\(i)\" symbol=\"\(i)\" label=\"\(esc(c.label))\" filter=\"\(esc(expression(c.test, field: field, first: i == 0)))\"/>"
            }
            return out + "</rules>\(symbols)</renderer-v2>"
        }
    }

    /// Simple labels from one field, with a white halo; placement suits the geometry.
    static func labeling(_ s: GISLayerStyle) -> String {
        guard let field = s.labelField else { return "" }
        let placement: Int = switch s.symbol {
        case .marker: 0 // around the point
        case .fill: 1 // over the centroid
        case .line: 2 // parallel to the line
        }
        return "<labeling type=\"simple\"><settings calloutType=\"simple\">"
            + "<text-style fieldName=\"\(esc(field))\" isExpression=\"0\" fontFamily=\"Sans Serif\" fontSize=\"8\" fontSizeUnit=\"Point\" textColor=\"33,33,33,255\" textOpacity=\"1\" fontWeight=\"50\" fontItalic=\"0\" namedStyle=\"Regular\" multilineHeight=\"1\" allowHtml=\"0\">"
            + "<text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"0.85\" bufferNoFill=\"1\" bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>"
            + "</text-style>"
            + "<placement placement=\"\(placement)\" dist=\"1\" distUnits=\"MM\" priority=\"5\" centroidWhole=\"0\" centroidInside=\"1\" fitInPolygonOnly=\"0\"/>"
            + "<rendering drawLabels=\"1\" obstacle=\"1\" displayAll=\"0\" upsidedownLabels=\"0\" limitNumLabels=\"0\" mergeLines=\"0\" scaleVisibility=\"0\"/>"
            + "</settings></labeling>"
    }

    /// The QML document of one layer style.
    public static func qml(_ s: GISLayerStyle) -> String {
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            + "<qgis version=\"3.22.16\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"\(s.labelField == nil ? 0 : 1)\">"
            + renderer(s) + labeling(s) + "</qgis>"
    }
}
