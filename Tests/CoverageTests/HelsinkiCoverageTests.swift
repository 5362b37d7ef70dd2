import CityIngest
import CityModel
import Coverage
import Foundation
import GEOSBridge
import GeoCore
import Testing
import TestSupport

/// The bundled central-Helsinki extract, loaded once through CityModel's loader.
enum Helsinki {
    static let loaded: Result<City, CovplanError> = {
        do {
            return .success(try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, makeValid: true)))
        } catch let e as CovplanError {
            return .failure(e)
        } catch {
            return .failure(CovplanError(.software, "\(error)"))
        }
    }()

    static func city() throws -> City { try loaded.get() }
}

@Suite struct HelsinkiCoverageTests {
    /// Acceptance: seeded random cameras on the real streets and buildings; library vs GEOS
    /// overlay within 0.1 % of the total street length, with and without occlusion.
    @Test(arguments: [true, false])
    func randomCamerasAgreeWithGEOS(occlusion: Bool) throws {
        let city = try Helsinki.city()
        #expect(city.streets.count == 2504)
        var records = try RandomCameras.generate(streets: city.streets, count: 60, seed: 2024, fovDeg: 90, rangeMeters: 50)
        records += try RandomCameras.generate(streets: city.streets, count: 15, seed: 77, fovDeg: 360, rangeMeters: 30)
            .map { var r = $0; r.id = "dome-" + r.id; return r }
        // Detect level: the random cameras (type `fixed`, 90°) reach far enough for a sizeable overlay.
        let result = try CoverageAnalysis.run(city: city, cameraRecords: records,
                                              options: CoverageOptions(occlusion: occlusion, viewsheds: false, coveredLevel: .detect))
        let reference = try GEOSReference().coveredLength(cameras: result.seeingCameras, buildings: city.buildings,
                                                          streets: city.streets, occlusion: occlusion)
        let total = result.summary.streetLengthMeters
        #expect(abs(total - city.streetLengthMeters) < 1e-6 * total)
        #expect(result.summary.coveredLengthMeters > 0.02 * total)
        #expect(abs(result.summary.coveredLengthMeters - reference) <= 0.001 * total,
                "library \(result.summary.coveredLengthMeters) m vs GEOS \(reference) m of \(total) m")
        #expect(abs(result.summary.coveredLengthMeters - reference) <= 1e-5 * total,
                "library \(result.summary.coveredLengthMeters) m vs GEOS \(reference) m of \(total) m")
    }

    /// The mapped cameras (most without a direction → all-round at their type's range) against
    /// GEOS, and the bookkeeping of the resolution.
    @Test func mappedCamerasAgreeWithGEOS() throws {
        let city = try Helsinki.city()
        let result = try CoverageAnalysis.run(city: city, options: CoverageOptions(viewsheds: false))
        let s = result.summary
        #expect(s.cameras + s.camerasSkipped == city.cameras.count)
        #expect(s.camerasHeadingUnknown > city.cameras.count / 2)
        #expect(result.cameras.allSatisfy { $0.headingSource != .unknownAllRound || $0.fovDeg == 360 })
        let reference = try GEOSReference().coveredLength(cameras: result.seeingCameras, buildings: city.buildings,
                                                          streets: city.streets, occlusion: true)
        // Acceptance tolerance (0.1 %) here: some OSM pedestrian areas are drawn exactly along
        // building walls, so their lines lie on the boundary of the view polygons, where GEOS
        // overlay keeps or drops them depending on rounding (about 11 m of 96 km in this data);
        // the library counts a wall facing the camera as seen (closed region).
        #expect(abs(s.coveredLengthMeters - reference) <= 1e-3 * s.streetLengthMeters,
                "library \(s.coveredLengthMeters) m vs GEOS \(reference) m")
        // Schools are reported; multiplicity and classes add up.
        #expect(s.schools?.count == city.schools.count)
        let byClassTotal = s.byClass.values.reduce(0) { $0 + $1.lengthMeters }
        #expect(abs(byClassTotal - s.streetLengthMeters) < 1e-6 * s.streetLengthMeters)
    }

    /// Every viewshed polygon on the real data is valid for GEOS (mapped cameras plus random ones
    /// with a blind radius, which cut regions apart).
    @Test func viewshedsAreValidPolygons() throws {
        let city = try Helsinki.city()
        let recs = city.cameras + (try RandomCameras.generate(streets: city.streets, count: 200, seed: 3, fovDeg: 120,
                                                                rangeMeters: 60, minRangeMeters: 3))
        let r = try CoverageAnalysis.run(city: city, cameraRecords: recs, options: CoverageOptions(minGapMeters: 10))
        let g = try GEOSEngine()
        var invalid: [String] = []
        for v in r.viewsheds where !v.polygons.isEmpty {
            let rep = try g.validity(.multiPolygon(v.polygons))
            if !rep.isValid { invalid.append("\(v.cameraId): \(rep.reason ?? "")") }
        }
        #expect(invalid.isEmpty, "\(invalid.prefix(5))")
        #expect(r.viewsheds.count == r.cameras.count)
    }

    /// Without the full gap list (summaries only) the gaps kept are the top of the full ranking
    /// and the summary is the same to the last digit.
    @Test func summaryOnlyGapsAreTheTopOfTheFullRanking() throws {
        let city = try Helsinki.city()
        let records = try RandomCameras.generate(streets: city.streets, count: 120, seed: 11, fovDeg: 90, rangeMeters: 50)
        var options = CoverageOptions(viewsheds: false, geometries: false, summaryGapCount: 15)
        let full = try CoverageAnalysis.run(city: city, cameraRecords: records, options: options)
        options.allGaps = false
        let short = try CoverageAnalysis.run(city: city, cameraRecords: records, options: options)
        #expect(full.gaps.count > 100)
        #expect(short.gaps == Array(full.gaps.prefix(15)))
        #expect(short.summary == full.summary)
        #expect(short.summary.gapsCount == full.gaps.count)
    }
}
