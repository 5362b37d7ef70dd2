import Foundation
import GeoCore

/// The GIS style of every layer covplan writes, chosen by layer name and built from the layer's
/// own values, so categories name every value present (plus an "other values" catch-all that
/// also takes empty values) and graduated ranges span the data's minimum to maximum.
///
/// Unknown layers still get a style: one symbol for their geometry (a field named `level` with
/// DORI levels, or `camera_count`, is classified wherever it appears). Legend texts come from
/// the language catalogue.
public enum GISStyleCatalog {
    /// Qualitative colours for categories taken from the data (ids, types).
    static let qualitative = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                              "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
    /// Light to dark blues (more cameras, more incidents).
    static let blues = ["#90caf9", "#42a5f5", "#1e88e5", "#1565c0", "#0d47a1"]
    /// Short to long travel times: green → yellow → orange → red.
    static let minutesRamp = ["#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"]
    static let otherColor = "#9e9e9e"
    /// DORI levels (IEC 62676-4), weakest to strongest.
    static let doriLevels = ["detect", "observe", "recognize", "identify"]

    /// Styles of `layers`, one per distinct layer name, in order.
    public static func styles(for layers: [FeatureLayer], loc: Loc = .en) -> [GISLayerStyle] {
        var seen = Set<String>()
        return layers.filter { seen.insert($0.name).inserted }.map { style(for: $0, loc: loc) }
    }

    /// The style of one layer.
    public static func style(for layer: FeatureLayer, loc: Loc = .en) -> GISLayerStyle {
        let other = loc["gis.other"]
        let kind = geometryKind(of: layer)
        let has = { (f: String) in layer.fieldIndex(f) != nil }
        func make(_ title: String, _ symbol: GISLayerStyle.Symbol, _ renderer: GISLayerStyle.Renderer,
                  label: String? = nil) -> GISLayerStyle {
            GISLayerStyle(layer: layer.name, title: title, symbol: symbol, renderer: renderer, labelField: label)
        }
        switch layer.name {
        case "streets":
            return make(loc["legend.streets"], .line(widthMM: 0.35),
                        has("drivable") ? .rules(field: "drivable", classes: [
                            .init(.isTrue(true), color: Palette.drivable, label: loc["legend.drivable_streets"]),
                            .init(.other, color: Palette.street, label: loc["legend.other_streets"]),
                        ]) : .single(color: Palette.street))
        case "buildings":
            return make(loc["legend.buildings"], .fill(opacity: 0.5), .single(color: Palette.building))
        case "schools":
            return make(loc["legend.schools"], kind.isPoint ? .marker(sizeMM: 3) : .fill(opacity: 0.7),
                        .single(color: Palette.school), label: labelField(layer, ["name", "id"]))
        case "police":
            return make(loc["gis.layer.police"], kind.isPoint ? .marker(sizeMM: 3) : .fill(opacity: 0.7),
                        .single(color: "#283593"), label: labelField(layer, ["name", "id"]))
        case "coverage":
            return make(loc["legend.seen"], .line(widthMM: 0.8),
                        has("camera_count") ? cameraCount(layer, loc: loc) : .single(color: Palette.covered))
        case "newly_covered":
            return make(loc["gis.layer.newly_covered"], .line(widthMM: 0.8), .single(color: Palette.proposed))
        case "gaps":
            return make(loc["legend.gaps"], .line(widthMM: 0.8), .single(color: Palette.gap))
        case "viewsheds":
            return make(loc["legend.viewsheds"], .fill(opacity: 0.15), .single(color: Palette.covered))
        case "cameras", "camera_inventory":
            return make(loc["legend.cameras"], .marker(sizeMM: 1.8),
                        has("type") ? categories(layer, "type", colors: qualitative, other: other, loc: loc) : .single(color: Palette.camera))
        case "proposed_cameras":
            return make(loc["legend.proposed_cameras"], .marker(sizeMM: 3), .single(color: Palette.proposed),
                        label: labelField(layer, ["rank", "id"]))
        case "proposed_posts", "proposed":
            return make(loc["legend.proposed_posts"], .marker(sizeMM: 4), .single(color: Palette.bad),
                        label: labelField(layer, ["id", "rank"]))
        case "posts":
            return make(loc["legend.posts"], .marker(sizeMM: 3.5), .single(color: Palette.proposed),
                        label: labelField(layer, ["id"]))
        case "reach", "isochrones":
            let title = layer.name == "reach" ? loc["gis.layer.reach"] : loc["legend.isochrones"]
            let symbol: GISLayerStyle.Symbol = layer.name == "reach" ? .line(widthMM: 0.6) : .fill(opacity: 0.35)
            return make(title, symbol, has("minutes") ? minutes(layer, loc: loc) : .single(color: minutesRamp[0]))
        case "beats":
            return make(loc["gis.layer.beats"], .line(widthMM: 0.6),
                        has("source") ? categories(layer, "source", colors: qualitative, other: loc["gis.unreached"], loc: loc)
                                      : .single(color: qualitative[0]))
        case "precincts", "rebalanced_precincts", "plan":
            let field = layer.name == "precincts" ? "load_class" : "load_class_after"
            let title = layer.name == "precincts" ? loc["legend.precincts"] : loc["legend.plan"]
            return make(title, .fill(opacity: 0.45),
                        has(field) ? loadClasses(field, other: other, loc: loc) : .single(color: Palette.good),
                        label: labelField(layer, ["name", "id"]))
        case "street_blocks", "blocks":
            return make(loc["gis.layer.street_blocks"], .fill(opacity: 0.4),
                        has("moved") ? .rules(field: "moved", classes: [
                            .init(.isTrue(true), color: Palette.warn, label: loc["gis.moved"]),
                            .init(.other, color: "#c5e1a5", label: loc["gis.kept"]),
                        ]) : .single(color: "#c5e1a5"))
        case "incidents":
            return make(loc["legend.incidents"], .marker(sizeMM: 1.6),
                        has("within_target") ? .rules(field: "within_target", classes: [
                            .init(.isTrue(true), color: Palette.good, label: loc["legend.within_target"]),
                            .init(.isTrue(false), color: Palette.bad, label: loc["legend.late"]),
                            .init(.other, color: otherColor, label: other),
                        ]) : .single(color: Palette.good))
        case "atoms":
            return make(loc["gis.layer.atoms"], .marker(sizeMM: 2),
                        has("incidents") ? graduated(layer, "incidents", colors: blues, other: other, loc: loc) : .single(color: blues[2]))
        default:
            if has("camera_count") { return make(layer.name, .default(for: kind), cameraCount(layer, loc: loc)) }
            if has("level") { return make(layer.name, .default(for: kind), dori(other: other, loc: loc)) }
            return make(layer.name, .default(for: kind), .single(color: qualitative[0]))
        }
    }

    /// The declared geometry kind, or the first geometry's when the layer declares none.
    static func geometryKind(of layer: FeatureLayer) -> GeometryKind {
        if layer.geometryKind != .unknown { return layer.geometryKind }
        for f in layer.features {
            switch f.geometry {
            case .point?: return .point
            case .multiPoint?: return .multiPoint
            case .lineString?: return .lineString
            case .multiLineString?: return .multiLineString
            case .polygon?: return .polygon
            case .multiPolygon?: return .multiPolygon
            default: continue
            }
        }
        return .unknown
    }

    /// The first of `candidates` that the layer has with a value on every feature; else the
    /// first it has at all; else nil.
    static func labelField(_ layer: FeatureLayer, _ candidates: [String]) -> String? {
        let present = candidates.filter { layer.fieldIndex($0) != nil }
        for c in present {
            let i = layer.fieldIndex(c)!
            if layer.features.allSatisfy({ !$0.values[i].isNull }) { return layer.fields[i].name }
        }
        return present.first.map { layer.fields[layer.fieldIndex($0)!].name }
    }

    /// The distinct non-empty values of a field as the text QGIS compares categories with, in
    /// numeric order for numbers and text order otherwise.
    static func distinctValues(_ layer: FeatureLayer, _ field: String) -> [String] {
        guard let i = layer.fieldIndex(field) else { return [] }
        var numbers = Set<Double>(), texts = Set<String>()
        for f in layer.features where i < f.values.count {
            switch f.values[i] {
            case .null: continue
            case .int(let n): numbers.insert(Double(n))
            case .double(let d) where d.isFinite: numbers.insert(d)
            case .double: continue
            case .bool(let b): texts.insert(b ? "true" : "false")
            case .string(let s): texts.insert(s)
            }
        }
        return numbers.sorted().map(categoryText) + texts.sorted()
    }

    /// A number as QGIS prints a field value: `3` for whole numbers, `2.5` otherwise.
    static func categoryText(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// Categories for every value of `field` in the data, then "other values".
    static func categories(_ layer: FeatureLayer, _ field: String, colors: [String], other: String,
                           loc: Loc) -> GISLayerStyle.Renderer {
        let values = distinctValues(layer, field)
        var classes = values.enumerated().map { i, v in
            GISLayerStyle.Class(.equals(v), color: colors[i % colors.count], label: loc.value(v))
        }
        classes.append(.init(.other, color: otherColor, label: other))
        return .categorized(field: layer.fields[layer.fieldIndex(field)!].name, classes: classes)
    }

    /// Precinct load classes (every class of the staffing model, whether present or not).
    static func loadClasses(_ field: String, other: String, loc: Loc) -> GISLayerStyle.Renderer {
        let classes = PrecinctLoadSection.classColors.map { GISLayerStyle.Class(.equals($0.value), color: $0.color, label: loc.value($0.value)) }
        return .categorized(field: field, classes: classes + [.init(.other, color: otherColor, label: other)])
    }

    /// DORI levels in a `level` field.
    static func dori(other: String, loc: Loc) -> GISLayerStyle.Renderer {
        let classes = doriLevels.enumerated().map { i, v in GISLayerStyle.Class(.equals(v), color: blues[i + 1], label: loc.value(v)) }
        return .categorized(field: "level", classes: classes + [.init(.other, color: otherColor, label: other)])
    }

    /// Stretches seen by 1, 2, 3 and 4 up to the most cameras in the data (graduated).
    static func cameraCount(_ layer: FeatureLayer, loc: Loc) -> GISLayerStyle.Renderer {
        let values = numbers(layer, "camera_count")
        let most = max(4, values.max().map { Int($0.rounded(.up)) } ?? 4)
        let least = min(1, values.min().map { Int($0.rounded(.down)) } ?? 1)
        var classes: [GISLayerStyle.Class] = []
        for n in 1...3 {
            classes.append(.init(.range(lower: Double(n == 1 ? least : n - 1), upper: Double(n)), color: blues[n - 1],
                                 label: loc.t("legend.seen_by", loc.num(n))))
        }
        classes.append(.init(.range(lower: 3, upper: Double(most)), color: blues[4],
                             label: loc.t("legend.seen_by", most == 4 ? loc.num(4) : loc.num(4) + "–" + loc.num(most))))
        return ranges("camera_count", classes, layer: layer, other: loc["gis.other"])
    }

    /// One class per travel-time threshold (minutes) present in the data.
    static func minutes(_ layer: FeatureLayer, loc: Loc) -> GISLayerStyle.Renderer {
        let values = distinctValues(layer, "minutes")
        let ramp = values.count <= 1 ? [minutesRamp[0]]
            : values.indices.map { minutesRamp[Int((Double($0) / Double(values.count - 1) * Double(minutesRamp.count - 1)).rounded())] }
        var classes = values.enumerated().map { i, v in
            GISLayerStyle.Class(.equals(v), color: ramp[i], label: loc.t("unit.n_min", loc.num(Double(v) ?? 0)))
        }
        classes.append(.init(.other, color: otherColor, label: loc["gis.other"]))
        return .categorized(field: "minutes", classes: classes)
    }

    /// Up to `colors.count` equal-interval ranges from the data's minimum to its maximum.
    static func graduated(_ layer: FeatureLayer, _ field: String, colors: [String], other: String,
                          loc: Loc) -> GISLayerStyle.Renderer {
        let values = numbers(layer, field)
        let lo = values.min() ?? 0, hi = values.max() ?? 0
        var classes: [GISLayerStyle.Class] = []
        if hi <= lo {
            classes.append(.init(.range(lower: lo, upper: hi), color: colors[colors.count / 2], label: loc.num(lo)))
        } else {
            let k = colors.count
            var lower = lo
            for j in 1...k {
                let upper = j == k ? hi : niceRound(lo + (hi - lo) * Double(j) / Double(k))
                guard upper > lower || j == k else { continue }
                classes.append(.init(.range(lower: lower, upper: upper), color: colors[j - 1],
                                     label: loc.num(lower) + " – " + loc.num(upper)))
                lower = upper
            }
        }
        return ranges(layer.fields[layer.fieldIndex(field)!].name, classes, layer: layer, other: other)
    }

    /// Graduated ranges, or the same tests as rules with an ELSE rule when the field has empty
    /// values (QGIS's graduated renderer draws no feature whose value is NULL).
    static func ranges(_ field: String, _ classes: [GISLayerStyle.Class], layer: FeatureLayer,
                       other: String) -> GISLayerStyle.Renderer {
        guard let i = layer.fieldIndex(field) else { return .graduated(field: field, classes: classes) }
        let hasEmpty = layer.features.contains { i >= $0.values.count || $0.values[i].number.map { !$0.isFinite } ?? true }
        return hasEmpty ? .rules(field: field, classes: classes + [.init(.other, color: otherColor, label: other)])
                        : .graduated(field: field, classes: classes)
    }

    static func numbers(_ layer: FeatureLayer, _ field: String) -> [Double] {
        guard let i = layer.fieldIndex(field) else { return [] }
        return layer.features.compactMap { i < $0.values.count ? $0.values[i].number : nil }.filter(\.isFinite)
    }

    /// Two significant digits (class breaks that read well in a legend).
    static func niceRound(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        let p = pow(10, floor(log10(abs(v))) - 1)
        return (v / p).rounded() * p
    }
}

extension GeometryKind {
    var isPoint: Bool { self == .point || self == .multiPoint }
}
