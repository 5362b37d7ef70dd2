@testable import CityModel
import CityIngest
import GeoCore
import Testing

@Suite struct CameraDirectionTests {
    @Test func acceptsNumbersRangesAndCompassPoints() {
        #expect(OSMTags.cameraDirection("270") == 270)
        #expect(OSMTags.cameraDirection(" -10 ") == -10)
        #expect(OSMTags.cameraDirection("90-180") == 135)
        #expect(OSMTags.cameraDirection("N") == 0)
        #expect(OSMTags.cameraDirection("ne") == 45)
        #expect(OSMTags.cameraDirection("north") == 0)
        #expect(OSMTags.cameraDirection("North-East") == 45)
        #expect(OSMTags.cameraDirection("south west") == 225)
        #expect(OSMTags.cameraDirection("south-southwest") == 202.5)
        #expect(OSMTags.cameraDirection("WNW") == 292.5)
    }

    @Test func refusesEverythingElse() {
        for bad in ["wide", "forward", "north-by-west", "12abc", "nan", "N;S", "nord"] {
            #expect(OSMTags.cameraDirection(bad) == nil, "\(bad)")
        }
    }

    @Test func metres() {
        #expect(OSMTags.metres("50") == 50)
        #expect(OSMTags.metres("50 m") == 50)
        #expect(OSMTags.metres("far") == nil)
    }
}

@Suite struct WorkingCRSDistortionTests {
    /// About 2 km around central Helsinki, in lon/lat.
    static let helsinki = Envelope(minX: 24.92, minY: 60.16, maxX: 24.96, maxY: 60.18)

    @Test func webMercatorIsRefusedNamingTheErrorAndTheZone() throws {
        do {
            try WorkingCRSChoice.checkDistortion(WorkingCRS(epsg: 3857), envelope: Self.helsinki, envelopeCRS: "EPSG:4326")
            Issue.record("EPSG:3857 accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.problem.contains("EPSG:3857"))
            #expect(error.problem.contains("EPSG:32635"))
            #expect(error.problem.contains("--allow-distortion"))
            // 1/cos(60.18°) ≈ 2.01: the error must read about +100 %.
            let pct = error.problem.split(separator: " ").firstIndex(of: "by").map { i in
                Double(error.problem.split(separator: " ")[i + 1].dropFirst())
            } ?? nil
            #expect(pct.map { abs($0 - 100) < 2 } == true, "\(error.problem)")
        }
    }

    @Test func theRightUTMZonePasses() throws {
        try WorkingCRSChoice.checkDistortion(WorkingCRS(epsg: 32635), envelope: Self.helsinki, envelopeCRS: "EPSG:4326")
        #expect(try WorkingCRSChoice.zoneSpanWarning(WorkingCRS(epsg: 32635), envelope: Self.helsinki, envelopeCRS: "EPSG:4326") == nil)
    }

    @Test func aFarZoneIsRefused() {
        // Zone 32 (central meridian 9° E) is 16° from Helsinki: k ≈ 1 + (16° · cos 60°)²/2 ≈ 1.0094.
        #expect(throws: CovplanError.self) {
            try WorkingCRSChoice.checkDistortion(WorkingCRS(epsg: 32632), envelope: Self.helsinki, envelopeCRS: "EPSG:4326")
        }
    }

    @Test func aNationalExtentGetsAWarningWithTheEdgeDistortion() throws {
        // Kazakhstan, roughly 47°–87° E, 41°–55° N: the centre's zone is 42.
        let kz = Envelope(minX: 47, minY: 41, maxX: 87, maxY: 55)
        let crs = try WorkingCRSChoice.utm(centreOf: kz, crs: "EPSG:4326")
        #expect(crs.epsg == 32642)
        let w = try WorkingCRSChoice.zoneSpanWarning(crs, envelope: kz, envelopeCRS: "EPSG:4326")
        #expect(w?.contains("UTM zones 38–45") == true, "\(w ?? "nil")")
        #expect(w?.contains("west edge") == true && w?.contains("east edge") == true)
    }
}
