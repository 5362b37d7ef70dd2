import Foundation
import Testing
import TestSupport

/// Issue 17 points 4–6 through the built binary on the bundled Helsinki extract: ANPR objectives
/// of `place cameras`, `covplan junctions`, `--target-fraction` with and without road-class
/// weights, `place posts --budget-tenge`.
@Suite struct TrafficCLITests {
    func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let traffic: Set<String> = ["motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
                                       "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential"]

    @Test func anprEntriesReadEveryEntryBothWays() throws {
        let tmp = Fixtures.tempDir("anpr")
        let r = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--objective", "anpr-entries",
                             "--entries", "auto", "-o", tmp + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(tmp + "/out") == ["proposed.csv", "proposed.geojson", "summary.json", "targets.geojson"])
        let s = try json(tmp + "/out/summary.json")
        #expect(s["objective"] as? String == "anpr-entries")
        let t = try #require(s["targets"] as? [String: Any]), g = try #require(s["groups"] as? [String: Any])
        #expect(t["read_share_after"] as? Double == 1)
        #expect(g["complete"] as? Int == g["total"] as? Int)
        let selected = try #require(s["selected"] as? Int)
        #expect((s["lower_bound"] as? Double ?? .infinity) <= Double(selected))
        let features = try #require(json(tmp + "/out/proposed.geojson")["features"] as? [[String: Any]])
        #expect(features.count == selected && selected > 0)
        for f in features {
            let p = f["properties"] as! [String: Any]
            #expect(Self.traffic.contains(p["road_class"] as? String ?? ""), "\(p)")
            #expect(p["type"] as? String == "anpr")
        }
        let targets = try #require(json(tmp + "/out/targets.geojson")["features"] as? [[String: Any]])
        #expect(targets.count == t["total"] as? Int)
        #expect(targets.allSatisfy { ($0["properties"] as! [String: Any])["read_after"] as? Bool == true })
        // Without entries: a usage error, nothing written.
        let bad = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--objective", "anpr-entries", "-o", tmp + "/bad"])
        #expect(bad.status == 64 && bad.stderr.contains("--entries"), "\(bad.stderr)")
        #expect(!Fixtures.exists(tmp + "/bad"))
    }

    /// The same plan with and without road-class weights; the bound printed is a lower bound on
    /// the cameras needed, at most the plan's count; the share delivered is within 1 point of F.
    @Test func targetFractionIgnoresWeightsAndNamesTheLowerBound() throws {
        let tmp = Fixtures.tempDir("tf")
        let light = ["--types", "dome", "--spacing-m", "100", "--no-corner-headings", "--existing", "none"]
        let a = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--target-fraction", "0.03",
                             "-o", tmp + "/a"] + light)
        let b = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--target-fraction", "0.03",
                             "--uniform-weights", "-o", tmp + "/b", "--quiet"] + light)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(FileManager.default.contents(atPath: tmp + "/a/proposed.csv") == FileManager.default.contents(atPath: tmp + "/b/proposed.csv"))
        #expect(a.stderr.contains("lower bound: any plan reaching the target needs at least"), "\(a.stderr)")
        #expect(!a.stderr.contains("upper bound"))
        let s = try json(tmp + "/a/summary.json")
        let after = try #require(s["covered_fraction_after"] as? Double)
        #expect(after >= 0.03 && after <= 0.04)
        #expect((s["lower_bound"] as! Double) <= (s["objective"] as! Double))
        #expect((s["goal"] as? [String: Any])?["basis"] as? String == "street_m")
        let w = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--make-valid", "--target-fraction", "0.03",
                             "--target-basis", "weighted", "-o", tmp + "/w", "--quiet"] + light)
        #expect(w.status == 0, "\(w.stderr)")
        #expect((try json(tmp + "/w/summary.json")["weighted_fraction_after"] as? Double ?? 0) >= 0.03)
    }

    @Test func junctionsLayerAgreesWithItsSummary() throws {
        let tmp = Fixtures.tempDir("junctions")
        let r = try CLI.run(["junctions", Fixtures.helsinkiPBF, "--make-valid", "-o", tmp + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let block = try #require(try json(tmp + "/out/summary.json")["junctions"] as? [String: Any])
        let features = try #require(json(tmp + "/out/junctions.geojson")["features"] as? [[String: Any]])
        let props = features.map { $0["properties"] as! [String: Any] }
        #expect(props.count == block["junctions"] as? Int && props.count > 50)
        #expect(props.filter { $0["complete"] as? Bool == true }.count == block["complete"] as? Int)
        #expect(props.reduce(0) { $0 + ($1["approaches"] as! Int) } == block["approaches"] as? Int)
        #expect(props.reduce(0) { $0 + ($1["seen"] as! Int) } == block["approaches_seen"] as? Int)
        for p in props {
            #expect((p["complete"] as! Bool) == ((p["seen"] as! Int) == (p["approaches"] as! Int) && (p["approaches"] as! Int) > 0))
        }
        let bad = try CLI.run(["junctions", Fixtures.helsinkiPBF, "--level", "sharp", "-o", tmp + "/bad"])
        #expect(bad.status == 64, "\(bad.stderr)")
    }

    @Test func postsWithABudget() throws {
        let tmp = Fixtures.tempDir("postbudget")
        let r = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--make-valid", "--mode", "walk", "--budget-tenge", "80000000",
                             "--unit-cost-tenge", "35000000", "--minutes", "3", "--spacing-m", "200", "-o", tmp + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try json(tmp + "/out/summary.json")
        #expect(s["selected"] as? Int == 2)
        #expect(s["cost_tenge"] as? Double == 70_000_000)
        let noPrice = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--mode", "walk", "--budget-tenge", "80000000",
                                   "--minutes", "3", "-o", tmp + "/bad"])
        #expect(noPrice.status == 64 && noPrice.stderr.contains("unit cost"), "\(noPrice.stderr)")
    }
}
