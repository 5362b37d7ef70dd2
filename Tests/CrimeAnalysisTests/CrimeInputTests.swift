import CityIngest
import CityModel
import CrimeAnalysis
import Foundation
import GeoCore
import Testing
import TestSupport

/// Bad input for the crime and growth layers: one-line errors naming the file, the feature id and
/// the problem (missing fields, negative values, years out of range).
@Suite struct CrimeInputTests {
    static let crs = WorkingCRS(epsg: 32635)

    static func points(_ props: [String]) -> String {
        let f = props.enumerated().map { i, p in
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[24.94\(i),60.17]},\"properties\":{\(p)}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\(f.joined(separator: ","))]}"
    }

    func failure(_ body: () throws -> Void) -> CovplanError? {
        do { try body() } catch let e as CovplanError { return e } catch { Issue.record("\(error)"); return nil }
        Issue.record("no error")
        return nil
    }

    func expectOneLine(_ e: CovplanError?, kind: FailureKind, contains parts: [String]) {
        guard let e else { return }
        #expect(e.kind == kind)
        #expect(!e.description.contains("\n"))
        for p in parts { #expect(e.description.contains(p), "'\(p)' not in: \(e.description)") }
    }

    @Test func incidentTimes() throws {
        let dir = Fixtures.tempDir("crime-in")
        let ok = Fixtures.file("ok.geojson", Self.points(["\"id\":\"a\",\"date\":\"2021-03-14\"", "\"id\":\"b\",\"date\":\"14.05.2022\"",
                                                         "\"id\":\"c\",\"date\":2020"]), in: dir)
        let l = try IncidentSource.load(path: ok, timeField: "date", workingCRS: Self.crs)
        #expect(l.periods == [PeriodKey(year: 2021, month: 3), PeriodKey(year: 2022, month: 5), PeriodKey(year: 2020)])
        let old = Fixtures.file("old.geojson", Self.points(["\"id\":\"a\",\"date\":\"2021\"", "\"id\":\"x7\",\"date\":\"1850-01-01\""]), in: dir)
        expectOneLine(failure { _ = try IncidentSource.load(path: old, timeField: "date", workingCRS: Self.crs) },
                      kind: .dataError, contains: ["old.geojson", "feature x7", "1850", "out of range"])
        let month = Fixtures.file("month.geojson", Self.points(["\"id\":\"m1\",\"date\":\"2021-13\""]), in: dir)
        expectOneLine(failure { _ = try IncidentSource.load(path: month, timeField: "date", workingCRS: Self.crs) },
                      kind: .dataError, contains: ["month.geojson", "feature m1", "month 13"])
        let empty = Fixtures.file("empty.geojson", Self.points(["\"id\":\"e1\",\"date\":null", "\"id\":\"e2\",\"date\":\"2020\""]), in: dir)
        expectOneLine(failure { _ = try IncidentSource.load(path: empty, timeField: "date", workingCRS: Self.crs) },
                      kind: .dataError, contains: ["empty.geojson", "feature e1", "no date"])
        expectOneLine(failure { _ = try IncidentSource.load(path: ok, timeField: "when", workingCRS: Self.crs) },
                      kind: .usage, contains: ["ok.geojson", "no field 'when'"])
        let neg = Fixtures.file("neg.geojson", Self.points(["\"id\":\"n1\",\"w\":2", "\"id\":\"n2\",\"w\":-1"]), in: dir)
        expectOneLine(failure { _ = try IncidentSource.load(path: neg, weightField: "w", workingCRS: Self.crs) },
                      kind: .dataError, contains: ["neg.geojson", "feature n2", "negative"])
    }

    @Test func plannedHousing() throws {
        let dir = Fixtures.tempDir("housing-in")
        let ok = Fixtures.file("ok.geojson", Self.points(["\"id\":\"h1\",\"residents\":2500,\"year\":2027"]), in: dir)
        let h = try PlannedHousingSource.load(path: ok, workingCRS: Self.crs)
        #expect(h.count == 1 && h[0].residents == 2500 && h[0].year == 2027)
        let noYear = Fixtures.file("noyear.geojson", Self.points(["\"id\":\"h1\",\"residents\":2500"]), in: dir)
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: noYear, workingCRS: Self.crs) },
                      kind: .usage, contains: ["noyear.geojson", "no year field"])
        let neg = Fixtures.file("neg.geojson", Self.points(["\"id\":\"h1\",\"residents\":100,\"year\":2027", "\"id\":\"h2\",\"residents\":-40,\"year\":2027"]), in: dir)
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: neg, workingCRS: Self.crs) },
                      kind: .dataError, contains: ["neg.geojson", "feature h2", "negative"])
        let far = Fixtures.file("far.geojson", Self.points(["\"id\":\"h9\",\"residents\":100,\"year\":2250"]), in: dir)
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: far, workingCRS: Self.crs) },
                      kind: .dataError, contains: ["far.geojson", "feature h9", "2250", "out of range"])
        let noRes = Fixtures.file("nores.geojson", Self.points(["\"id\":\"h3\",\"year\":2030"]), in: dir)
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: noRes, workingCRS: Self.crs) },
                      kind: .dataError, contains: ["nores.geojson", "feature h3", "no residents"])
        let badYear = Fixtures.file("bad.geojson", Self.points(["\"id\":\"h4\",\"residents\":10,\"year\":\"soon\""]), in: dir)
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: badYear, workingCRS: Self.crs) },
                      kind: .dataError, contains: ["bad.geojson", "feature h4", "not a year"])
    }

    /// A footprint without residents is estimated by the residents model (footprint × levels ÷
    /// 22 m²); its location is the footprint centroid; a null weight and zero levels are refused.
    @Test func housingFootprintsAndMissingValues() throws {
        let dir = Fixtures.tempDir("housing-poly")
        // About 100 m × 100 m in UTM 35N at 60.17 N.
        let poly = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"zhk-p","levels":9,"year":2029},
            "geometry":{"type":"Polygon","coordinates":[[[24.940,60.170],[24.9418,60.170],[24.9418,60.1709],[24.940,60.1709],[24.940,60.170]]]}}]}
            """
        let h = try PlannedHousingSource.load(path: Fixtures.file("poly.geojson", poly, in: dir), workingCRS: Self.crs)
        #expect(h.count == 1 && h[0].residents == nil && h[0].levels == 9)
        let area = h[0].footprint.reduce(0) { $0 + $1.area }
        #expect(area > 9_000 && area < 11_000)
        #expect(abs(ResidentsModel().residents(h[0]) - area * 9 / 22) < 1e-9)
        let c = Centroid.of(h[0].footprint)!
        #expect(h[0].location == c)
        let zero = poly.replacingOccurrences(of: "\"levels\":9", with: "\"levels\":0")
        expectOneLine(failure { _ = try PlannedHousingSource.load(path: Fixtures.file("zero.geojson", zero, in: dir), workingCRS: Self.crs) },
                      kind: .dataError, contains: ["zero.geojson", "feature zhk-p", "levels"])
        let nullW = Fixtures.file("nullw.geojson", Self.points(["\"id\":\"w1\",\"w\":1", "\"id\":\"w2\",\"w\":null"]), in: dir)
        expectOneLine(failure { _ = try IncidentSource.load(path: nullW, weightField: "w", workingCRS: Self.crs) },
                      kind: .dataError, contains: ["nullw.geojson", "feature w2", "missing"])
    }

    @Test func installedCameras() throws {
        let dir = Fixtures.tempDir("cams-in")
        let ok = Fixtures.file("ok.geojson", Self.points(["\"id\":\"c1\",\"installed\":\"2021-06-01\"", "\"id\":\"c2\",\"installed\":null"]), in: dir)
        let (cams, undated) = try InstalledCameraSource.load(path: ok, workingCRS: Self.crs)
        #expect(cams.map(\.id) == ["c1"] && undated == 1)
        let none = Fixtures.file("none.geojson", Self.points(["\"id\":\"c1\",\"kind\":\"dome\""]), in: dir)
        expectOneLine(failure { _ = try InstalledCameraSource.load(path: none, workingCRS: Self.crs) },
                      kind: .usage, contains: ["none.geojson", "no installation date field"])
        let bad = Fixtures.file("bad.geojson", Self.points(["\"id\":\"c5\",\"installed\":\"2199-01-01\""]), in: dir)
        expectOneLine(failure { _ = try InstalledCameraSource.load(path: bad, workingCRS: Self.crs) },
                      kind: .dataError, contains: ["bad.geojson", "feature c5", "2199"])
    }
}
