import Foundation
import Testing
import TestSupport

/// `covplan place cameras` and `covplan place posts`, run as the built binary on the bundled
/// Helsinki extract (light candidate sets, so that the debug build stays quick).
@Suite struct PlaceCLITests {
    func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let light = ["--types", "dome", "--spacing-m", "100", "--no-corner-headings"]

    /// One run without existing cameras (shared by the tests that only read it).
    static let base: Result<(dir: String, instance: String, status: Int32, stderr: String), any Error> = Result {
        let tmp = Fixtures.tempDir("place")
        let r = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--count", "6", "--existing", "none",
                             "--export-instance", tmp + "/instance.json", "-o", tmp + "/out", "--quiet"] + light)
        return (tmp + "/out", tmp + "/instance.json", r.status, r.stderr)
    }

    @Test func camerasWriteSummaryLayerAndTable() throws {
        let b = try Self.base.get()
        #expect(b.status == 0, "\(b.stderr)")
        #expect(Fixtures.listing(b.dir) == ["newly_covered.geojson", "proposed.csv", "proposed.geojson", "summary.json", "viewsheds.geojson"])
        let s = try json(b.dir + "/summary.json")
        for key in ["objective", "upper_bound", "gap", "selected", "covered_fraction_before", "covered_fraction_after", "cost_tenge"] {
            #expect(s[key] != nil, "summary.json lacks \(key)")
        }
        #expect(s["selected"] as? Int == 6)
        #expect(s["covered_fraction_before"] as? Double == 0)
        #expect(s["cost_tenge"] as? Double == 2_700_000.0)
        let gap = try #require(s["gap"] as? Double)
        #expect(gap >= 0 && gap <= 0.02)
        let objective = try #require(s["objective"] as? Double), bound = try #require(s["upper_bound"] as? Double)
        #expect(bound >= objective && objective > 0)
        let features = try #require(json(b.dir + "/proposed.geojson")["features"] as? [[String: Any]])
        #expect(features.count == 6)
        let props = features.map { $0["properties"] as! [String: Any] }
        #expect(props.map { $0["rank"] as! Int } == Array(1...6))
        for p in props { for k in ["id", "heading_deg", "type", "marginal_gain", "cost_tenge"] { #expect(p[k] != nil) } }
        let gains = props.map { $0["marginal_gain"] as! Double }
        #expect(abs(gains.reduce(0, +) - objective) < 0.01)
        // Newly covered stretches add up to newly_covered_m; one viewshed per new camera.
        let stretches = try #require(json(b.dir + "/newly_covered.geojson")["features"] as? [[String: Any]])
        let sum = stretches.reduce(0.0) { $0 + (($1["properties"] as! [String: Any])["length_m"] as! Double) }
        let newly = try #require(s["newly_covered_m"] as? Double)
        #expect(abs(sum - newly) < 0.001 * Double(stretches.count) + 0.01)
        #expect((try json(b.dir + "/viewsheds.geojson")["features"] as? [[String: Any]])?.count == 6)
        let csv = try String(contentsOfFile: b.dir + "/proposed.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 7 && csv[0].hasPrefix("x,y,rank,id,type,heading_deg"))
    }

    /// The proposed layer read back by `covplan coverage --cameras` sees what the placement says
    /// it newly covers (no existing cameras here), up to GeoJSON's coordinate rounding.
    @Test func proposedCamerasFeedBackIntoCoverage() throws {
        let b = try Self.base.get()
        let s = try json(b.dir + "/summary.json")
        let out = Fixtures.tempDir("placecov") + "/cov"
        let r = try CLI.run(["coverage", Fixtures.helsinkiPBF, "--make-valid", "--cameras", b.dir + "/proposed.geojson",
                             "--summary-only", "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let c = try json(out + "/summary.json")
        let covered = try #require(c["covered_length_m"] as? Double), newly = try #require(s["newly_covered_m"] as? Double)
        #expect(c["cameras"] as? Int == 6)
        #expect(abs(covered - newly) <= 0.002 * newly, "coverage \(covered) m vs placement \(newly) m")
        #expect(abs((c["covered_fraction"] as! Double) - (s["covered_fraction_after"] as! Double)) < 1e-4)
    }

    /// `--existing SOURCE`: the proposed cameras as the existing ones of a second run, whose
    /// "before" is the first run's "after" (up to GeoJSON's coordinate rounding).
    @Test func proposedCamerasAsExistingOnes() throws {
        let b = try Self.base.get()
        let s = try json(b.dir + "/summary.json")
        let out = Fixtures.tempDir("placeexist") + "/out"
        let r = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--count", "1",
                             "--existing", b.dir + "/proposed.geojson", "-o", out, "--quiet"] + Self.light)
        #expect(r.status == 0, "\(r.stderr)")
        let s2 = try json(out + "/summary.json")
        #expect(abs((s2["covered_fraction_before"] as! Double) - (s["covered_fraction_after"] as! Double)) < 1e-4)
        #expect(((s2["existing"] as! [String: Any])["cameras"] as! Int) == 6)
    }

    /// `--export-instance` writes the exchange shape; the same run twice gives identical bytes.
    @Test func exportedInstanceAndDeterminism() throws {
        let b = try Self.base.get()
        let inst = try json(b.instance)
        #expect(Set(inst.keys) == ["demand", "candidates", "fixed", "count", "budget"])
        #expect(inst["count"] as? Int == 6)
        #expect(inst["budget"] is NSNull)
        #expect((inst["fixed"] as? [Any])?.isEmpty == true)
        let demand = try #require(inst["demand"] as? [Double])
        let candidates = try #require(inst["candidates"] as? [[String: Any]])
        #expect(!demand.isEmpty && !candidates.isEmpty)
        for c in candidates.prefix(50) {
            let covers = try #require(c["covers"] as? [Int])
            #expect(c["id"] is String && c["cost"] as? Double == 450_000)
            #expect(covers.allSatisfy { $0 >= 0 && $0 < demand.count })
        }
        let tmp = Fixtures.tempDir("place2")
        let r = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--count", "6", "--existing", "none",
                             "--export-instance", tmp + "/instance.json", "-o", tmp + "/out", "--quiet"] + Self.light)
        #expect(r.status == 0)
        for f in ["summary.json", "proposed.geojson", "proposed.csv", "newly_covered.geojson", "viewsheds.geojson"] {
            #expect(FileManager.default.contents(atPath: tmp + "/out/" + f) == FileManager.default.contents(atPath: b.dir + "/" + f), "\(f) differs")
        }
        #expect(FileManager.default.contents(atPath: tmp + "/instance.json") == FileManager.default.contents(atPath: b.instance))
    }

    /// Impossible requests: one clear line saying what is possible, exit 64, nothing written.
    @Test(arguments: [
        (["--budget-tenge", "100000"], "cheapest"),
        (["--count", "500", "--no-junctions", "--spacing-m", "400"], "at most"),
        (["--target-fraction", "0.99", "--no-junctions", "--spacing-m", "400"], "unreachable"),
        (["--count", "5", "--budget-tenge", "1000000"], "exactly one of"),
        (["--count", "5", "--types", "laser"], "unknown camera type"),
    ])
    func impossibleRequests(extra: [String], phrase: String) throws {
        let tmp = Fixtures.tempDir("placebad")
        let r = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--types", "dome",
                             "--export-instance", tmp + "/i.json", "-o", tmp + "/out"] + extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
        #expect(r.stderr.contains(phrase), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { !$0.hasPrefix("ingest: ") }.count == 1)
        #expect(Fixtures.listing(tmp).isEmpty, "output left behind: \(Fixtures.listing(tmp))")
    }

    @Test func postsWriteSummaryAndLayer() throws {
        let tmp = Fixtures.tempDir("posts")
        let r = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--make-valid", "--mode", "walk", "--count", "3",
                             "--minutes", "3", "--spacing-m", "200", "--export-instance", tmp + "/i.json", "-o", tmp + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try json(tmp + "/out/summary.json")
        for key in ["objective", "upper_bound", "gap", "selected", "covered_fraction_before", "covered_fraction_after", "cost_tenge"] {
            #expect(s[key] != nil, "summary.json lacks \(key)")
        }
        #expect(s["selected"] as? Int == 3)
        #expect((s["gap"] as! Double) <= 0.02)
        #expect((s["covered_fraction_after"] as! Double) > (s["covered_fraction_before"] as! Double))
        let features = try #require(json(tmp + "/out/proposed.geojson")["features"] as? [[String: Any]])
        #expect(features.count == 3)
        #expect(try json(tmp + "/i.json")["count"] as? Int == 3)
        let bad = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--make-valid", "--mode", "walk", "--count", "100000",
                               "--minutes", "3", "-o", tmp + "/bad"])
        #expect(bad.status == 64 && bad.stderr.contains("at most"), "\(bad.stderr)")
        #expect(!Fixtures.exists(tmp + "/bad"))
    }
}
