import CityIngest
import CityModel
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// A GeoPackage city is read with its layers at once (`ConcurrentLayerRead`); the result must be
/// what reading each kind on its own gives (a load of one kind never takes that path), including
/// the repairs and skips of the ingest report and the first error in kind order.
@Suite struct ConcurrentLayerReadTests {
    /// streets (one of them a line of one repeated vertex: skipped), buildings (one bow-tie:
    /// repaired), schools; 40 of each kind, so every layer has work.
    static func city() throws -> String {
        let path = Fixtures.tempDir("concurrent") + "/city.gpkg"
        let w = try VectorWriter(path: path, driver: "GPKG")
        let x0 = 500_000.0, y0 = 4_800_000.0
        var streets: [Feature] = [], buildings: [Feature] = [], schools: [Feature] = []
        for i in 0..<40 {
            let x = x0 + Double(i) * 50
            let line: [Point] = i == 7 ? [Point(x, y0), Point(x, y0)] : [Point(x, y0), Point(x + 50, y0), Point(x + 50, y0 + 30)]
            streets.append(Feature(id: "\(i)", geometry: .lineString(line),
                                   values: [.string("s\(i)"), .string(i % 3 == 0 ? "primary" : "footway")]))
            let ring: Ring = i == 11
                ? [Point(x, y0 + 10), Point(x + 20, y0 + 30), Point(x + 20, y0 + 10), Point(x, y0 + 30), Point(x, y0 + 10)]
                : [Point(x, y0 + 10), Point(x + 20, y0 + 10), Point(x + 20, y0 + 30), Point(x, y0 + 30), Point(x, y0 + 10)]
            buildings.append(Feature(id: "\(i)", geometry: .polygon(Polygon(exterior: ring)),
                                     values: [.string("b\(i)"), .int(Int64(1 + i % 5)), .string("apartments")]))
            schools.append(Feature(id: "\(i)", geometry: .point(Point(x + 5, y0 - 5)), values: [.string("k\(i)"), .string("School \(i)")]))
        }
        try w.writeLayer(name: "streets", geometryType: .lineString, epsg: 32643,
                         fields: [FieldDefinition("id", .string), FieldDefinition("highway", .string)], features: streets)
        try w.writeLayer(name: "buildings", geometryType: .polygon, epsg: 32643,
                         fields: [FieldDefinition("id", .string), FieldDefinition("levels", .int), FieldDefinition("building", .string)],
                         features: buildings)
        try w.writeLayer(name: "schools", geometryType: .point, epsg: 32643,
                         fields: [FieldDefinition("id", .string), FieldDefinition("name", .string)], features: schools)
        try w.close()
        return path
    }

    @Test func layersReadAtOnceEqualLayersReadOneByOne() throws {
        let path = try Self.city()
        let all = try CityReader.read(CityReadOptions(primary: path, kinds: [.streets, .buildings, .schools]))
        let streets = try CityReader.read(CityReadOptions(primary: path, kinds: [.streets]))
        let buildings = try CityReader.read(CityReadOptions(primary: path, kinds: [.buildings]))
        let schools = try CityReader.read(CityReadOptions(primary: path, kinds: [.schools]))
        #expect(all.streets == streets.streets)
        #expect(all.buildings == buildings.buildings)
        #expect(all.schools == schools.schools)
        #expect(all.streets.count == 39 && all.buildings.count == 40 && all.schools.count == 40)
        #expect(all.ingest.skipped == streets.ingest.skipped + buildings.ingest.skipped + schools.ingest.skipped)
        #expect(all.ingest.repaired == buildings.ingest.repaired)
        #expect(all.ingest.skipped.map(\.feature) == ["s7"])
        #expect(all.ingest.repaired.map(\.feature) == ["b11"])
        // Known values, not only equality between the two paths.
        #expect(all.streets.first?.id == "s0" && all.streets.first?.highway == "primary")
        #expect(abs(all.buildings[0].footprintAreaM2 - 400) < 1e-9)
        #expect(all.schools.last?.name == "School 39")
    }

    @Test func theFirstErrorInKindOrderIsThrown() throws {
        let path = try Self.city()
        let options = CityReadOptions(primary: path, layers: [.buildings: LayerSource(path: path, layer: "no_buildings"),
                                                          .schools: LayerSource(path: path, layer: "no_schools")],
                                  kinds: [.streets, .buildings, .schools])
        #expect {
            _ = try CityReader.read(options)
        } throws: { e in
            guard let e = e as? CovplanError else { return false }
            return e.problem.contains("no layer named 'no_buildings'") && !e.problem.contains("no_schools")
        }
    }
}
