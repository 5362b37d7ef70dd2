import CityIngest
import CityModel
import Foundation
import GeoCore
import Testing
import TestSupport

/// Every bad input of the foundation issue gives one `CovplanError` naming the file (and the
/// layer/feature where there is one) with the documented failure kind.
@Suite struct BadInputTests {
    func failure(_ opts: CityReadOptions) -> CovplanError? {
        do {
            _ = try CityReader.read(opts)
            return nil
        } catch {
            return error as? CovplanError
        }
    }

    @Test func missingFile() {
        let e = failure(CityReadOptions(primary: "/no/such/city.osm.pbf"))
        #expect(e?.kind == .noInput)
        #expect(e?.description == "/no/such/city.osm.pbf: no such file")
    }

    @Test func notGISData() {
        let path = Fixtures.file("city.pbf", "hello, I am not a map\n")
        let e = failure(CityReadOptions(primary: path))
        #expect(e?.kind == .noInput)
        #expect(e?.file == path)
    }

    @Test func truncatedPBF() {
        let cut = Fixtures.truncatedCopy(of: Fixtures.helsinkiPBF, fraction: 0.5)
        let e = failure(CityReadOptions(primary: cut, makeValid: true))
        #expect(e?.kind == .dataError)
        #expect(e?.description.contains("truncated") == true)
    }

    @Test func unknownLayerName() {
        let e = failure(CityReadOptions(layers: [.streets: LayerSource(path: Fixtures.helsinkiPBF, layer: "roadz")], kinds: [.streets]))
        #expect(e?.kind == .noInput)
        #expect(e?.description.contains("roadz") == true && e?.description.contains("lines") == true)
    }

    @Test func emptyLayer() {
        let path = Fixtures.file("empty.geojson", #"{"type":"FeatureCollection","features":[]}"#)
        let e = failure(CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets]))
        #expect(e?.kind == .dataError)
        #expect(e?.description.contains("empty") == true)
        #expect(failure(CityReadOptions(primary: path))?.kind == .dataError)
    }

    @Test func nanCoordinates() {
        let path = Fixtures.file("nan.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"s7","highway":"primary"},
        "geometry":{"type":"LineString","coordinates":[[24.94,60.17],[NaN,60.18]]}}]}
        """)
        let e = failure(CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets]))
        #expect(e?.kind == .dataError)
        #expect(e?.feature == "s7")
        #expect(e?.description.contains("not finite") == true)
    }

    @Test func selfIntersectingPolygon() throws {
        let path = Fixtures.file("b.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"bowtie"},
        "geometry":{"type":"Polygon","coordinates":[[[24.940,60.170],[24.941,60.171],[24.941,60.170],[24.940,60.171],[24.940,60.170]]]}}]}
        """)
        // Buildings are a context layer: repaired and reported by default.
        let lenient = try CityReader.read(CityReadOptions(layers: [.buildings: LayerSource(path: path)], kinds: [.buildings]))
        #expect(lenient.buildings.count == 1 && lenient.ingest.repaired.map(\.feature) == ["bowtie"])
        let opts = CityReadOptions(layers: [.buildings: LayerSource(path: path)], kinds: [.buildings], strict: true)
        let e = failure(opts)
        #expect(e?.kind == .dataError)
        #expect(e?.feature == "bowtie")
        #expect(e?.description.contains("Self-intersection") == true)
        var repair = opts
        repair.makeValid = true
        let c = try CityReader.read(repair)
        #expect(c.buildings.count == 1 && c.ingest.repaired.map(\.feature) == ["bowtie"])
        var skip = opts
        skip.skipInvalid = true
        let skipped = try CityReader.read(skip)
        #expect(skipped.buildings.isEmpty)
        #expect(skipped.ingest.skipped.map(\.feature) == ["bowtie"])  // reported, not silent
    }

    @Test func sourceWithoutCRS() {
        let path = Fixtures.file("lines.csv", "id,WKT,highway\n1,\"LINESTRING (24.94 60.17, 24.95 60.18)\",primary\n")
        let e = failure(CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets]))
        #expect(e?.kind == .dataError)
        #expect(e?.description.contains("--source-crs") == true)
    }

    @Test func messagesAreOneLine() {
        let cut = Fixtures.truncatedCopy(of: Fixtures.helsinkiPBF, fraction: 0.3)
        for opts in [CityReadOptions(primary: cut), CityReadOptions(primary: "/nope")] {
            #expect(failure(opts).map { !$0.description.contains("\n") } == true)
        }
    }

    /// Unusable street lines are reported by id (parts as `id#n`) in feature order, with or
    /// without --skip-invalid, however the loader splits its work.
    @Test func degenerateStreetLinesAreReportedInOrder() throws {
        func line(_ id: String, _ coords: String, type: String = "LineString") -> String {
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"\(id)\",\"highway\":\"residential\"},\"geometry\":{\"type\":\"\(type)\",\"coordinates\":\(coords)}}"
        }
        let good = "[[24.940,60.170],[24.941,60.171]]"
        let stuck = "[[24.940,60.170],[24.940,60.170],[24.940,60.170]]"
        var features = (0..<40_000).map { line("ok\($0)", good) }
        features.insert(line("stuck", stuck), at: 35_000)
        features.insert(line("multi", "[\(good),\(stuck),\(good)]", type: "MultiLineString"), at: 36_000)
        features.insert(line("pt", "[24.94,60.17]", type: "Point"), at: 39_000)
        let path = Fixtures.file("degenerate.geojson",
                                 "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}")
        // Streets are a context layer: by default the unusable parts are skipped and reported in
        // feature order, exactly as --skip-invalid does.
        let lenient = try CityReader.read(CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets]))
        #expect(lenient.ingest.skipped.map(\.feature) == ["stuck", "multi#2", "pt"])
        #expect(lenient.streets.count == 40_000 + 2)
        let opts = CityReadOptions(layers: [.streets: LayerSource(path: path)], kinds: [.streets], strict: true)
        let e = failure(opts)
        #expect(e?.kind == .dataError)
        #expect(e?.feature == "stuck")
        #expect(e?.description.contains("fewer than 2 distinct vertices") == true)
        var skip = opts
        skip.skipInvalid = true
        let city = try CityReader.read(skip)
        #expect(city.ingest.skipped.map(\.feature) == ["stuck", "multi#2", "pt"])
        #expect(city.streets.count == 40_000 + 2)
        #expect(city.streets[35_999].id == "multi#1" && city.streets[36_000].id == "multi#3")  // "stuck" came before
        #expect(city.streets.allSatisfy { $0.points.count == 2 })
    }
}
