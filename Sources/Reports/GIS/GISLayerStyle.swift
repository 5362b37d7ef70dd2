import GeoCore

/// How one output layer is drawn in a GIS (QGIS through QML, any OGC client through SLD): one
/// symbol kind for the layer's geometry, a renderer that gives **every** feature a symbol
/// (categories end with an "other values" catch-all, graduated ranges span every value and fall
/// back to rules with an ELSE rule when the field has empty values), and an optional label field.
///
/// Independent of the report's SVG map styles, so the GIS styles cover every layer of a run,
/// including those no report map draws. Colours are `#rrggbb`; sizes are millimetres on paper.
public struct GISLayerStyle: Sendable, Equatable {
    public enum Symbol: Sendable, Equatable {
        /// Lines of a width in millimetres.
        case line(widthMM: Double)
        /// Polygons filled at an opacity 0…1 with an outline of the same colour.
        case fill(opacity: Double)
        /// Circle markers of a diameter in millimetres.
        case marker(sizeMM: Double)
    }

    /// One class of features and how it is drawn.
    public struct Class: Sendable, Equatable {
        public enum Test: Sendable, Equatable {
            /// The field's value equals this text (numbers as written by `FieldValue`: `3`, `2.5`).
            case equals(String)
            /// lower ≤ value ≤ upper (the first range) or lower < value ≤ upper (later ranges).
            case range(lower: Double, upper: Double)
            /// Boolean field is true / false.
            case isTrue(Bool)
            /// Every feature no earlier class took: other values and empty (NULL) values.
            case other
        }

        public var test: Test
        public var color: String
        /// Legend text.
        public var label: String

        public init(_ test: Test, color: String, label: String) {
            self.test = test
            self.color = color
            self.label = label
        }
    }

    public enum Renderer: Sendable, Equatable {
        /// Every feature alike.
        case single(color: String)
        /// QGIS categorized renderer on `field`; the last class is `.other`.
        case categorized(field: String, classes: [Class])
        /// QGIS graduated renderer on `field` (no empty values in the data); ranges only.
        case graduated(field: String, classes: [Class])
        /// QGIS rule-based renderer: tests on `field` in order, the last rule `.other` (ELSE).
        case rules(field: String, classes: [Class])
    }

    /// Table name (layer name in the GeoPackage / PostGIS schema).
    public var layer: String
    public var geometryColumn: String
    /// Human title of the layer (QGIS style description, SLD title).
    public var title: String
    public var symbol: Symbol
    public var renderer: Renderer
    /// Field whose text labels each feature (precinct names, post ids), or nil.
    public var labelField: String?

    public init(layer: String, geometryColumn: String = "geom", title: String, symbol: Symbol,
                renderer: Renderer, labelField: String? = nil) {
        self.layer = layer
        self.geometryColumn = geometryColumn
        self.title = title
        self.symbol = symbol
        self.renderer = renderer
        self.labelField = labelField
    }

    /// The classes of the renderer (one for a single symbol).
    public var classes: [Class] {
        switch renderer {
        case .single(let color): [Class(.other, color: color, label: title)]
        case .categorized(_, let c), .graduated(_, let c), .rules(_, let c): c
        }
    }

    /// The field the renderer classifies on, or nil for a single symbol.
    public var field: String? {
        switch renderer {
        case .single: nil
        case .categorized(let f, _), .graduated(let f, _), .rules(let f, _): f
        }
    }
}

extension GISLayerStyle.Symbol {
    /// The symbol kind that suits a geometry kind (markers for points, fills for polygons).
    static func `default`(for kind: GeometryKind) -> GISLayerStyle.Symbol {
        switch kind {
        case .point, .multiPoint: .marker(sizeMM: 2)
        case .polygon, .multiPolygon: .fill(opacity: 0.4)
        case .lineString, .multiLineString, .none, .unknown: .line(widthMM: 0.5)
        }
    }
}
