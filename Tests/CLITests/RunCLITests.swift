import Foundation
import GDALBridge
import Testing
import Reports
import TestSupport

/// `covplan run` on the bundled plan scenario: every output, schema-valid summary, byte-identical
/// reruns, a report that cannot reach the network.
@Suite(.serialized) struct RunCLITests {
    static let plan = Fixtures.repoRoot + "/scenarios/helsinki-plan.yaml"

    static let runs: (String, String) = {
        let a = Fixtures.tempDir("run") + "/a", b = Fixtures.tempDir("run") + "/b"
        for dir in [a, b] {
            let r = try! CLI.run(["run", plan, "-o", dir, "--quiet"])
            precondition(r.status == 0, r.stderr)
        }
        return (a, b)
    }()

    @Test func writesEveryOutput() throws {
        let dir = Self.runs.0
        for f in ["summary.json", "layers.gpkg", "report.html", "report.md", "layers", "tables"] {
            #expect(Fixtures.exists(dir + "/" + f), "\(f) missing")
        }
        let geojson = Fixtures.listing(dir + "/layers").filter { $0.hasSuffix(".geojson") }.map { String($0.dropLast(8)) }
        let gpkg = try VectorSource(path: dir + "/layers.gpkg").layerNames.filter { $0 != "layer_styles" }
        #expect(Set(gpkg) == Set(geojson))
        #expect(gpkg.contains("streets") && gpkg.contains("cameras"))
    }

    @Test func summaryValidatesAgainstTheSchema() throws {
        let schema = try JSONSchemaSubset(schemaPath: Fixtures.repoRoot + "/scenarios/summary.schema.json")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.runs.0 + "/summary.json")))
        #expect(schema.validate(summary) == [])
        // And the validator really validates: a broken summary fails.
        var broken = summary as! [String: Any]
        broken["city"] = ["street_length_m": "long"]
        #expect(!schema.validate(broken).isEmpty)
    }

    @Test func sameScenarioSameBytes() throws {
        let (a, b) = Self.runs
        let fm = FileManager.default
        let files = fm.enumerator(atPath: a)!.compactMap { $0 as? String }.sorted()
        #expect(files == fm.enumerator(atPath: b)!.compactMap { $0 as? String }.sorted())
        for f in files {
            var isDir: ObjCBool = false
            fm.fileExists(atPath: a + "/" + f, isDirectory: &isDir)
            if isDir.boolValue { continue }
            #expect(fm.contents(atPath: a + "/" + f) == fm.contents(atPath: b + "/" + f), "\(f) differs between runs")
        }
    }

    @Test func reportIsSelfContained() throws {
        let html = try String(contentsOfFile: Self.runs.0 + "/report.html", encoding: .utf8)
        #expect(html.contains("<svg"))
        for pattern in ["src=", "<link", "<script", "url(", "@import", "<img", "<iframe"] {
            #expect(!html.contains(pattern), "report.html contains \(pattern)")
        }
        #expect(!html.contains("href=\"http"))
    }

    @Test func scenarioErrorsLeaveNoOutputFolder() throws {
        let dir = Fixtures.tempDir("runbad")
        let bad = Fixtures.file("bad.yaml", "name: x\ncity:\n  source: \(Fixtures.helsinkiPBF)\ncamras: {}\n", in: dir)
        let r = try CLI.run(["run", bad, "-o", dir + "/out"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.yaml:4:1: unknown key 'camras'") && r.stderr.contains("did you mean 'cameras'"))
        #expect(Fixtures.listing(dir) == ["bad.yaml"])
    }
}

/// `covplan compare` on the bundled baseline and plan run folders.
@Suite struct CompareCLITests {
    @Test func deltasAreTheDifferenceOfTheTwoSummaries() throws {
        let dir = Fixtures.tempDir("cmp")
        let base = Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml"
        let r0 = try CLI.run(["run", base, "-o", dir + "/base", "--quiet"])
        #expect(r0.status == 0, "\(r0.stderr)")
        let plan = RunCLITests.runs.0
        let r = try CLI.run(["compare", dir + "/base", plan, "-o", dir + "/cmp", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["compare.json", "compare.md", "compare.html"] { #expect(Fixtures.exists(dir + "/cmp/" + f)) }
        func load(_ p: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: p))) as! [String: Any]
        }
        let b = try load(dir + "/base/summary.json"), p = try load(plan + "/summary.json")
        let cmp = try load(dir + "/cmp/compare.json")
        let metrics = cmp["metrics"] as! [[String: Any]]
        func metric(_ key: String) -> [String: Any]? { metrics.first { $0["key"] as? String == key } }
        let cb = (b["coverage"] as! [String: Any])["covered_length_m"] as! Double
        let cp = (p["coverage"] as! [String: Any])["covered_length_m"] as! Double
        let m = try #require(metric("coverage.covered_length_m"))
        #expect(abs((m["delta"] as! Double) - (cp - cb) / 1000) < 1e-9)
        #expect(m["verdict"] as? String == (cp > cb ? "better" : cp < cb ? "worse" : "same"))
        // The plan adds cameras, so coverage cannot fall, and its cost is stated.
        #expect(cp >= cb)
        #expect(metric("placement.cost_tenge")?["plan"] as? Double == (p["placement"] as! [String: Any])["cost_tenge"] as? Double)
    }
}
