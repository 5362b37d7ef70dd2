import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

@Suite struct GDALBridgeTests {
    @Test func writesAndReadsBackAGeoPackage() throws {
        let path = Fixtures.tempDir("gpkg") + "/x.gpkg"
        let fields = [FieldDefinition("name", .string), FieldDefinition("n", .int), FieldDefinition("v", .double),
                      FieldDefinition("ok", .bool)]
        let features: [Feature] = (0..<50).map { (i: Int) -> Feature in
            let x = Double(i)
            let v: FieldValue = i % 2 == 0 ? .double(x / 3) : .null
            let values: [FieldValue] = [.string("s\(i)"), .int(Int64(i)), v, .bool(i % 3 == 0)]
            return Feature(id: "f\(i)", geometry: .lineString([Point(x, 0), Point(x, 10)]), values: values)
        }
        let w = try VectorWriter(path: path, driver: "GPKG")
        try w.writeLayer(name: "lines", geometryType: .lineString, epsg: 32635, fields: fields, features: features)
        try w.close()

        let src = try VectorSource(path: path)
        #expect(src.driverName == "GPKG")
        let info = try src.info(layer: "lines")
        #expect(info.featureCount == 50 && info.crs == "EPSG:32635")
        let (layer, warnings) = try src.read(layer: "lines")
        #expect(warnings.isEmpty)
        #expect(layer.features.map { $0.geometry } == features.map { $0.geometry })
        #expect(layer.features[4].values == [.string("s4"), .int(4), .double(4.0 / 3), .bool(false)])
        #expect(layer.features[3].values[2] == .null)
        let (filtered, _) = try src.read(layer: "lines", attributeFilter: "n >= 45")
        #expect(filtered.features.count == 5)
    }

    @Test func missingAndNonGISFilesFailToOpen() throws {
        #expect { try VectorSource(path: "/nonexistent/file.gpkg") } throws: { ($0 as? GDALError)?.kind == .cannotOpen }
        let text = Fixtures.file("notes.txt", "this is not GIS data\n")
        #expect { try VectorSource(path: text) } throws: { ($0 as? GDALError)?.kind == .cannotOpen }
    }

    @Test func truncatedPBFIsAFailedReadNotAShortOne() throws {
        let cut = Fixtures.truncatedCopy(of: Fixtures.helsinkiPBF, fraction: 0.6)
        let src = try VectorSource(path: cut)
        #expect { try src.read(layer: "lines") } throws: { ($0 as? GDALError)?.kind == .readFailed }
    }

    @Test func badFilterAndUnknownLayerAreReported() throws {
        let src = try VectorSource(path: Fixtures.helsinkiPBF)
        #expect { try src.read(layer: "nope") } throws: { ($0 as? GDALError)?.kind == .noSuchLayer }
        #expect { try src.read(layer: "lines", attributeFilter: "highway ===") } throws: { ($0 as? GDALError)?.kind == .badQuery }
    }
}
