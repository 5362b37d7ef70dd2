import Foundation
import Testing
import TestSupport

/// Issue 15, point 2: every size a user can type is checked before any work (64 on the CLI,
/// 65 with file:line:column in a scenario), no non-finite number reaches a computation, and
/// nothing is written.
@Suite struct BoundsCLITests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let args: @Sendable (String) -> [String]  // given the output folder
        let mentions: [String]
        var description: String { name }
    }

    static let city = Fixtures.helsinkiPBF

    static let cases: [Case] = [
        Case(name: "random camera count", args: { ["cameras", "random", city, "--count", "1000000000", "--seed", "1", "-o", $0 + "/c.geojson"] },
             mentions: ["--count", "1,000,000,000", "limit of 1,000,000"]),
        Case(name: "incidents per day", args: { ["simulate", city, "--units", "auto:3", "--incidents-per-day", "1e9", "-o", $0 + "/s"] },
             mentions: ["incidents per day", "1,000,000,000", "limit of 1,000,000"]),
        Case(name: "days × incidents", args: { ["simulate", city, "--units", "auto:3", "--days", "1000", "--incidents-per-day", "100000", "-o", $0 + "/s"] },
             mentions: ["days × incidents per day", "100,000,000", "limit of 10,000,000"]),
        Case(name: "days", args: { ["simulate", city, "--units", "auto:3", "--days", "1e6", "-o", $0 + "/s"] },
             mentions: ["simulated days", "1,000,000", "limit of 3,660"]),
        Case(name: "stand-in units", args: { ["simulate", city, "--units", "auto:1000000", "-o", $0 + "/s"] },
             mentions: ["stand-in units", "limit of 100,000"]),
        Case(name: "reach minutes 1e308", args: { ["reach", city, "--from", "police", "--minutes", "5,1e308", "-o", $0 + "/r"] },
             mentions: ["time threshold", "1e+308", "limit of 1,440"]),
        Case(name: "reach minutes inf", args: { ["reach", city, "--from", "police", "--minutes", "inf", "-o", $0 + "/r"] },
             mentions: ["time threshold", "finite"]),
        Case(name: "reach buffer", args: { ["reach", city, "--from", "police", "--buffer-m", "1e300", "-o", $0 + "/r"] },
             mentions: ["--buffer-m", "1e+300"]),
        Case(name: "candidate spacing", args: { ["place", "cameras", city, "--count", "5", "--spacing-m", "0.001", "-o", $0 + "/p"] },
             mentions: ["spacing 0.001 m", "candidate sites", "limit of 2,000,000"]),
        Case(name: "placement count", args: { ["place", "cameras", city, "--count", "1000000", "-o", $0 + "/p"] },
             mentions: ["count of new cameras", "limit of 100,000"]),
        Case(name: "post minutes", args: { ["place", "posts", city, "--count", "2", "--minutes", "1e308", "-o", $0 + "/p"] },
             mentions: ["--minutes", "1e+308"]),
        Case(name: "budget inf", args: { ["place", "cameras", city, "--budget-tenge", "inf", "-o", $0 + "/p"] },
             mentions: ["--budget-tenge", "inf", "finite"]),
        Case(name: "nan share", args: { ["simulate", city, "--units", "auto:3", "--hot-spot-share", "nan", "-o", $0 + "/s"] },
             mentions: ["--hot-spot-share", "nan"]),
        Case(name: "range 1e308", args: { ["cameras", "random", city, "--count", "3", "--seed", "1", "--range=1e308", "-o", $0 + "/c.geojson"] },
             mentions: ["--range", "1e+308"]),
        Case(name: "precinct count", args: { ["precincts", "generate", city, "--count", "100000", "-o", $0 + "/p.gpkg"] },
             mentions: ["precinct count", "limit of 10,000"]),
        Case(name: "nearest k", args: { ["nearest", city, "--units", city, "--points", city, "-k", "1000", "-o", $0 + "/n.csv"] },
             mentions: ["-k", "limit of 100"]),
        Case(name: "synth tiles", args: { ["synth", city, "--tiles", "1000", "-o", $0 + "/s.gpkg"] },
             mentions: ["tiles 1000", "limit of 256"]),
        Case(name: "synth features", args: { ["synth", city, "--tiles", "200", "-o", $0 + "/s.gpkg"] },
             mentions: ["tiles 200", "limit of 10,000,000", "at most"]),
    ]

    @Test(arguments: cases)
    func refusedBeforeWork(_ c: Case) throws {
        let dir = Fixtures.tempDir("bounds")
        let r = try CLI.run(c.args(dir) + ["--quiet"])
        #expect(r.status == 64, "\(r.stderr)")
        let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("covplan: error: ") && !line.contains("\n"), "\(r.stderr)")
        for m in c.mentions { #expect(line.contains(m), "missing '\(m)' in: \(line)") }
        #expect(Fixtures.listing(dir).isEmpty, "left behind: \(Fixtures.listing(dir))")
    }

    @Test func scenarioSimulationSizeIsADataErrorWithLocation() throws {
        let dir = Fixtures.tempDir("bounds-scn")
        let base = Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml"
        let product = Fixtures.file("big.yaml", "extends: \(base)\nsimulation:\n  days: 3000\n  incidents_per_day: 10000\n", in: dir)
        let r = try CLI.run(["validate", product])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("big.yaml:4:"), "\(r.stderr)")
        #expect(r.stderr.contains("limit of 10,000,000"), "\(r.stderr)")
        #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)

        let days = Fixtures.file("days.yaml", "extends: \(base)\nsimulation:\n  days: 1e6\n", in: dir)
        let d = try CLI.run(["run", days, "-o", dir + "/out"])
        #expect(d.status == 65, "\(d.stderr)")
        #expect(d.stderr.contains("days.yaml:3:") && d.stderr.contains("3660"), "\(d.stderr)")
        #expect(!Fixtures.exists(dir + "/out"))
    }
}
