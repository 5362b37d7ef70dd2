import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// `covplan coverage` and `covplan cameras random`, run as the built binary on the bundled
/// Helsinki extract.
@Suite struct CoverageCLITests {
    func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func features(_ path: String) throws -> [[String: Any]] {
        try #require(json(path)["features"] as? [[String: Any]])
    }

    func coverage(_ extra: [String], out: String? = nil) throws -> (dir: String, result: CLI.Result) {
        let dir = out ?? Fixtures.tempDir("cov") + "/out"
        let r = try CLI.run(["coverage", Fixtures.helsinkiPBF, "--make-valid", "-o", dir, "--quiet"] + extra)
        return (dir, r)
    }

    /// One default run shared by the tests that only read it.
    static let base: Result<(dir: String, result: CLI.Result), any Error> = Result {
        let dir = Fixtures.tempDir("cov") + "/out"
        return (dir, try CLI.run(["coverage", Fixtures.helsinkiPBF, "--make-valid", "-o", dir, "--quiet"]))
    }

    @Test func mappedCamerasWriteTheFourOutputs() throws {
        let (dir, r) = try Self.base.get()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(Fixtures.listing(dir) == ["cameras.geojson", "coverage.geojson", "coverage_by_level.geojson", "gaps.geojson",
                                          "heading_survey.geojson", "summary.json", "viewsheds.geojson"])
        let s = try json(dir + "/summary.json")
        // The field-survey layer: one point per camera without a heading, ranked by swing_m; the
        // summary lists the first 20 of it.
        let survey = try json(dir + "/heading_survey.geojson")["features"] as? [[String: Any]] ?? []
        let props = survey.compactMap { $0["properties"] as? [String: Any] }
        #expect(props.count == (s["cameras_heading_unknown"] as? Int) && props.count > 100)
        let swings = props.compactMap { ($0["swing_m"] as? NSNumber)?.doubleValue }
        #expect(swings.count == props.count && zip(swings, swings.dropFirst()).allSatisfy { $0 >= $1 } && swings[0] > 0)
        let top = s["heading_survey"] as? [[String: Any]] ?? []
        #expect(top.count == 20 && (top.first?["camera_id"] as? String) == (props.first?["camera_id"] as? String))
        // The by-level layer adds up to by_level by day and by night.
        let levelPieces = (try json(dir + "/coverage_by_level.geojson")["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }
        let order = ["detect", "observe", "recognize", "identify"]
        for (light, key) in [("day", "by_level"), ("night", "by_level_night")] {
            let totals = try #require(s[key] as? [String: Any])
            for (i, level) in order.enumerated() {
                let sum = levelPieces.filter { ($0["light"] as? String) == light && order.firstIndex(of: $0["level"] as? String ?? "")! >= i }
                    .reduce(0.0) { $0 + (($1["length_m"] as? NSNumber)?.doubleValue ?? 0) }
                let want = (totals[level] as? NSNumber)?.doubleValue ?? -1
                #expect(abs(sum - want) <= 0.0005 * Double(levelPieces.count) + 0.001, "\(light) \(level): \(sum) vs \(want)")
            }
        }
        for key in ["street_length_m", "covered_length_m", "covered_fraction", "by_class", "multiplicity_m",
                    "gaps_count", "cameras", "top_gaps", "schools"] {
            #expect(s[key] != nil, "summary.json lacks \(key)")
        }
        let total = try #require(s["street_length_m"] as? Double)
        let covered = try #require(s["covered_length_m"] as? Double)
        #expect(abs(total - 95_880.8) < 1)  // the extract's 95.9 km of street lines
        #expect(s["cameras"] as? Int == 221)
        // The covered pieces add up to the covered length; gaps are ranked and long enough.
        let pieces = try features(dir + "/coverage.geojson")
        let sum = pieces.reduce(0.0) { $0 + (($1["properties"] as! [String: Any])["length_m"] as! Double) }
        #expect(abs(sum - covered) < 0.01 * Double(pieces.count) + 0.01)
        #expect(pieces.allSatisfy { (($0["properties"] as! [String: Any])["camera_count"] as! Int) >= 1 })
        let gaps = try features(dir + "/gaps.geojson")
        #expect(gaps.count == s["gaps_count"] as? Int)
        let ranks = gaps.map { ($0["properties"] as! [String: Any])["rank"] as! Int }
        #expect(ranks == Array(1...gaps.count))
        #expect(gaps.allSatisfy { (($0["properties"] as! [String: Any])["length_m"] as! Double) >= 10 })
        let m = try #require(s["multiplicity_m"] as? [String: Double])
        #expect(abs((m["0"]! + m["1"]! + m["2"]! + m["3+"]!) - total) < 0.01)
        #expect(abs(m["0"]! - (total - covered)) < 0.01)
        // One viewshed per camera, in WGS 84 (GeoJSON read back with GDAL).
        let sheds = try VectorSource(path: dir + "/viewsheds.geojson").read(layer: "viewsheds").layer
        #expect(sheds.features.count == 221)
        #expect(sheds.crs == "EPSG:4326")
    }

    @Test func occlusionOffCoversMoreAndOutputIsDeterministic() throws {
        let (a, ra) = try Self.base.get()
        let (b, rb) = try coverage([])
        let (c, rc) = try coverage(["--no-occlusion"])
        #expect(ra.status == 0 && rb.status == 0 && rc.status == 0)
        for name in ["summary.json", "coverage.geojson", "gaps.geojson", "viewsheds.geojson"] {
            #expect(FileManager.default.contents(atPath: a + "/" + name) == FileManager.default.contents(atPath: b + "/" + name),
                    "\(name) differs between two runs")
        }
        let occluded = try json(a + "/summary.json")["covered_length_m"] as! Double
        let open = try json(c + "/summary.json")["covered_length_m"] as! Double
        #expect(open > occluded)
        #expect(try json(c + "/summary.json")["occlusion"] as? Bool == false)
    }

    @Test func summaryOnlyPrintsTheSameSummary() throws {
        let (dir, r) = try coverage(["--summary-only", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(dir) == ["summary.json"])
        let stdout = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let full = try json(Self.base.get().dir + "/summary.json")
        #expect(stdout["covered_length_m"] as? Double == full["covered_length_m"] as? Double)
        #expect(stdout["gaps_count"] as? Int == full["gaps_count"] as? Int)
    }

    @Test func refusesToOverwriteWithoutFlag() throws {
        let (dir, r) = try coverage(["--no-viewsheds"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!Fixtures.listing(dir).contains("viewsheds.geojson"))
        let again = try coverage(["--no-viewsheds"], out: dir)
        #expect(again.result.status == 73)
        #expect(again.result.stderr.contains("--overwrite"))
        let forced = try coverage(["--overwrite"], out: dir)
        #expect(forced.result.status == 0)
        #expect(Fixtures.listing(dir).contains("viewsheds.geojson"))
    }

    @Test func randomCamerasAreSeededAndFeedCoverage() throws {
        let tmp = Fixtures.tempDir("rand")
        func gen(_ name: String, seed: Int) throws -> CLI.Result {
            try CLI.run(["cameras", "random", Fixtures.helsinkiPBF, "--make-valid", "--count", "80", "--seed", "\(seed)",
                         "--fov", "70", "--range", "45", "-o", tmp + "/" + name])
        }
        #expect(try gen("a.geojson", seed: 5).status == 0)
        #expect(try gen("b.geojson", seed: 5).status == 0)
        #expect(try gen("c.geojson", seed: 6).status == 0)
        let a = FileManager.default.contents(atPath: tmp + "/a.geojson")
        #expect(a == FileManager.default.contents(atPath: tmp + "/b.geojson"))
        #expect(a != FileManager.default.contents(atPath: tmp + "/c.geojson"))
        let feats = try features(tmp + "/a.geojson")
        #expect(feats.count == 80)
        let p = feats[0]["properties"] as! [String: Any]
        #expect(p["fov_deg"] as? Double == 70 && p["range_m"] as? Double == 45)
        #expect(try gen("a.geojson", seed: 5).status == 73)

        let (dir, r) = try coverage(["--cameras", tmp + "/a.geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try json(dir + "/summary.json")
        #expect(s["cameras"] as? Int == 80)
        #expect(s["cameras_heading_unknown"] as? Int == 0)
        let cams = try features(dir + "/cameras.geojson")
        #expect(cams.allSatisfy { (($0["properties"] as! [String: Any])["fov_deg"] as! Double) == 70 })
    }

    static let badCamera = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"cam-ok","heading_deg":90,"fov_deg":60,"range_m":40},"geometry":{"type":"Point","coordinates":[24.944,60.170]}},{"type":"Feature","properties":{"id":"cam-neg","heading_deg":90,"fov_deg":60,"range_m":-5},"geometry":{"type":"Point","coordinates":[24.945,60.171]}}]}"#

    @Test func badCameraIsNamedOrSkipped() throws {
        let file = Fixtures.file("cams.geojson", Self.badCamera)
        let (dir, r) = try coverage(["--cameras", file])
        #expect(r.status == 65)
        #expect(r.stderr.contains("cam-neg") && r.stderr.contains("range_m"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!Fixtures.exists(dir))
        let (dir2, r2) = try coverage(["--cameras", file, "--skip-invalid"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let s = try json(dir2 + "/summary.json")
        #expect(s["cameras"] as? Int == 1 && s["cameras_skipped"] as? Int == 1)
        let skipped = try #require(s["skipped_cameras"] as? [[String: Any]])
        #expect(skipped.first?["id"] as? String == "cam-neg")
    }

    @Test func badOptionsAndDefaultsFile() throws {
        let neg = try coverage(["--min-gap-m=-3"])
        #expect(neg.result.status == 64 && neg.result.stderr.contains("min gap"))
        let bad = Fixtures.file("defaults.json", #"{"types": {"dome": {"range_m": 0}}}"#)
        let r = try coverage(["--camera-defaults", bad])
        #expect(r.result.status == 65 && r.result.stderr.contains("defaults.json") && r.result.stderr.contains("dome"))
        let good = Fixtures.file("defaults.json", #"{"types": {"fixed": {"range_m": 80}, "public": {"range_m": 80}}}"#)
        let g = try coverage(["--camera-defaults", good])
        #expect(g.result.status == 0, "\(g.result.stderr)")
        let base = try Self.base.get()
        let wider = try json(g.dir + "/summary.json")["covered_length_m"] as! Double
        let normal = try json(base.dir + "/summary.json")["covered_length_m"] as! Double
        #expect(wider > normal)
        let rand = try CLI.run(["cameras", "random", Fixtures.helsinkiPBF, "--count", "5", "--seed", "1", "--fov", "0",
                                "-o", Fixtures.tempDir("r") + "/x.geojson"])
        #expect(rand.status == 64 && rand.stderr.contains("fov_deg"))
    }

    @Test func districtsSplitTheTotals() throws {
        // Two districts: west and east halves of the extract (split at 24.944° E).
        let poly = { (x0: Double, x1: Double) in "[[[\(x0),60.16],[\(x1),60.16],[\(x1),60.18],[\(x0),60.18],[\(x0),60.16]]]" }
        let text = #"{"type":"FeatureCollection","features":["#
            + #"{"type":"Feature","properties":{"id":"W","name":"West"},"geometry":{"type":"Polygon","coordinates":"# + poly(24.93, 24.944) + "}},"
            + #"{"type":"Feature","properties":{"id":"E","name":"East"},"geometry":{"type":"Polygon","coordinates":"# + poly(24.944, 24.96) + "}}]}"
        let file = Fixtures.file("districts.geojson", text)
        let (dir, r) = try coverage(["--districts", file, "--district-name-field", "name"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try json(dir + "/summary.json")
        let d = try #require(s["by_district"] as? [String: [String: Any]])
        #expect(Set(d.keys) == ["W", "E"])
        #expect(d["W"]?["name"] as? String == "West")
        let total = s["street_length_m"] as! Double
        let sum = (d["W"]!["length_m"] as! Double) + (d["E"]!["length_m"] as! Double) + (s["outside_districts_m"] as! Double)
        #expect(abs(sum - total) < 0.01)
        #expect((d["W"]!["length_m"] as! Double) > 10_000 && (d["E"]!["length_m"] as! Double) > 10_000)
        let covered = (d["W"]!["covered_m"] as! Double) + (d["E"]!["covered_m"] as! Double)
        #expect(covered <= (s["covered_length_m"] as! Double) + 0.01)
    }
}
