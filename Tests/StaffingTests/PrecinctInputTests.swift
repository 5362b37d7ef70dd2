import CityIngest
import CityModel
import Foundation
import GDALBridge
import GeoCore
import Staffing
import Testing
import TestSupport

/// Loading precincts and staff: field mapping, staff tables, and every bad input named.
@Suite struct PrecinctInputTests {
    static let utm = WorkingCRS(epsg: 32635)

    static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]))
    }

    /// A GeoPackage layer `precincts` (UTM 35N) with fields code, title, staff_n, pop.
    static func gpkg(_ rows: [(String, Geometry, FieldValue, FieldValue)], epsg: Int = 32635) throws -> String {
        let path = Fixtures.tempDir("prec") + "/precincts.gpkg"
        let w = try VectorWriter(path: path, driver: "GPKG")
        try w.writeLayer(name: "precincts", geometryType: .polygon, epsg: epsg,
                         fields: [FieldDefinition("code", .string), FieldDefinition("title", .string),
                                  FieldDefinition("staff_n", .int), FieldDefinition("pop", .double)],
                         features: rows.map { Feature(id: $0.0, geometry: $0.1, values: [.string($0.0), .string("P \($0.0)"), $0.2, $0.3]) })
        try w.close()
        return path
    }

    static func error(_ body: () throws -> Void) -> CovplanError? {
        do { try body(); return nil } catch { return error as? CovplanError }
    }

    @Test func fieldMappingAndPopulationField() throws {
        let path = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000, 6_671_000), .int(2), .double(7000)),
                                  ("B", Self.rect(501_000, 6_670_000, 502_000, 6_671_000), .int(0), .double(100))])
        let set = try PrecinctReader.read(PrecinctSource(path: path, idField: "code", nameField: "title", inspectorsField: "staff_n",
                                                         populationField: "pop"), workingCRS: Self.utm)
        #expect(set.precincts.map(\.id) == ["A", "B"])
        #expect(set.precincts.map(\.inspectors) == [2, 0])
        #expect(set.precincts[0].name == "P A")
        #expect(set.precincts.map(\.populationField) == [7000, 100])
        #expect(abs(set.precincts[0].areaM2 - 1e6) < 1e-6)
        // Zero inspectors: reported unstaffed, never divided by zero.
        let result = try StaffingAnalysis.precinctLoad(city: City(crs: Self.utm), precincts: set, population: .field("pop"))
        #expect(result.loads[1].loadClass == .unstaffed && result.loads[1].residentsPerInspector == nil && result.loads[1].overNorm)
        #expect(result.loads[0].residentsPerInspector == 3500 && result.loads[0].deficit == 1)
        #expect(result.method == "field" && result.methodDescription.contains("'pop'"))
        #expect(result.summary.unstaffed == 1)
    }

    @Test func overlappingPrecinctsAreReportedWithIdsAndArea() throws {
        // A and B overlap in a 200 m × 1000 m strip = 200,000 m².
        let path = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000, 6_671_000), .int(1), .null),
                                  ("B", Self.rect(500_800, 6_670_000, 502_000, 6_671_000), .int(1), .null),
                                  ("C", Self.rect(502_000, 6_670_000, 503_000, 6_671_000), .int(1), .null)])
        let e = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: path, idField: "code"), workingCRS: Self.utm) }
        #expect(e?.kind == .dataError)
        #expect(e?.file == path)
        #expect(e?.description.contains("A and B overlap by 200000 m²") == true, "\(e?.description ?? "")")
        #expect(e?.description.contains("and C") == false && e?.description.contains("tolerance 1 m²") == true)
        // Independent: the overlap list itself.
        let set = [Precinct(id: "A", polygons: Self.rect(0, 0, 10, 10).polygons), Precinct(id: "B", polygons: Self.rect(5, 5, 20, 20).polygons)]
        #expect(try PrecinctOverlaps.find(set) == [PrecinctOverlap(first: "A", second: "B", areaM2: 25)])
    }

    @Test func slightOverlapsUnderTheToleranceAreWarnings() throws {
        let path = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000.0005, 6_671_000), .int(1), .null),
                                  ("B", Self.rect(501_000, 6_670_000, 502_000, 6_671_000), .int(1), .null)])
        let set = try PrecinctReader.read(PrecinctSource(path: path, idField: "code"), workingCRS: Self.utm)
        #expect(set.overlaps.count == 1 && set.warnings.contains { $0.contains("A and B overlap") })
    }

    @Test func staffCSVJoinsByIdAndListsUnknownIds() throws {
        let path = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000, 6_671_000), .null, .null),
                                  ("B", Self.rect(501_000, 6_670_000, 502_000, 6_671_000), .null, .null),
                                  ("C", Self.rect(502_000, 6_670_000, 503_000, 6_671_000), .null, .null)])
        let good = Fixtures.file("staff.csv", "precinct_id,inspectors,assistants\nA,3,1\nB,0,0\n")
        let set = try PrecinctReader.read(PrecinctSource(path: path, idField: "code", staffTable: good), workingCRS: Self.utm)
        #expect(set.precincts.map(\.inspectors) == [3, 0, 0])
        #expect(set.precincts.map(\.assistants) == [1, 0, 0])
        #expect(set.warnings.contains { $0.contains("precinct C: no row in the staff table") })

        let bad = Fixtures.file("staff.csv", "precinct_id,inspectors\nA,3\nX9,2\nB,1\nY7,1\n")
        let e = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: path, idField: "code", staffTable: bad), workingCRS: Self.utm) }
        #expect(e?.kind == .dataError)
        #expect(e?.file == bad)
        #expect(e?.description.contains("2 precinct ids match no precinct: X9, Y7") == true, "\(e?.description ?? "")")

        let frac = Fixtures.file("staff.csv", "precinct_id,inspectors\nA,2.5\n")
        let e2 = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: path, idField: "code", staffTable: frac), workingCRS: Self.utm) }
        #expect(e2?.kind == .dataError && e2?.description.contains("'2.5' is not a whole non-negative number") == true)

        let noCol = Fixtures.file("staff.csv", "precinct_id,officers\nA,2\n")
        let e3 = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: path, idField: "code", staffTable: noCol), workingCRS: Self.utm) }
        #expect(e3?.kind == .usage && e3?.description.contains("no inspectors column") == true)
    }

    @Test func duplicateIdsAndBadCountsNameTheFeature() throws {
        let dup = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000, 6_671_000), .int(1), .null),
                                 ("A", Self.rect(501_000, 6_670_000, 502_000, 6_671_000), .int(1), .null)])
        let e = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: dup, idField: "code"), workingCRS: Self.utm) }
        #expect(e?.kind == .dataError && e?.feature == "A" && e?.description.contains("duplicate precinct id") == true)

        let neg = try Self.gpkg([("A", Self.rect(500_000, 6_670_000, 501_000, 6_671_000), .int(-2), .null)])
        let e2 = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: neg, idField: "code", inspectorsField: "staff_n"), workingCRS: Self.utm) }
        #expect(e2?.kind == .dataError && e2?.feature == "A" && e2?.layer == "precincts")

        let e3 = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: neg, inspectorsField: "nope"), workingCRS: Self.utm) }
        #expect(e3?.kind == .usage && e3?.description.contains("no field 'nope'") == true)

        let e4 = Self.error { _ = try PrecinctReader.read(PrecinctSource(path: "/no/such.gpkg"), workingCRS: Self.utm) }
        #expect(e4?.kind == .noInput)
    }

    @Test func precinctsInAnotherCRSAreReprojected() throws {
        // WGS 84 input → UTM 35N: a 0.01° × 0.01° cell near Helsinki is ≈ 555 m × 1112 m.
        let path = try Self.gpkg([("A", Self.rect(24.93, 60.16, 24.94, 60.17), .int(1), .null)], epsg: 4326)
        let set = try PrecinctReader.read(PrecinctSource(path: path, idField: "code"), workingCRS: Self.utm)
        let a = set.precincts[0].areaM2
        #expect(a > 0.55e6 && a < 0.63e6, "\(a)")
        #expect(set.precincts[0].envelope.minX > 380_000 && set.precincts[0].envelope.minX < 400_000)
    }
}
