import CityModel
import Coverage
import Foundation
import GeoCore
import Testing

/// Pixel density (DORI) and mounting geometry against published calculator figures and the
/// textbook formulas `px / (2 · d · tan(hfov/2))` and `h / tan(tilt ± vfov/2)`.
@Suite struct DoriLevelTests {
    let o = Point(500_000, 7_000_000)

    func near(_ a: Double, _ b: Double, _ rel: Double = 0.01) -> Bool { abs(a - b) <= rel * abs(b) }

    /// 1,920 px over 60°: the DORI distances of the IPVM / Axis calculators.
    @Test func doriDistancesOf1080pAt60Degrees() {
        let optics = CameraOptics(resolutionPx: 1920, lensFovDeg: 60)
        #expect(near(optics.slantMeters(for: .identify), 6.65))
        #expect(near(optics.slantMeters(for: .recognize), 13.3))
        #expect(near(optics.slantMeters(for: .observe), 26.6))
        #expect(near(optics.slantMeters(for: .detect), 66.5))
        // Without a height the horizontal distance is the slant distance.
        #expect(optics.horizontalMeters(for: .observe) == optics.slantMeters(for: .observe))
        // With a height of 6 m: √(26.6² − 6²).
        var high = optics
        high.heightMeters = 6
        #expect(near(high.horizontalMeters(for: .observe)!, (26.6 * 26.6 - 36).squareRoot()))
        #expect(high.horizontalMeters(for: .identify)! < 6.65)
        high.heightMeters = 7
        #expect(high.horizontalMeters(for: .identify) == nil)
        // Focal length and sensor width: a 4 mm lens on a 1/2.8" sensor (5.6 mm wide) ≈ 70°.
        #expect(near(CameraOptics.fovDeg(focalLengthMm: 4, sensorWidthMm: 5.6), 69.98))
    }

    /// A 6 m camera tilted 25° with a 34° vertical FOV sees the ground from 6.66 m to 42.7 m.
    @Test func groundLimitsOfATiltedCamera() {
        let g = CameraOptics(lensFovDeg: 60, heightMeters: 6, tiltDeg: 25, vfovDeg: 34).groundLimits
        #expect(near(g.nearMeters, 6.66))
        #expect(near(g.farMeters, 42.7))
        // Upper frame edge at or above the horizon: no far limit; looking straight down: no blind zone.
        #expect(CameraOptics(lensFovDeg: 60, heightMeters: 6, tiltDeg: 10, vfovDeg: 34).groundLimits.farMeters == .infinity)
        #expect(CameraOptics(lensFovDeg: 360, heightMeters: 3, tiltDeg: 90, vfovDeg: 180).groundLimits.nearMeters == 0)
    }

    /// `by_level` on one straight street, camera on the street looking along it: the covered
    /// length at each level is `min(far ground limit, √(D_level² − h²)) − near ground limit`.
    @Test func byLevelOnAStraightStreetAgreesWithTheHandFormula() throws {
        let street = Street(id: "s", highway: "primary", name: "s", points: [o, o + Point(300, 0)])
        let optics = CameraOptics(resolutionPx: 1920, lensFovDeg: 60, heightMeters: 6, tiltDeg: 25, vfovDeg: 34,
                                  irRangeMeters: 20)
        let cam = Camera(id: "c", position: o + Point(10, 0), headingDeg: 90, fovDeg: 60, rangeMeters: 200, optics: optics)
        let r = try CoverageAnalysis.run(streets: [street], cameras: [cam], options: CoverageOptions(minGapMeters: 0))
        let k = 1920 / (2 * tan(30 * Double.pi / 180))
        let nearM = 6 / tan(42 * Double.pi / 180), farM = 6 / tan(8 * Double.pi / 180)
        func hand(_ ppm: Double, ir: Double = .infinity) -> Double {
            let d = k / ppm
            guard d > 6 else { return 0 }
            return max(0, min(farM, (d * d - 36).squareRoot(), ir) - nearM)
        }
        let day = try #require(r.summary.byLevel), night = try #require(r.summary.byLevelNight)
        #expect(near(day.detect, hand(25)))
        #expect(near(day.observe, hand(62.5)))
        #expect(near(day.recognize, hand(125)))
        #expect(day.identify == 0 && hand(250) == 0)
        #expect(near(night.detect, hand(25, ir: 20)))
        #expect(near(night.observe, hand(62.5, ir: 20)))
        // The headline rests on observe and equals its by_level figure; per class likewise.
        #expect(r.summary.coveredLevel == .observe)
        #expect(near(r.summary.coveredLengthMeters, hand(62.5)))
        #expect(r.summary.byClass["primary"]?.byLevel?.detect == day.detect)
        #expect(near(try #require(r.summary.nightCoveredMeters), hand(62.5, ir: 20)))
        // Without a level the plan range counts: 200 m from the camera.
        let any = try CoverageAnalysis.run(streets: [street], cameras: [cam],
                                           options: CoverageOptions(minGapMeters: 0, coveredLevel: nil))
        #expect(near(any.summary.coveredLengthMeters, 200))
        // The summary names its level in JSON.
        let json = String(decoding: try JSONEncoder().encode(r.summary), as: UTF8.self)
        #expect(json.contains("\"covered_level\":\"observe\"") && json.contains("\"by_level\""))
    }

    /// Why detect-level metres nearly equal observe-level metres on the bundled city: not a bug
    /// of the band clipping, and not occlusion, but `range_m`, which caps every level, and which
    /// every observe type sets at its observe distance. Worked example, a `public` camera (1,920 px
    /// over 90°, 4 m high, tilt 15°, vertical FOV 59°, range 14 m) looking along a straight
    /// street: the ground enters the frame at 4 / tan(44.5°) = 4.07 m; observe reaches
    /// √((960/62.5)² − 4²) = 14.83 m, detect √((960/25)² − 4²) = 38.19 m; both are cut at 14 m.
    /// With the range cap lifted the bands part: 4.07–14.83 m and 4.07–38.19 m.
    @Test func rangeCapNotOcclusionMakesDetectEqualObserve() throws {
        let v = try #require(CameraDefaults.builtIn.types["public"])
        let street = Street(id: "s", highway: "residential", name: "s", points: [o, o + Point(200, 0)])
        func levels(range: Double) throws -> CoverageSummary.LevelMeters {
            let cam = Camera(id: "c", position: o, headingDeg: 90, fovDeg: 90, rangeMeters: range, type: "public", optics: v.optics)
            return try #require(try CoverageAnalysis.run(streets: [street], cameras: [cam], options: CoverageOptions(minGapMeters: 0)).summary.byLevel)
        }
        let nearM = 4 / tan(44.5 * Double.pi / 180)
        let observeM = ((960 / 62.5) * (960 / 62.5) - 16).squareRoot(), detectM = ((960 / 25.0) * (960 / 25.0) - 16).squareRoot()
        #expect(near(observeM, 14.83) && near(detectM, 38.19) && near(nearM, 4.07))
        let capped = try levels(range: v.rangeMeters)
        #expect(near(capped.detect, 14 - nearM) && near(capped.observe, 14 - nearM))
        #expect(capped.detect == capped.observe)
        let uncapped = try levels(range: 100)
        #expect(near(uncapped.observe, observeM - nearM) && near(uncapped.detect, detectM - nearM))
        // The bands themselves, without the street.
        let cam = Camera(id: "c", position: o, headingDeg: 90, fovDeg: 90, rangeMeters: 14, type: "public", optics: v.optics)
        #expect(cam.band(at: .detect)! == cam.band(at: .observe)!)
    }

    /// Every built-in type delivers its stated level at its default range (slant distance from
    /// its mounting height), and that range lies inside the ground its tilt puts in the frame.
    @Test func everyBuiltInTypeMeetsItsStatedLevelAtItsDefaultRange() {
        let table = CameraDefaults.builtIn
        #expect(Set(table.types.keys).isSuperset(of: ["fixed", "dome", "panning", "public", "school", "traffic", "anpr"]))
        #expect(table.typeKey(type: "sergek", surveillance: nil).key == "anpr")
        #expect(table.types["anpr"]!.level == .identify)
        for (key, v) in table.types.sorted(by: { $0.key < $1.key }) {
            let lens = (v.lensFovDeg ?? v.fovDeg) * Double.pi / 180
            let k = lens < Double.pi ? v.resolutionPx / (2 * tan(lens / 2)) : v.resolutionPx / lens
            let h = v.heightMeters ?? 0
            let density = k / (v.rangeMeters * v.rangeMeters + h * h).squareRoot()
            #expect(density >= v.level.pixelsPerMeter, "\(key): \(density) px/m at \(v.rangeMeters) m < \(v.level)")
            if let t = v.tiltDeg, let vf = v.vfovDeg, h > 0 {
                let upper = (t - vf / 2) * Double.pi / 180, lower = (t + vf / 2) * Double.pi / 180
                let far = upper <= 0 ? Double.infinity : h / tan(upper)
                let nearM = lower >= Double.pi / 2 ? 0 : h / tan(lower)
                #expect(v.rangeMeters <= far && v.rangeMeters > nearM, "\(key): range outside the ground in frame")
            }
            #expect(v.irRangeMeters != nil, "\(key): no night range")
        }
    }

    /// A resolved camera takes its optics from its type, and record values override them.
    @Test func resolverFillsOpticsFromTheTypeAndTheRecord() throws {
        let recs = [
            CameraRecord(id: "a", position: o, headingDeg: 0, type: "anpr"),
            CameraRecord(id: "b", position: o, headingDeg: 0, type: "fixed", resolutionPx: 3840, focalLengthMm: 4,
                         sensorWidthMm: 5.6, heightMeters: 8, irRangeMeters: 50),
        ]
        let res = try CameraResolver().resolve(recs)
        #expect(res.cameras[0].optics?.lensFovDeg == 20 && res.cameras[0].optics?.heightMeters == 6)
        let b = try #require(res.cameras[1].optics)
        #expect(b.resolutionPx == 3840 && b.heightMeters == 8 && b.irRangeMeters == 50 && near(b.lensFovDeg, 69.98))
        let bad = [CameraRecord(id: "bad", position: o, headingDeg: 0, vfovDeg: 200)]
        #expect(throws: CovplanError.self) { try CameraResolver().resolve(bad) }
        // JSON defaults accept the new fields.
        let merged = try CameraDefaults.builtIn.merging(json: Data(#"{"types":{"fixed":{"resolution_px":2560,"level":"recognize"}}}"#.utf8),
                                                        source: "t.json")
        #expect(merged.types["fixed"]!.resolutionPx == 2560 && merged.types["fixed"]!.level == .recognize)
        #expect(merged.types["fixed"]!.heightMeters == 4)
    }
}
