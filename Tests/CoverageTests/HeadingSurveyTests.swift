import CityModel
import Coverage
import Foundation
import GeoCore
import Testing

/// The field-survey list (cameras without a heading ranked by how much their heading moves the
/// headline) against brute force: the whole coverage run repeated with each camera's heading
/// set both ways. And the by-level layer against the by-level totals.
@Suite struct HeadingSurveyTests {
    /// A synthetic town with 40 cameras, two thirds without a heading, several close together so
    /// that overlaps matter.
    static func town(seed: UInt64) -> City {
        let t = SyntheticCity(seed: seed, blocks: 4)
        var rng = SplitMix64(seed: seed &+ 99)
        var cams: [CameraRecord] = []
        let types = ["fixed", "public", "traffic", "anpr", "school"]
        for i in 0..<40 {
            // Near a street: on a grid line, a few metres off it.
            let along = rng.nextUnit() * 320, line = Double(Int(rng.nextUnit() * 5)) * 80
            let off = (rng.nextUnit() - 0.5) * 12
            let p = i % 2 == 0 ? Point(line + off, along) : Point(along, line + off)
            cams.append(CameraRecord(id: "cam/\(i)", position: SyntheticCity.origin + p,
                                     headingDeg: i % 3 == 0 ? rng.nextUnit() * 360 : nil, type: types[i % types.count]))
        }
        var city = t.city
        city.cameras = cams
        return city
    }

    static func covered(_ city: City, _ cams: [Camera], _ obstacles: ObstacleIndex, level: DoriLevel? = .observe) throws -> Double {
        try CoverageAnalysis.run(streets: city.streets, cameras: cams, obstacles: obstacles,
                                 options: CoverageOptions(viewsheds: false, geometries: false, coveredLevel: level, levels: false,
                                                          headingRange: false)).summary.coveredLengthMeters
    }

    @Test(arguments: [(UInt64(3), MissingHeadingPolicy.allRound, DoriLevel?.some(.observe)),
                      (UInt64(8), .nearestStreet, .some(.observe)), (UInt64(5), .allRound, nil)])
    func swingAgreesWithBruteForce(seed: UInt64, policy: MissingHeadingPolicy, level: DoriLevel?) throws {
        let city = Self.town(seed: seed)
        var defaults = CameraDefaults.builtIn
        defaults.missingHeading = policy
        let result = try CoverageAnalysis.run(city: city, resolver: CameraResolver(defaults: defaults),
                                              options: CoverageOptions(coveredLevel: level))
        let survey = result.headingSurvey
        #expect(survey.count == result.summary.camerasHeadingUnknown && survey.count > 15)

        // Both resolutions, independently of the survey.
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let lines = LineSet(lines: city.streets.map(\.points))
        var allRoundDefaults = CameraDefaults.builtIn, nearestDefaults = CameraDefaults.builtIn
        allRoundDefaults.missingHeading = .allRound
        nearestDefaults.missingHeading = .nearestStreet
        let hi = try CameraResolver(defaults: allRoundDefaults).resolve(city.cameras, obstacles: obstacles, streets: lines).cameras
        let lo = try CameraResolver(defaults: nearestDefaults).resolve(city.cameras, obstacles: obstacles, streets: lines).cameras
        let baseHigh = try Self.covered(city, hi, obstacles, level: level), baseLow = try Self.covered(city, lo, obstacles, level: level)
        // The heading range is the same two figures.
        let range = try #require(result.summary.headingRange)
        #expect(abs(range.highMeters - baseHigh) < 1e-6 && abs(range.lowMeters - baseLow) < 1e-6)

        var differ = 0
        for e in survey {
            let j = e.cameraIndex
            #expect(hi[j].id == e.cameraId && hi[j].headingSource == .unknownAllRound)
            var oneAimed = hi
            oneAimed[j] = lo[j]
            var oneAllRound = lo
            oneAllRound[j] = hi[j]
            let swingHigh = baseHigh - (try Self.covered(city, oneAimed, obstacles, level: level))
            let swingLow = (try Self.covered(city, oneAllRound, obstacles, level: level)) - baseLow
            #expect(abs(e.swingOthersAllRoundMeters - swingHigh) < 1e-6, "\(e.cameraId): \(e.swingOthersAllRoundMeters) vs brute force \(swingHigh)")
            #expect(abs(e.swingOthersNearestMeters - swingLow) < 1e-6, "\(e.cameraId): \(e.swingOthersNearestMeters) vs brute force \(swingLow)")
            #expect(e.swingMeters == (policy == .allRound ? e.swingOthersAllRoundMeters : e.swingOthersNearestMeters))
            // Alone: what the camera sees by itself under each heading.
            #expect(abs(e.allRoundMeters - (try Self.covered(city, [hi[j]], obstacles, level: level))) < 1e-6)
            #expect(abs(e.nearestStreetMeters - (try Self.covered(city, [lo[j]], obstacles, level: level))) < 1e-6)
            // Overlaps only ever reduce the swing below the camera's own difference.
            #expect(e.swingOthersAllRoundMeters <= e.swingOthersNearestMeters + 1e-6)
            #expect(e.swingOthersNearestMeters <= e.allRoundMeters - e.nearestStreetMeters + 1e-6)
            if Swift.abs(swingHigh - swingLow) > 1 { differ += 1 }
        }
        // The town is built so that overlaps matter for some cameras (else the test proves little).
        #expect(differ > 0)
        #expect(survey.filter { $0.swingMeters > 0 }.count > 5)
        // Ranked by swing, ranks 1...n.
        #expect(survey.map(\.rank) == Array(1...survey.count))
        #expect(zip(survey, survey.dropFirst()).allSatisfy { $0.swingMeters >= $1.swingMeters })
    }

    @Test func noSurveyWhenEveryCameraHasAHeading() throws {
        var city = Self.town(seed: 3)
        city.cameras = city.cameras.map { var c = $0; c.headingDeg = c.headingDeg ?? 45; return c }
        let result = try CoverageAnalysis.run(city: city)
        #expect(result.headingSurvey.isEmpty && result.summary.headingRange == nil)
    }

    /// The by-level stretches: within each light they do not overlap, and those at level ≥ L add
    /// up to `by_level[L]` (`by_level_night[L]`), per road class too.
    @Test func levelPiecesAddUpToTheByLevelTotals() throws {
        let city = Self.town(seed: 3)
        let result = try CoverageAnalysis.run(city: city)
        let pieces = result.levelPieces
        #expect(!pieces.isEmpty)
        let day = try #require(result.summary.byLevel), night = try #require(result.summary.byLevelNight)
        for (light, totals) in [(LightCondition.day, day), (.night, night)] {
            for level in DoriLevel.allCases {
                let sum = pieces.filter { $0.light == light && $0.level >= level }.reduce(0) { $0 + $1.lengthMeters }
                #expect(abs(sum - totals[level]) < 1e-6 * max(1, totals[level]), "\(light) \(level): \(sum) vs \(totals[level])")
            }
        }
        for (cls, pair) in result.summary.byClass {
            let l = try #require(pair.byLevel)
            let sum = pieces.filter { $0.light == .day && $0.roadClass == cls && $0.level >= .observe }.reduce(0) { $0 + $1.lengthMeters }
            #expect(abs(sum - l.observe) < 1e-6 * max(1, l.observe))
        }
        // By district: two halves of the town, cut exactly at x = 150 m.
        let o = SyntheticCity.origin
        func half(_ x0: Double, _ x1: Double) -> Polygon {
            Polygon(exterior: [o + Point(x0, -50), o + Point(x1, -50), o + Point(x1, 400), o + Point(x0, 400), o + Point(x0, -50)])
        }
        let districts = [DistrictArea(id: "west", polygons: [half(-50, 150)]), DistrictArea(id: "east", polygons: [half(150, 400)])]
        let split = try CoverageAnalysis.run(city: city, districts: districts)
        let byDistrict = try #require(split.summary.byDistrict)
        #expect(abs((split.summary.byLevel?.observe ?? 0) - day.observe) < 1e-6 * day.observe)
        for level in DoriLevel.allCases {
            var total = 0.0
            for d in ["west", "east"] {
                let l = try #require(byDistrict[d]?.byLevel)
                let sum = split.levelPieces.filter { $0.light == .day && $0.district == d && $0.level >= level }.reduce(0) { $0 + $1.lengthMeters }
                #expect(abs(sum - l[level]) < 1e-6 * max(1, l[level]), "\(d) \(level): \(sum) vs \(l[level])")
                total += l[level]
            }
            #expect(abs(total - day[level]) < 1e-6 * max(1, day[level]))
        }
        #expect((byDistrict["west"]?.byLevel?.observe ?? 0) > 0 && (byDistrict["east"]?.byLevel?.observe ?? 0) > 0)
        // No overlap within a street and light; geometry as long as the stretch.
        for light in LightCondition.allCases {
            let byStreet = Dictionary(grouping: pieces.filter { $0.light == light }, by: \.streetIndex)
            for (_, ps) in byStreet {
                let sorted = ps.sorted { $0.fromMeters < $1.fromMeters }
                #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.toMeters <= $1.fromMeters + 1e-9 })
            }
        }
        for p in pieces.prefix(50) {
            let len = zip(p.points, p.points.dropFirst()).reduce(0) { $0 + ($1.1 - $1.0).norm }
            #expect(abs(len - p.lengthMeters) < 1e-6)
        }
        // Some stretch is seen at observe but not recognise (the level matters in this town).
        #expect(day.observe > day.recognize && pieces.contains { $0.level == .observe })
    }
}
