import Foundation
import Testing
import TestSupport

/// Commands that take a scenario in place of a city compute exactly what `covplan run` does.
@Suite(.serialized) struct ScenarioFrontDoorCLITests {
    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func simulateAScenarioEqualsTheRunsSimulationSection() throws {
        let dir = Fixtures.tempDir("simscn")
        let scenario = Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml"
        let sim = try CLI.run(["simulate", scenario, "-o", dir + "/sim", "--quiet"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let a = try Self.json(dir + "/sim/summary.json")
        let b = try #require(try Self.json(dir + "/run/summary.json")["simulation"] as? [String: Any])
        for key in ["incidents", "response_time_s", "within_target_fraction", "unit_utilization", "units", "types", "precincts"] {
            #expect(a[key] != nil, "\(key) missing")
            let x = try JSONSerialization.data(withJSONObject: [a[key] ?? NSNull()], options: .sortedKeys)
            let y = try JSONSerialization.data(withJSONObject: [b[key] ?? NSNull()], options: .sortedKeys)
            #expect(x == y, "\(key) differs")
        }
        #expect(Fixtures.listing(dir + "/sim").contains("incidents.geojson"))
    }

    @Test func simulationFlagsBesideAScenarioAreRefused() throws {
        let dir = Fixtures.tempDir("simscnflags")
        let scenario = Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml"
        let r = try CLI.run(["simulate", scenario, "--days", "3", "-o", dir + "/out"])
        #expect(r.status == 64 && r.stderr.contains("--days") && r.stderr.contains("'simulation' section"), "\(r.stderr)")
        #expect(!Fixtures.exists(dir + "/out"))
        let city = try CLI.run(["simulate", Fixtures.helsinkiPBF, "-o", dir + "/out"])
        #expect(city.status == 64 && city.stderr.contains("--units is required"), "\(city.stderr)")
    }

    static func same(_ a: [String: Any], _ b: [String: Any], _ keys: [String], _ what: String) throws {
        for key in keys {
            #expect(a[key] != nil, "\(what): \(key) missing")
            let x = try JSONSerialization.data(withJSONObject: [a[key] ?? NSNull()], options: .sortedKeys)
            let y = try JSONSerialization.data(withJSONObject: [b[key] ?? NSNull()], options: .sortedKeys)
            #expect(x == y, "\(what): \(key) differs")
        }
    }

    /// `coverage` and `reach` turn their flags into a plan the scenario runner executes: the
    /// same flags written by hand as scenario keys give the same figures from `covplan run`
    /// (a flag the plan dropped or mapped to the wrong key would differ here).
    @Test func coverageAndReachFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("planflags")
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let defaults = Fixtures.file("camdefs.json", #"{"types": {"fixed": {"fov_deg": 70, "range_m": 45}}}"#, in: dir)
        let scenario = Fixtures.file("s.yaml", """
            name: flags
            city: {source: \(Fixtures.helsinkiPBF)}
            population: {living_m2_per_person: 30, default_levels: 3}
            cameras: {defaults_file: \(defaults), min_gap_m: 25, school_radius_m: 80, missing_heading: nearest_street, covered_level: detect}
            posts: {from: layer, layer: {source: \(posts)}, mode: walk, max_snap_m: 120}
            response_minutes: [2, 4]
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let cov = try CLI.run(["coverage", Fixtures.helsinkiPBF, "--camera-defaults", defaults, "--min-gap-m", "25",
                               "--school-radius-m", "80", "--missing-heading", "nearest_street", "--covered-level", "detect",
                               "-o", dir + "/cov", "--quiet"])
        #expect(cov.status == 0, "\(cov.stderr)")
        let reach = try CLI.run(["reach", Fixtures.helsinkiPBF, "--from", posts, "--mode", "walk", "--minutes", "2,4",
                                 "--max-snap-m", "120", "--living-m2-per-person", "30", "--default-levels", "3",
                                 "-o", dir + "/reach", "--quiet"])
        #expect(reach.status == 0, "\(reach.stderr)")
        let r = try Self.json(dir + "/run/summary.json")
        let c = try Self.json(dir + "/cov/summary.json")
        #expect((c["covered_length_m"] as? Double ?? 0) > 0 && (c["gaps_count"] as? Int ?? 0) > 0)
        try Self.same(c, try #require(r["coverage"] as? [String: Any]),
                      ["street_length_m", "covered_length_m", "covered_fraction", "gaps_count", "cameras", "by_level", "schools"], "coverage")
        let h = try Self.json(dir + "/reach/summary.json")
        #expect(((h["thresholds"] as? [[String: Any]])?.first?["residents"] as? Double ?? 0) > 0)
        try Self.same(h, try #require(r["reach"] as? [String: Any]),
                      ["mode", "thresholds", "sources", "max_snap_m", "residents_total", "total_street_length_m"], "reach")
    }

    /// A plan naming a missing file is refused before the city is read (no ingest line on
    /// stderr), with the reader's own wording and exit code.
    @Test func aMissingFileInAPlanStopsBeforeTheCityIsRead() throws {
        let dir = Fixtures.tempDir("planmissing")
        for args in [["coverage", Fixtures.helsinkiPBF, "--camera-defaults", dir + "/none.json"],
                     ["reach", Fixtures.helsinkiPBF, "--from", "police", "--speeds", dir + "/none.json"],
                     ["reach", Fixtures.helsinkiPBF, "--from", dir + "/none.json"]] {
            let r = try CLI.run(args + ["-o", dir + "/out"])
            #expect(r.status == 66, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("none.json: no such file") && !r.stderr.contains("ingest:"), "\(r.stderr)")
            #expect(!Fixtures.exists(dir + "/out"))
        }
    }
}
