import GeoCore
import PROJBridge
import Testing

@Suite struct PROJBridgeTests {
    @Test func roundTripWGS84ToUTMAndBack() throws {
        let there = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        let back = try CoordinateTransformer(from: "EPSG:32635", to: "EPSG:4326")
        for p in [Point(24.9384, 60.1699), Point(24.95, 60.175), Point(22.0, 58.0)] {
            let q = try back.transform(try there.transform(p))
            #expect(abs(q.x - p.x) < 1e-9 && abs(q.y - p.y) < 1e-9)
        }
    }

    @Test func axisOrderIsLonLatWhateverTheCRSSays() throws {
        // EPSG:4326 is officially lat/lon; with visualization order x must stay longitude.
        let t = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32643")
        let almaty = try t.transform(Point(76.945, 43.238))
        // Zone 43's central meridian is 75° E: Almaty lies ~158 km east of the false easting.
        #expect(almaty.x > 600_000 && almaty.x < 700_000)
        #expect(almaty.y > 4_700_000 && almaty.y < 4_850_000)
    }

    @Test func matchesTheTextbookTransverseMercatorOnTheCentralMeridian() throws {
        // On the central meridian, UTM northing = k0 × meridian arc length (Snyder 1987, eq. 3-21).
        let t = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        let lat = 60.0 * Double.pi / 180
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f), e4 = e2 * e2, e6 = e4 * e2
        let m = a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * lat - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * sin(2 * lat)
            + (15 * e4 / 256 + 45 * e6 / 1024) * sin(4 * lat) - (35 * e6 / 3072) * sin(6 * lat))
        let p = try t.transform(Point(27, 60))
        #expect(abs(p.x - 500_000) < 1e-6)
        #expect(abs(p.y - 0.9996 * m) < 0.01)
    }

    @Test func describesCRSs() throws {
        let utm = try CRSInfo.describe("EPSG:32635")
        #expect(utm.isMetricProjected && utm.identifier == "EPSG:32635")
        let geo = try CRSInfo.describe("EPSG:4326")
        #expect(geo.isGeographic && !geo.isMetricProjected)
        #expect(throws: PROJError.self) { try CRSInfo.describe("EPSG:999999") }
    }

    @Test func outOfDomainPointsThrow() throws {
        let t = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        #expect(throws: PROJError.self) { try t.transform(Point(24, 95)) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
