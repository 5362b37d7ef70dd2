import Foundation
import GeoCore
import Reports
import Testing
import TestSupport

@Suite struct GeoJSONWriterTests {
    func write(_ features: [Feature], fields: [FieldDefinition] = []) throws -> [String: Any] {
        let path = Fixtures.tempDir("gj") + "/out.geojson"
        let w = try GeoJSONWriter(path: path, name: "t", fields: fields)
        for f in features { try w.write(f) }
        try w.finish()
        let data = FileManager.default.contents(atPath: path)!
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test func orientsRingsForRFC7946() throws {
        let cw: Ring = [Point(0, 0), Point(0, 1), Point(1, 1), Point(1, 0), Point(0, 0)]
        let holeCCW: Ring = [Point(0.2, 0.2), Point(0.4, 0.2), Point(0.4, 0.4), Point(0.2, 0.2)]
        let doc = try write([Feature(id: "p", geometry: .polygon(Polygon(exterior: cw, holes: [holeCCW])), values: [])])
        let geom = ((doc["features"] as! [[String: Any]])[0]["geometry"] as! [String: Any])
        let rings = (geom["coordinates"] as! [[[Double]]]).map { $0.map { Point($0[0], $0[1]) } }
        #expect(Planar.signedArea(rings[0]) > 0)
        #expect(Planar.signedArea(rings[1]) < 0)
        #expect(doc["crs"] == nil)
        #expect(doc["type"] as? String == "FeatureCollection")
    }

    @Test func roundsToSevenDecimalsAndWritesProperties() throws {
        let fields = [FieldDefinition("name", .string), FieldDefinition("n", .int), FieldDefinition("x", .double),
                      FieldDefinition("b", .bool), FieldDefinition("none", .string)]
        let doc = try write([Feature(id: "a", geometry: .point(Point(24.123456789, 60.987654321)),
                                     values: [.string("Esplanadi \"A\"\n"), .int(3), .double(.nan), .bool(true), .null])],
                            fields: fields)
        let f = (doc["features"] as! [[String: Any]])[0]
        let c = (f["geometry"] as! [String: Any])["coordinates"] as! [Double]
        #expect(c == [24.1234568, 60.9876543])
        let p = f["properties"] as! [String: Any]
        #expect(p["name"] as? String == "Esplanadi \"A\"\n")
        #expect(p["n"] as? Int == 3)
        #expect(p["x"] is NSNull)  // JSON has no NaN
        #expect(p["b"] as? Bool == true)
        #expect(p["none"] is NSNull)
    }

    @Test func refusesNonFiniteCoordinates() throws {
        let path = Fixtures.tempDir("gj") + "/bad.geojson"
        let w = try GeoJSONWriter(path: path, name: "t", fields: [])
        #expect(throws: CovplanError.self) { try w.write(Feature(id: "x", geometry: .point(Point(.nan, 1)), values: [])) }
    }

    @Test func jsonTextIsStable() {
        #expect(JSONText.number(12) == "12")
        #expect(JSONText.number(0.1) == "0.1")
        #expect(JSONText.number(.infinity) == "null")
        #expect(JSONText.string("a\u{1}b") == "\"a\\u0001b\"")
        let v: JSONValue = .object([("b", 1), ("a", .array([1.5, "x", nil]))])
        #expect(v.text(pretty: false) == #"{"b":1,"a":[1.5,"x",null]}"#)
    }
}
