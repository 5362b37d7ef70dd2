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
    /// Columns the CSV keeps but the HTML and Markdown reports leave out: internal ids (demand
    /// points, OSM ids) that mean nothing to a reader.
    public var reportHidden: Set<String>

    public init(name: String, title: String, columns: [String], rows: [[FieldValue]], enumColumns: Set<String> = [],
                reportHidden: Set<String> = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.enumColumns = enumColumns
        self.reportHidden = reportHidden
    }

    /// Indices of the columns the reports show.
    public var shownColumns: [Int] { columns.indices.filter { !reportHidden.contains(columns[$0]) } }
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
    /// Outline colour of filled polygons and point symbols (the fill colour when nil), e.g. the
    /// edge of each isochrone band.
    public var outline: String?
    /// Field whose value labels each feature on the report map (precinct names, post ids,
    /// proposed-site ranks); labels that would collide are left out.
    public var labelField: String?
    /// Graduated point symbols: the circle's area is proportional to this field's value.
    public var size: GraduatedSize?
    /// False: the style only serves the layer's QGIS style; report maps neither draw it nor list
    /// it in the legend (a layer shown another way, e.g. incidents as graduated sites).
    public var drawn: Bool

    public init(layer: FeatureLayer, symbol: Symbol, color: String, label: String, categoryField: String? = nil,
                categories: [(value: String, color: String)] = [], categoryLabels: [String: String] = [:],
                outline: String? = nil, labelField: String? = nil, size: GraduatedSize? = nil, drawn: Bool = true) {
        self.layer = layer
        self.symbol = symbol
        self.color = color
        self.label = label
        self.categoryField = categoryField
        self.categories = categories
        self.categoryLabels = categoryLabels
        self.outline = outline
        self.labelField = labelField
        self.size = size
        self.drawn = drawn
    }
}

/// Graduated circles: radius `maxRadius · √(value / maxValue)` pixels (area ∝ value), at least
/// 1.5 px; the legend shows circles for `legendValues` with `unitLabel` ("{0} incidents").
public struct GraduatedSize: Sendable {
    public var field: String
    public var maxValue: Double
    public var maxRadius: Double
    public var legendValues: [Double]
    /// Legend text of one value, `{0}` replaced by the number.
    public var unitLabel: String

    public init(field: String, maxValue: Double, maxRadius: Double, legendValues: [Double], unitLabel: String) {
        self.field = field
        self.maxValue = maxValue
        self.maxRadius = maxRadius
        self.legendValues = legendValues
        self.unitLabel = unitLabel
    }

    /// Radius in pixels of `value`.
    public func radius(_ value: Double) -> Double {
        guard maxValue > 0, value.isFinite, value > 0 else { return 1.5 }
        return max(1.5, maxRadius * (min(value, maxValue) / maxValue).squareRoot())
    }
}

/// A text label on a report map at a point of the working CRS (street names, for orientation).
public struct MapLabel: Sendable {
    public var text: String
    public var at: Point
    /// Higher first when labels compete for room.
    public var priority: Int

    public init(text: String, at: Point, priority: Int = 0) {
        self.text = text
        self.at = at
        self.priority = priority
    }
}

/// A map in a report: layers drawn bottom to top over a common extent (working CRS).
public struct ReportMap: Sendable {
    public var title: String
    public var caption: String
    public var layers: [MapLayerStyle]
    /// Free labels (street names); feature labels come from each layer's `labelField`.
    public var labels: [MapLabel]
    /// The extent shown (working CRS); nil: the drawn layers' extent. Before/after maps share one.
    public var extent: Envelope?

    public init(title: String, caption: String, layers: [MapLayerStyle], labels: [MapLabel] = [], extent: Envelope? = nil) {
        self.title = title
        self.caption = caption
        self.layers = layers
        self.labels = labels
        self.extent = extent
    }
}

/// A bar chart: one bar per label, optional reference line (e.g. the 3,200 norm).
public struct ReportChart: Sendable {
    public var title: String
    public var unit: String
    public var bars: [(label: String, value: Double, highlight: Bool)]
    public var reference: (label: String, value: Double)?
    /// What the highlighted (red) bars mean, shown under the chart.
    public var note: String

    public init(title: String, unit: String, bars: [(label: String, value: Double, highlight: Bool)],
                reference: (label: String, value: Double)? = nil, note: String = "") {
        self.note = note
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
    /// The section's figures for the one-page summary at the top of the report.
    public var headlines: [Headline]

    public init(key: String, title: String, summary: JSONValue, findings: [String] = [], layers: [FeatureLayer] = [],
                tables: [ReportTable] = [], maps: [ReportMap] = [], charts: [ReportChart] = [], headlines: [Headline] = []) {
        self.headlines = headlines
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

/// One figure of the report's one-page summary: the figure, what it counts, and what it rests
/// on (level of detail, heading assumption, norm, population method, unit costs).
public struct Headline: Sendable {
    /// The figure as shown, e.g. "18.2 of 32.3 km (56%)".
    public var value: String
    /// What it counts, e.g. "streets seen by cameras".
    public var label: String
    /// What it rests on, in a sentence.
    public var basis: String

    public init(value: String, label: String, basis: String) {
        self.value = value
        self.label = label
        self.basis = basis
    }
}
