import CityModel
import Coverage
import Foundation
import GEOSBridge
import GeoCore
import Testing

/// Covered length from `CoverageAnalysis` against an independent GEOS overlay (`GEOSReference`),
/// on a synthetic town with seeded random cameras, with and without occlusion.
@Suite struct GEOSAgreementTests {
    /// Runs both computations and returns (library, GEOS, total street length).
    func compare(city: SyntheticCity, records: [CameraRecord], occlusion: Bool) throws -> (Double, Double, Double) {
        let result = try CoverageAnalysis.run(city: city.city, cameraRecords: records,
                                              options: CoverageOptions(occlusion: occlusion, viewsheds: false))
        let geos = try GEOSReference()
        let reference = try geos.coveredLength(cameras: result.seeingCameras, buildings: city.buildings,
                                               streets: city.streets, occlusion: occlusion)
        return (result.summary.coveredLengthMeters, reference, result.summary.streetLengthMeters)
    }

    @Test(arguments: [(UInt64(1), true), (1, false), (2, true), (3, true), (3, false)])
    func randomCamerasAgreeWithGEOS(seed: UInt64, occlusion: Bool) throws {
        let city = SyntheticCity(seed: seed)
        var records = try RandomCameras.generate(streets: city.streets, count: 40, seed: seed &* 7919,
                                                 fovDeg: 70, rangeMeters: 60)
        // Some all-round cameras, narrow ones and ones with a blind radius.
        records += try RandomCameras.generate(streets: city.streets, count: 8, seed: seed &+ 17, fovDeg: 360, rangeMeters: 35)
            .map { var r = $0; r.id = "dome-" + r.id; return r }
        records += try RandomCameras.generate(streets: city.streets, count: 8, seed: seed &+ 31, fovDeg: 20,
                                              rangeMeters: 90, minRangeMeters: 8)
            .map { var r = $0; r.id = "anpr-" + r.id; return r }
        let (mine, reference, total) = try compare(city: city, records: records, occlusion: occlusion)
        #expect(total > 1000)
        #expect(mine > 0.05 * total)
        // Acceptance: within 0.1 % of the total street length (the agreement is in fact far closer:
        // only the chords of GEOS's arcs differ).
        #expect(abs(mine - reference) <= 0.001 * total, "library \(mine) m vs GEOS \(reference) m of \(total) m")
        #expect(abs(mine - reference) <= 1e-5 * total, "library \(mine) m vs GEOS \(reference) m of \(total) m")
    }

    /// Cameras placed off the streets, inside blocks, between and inside buildings (snapping).
    @Test func camerasAmongBuildingsAgreeWithGEOS() throws {
        let city = SyntheticCity(seed: 11)
        var rng = SplitMix64(seed: 99)
        var records: [CameraRecord] = []
        // Half of them on building corners and walls (mounted), half anywhere.
        for (i, b) in city.buildings.prefix(30).enumerated() {
            let ring = b.footprint[0].exterior
            let k = Int(rng.nextUnit() * Double(ring.count - 1))
            let p = ring[k].lerp(ring[k + 1], rng.nextUnit())
            records.append(CameraRecord(id: "wall/\(i)", position: p + Point(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5),
                                        headingDeg: rng.nextUnit() * 360, fovDeg: 40 + rng.nextUnit() * 320,
                                        rangeMeters: 20 + rng.nextUnit() * 60))
        }
        for i in 0..<20 {
            let p = SyntheticCity.origin + Point(rng.nextUnit() * 400, rng.nextUnit() * 400)
            records.append(CameraRecord(id: "any/\(i)", position: p, headingDeg: rng.nextUnit() * 360,
                                        fovDeg: 30 + rng.nextUnit() * 330, rangeMeters: 20 + rng.nextUnit() * 80))
        }
        let (mine, reference, total) = try compare(city: city, records: records, occlusion: true)
        #expect(abs(mine - reference) <= 1e-5 * total, "library \(mine) m vs GEOS \(reference) m of \(total) m")
    }

    /// Each camera's viewshed polygon against the GEOS view polygon: symmetric difference area.
    @Test func viewshedPolygonsMatchGEOSViews() throws {
        let city = SyntheticCity(seed: 5)
        let records = try RandomCameras.generate(streets: city.streets, count: 25, seed: 5, fovDeg: 120, rangeMeters: 70)
        let result = try CoverageAnalysis.run(city: city.city, cameraRecords: records,
                                              options: CoverageOptions(arcStepDeg: 0.1))
        let geos = try GEOSReference()
        for (cam, shed) in zip(result.seeingCameras, result.viewsheds) {
            let ref = try geos.view(cam, buildings: city.buildings, occlusion: true)
            let mineG = try geos.engine.geometry(.multiPolygon(shed.polygons))
            #expect(try geos.engine.validity(.multiPolygon(shed.polygons)).isValid, "viewshed of \(cam.id) is invalid")
            let d1 = try geos.engine.area(geos.engine.difference(mineG, ref))
            let d2 = try geos.engine.area(geos.engine.difference(ref, mineG))
            let area = try geos.engine.area(ref)
            #expect(d1 + d2 <= 1e-4 * max(area, 1), "camera \(cam.id): symmetric difference \(d1 + d2) m² of \(area) m²")
        }
    }
}
