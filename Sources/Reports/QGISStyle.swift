/// QGIS layer styles (QML) stored in a GeoPackage's `layer_styles` table, so layers open styled
/// in QGIS. Only the symbology is written: single symbols, or categories on one field.
public enum QGISStyle {
    /// "#2e86c1" → "46,134,193,255".
    static func rgba(_ hex: String, alpha: Double = 1) -> String {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.count == 6, let v = Int(h, radix: 16) else { return "128,128,128,255" }
        return "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255),\(Int((alpha * 255).rounded()))"
    }

    static func symbol(_ style: MapLayerStyle.Symbol, color: String, name: String) -> String {
        func opt(_ k: String, _ v: String) -> String { "<Option name=\"\(k)\" type=\"QString\" value=\"\(v)\"/>" }
        switch style {
        case .line(let width):
            return "<symbol type=\"line\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("line_color", rgba(color)) + opt("line_width", String(width * 0.35)) + opt("line_width_unit", "MM")
                + opt("capstyle", "round") + "</Option></layer></symbol>"
        case .fill(let opacity):
            return "<symbol type=\"fill\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("color", rgba(color, alpha: opacity)) + opt("outline_color", rgba(color)) + opt("outline_width", "0.2")
                + opt("style", "solid") + "</Option></layer></symbol>"
        case .point(let radius):
            return "<symbol type=\"marker\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                + opt("color", rgba(color)) + opt("name", "circle") + opt("size", String(radius * 0.7)) + opt("size_unit", "MM")
                + opt("outline_color", "255,255,255,255") + "</Option></layer></symbol>"
        }
    }

    /// The QML document for one styled layer.
    public static func qml(_ s: MapLayerStyle) -> String {
        var renderer: String
        if let field = s.categoryField, !s.categories.isEmpty {
            renderer = "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(SVGMap.esc(field))\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><categories>"
            for (i, c) in s.categories.enumerated() {
                renderer += "<category value=\"\(SVGMap.esc(c.value))\" symbol=\"\(i)\" label=\"\(SVGMap.esc(s.categoryLabels[c.value] ?? c.value))\" render=\"true\"/>"
            }
            renderer += "</categories><symbols>"
            for (i, c) in s.categories.enumerated() { renderer += symbol(s.symbol, color: c.color, name: String(i)) }
            renderer += "</symbols></renderer-v2>"
        } else {
            renderer = "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><symbols>"
                + symbol(s.symbol, color: s.color, name: "0") + "</symbols></renderer-v2>"
        }
        return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'><qgis version=\"3.28.0\" styleCategories=\"Symbology\">\(renderer)</qgis>"
    }

    static func sqlString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// SQL creating `layer_styles` and storing one default style per layer (a fixed update_time
    /// keeps the file byte-identical between runs).
    public static func sql(_ styles: [MapLayerStyle]) -> [String] {
        var out = ["CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME)"]
        var seen = Set<String>()
        for s in styles where seen.insert(s.layer.name).inserted {
            out.append("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', \(sqlString(s.layer.name)), 'geom', \(sqlString(s.layer.name)), \(sqlString(qml(s))), '', 1, \(sqlString("covplan: " + s.label)), 'covplan', '', '2000-01-01T00:00:00Z')")
        }
        return out
    }
}

import Foundation
