import Foundation
@testable import GDALBridge
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

    /// A GeoPackage layer above the parallel-read threshold is read in two FID ranges on two
    /// connections: the result must be exactly what was written, in order, filters and field
    /// selection included.
    @Test func largeGeoPackageLayerReadsInOrderWithFiltersAndFieldSelection() throws {
        let path = Fixtures.tempDir("gpkg-large") + "/big.gpkg"
        let n = 60_000
        let fields = [FieldDefinition("name", .string), FieldDefinition("n", .int), FieldDefinition("v", .double)]
        let features: [Feature] = (0..<n).map { i in
            let x = Double(i) * 0.5
            return Feature(id: "f\(i)", geometry: .lineString([Point(x, 1), Point(x, 2), Point(x + 3, 7)]),
                           values: [.string("street \(i)"), .int(Int64(i)), .double(x)])
        }
        let w = try VectorWriter(path: path, driver: "GPKG")
        try w.writeLayer(name: "lines", geometryType: .lineString, epsg: 32635, fields: fields, features: features)
        try w.close()

        let src = try VectorSource(path: path)
        let (all, warnings) = try src.read(layer: "lines")
        #expect(warnings.isEmpty)
        #expect(all.features.count == n)
        #expect(all.features.map(\.geometry) == features.map(\.geometry))
        #expect(all.features.map(\.values) == features.map(\.values))
        #expect(all.features.map(\.id) == (1...n).map(String.init))

        // Any split point gives every feature exactly once, in order: the split only balances
        // the two readers (FIDs need not be dense).
        for split: Int64 in [-5, 0, 1, 7, 30_001, 59_999, 60_000, 60_001, 1 << 40] {
            #expect(try src.readSplit(layer: "lines", at: split) == all.features, "split at \(split)")
        }
        // Rows made in place when the count is stated: a count above the real one only leaves
        // room unused; one below it (a stale count) makes the read start again without it —
        // never a truncated or overrun layer.
        for split: Int64 in [1, 30_001, 60_001] {
            for count in [n, n + 17, n - 1, 0, 30_000] {
                #expect(try src.readSplit(layer: "lines", at: split, count: count) == all.features,
                        "split at \(split), stated count \(count)")
            }
        }

        let (some, _) = try src.read(layer: "lines", attributeFilter: "n % 7 = 3", fields: ["v", "name"])
        let expected = features.filter { Int($0.id.dropFirst())! % 7 == 3 }
        #expect(some.fields.map(\.name) == ["v", "name"])
        #expect(some.features.map(\.values) == expected.map { [$0.values[2], $0.values[0]] })
        #expect(some.features.map(\.geometry) == expected.map(\.geometry))
    }

    /// Geometries come straight out of OGR; every kind must equal what went in (polygons with
    /// holes, multi-geometries, collections), and curves are linearised.
    @Test func everyGeometryKindReadsBackAsWritten() throws {
        let ring: Ring = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]
        let hole: Ring = [Point(2, 2), Point(2, 4), Point(4, 4), Point(4, 2), Point(2, 2)]
        let poly = Polygon(exterior: ring, holes: [hole])
        let geoms: [Geometry] = [
            .point(Point(1.5, -2.25)),
            .lineString([Point(0, 0), Point(3, 4), Point(6, 0)]),
            .polygon(poly),
            .multiPoint([Point(1, 1), Point(2, 2)]),
            .multiLineString([[Point(0, 0), Point(1, 1)], [Point(5, 5), Point(6, 7), Point(8, 9)]]),
            .multiPolygon([poly, Polygon(exterior: ring.map { Point($0.x + 20, $0.y) })]),
            .collection([.point(Point(9, 9)), .lineString([Point(0, 0), Point(1, 0)])]),
        ]
        let path = Fixtures.tempDir("gpkg-kinds") + "/kinds.gpkg"
        let w = try VectorWriter(path: path, driver: "GPKG")
        try w.writeLayer(name: "g", geometryType: .unknown, epsg: 32635, fields: [],
                         features: geoms.enumerated().map { Feature(id: "\($0.offset)", geometry: $0.element, values: []) })
        try w.close()
        let (layer, _) = try VectorSource(path: path).read(layer: "g")
        #expect(layer.features.map(\.geometry) == geoms)

        let csv = Fixtures.file("curve.csv", "id,WKT\n1,\"CIRCULARSTRING (0 0, 1 1, 2 0)\"\n2,\"POINT Z (1 2 3)\"\n")
        let (curves, _) = try VectorSource(path: csv).read(layer: "curve")
        guard case .lineString(let arc)? = curves.features[0].geometry else {
            Issue.record("curve not linearised: \(String(describing: curves.features[0].geometry))")
            return
        }
        #expect(arc.count > 10 && arc.first == Point(0, 0) && arc.last == Point(2, 0))
        #expect(arc.allSatisfy { abs(hypot($0.x - 1, $0.y) - 1) < 1e-9 })
        #expect(curves.features[1].geometry == .point(Point(1, 2)))
    }
}
