import CityModel
import Coverage
import Foundation
import GeoCore
import Testing

@Suite struct RandomCamerasTests {
    @Test func seededAndOnStreets() throws {
        let city = SyntheticCity(seed: 4)
        let a = try RandomCameras.generate(streets: city.streets, count: 300, seed: 42, fovDeg: 75, rangeMeters: 45)
        let b = try RandomCameras.generate(streets: city.streets, count: 300, seed: 42, fovDeg: 75, rangeMeters: 45)
        let c = try RandomCameras.generate(streets: city.streets, count: 300, seed: 43, fovDeg: 75, rangeMeters: 45)
        #expect(a == b)
        #expect(a != c)
        #expect(a.map(\.id) == (1...300).map { "random/\($0)" })
        let lines = LineSet(lines: city.streets.map(\.points))
        for r in a {
            #expect(r.fovDeg == 75 && r.rangeMeters == 45 && r.minRangeMeters == 0)
            let h = try #require(r.headingDeg)
            #expect(h >= 0 && h < 360)
            // On a street line (brute force over every segment).
            let d = try #require(lines.nearestSegment(to: r.position, maxDistance: 1)).distance
            #expect(d < 1e-6)
        }
        // Headings spread over the compass: each quadrant gets a fair share of 300.
        for q in 0..<4 {
            let n = a.filter { Int($0.headingDeg! / 90) == q }.count
            #expect(n > 40, "quadrant \(q): \(n)")
        }
    }

    @Test func placementIsProportionalToLength() throws {
        // One street of 900 m and one of 100 m: about 90 % of the cameras on the long one.
        let long = Street(id: "long", highway: "primary", points: [Point(0, 0), Point(900, 0)])
        let short = Street(id: "short", highway: "primary", points: [Point(0, 500), Point(100, 500)])
        let cams = try RandomCameras.generate(streets: [long, short], count: 2000, seed: 7)
        let onLong = cams.filter { $0.position.y == 0 }.count
        #expect(abs(Double(onLong) / 2000 - 0.9) < 0.03, "\(onLong)")
        #expect(cams.allSatisfy { $0.position.y == 0 || $0.position.y == 500 })
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let s = [Street(id: "s", highway: "primary", points: [Point(0, 0), Point(10, 0)])]
        for (count, fov, range, minRange) in [(-1, 90.0, 50.0, 0.0), (5, 0, 50, 0), (5, 400, 50, 0), (5, 90, -1, 0),
                                              (5, 90, 50, 60), (5, .nan, 50, 0)] {
            #expect(throws: CovplanError.self) {
                try RandomCameras.generate(streets: s, count: count, seed: 1, fovDeg: fov, rangeMeters: range,
                                           minRangeMeters: minRange)
            }
        }
        #expect(try RandomCameras.generate(streets: s, count: 0, seed: 1).isEmpty)
        do {
            _ = try RandomCameras.generate(streets: [], count: 3, seed: 1)
            Issue.record("no streets accepted")
        } catch {
            #expect(error.kind == .dataError)
        }
    }

    @Test func analysisIsDeterministic() throws {
        let city = SyntheticCity(seed: 8)
        let recs = try RandomCameras.generate(streets: city.streets, count: 120, seed: 8, fovDeg: 90, rangeMeters: 50)
        let districts = [DistrictArea(id: "d1", polygons: [Polygon(exterior: [
            Point(0, 0), Point(200, 0), Point(150, 300), Point(0, 250), Point(0, 0)].map { SyntheticCity.origin + $0 })])]
        let r1 = try CoverageAnalysis.run(city: city.city, cameraRecords: recs, districts: districts)
        let r2 = try CoverageAnalysis.run(city: city.city, cameraRecords: recs, districts: districts)
        #expect(r1.summary == r2.summary)
        #expect(r1.runs == r2.runs)
        #expect(r1.gaps == r2.gaps)
        #expect(r1.viewsheds == r2.viewsheds)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        #expect(try enc.encode(r1.summary) == enc.encode(r2.summary))
        // The summary carries the issue's keys.
        let json = try #require(try JSONSerialization.jsonObject(with: enc.encode(r1.summary)) as? [String: Any])
        for key in ["street_length_m", "covered_length_m", "covered_fraction", "by_class", "multiplicity_m",
                    "gaps_count", "cameras", "by_district"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let mult = try #require(json["multiplicity_m"] as? [String: Double])
        #expect(Set(mult.keys) == ["0", "1", "2", "3+"])
        // Gaps are ranked by score.
        #expect(zip(r1.gaps, r1.gaps.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(r1.gaps.allSatisfy { $0.lengthMeters >= 10 })
    }
}

@Suite struct SummaryOnlyTests {
    /// Without geometries the summary, runs and gaps (minus their lines) are the same.
    @Test func summaryIsIndependentOfGeometries() throws {
        let city = SyntheticCity(seed: 21)
        let recs = try RandomCameras.generate(streets: city.streets, count: 80, seed: 21, fovDeg: 100, rangeMeters: 45)
        let full = try CoverageAnalysis.run(city: city.city, cameraRecords: recs)
        let lean = try CoverageAnalysis.run(city: city.city, cameraRecords: recs,
                                            options: CoverageOptions(viewsheds: false, geometries: false))
        #expect(full.summary == lean.summary)
        #expect(full.runs == lean.runs)
        #expect(lean.coveredPieces.isEmpty && !full.coveredPieces.isEmpty)
        #expect(full.gaps.map { var g = $0; g.points = []; return g } == lean.gaps)
    }
}
