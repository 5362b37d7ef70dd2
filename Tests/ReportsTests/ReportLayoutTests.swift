import Foundation
import GeoCore
import Reports
import Testing

/// Issue 18, point 2, what can be checked without a browser: every map has a legend, labels, a
/// scale bar and a north arrow; legends wrap inside the map's width and labels never share room
/// (by the layout's own conservative widths — `make check-report` measures the real ones in
/// Chromium); labels are escaped; charts leave room for their labels and values.
@Suite struct ReportLayoutTests {
    static func square(_ x: Double, _ y: Double, _ s: Double) -> Geometry {
        .polygon(Polygon(exterior: [Point(x: x, y: y), Point(x: x + s, y: y), Point(x: x + s, y: y + s), Point(x: x, y: y + s), Point(x: x, y: y)]))
    }

    static func precincts(_ names: [String]) -> FeatureLayer {
        FeatureLayer(name: "precincts", fields: [FieldDefinition("name", .string), FieldDefinition("load_class", .string)], crs: "EPSG:32635",
                     features: names.enumerated().map { i, n in
                         Feature(id: "p\(i)", geometry: square(Double(i % 3) * 400, Double(i / 3) * 400, 380), values: [.string(n), .string(i % 2 == 0 ? "over" : "under")])
                     })
    }

    static func posts(_ n: Int) -> FeatureLayer {
        FeatureLayer(name: "posts", fields: [FieldDefinition("id", .string)], crs: "EPSG:32635",
                     features: (0..<n).map { i in Feature(id: "\(i)", geometry: .point(Point(x: 50 + Double(i) * 7, y: 600)), values: [.string("post \(i + 1)")]) })
    }

    /// The text of each `<text>` element inside the group `class="NAME"` (up to its closing tag).
    static func texts(_ svg: String, group: String) -> [String] {
        guard let start = svg.range(of: "<g class=\"\(group)\"") else { return [] }
        var depth = 0
        var i = start.lowerBound
        var end = svg.endIndex
        while i < svg.endIndex {
            if svg[i...].hasPrefix("<g") { depth += 1 } else if svg[i...].hasPrefix("</g>") {
                depth -= 1
                if depth == 0 { end = i; break }
            }
            i = svg.index(after: i)
        }
        let body = svg[start.lowerBound..<end]
        return body.components(separatedBy: "<text").dropFirst().compactMap { part in
            guard let gt = part.firstIndex(of: ">"), let close = part.range(of: "</text>") else { return nil }
            return String(part[part.index(after: gt)..<close.lowerBound])
        }
    }

    /// Attribute `name` of every `<text>` in `svg` with its content.
    static func textElements(_ svg: String) -> [(attrs: [String: String], text: String)] {
        svg.components(separatedBy: "<text").dropFirst().compactMap { part in
            guard let gt = part.firstIndex(of: ">"), let close = part.range(of: "</text>") else { return nil }
            var attrs: [String: String] = [:]
            let head = part[..<gt]
            for m in head.split(separator: " ") {
                let kv = m.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { attrs[String(kv[0])] = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            return (attrs, String(part[part.index(after: gt)..<close.lowerBound]))
        }
    }

    func map(_ names: [String], loc: Loc) -> ReportMap {
        ReportMap(title: "t", caption: "c", layers: [
            MapLayerStyle(layer: Self.precincts(names), symbol: .fill(opacity: 0.5), color: "#2e7d32", label: loc["legend.precincts"],
                          categoryField: "load_class", categories: [("under", "#a5d6a7"), ("over", "#ef6c00")],
                          categoryLabels: ["under": loc.value("under"), "over": loc.value("over")], outline: "#333333", labelField: "name"),
            MapLayerStyle(layer: Self.posts(3), symbol: .point(radius: 5), color: "#c62828", label: loc["legend.posts"], labelField: "id"),
        ])
    }

    @Test(arguments: ReportLanguage.allCases)
    func everyMapHasLegendLabelsScaleBarAndNorthArrow(_ lang: ReportLanguage) {
        let loc = Loc(lang)
        let svg = SVGMap.render(map(["Kamppi", "Kluuvi", "Punavuori", "Ullanlinna"], loc: loc), loc: loc)
        for g in ["layers", "labels", "scale-bar", "north-arrow", "legend"] { #expect(svg.contains("<g class=\"\(g)\""), "\(lang): no \(g) group") }
        let legend = Self.texts(svg, group: "legend")
        for want in [loc["legend.precincts"] + ":", loc.value("under"), loc.value("over"), loc["legend.posts"]] {
            #expect(legend.contains(want), "\(lang): legend lacks \(want): \(legend)")
        }
        let labels = Self.texts(svg, group: "labels")
        for n in ["Kamppi", "Kluuvi", "Punavuori", "Ullanlinna"] { #expect(labels.contains(n), "\(lang): no label \(n): \(labels)") }
        #expect(Self.texts(svg, group: "north-arrow") == [loc["map.north"]])
        #expect(Self.texts(svg, group: "scale-bar").first?.hasSuffix(loc["unit.m"]) == true)
    }

    @Test func labelsAreEscaped() {
        let svg = SVGMap.render(map(["<script>alert(1)</script>", "A & B \"quoted\""], loc: .en))
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("A &amp; B &quot;quoted&quot;"))
    }

    /// The scale bar's length in pixels is its label's length in metres times the map's scale
    /// (the map is 720 px wide for a layer extent of known size).
    @Test func scaleBarMatchesTheMapScale() throws {
        let svg = SVGMap.render(map(["a", "b", "c"], loc: .en), width: 720, maxHeight: 2000)
        // Extent: 1180 m wide plus the 3 % (≥ 20 m) margin on each side.
        let width = 1180 + 2 * max(1180 * 0.03, 20.0)
        let scale = 720 / width
        let label = try #require(Self.texts(svg, group: "scale-bar").first)
        let metres = try #require(Double(label.replacingOccurrences(of: " m", with: "")))
        let body = String(svg[svg.range(of: "<g class=\"scale-bar\"")!.lowerBound...])
        let widths = body.components(separatedBy: "<rect").dropFirst(2).prefix(2).compactMap { r -> Double? in
            r.range(of: "width=\"").flatMap { a in Double(r[a.upperBound...].prefix { $0 != "\"" }) }
        }
        #expect(widths.count == 2)
        #expect(abs(widths.reduce(0, +) - metres * scale) < 0.2, "\(widths) vs \(metres * scale)")
    }

    /// Long legend entries in a narrow map wrap onto more rows: every legend text ends inside the
    /// SVG (by the conservative widths), in every language.
    @Test(arguments: ReportLanguage.allCases)
    func legendWrapsInsideTheMap(_ lang: ReportLanguage) {
        let loc = Loc(lang)
        var m = map(["a", "b"], loc: loc)
        m.layers[0].categories = ["under", "at", "over", "far_over", "unstaffed"].map { ($0, "#888888") }
        m.layers[0].categoryLabels = Dictionary(uniqueKeysWithValues: ["under", "at", "over", "far_over", "unstaffed"].map { ($0, loc.value($0) + " — " + loc["gl.load.def"]) })
        let width = 320.0
        let svg = SVGMap.render(m, width: width, loc: loc)
        let legendStart = svg.range(of: "<g class=\"legend\"")!.lowerBound
        let legendTexts = Self.textElements(String(svg[legendStart...]))
        #expect(legendTexts.count > 10, "long entries are wrapped onto several lines")
        for t in legendTexts {
            let x = Double(t.attrs["x"] ?? "") ?? -1
            let bold = t.attrs["font-weight"] == "bold"
            #expect(x >= 0 && x + TextMetrics.width(t.text, fontSize: 11, bold: bold) <= width, "\(lang): '\(t.text)' runs past \(width) px")
        }
        let viewBox = svg.range(of: "viewBox=\"0 0 ").map { svg[$0.upperBound...].prefix { $0 != "\"" } } ?? ""
        let height = Double(viewBox.split(separator: " ").last ?? "") ?? 0
        for t in legendTexts { #expect((Double(t.attrs["y"] ?? "") ?? 1e9) < height, "legend text below the SVG") }
    }

    /// Labels that would overlap are left out: 30 posts a few metres apart get far fewer labels,
    /// and no two label boxes (conservative widths) intersect.
    @Test func crowdedLabelsDoNotOverlap() {
        let m = ReportMap(title: "t", caption: "c", layers: [
            MapLayerStyle(layer: Self.posts(30), symbol: .point(radius: 4), color: "#c62828", label: "posts", labelField: "id"),
            MapLayerStyle(layer: Self.precincts(["x"]), symbol: .fill(opacity: 0.2), color: "#999999", label: "area"),
        ])
        let svg = SVGMap.render(m)
        let labels = Self.textElements(svg).filter { $0.attrs["class"] == "label\"" || $0.attrs["class"] == "label" }
        #expect(labels.count >= 2 && labels.count < 30, "\(labels.count) labels placed")
        let boxes = labels.map { l -> (Double, Double, Double, Double) in
            let x = Double(l.attrs["x"]!)!, y = Double(l.attrs["y"]!)!
            return (x, y - 11, x + TextMetrics.width(l.text, fontSize: 11, bold: true), y + 3)
        }
        for i in boxes.indices { for j in boxes.indices where j > i {
            let a = boxes[i], b = boxes[j]
            #expect(!(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3), "labels \(labels[i].text) and \(labels[j].text) overlap")
        } }
    }

    /// Chart: the label column fits the longest label (or wraps it), the reference line's label
    /// is above the bars, and value labels are drawn after the line (so it never covers them).
    @Test func chartLabelsFitAndTheNormLineStaysUnderTheValues() {
        let bars = [("Kamppi–Ruoholahti–Jätkäsaari police precinct with a very long name", 3450.0, true), ("Kluuvi", 2100.0, false)]
        let svg = SVGChart.render(ReportChart(title: "t", unit: "", bars: bars.map { ($0.0, $0.1, $0.2) }, reference: ("norm 3,200", 3200)), width: 720)
        let all = Self.textElements(svg)
        let labelTexts = all.filter { $0.attrs["text-anchor"] == "end" }.map(\.text)
        #expect(labelTexts.joined(separator: " ") == bars[0].0 + " " + bars[1].0, "the long label is wrapped, not cut: \(labelTexts)")
        for t in all.filter({ $0.attrs["text-anchor"] == "end" }) {
            #expect(Double(t.attrs["x"]!)! - TextMetrics.width(t.text, fontSize: 11) >= 0, "label '\(t.text)' starts left of the chart")
        }
        for t in all where t.attrs["text-anchor"] == nil {
            #expect(Double(t.attrs["x"]!)! + TextMetrics.width(t.text, fontSize: 11) <= 720, "value '\(t.text)' runs past the chart")
        }
        let line = svg.range(of: "<line")!.lowerBound
        let values = svg.range(of: "<g class=\"values\"")!.lowerBound
        #expect(line < values)
        let ref = all.first { $0.text == "norm 3,200" }!
        let firstBarY = Double(svg.components(separatedBy: "<rect").dropFirst().first!.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })!
        #expect(Double(ref.attrs["y"]!)! < firstBarY, "the norm's label sits above the first bar")
    }

    /// Graduated symbols: circle area proportional to the value.
    @Test func graduatedCircleAreaIsProportional() {
        let g = GraduatedSize(field: "n", maxValue: 100, maxRadius: 16, legendValues: [10, 100], unitLabel: "{0}")
        #expect(abs(g.radius(100) - 16) < 1e-9)
        let a25 = Double.pi * g.radius(25) * g.radius(25), a100 = Double.pi * 16 * 16
        #expect(abs(a25 / a100 - 0.25) < 1e-9)
        #expect(g.radius(0) == 1.5)
    }

    @Test func textIsWrappedAtSpacesIntoLinesThatFit() {
        let text = "precincts over the norm, before and after rebalancing by street blocks"
        let lines = TextMetrics.wrap(text, maxWidth: 120, fontSize: 11)
        #expect(lines.count > 2)
        #expect(lines.joined(separator: " ") == text)
        for l in lines { #expect(TextMetrics.width(l, fontSize: 11) <= 120) }
        // Wider characters count wider: Cyrillic ж and Latin m against i.
        #expect(TextMetrics.width("жжж", fontSize: 10) > TextMetrics.width("iii", fontSize: 10) * 2)
    }
}
