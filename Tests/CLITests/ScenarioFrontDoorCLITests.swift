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
}
