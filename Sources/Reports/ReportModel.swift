import GeoCore

/// A table for CSV, Markdown and HTML outputs.
public struct ReportTable: Sendable {
    public var name: String
    public var title: String
    public var columns: [String]
    public var rows: [[FieldValue]]
    /// Columns whose text values are machine words (`over`, `repaired`) shown through the
    /// catalogue's `val.` labels in reports; CSV keeps the machine words.
    public var enumColumns: Set<String>
    /// Rows shown in report.md / report.html when fewer than the reports' usual limit (the CSV
    /// holds every row); nil = the usual limit.
    public var reportRows: Int?

    public init(name: String, title: String, columns: [String], rows: [[FieldValue]], enumColumns: Set<String> = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.enumColumns = enumColumns
    }
}

/// How one layer is drawn on a report map.
public struct MapLayerStyle: Sendable {
    public enum Symbol: Sendable {
        /// Lines with a stroke width in pixels.
        case line(width: Double)
        /// Filled polygons with an outline.
        case fill(opacity: Double)
        /// Circles of a radius in pixels.
        case point(radius: Double)
    }

    public var layer: FeatureLayer
    public var symbol: Symbol
    /// Colour of every feature, or from a field value via `categories`.
    public var color: String
    /// Field whose value picks the colour from `categories` (e.g. `load_class`).
    public var categoryField: String?
    public var categories: [(value: String, color: String)]
    /// Legend label.
    public var label: String
    /// Legend labels of category values (the value itself when absent).
    public var categoryLabels: [String: String]

    public init(layer: FeatureLayer, symbol: Symbol, color: String, label: String, categoryField: String? = nil,
                categories: [(value: String, color: String)] = [], categoryLabels: [String: String] = [:]) {
        self.layer = layer
        self.symbol = symbol
        self.color = color
        self.label = label
        self.categoryField = categoryField
        self.categories = categories
        self.categoryLabels = categoryLabels
    }
}

/// A map in a report: layers drawn bottom to top over a common extent (working CRS).
public struct ReportMap: Sendable {
    public var title: String
    public var caption: String
    public var layers: [MapLayerStyle]

    public init(title: String, caption: String, layers: [MapLayerStyle]) {
        self.title = title
        self.caption = caption
        self.layers = layers
    }
}

/// A bar chart: one bar per label, optional reference line (e.g. the 3,200 norm).
public struct ReportChart: Sendable {
    public var title: String
    public var unit: String
    public var bars: [(label: String, value: Double, highlight: Bool)]
    public var reference: (label: String, value: Double)?

    public init(title: String, unit: String, bars: [(label: String, value: Double, highlight: Bool)],
                reference: (label: String, value: Double)? = nil) {
        self.title = title
        self.unit = unit
        self.bars = bars
        self.reference = reference
    }
}

/// One part of a run's outputs: its `summary.json` section, its layers, tables, maps, charts and
/// the key findings in words.
public struct ReportSection: Sendable {
    /// Key in `summary.json` (`city`, `coverage`, `reach`, `load`, `placement`, `simulation`).
    public var key: String
    public var title: String
    public var summary: JSONValue
    /// Findings as short sentences (Markdown inline allowed).
    public var findings: [String]
    /// Layers written as GeoJSON files and into `layers.gpkg`.
    public var layers: [FeatureLayer]
    public var tables: [ReportTable]
    public var maps: [ReportMap]
    public var charts: [ReportChart]

    public init(key: String, title: String, summary: JSONValue, findings: [String] = [], layers: [FeatureLayer] = [],
                tables: [ReportTable] = [], maps: [ReportMap] = [], charts: [ReportChart] = []) {
        self.key = key
        self.title = title
        self.summary = summary
        self.findings = findings
        self.layers = layers
        self.tables = tables
        self.maps = maps
        self.charts = charts
    }
}
