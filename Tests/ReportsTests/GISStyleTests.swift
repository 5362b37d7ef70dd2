import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GDALBridge
import GeoCore
import Reports
import Testing
import TestSupport

/// GIS layer styles: every value gets a class of its own (checked by brute force over the
/// values with QGIS's range rules), catch-alls, the QML/SLD documents parse as XML, and the
/// GeoPackage's `layer_styles` rows are complete with a GeoPackage-conformant `update_time`.
@Suite struct GISStyleTests {
    static func lineLayer(_ name: String, field: FieldDefinition, values: [FieldValue]) -> FeatureLayer {
        FeatureLayer(name: name, fields: [field], crs: "EPSG:32635",
                     features: values.enumerated().map { i, v in
                         Feature(id: "\(i)", geometry: .lineString([Point(Double(i), 0), Point(Double(i) + 1, 0)]), values: [v])
                     }, geometryKind: .lineString)
    }

    /// QGIS's graduated renderer: the first range is [lower, upper], later ones (lower, upper].
    static func rangeIndices(_ v: Double, _ classes: [GISLayerStyle.Class]) -> [Int] {
        classes.indices.filter { i in
            guard case .range(let lo, let hi) = classes[i].test else { return false }
            return (i == 0 ? lo <= v : lo < v) && v <= hi
        }
    }

    @Test func coverageGivesEveryCameraCountExactlyOneClass() throws {
        let counts: [Int64] = [1, 1, 2, 3, 4, 5, 6, 7, 2, 1]
        let layer = Self.lineLayer("coverage", field: FieldDefinition("camera_count", .int), values: counts.map { .int($0) })
        let style = GISStyleCatalog.style(for: layer)
        guard case .graduated(let field, let classes) = style.renderer else {
            Issue.record("coverage is not graduated: \(style.renderer)"); return
        }
        #expect(field == "camera_count")
        for n in 1...7 { #expect(Self.rangeIndices(Double(n), classes).count == 1, "\(n) cameras") }
        // 1, 2 and 3 cameras apart, then one class for 4 up to the most (7) in the data.
        #expect(Self.rangeIndices(1, classes) != Self.rangeIndices(2, classes))
        #expect(Self.rangeIndices(4, classes) == Self.rangeIndices(7, classes))
        #expect(classes[Self.rangeIndices(7, classes)[0]].label == "seen by 4–7")
    }

    @Test func categoriesNameEveryValueAndEndWithACatchAll() throws {
        let layer = Self.lineLayer("beats", field: FieldDefinition("source", .string),
                                   values: [.string("post-b"), .string("post-a"), .null, .string("post-b")])
        let style = GISStyleCatalog.style(for: layer)
        guard case .categorized(_, let classes) = style.renderer else { Issue.record("beats not categorized"); return }
        #expect(classes.map(\.test) == [.equals("post-a"), .equals("post-b"), .other])
    }

    @Test func emptyValuesInARangedFieldFallBackToRulesWithElse() throws {
        let layer = Self.lineLayer("atoms", field: FieldDefinition("incidents", .int), values: [.int(0), .int(12), .null, .int(40)])
        let style = GISStyleCatalog.style(for: layer)
        guard case .rules(_, let classes) = style.renderer else { Issue.record("atoms with NULL not rule-based"); return }
        #expect(classes.last?.test == .other)
        for v in [0.0, 12, 40] { #expect(Self.rangeIndices(v, classes).count == 1, "\(v)") }
        #expect(QGISStyle.qml(style).contains("filter=\"ELSE\""))
        #expect(SLDStyle.sld(style).contains("<se:ElseFilter/>"))
    }

    @Test func unknownLayersStillGetAStyle() throws {
        let layer = Self.lineLayer("something_new", field: FieldDefinition("x", .double), values: [.double(1)])
        let style = GISStyleCatalog.style(for: layer)
        guard case .single = style.renderer else { Issue.record("not a single symbol"); return }
        #expect(style.symbol == .line(widthMM: 0.5))
    }

    @Test func geoPackageStoresQMLSLDAndAConformantUpdateTime() throws {
        let dir = Fixtures.tempDir("gisstyle")
        let precincts = FeatureLayer(
            name: "precincts", fields: [FieldDefinition("name", .string), FieldDefinition("load_class", .string)], crs: "EPSG:32635",
            features: [Feature(id: "1", geometry: .polygon(Polygon(exterior: [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 0)])),
                               values: [.string("Kluuvi & <Kruununhaka>"), .string("over")])],
            geometryKind: .polygon)
        let coverage = Self.lineLayer("coverage", field: FieldDefinition("camera_count", .int), values: [.int(1), .int(5)])
        try LayerExport.writeGeoPackage([precincts, coverage], to: dir + "/l.gpkg", overwrite: false, loc: Loc(.ru))
        let src = try VectorSource(path: dir + "/l.gpkg")
        let (rows, warnings) = try src.read(layer: "layer_styles")
        // GDAL parses update_time as a DATETIME and warns about nothing (a value without
        // milliseconds, as before, gave "Non-conformant content ... in column update_time").
        #expect(warnings == [])
        func col(_ name: String) -> Int { rows.fieldIndex(name)! }
        #expect(Set(rows.features.compactMap { $0.values[col("f_table_name")].text }) == ["precincts", "coverage"])
        #expect(LayerStylesTable.updateTime == "2000-01-01T00:00:00.000Z")
        for f in rows.features {
            #expect(f.values[col("update_time")].text == "2000/01/01 00:00:00+00")
            let qml = f.values[col("styleQML")].text ?? "", sld = f.values[col("styleSLD")].text ?? ""
            #expect(qml.contains("<renderer-v2"))
            #expect(sld.contains("StyledLayerDescriptor"))
            #if canImport(FoundationXML)
            let q = try XMLDocument(xmlString: qml, options: [])
            #expect(q.rootElement()?.name == "qgis")
            let s = try XMLDocument(xmlString: sld, options: [])
            #expect(s.rootElement()?.name == "StyledLayerDescriptor")
            #endif
        }
        let precinctQML = rows.features.first { $0.values[col("f_table_name")].text == "precincts" }!.values[col("styleQML")].text!
        #expect(precinctQML.contains("fieldName=\"name\""))          // labelled with the precinct name
        #expect(precinctQML.contains("label=\"выше нормы\""))        // legend in the report's language
        #expect(precinctQML.contains("Kluuvi") == false)             // values never leak into the style
    }

    @Test func geoJSONLeavesOutNumericFieldsWithoutAnyValue() throws {
        let dir = Fixtures.tempDir("gisstyle-gj")
        let layer = FeatureLayer(
            name: "precincts", fields: [FieldDefinition("id", .string), FieldDefinition("crimes", .int),
                                        FieldDefinition("area_km2", .double), FieldDefinition("note", .string)],
            crs: "EPSG:4326",
            features: [Feature(id: "a", geometry: .point(Point(24.9, 60.1)), values: [.string("a"), .null, .double(1.5), .null]),
                       Feature(id: "b", geometry: .point(Point(24.9, 60.2)), values: [.string("b"), .null, .null, .null])],
            geometryKind: .point)
        try LayerExport.write(layer, to: dir + "/p.geojson", format: .geojson, overwrite: false)
        try LayerExport.write(layer, to: dir + "/p.gpkg", format: .gpkg, overwrite: false)
        // GDAL's reading of each file, not our own writer's idea of it.
        let gj = try VectorSource(path: dir + "/p.geojson").fields(layer: "precincts")
        let gp = try VectorSource(path: dir + "/p.gpkg").fields(layer: "precincts")
        #expect(gj.map(\.name) == ["id", "area_km2", "note"])
        #expect(gj.first { $0.name == "area_km2" }?.type == .double)
        #expect(gp.first { $0.name == "crimes" }?.type == .int)
    }
}
