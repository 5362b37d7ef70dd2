/// OGC Styled Layer Descriptor 1.1.0 (Symbology Encoding 1.1, Filter Encoding 1.1) documents
/// for `GISLayerStyle`s, stored next to the QML in `layer_styles.styleSLD` for clients other than
/// QGIS (GeoServer, MapServer) and for QGIS's own SLD import. One rule per class, in order, the
/// catch-all as `<se:ElseFilter/>`; labels as a separate rule with a `TextSymbolizer`.
/// Sizes are pixels at 96 dpi (millimetres × 3.78).
public enum SLDStyle {
    static let pxPerMM = 96 / 25.4

    static func px(_ mm: Double) -> String {
        QGISStyle.number((mm * pxPerMM * 10).rounded() / 10)
    }

    static func param(_ name: String, _ value: String) -> String {
        "<se:SvgParameter name=\"\(name)\">\(QGISStyle.esc(value))</se:SvgParameter>"
    }

    static func property(_ field: String) -> String {
        "<ogc:PropertyName>\(QGISStyle.esc(field))</ogc:PropertyName>"
    }

    static func compare(_ op: String, _ field: String, _ literal: String) -> String {
        "<ogc:\(op)>\(property(field))<ogc:Literal>\(QGISStyle.esc(literal))</ogc:Literal></ogc:\(op)>"
    }

    /// The filter element of one class (`<se:ElseFilter/>` for the catch-all, nothing for a
    /// single symbol).
    static func filter(_ test: GISLayerStyle.Class.Test, field: String?, first: Bool) -> String {
        guard let field else { return "" }
        switch test {
        case .equals(let v):
            return "<ogc:Filter>" + compare("PropertyIsEqualTo", field, v) + "</ogc:Filter>"
        case .range(let lo, let hi):
            return "<ogc:Filter><ogc:And>"
                + compare(first ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan", field, QGISStyle.number(lo))
                + compare("PropertyIsLessThanOrEqualTo", field, QGISStyle.number(hi)) + "</ogc:And></ogc:Filter>"
        case .isTrue(let b):
            return "<ogc:Filter>" + compare("PropertyIsEqualTo", field, b ? "true" : "false") + "</ogc:Filter>"
        case .other:
            return "<se:ElseFilter/>"
        }
    }

    static func symbolizer(_ symbol: GISLayerStyle.Symbol, color: String) -> String {
        switch symbol {
        case .line(let w):
            return "<se:LineSymbolizer><se:Stroke>" + param("stroke", color) + param("stroke-width", px(w))
                + param("stroke-linejoin", "round") + param("stroke-linecap", "round") + "</se:Stroke></se:LineSymbolizer>"
        case .fill(let opacity):
            return "<se:PolygonSymbolizer><se:Fill>" + param("fill", color) + param("fill-opacity", QGISStyle.number(opacity))
                + "</se:Fill><se:Stroke>" + param("stroke", color) + param("stroke-width", px(0.26))
                + param("stroke-linejoin", "bevel") + "</se:Stroke></se:PolygonSymbolizer>"
        case .marker(let size):
            return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill>"
                + param("fill", color) + "</se:Fill><se:Stroke>" + param("stroke", "#ffffff") + param("stroke-width", px(0.2))
                + "</se:Stroke></se:Mark><se:Size>\(px(size))</se:Size></se:Graphic></se:PointSymbolizer>"
        }
    }

    static func labelRule(_ s: GISLayerStyle) -> String {
        guard let field = s.labelField else { return "" }
        let placement: String = switch s.symbol {
        case .line: "<se:LinePlacement><se:GeneralizeLine>false</se:GeneralizeLine></se:LinePlacement>"
        case .fill: "<se:PointPlacement><se:AnchorPoint><se:AnchorPointX>0.5</se:AnchorPointX><se:AnchorPointY>0.5</se:AnchorPointY></se:AnchorPoint></se:PointPlacement>"
        case .marker: "<se:PointPlacement><se:AnchorPoint><se:AnchorPointX>0</se:AnchorPointX><se:AnchorPointY>0.5</se:AnchorPointY></se:AnchorPoint><se:Displacement><se:DisplacementX>4</se:DisplacementX><se:DisplacementY>0</se:DisplacementY></se:Displacement></se:PointPlacement>"
        }
        return "<se:Rule><se:Name>\(QGISStyle.esc(field))</se:Name><se:TextSymbolizer><se:Label>\(property(field))</se:Label>"
            + "<se:Font>" + param("font-family", "Sans Serif") + param("font-size", "11") + "</se:Font>"
            + "<se:LabelPlacement>\(placement)</se:LabelPlacement>"
            + "<se:Halo><se:Radius>2</se:Radius><se:Fill>" + param("fill", "#ffffff") + "</se:Fill></se:Halo>"
            + "<se:Fill>" + param("fill", "#212121") + "</se:Fill></se:TextSymbolizer></se:Rule>"
    }

    /// The SLD document of one layer style.
    public static func sld(_ s: GISLayerStyle) -> String {
        let name = QGISStyle.esc(s.layer)
        var rules = ""
        for (i, c) in s.classes.enumerated() {
            rules += "<se:Rule><se:Name>\(QGISStyle.esc(c.label))</se:Name><se:Description><se:Title>\(QGISStyle.esc(c.label))</se:Title></se:Description>"
                + filter(c.test, field: s.field, first: i == 0) + symbolizer(s.symbol, color: c.color) + "</se:Rule>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:se=\"http://www.opengis.net/se\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.1.0\" xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">"
            + "<NamedLayer><se:Name>\(name)</se:Name><UserStyle><se:Name>\(name)</se:Name>"
            + "<se:Description><se:Title>\(QGISStyle.esc(s.title))</se:Title></se:Description>"
            + "<se:FeatureTypeStyle>\(rules)\(labelRule(s))</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>"
    }
}
