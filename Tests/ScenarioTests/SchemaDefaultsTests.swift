import CityIngest
import CityModel
import Foundation
import GeoCore
import Scenario
import Simulation
import Testing
import TestSupport

/// Every default a scenario falls back to is defined once, in the schema (from the analysis's
/// own constant): SCHEMA.md prints it, the runner reads it through `ScenarioDocument.setting`.
@Suite struct SchemaDefaultsTests {
    /// Every schema field with a default, by dotted path (object keys only).
    static func defaulted() -> [(String, SchemaField)] {
        var out: [(String, SchemaField)] = []
        func walk(_ fields: [SchemaField], _ prefix: String) {
            for f in fields {
                let key = prefix.isEmpty ? f.name : prefix + "." + f.name
                if f.defaultValue != nil { out.append((key, f)) }
                if case .object(let sub) = f.type { walk(sub, key) }
            }
        }
        walk(ScenarioSchema.root, "")
        return out
    }

    func doc(_ yaml: String) throws -> ScenarioDocument {
        let dir = Fixtures.tempDir("schema-defaults")
        return try ScenarioDocument.load(Fixtures.file("s.yaml", yaml, in: dir))
    }

    @Test func absentKeysGiveTheSchemaDefaultAndGivenKeysWin() throws {
        let fields = Self.defaulted()
        #expect(fields.count >= 25, "defaults found: \(fields.map(\.0))")
        let empty = try doc("name: d\ncity: {source: \(Fixtures.helsinkiPBF)}\n")
        for (path, f) in fields {
            let node = try #require(empty.setting(path), "\(path)")
            switch f.defaultValue! {
            case .numbers(let l): #expect(node.items.compactMap(\.number) == l, "\(path)")
            case .text(let t): #expect(node.text == t, "\(path)")
            default: #expect(node.number == f.defaultValue!.number, "\(path)")
            }
        }
        let given = try doc("name: d\ncity: {source: \(Fixtures.helsinkiPBF)}\nsimulation: {days: 7, incidents_per_day: 12}\nseed: 9\n")
        #expect(given.setting("simulation.days")?.number == 7)
        #expect(given.setting("simulation.incidents_per_day")?.number == 12)
        #expect(given.seed == 9)
        #expect(empty.seed == 1)
    }

    /// The command line and a scenario agree (the issue found 100 incidents a day on the command
    /// line and 40 in a scenario): both read the simulation's constant.
    @Test func theCommandLineAndTheScenarioShareTheSimulationDefaults() throws {
        let empty = try doc("name: d\ncity: {source: \(Fixtures.helsinkiPBF)}\n")
        #expect(empty.setting("simulation.incidents_per_day")?.number == 100)
        #expect(empty.setting("simulation.days")?.number == 30)
        #expect(SimulationOptions.defaultIncidentsPerDay == 100 && SimulationOptions.defaultDays == 30)
    }

    /// A default is stated by the schema value, not restated in the prose (which could drift).
    @Test func noDescriptionRestatesItsDefault() {
        for (path, f) in Self.defaulted() {
            #expect(f.doc.range(of: #"\(default [0-9]"#, options: .regularExpression) == nil, "\(path): \(f.doc)")
        }
        #expect(SchemaMarkdown.render().contains("| `simulation.days` | number (> 0, ≤ 3660) |  | Simulated days (with `calls`, when not given: the whole days covering the last call); days × incidents_per_day at most 10,000,000 (≈ 400 bytes per incident). Default: 30. |"))
    }

    /// Running a scenario without a key gives exactly what it gives with the key set to the
    /// documented default (checked on the bundled city's reach and simulation).
    @Test func omittingAKeyEqualsWritingItsDefault() throws {
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let base = "name: d\ncity: {source: \(Fixtures.helsinkiPBF)}\nposts: {from: layer, layer: {source: \(posts)}}\n"
        let city = try CityReader.read(try doc(base).cityReadOptions())
        let a = try ScenarioRunner.run(try doc(base + "simulation: {days: 1}\n"), city: city)
        let b = try ScenarioRunner.run(try doc(base + "response_minutes: [3, 5, 10]\nsimulation: {days: 1, incidents_per_day: 100}\n"), city: city)
        let ra = try #require(a.reach), rb = try #require(b.reach)
        #expect(ra.outcome.summary.thresholds.map(\.minutes) == [3, 5, 10])
        #expect(ra.outcome.summary.thresholds.map(\.residents) == rb.outcome.summary.thresholds.map(\.residents))
        let sa = try #require(a.simulation), sb = try #require(b.simulation)
        #expect(sa.dispatch.incidents == sb.dispatch.incidents)
        #expect(sa.dispatch.incidents > 50 && sa.dispatch.incidents < 160, "Poisson(100) for one day: \(sa.dispatch.incidents)")
    }
}
