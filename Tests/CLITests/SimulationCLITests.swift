import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// `covplan simulate` and `covplan hypercube` as the built binary on the bundled city with the
/// scenario's hypothetical posts: outputs read back, reruns byte-identical, bad inputs rejected
/// with one line, a non-zero exit and no output folder.
@Suite struct SimulationCLITests {
    static var posts: String { Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson" }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path)!) as! [String: Any]
    }

    /// Two stand-in precincts: the west and east halves of the extract (lon/lat).
    static func precincts() -> String {
        Fixtures.file("precincts.geojson", """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"west"},"geometry":{"type":"Polygon","coordinates":[[[24.90,60.15],[24.946,60.15],[24.946,60.19],[24.90,60.19],[24.90,60.15]]]}},
        {"type":"Feature","properties":{"id":"east"},"geometry":{"type":"Polygon","coordinates":[[[24.946,60.15],[24.99,60.15],[24.99,60.19],[24.946,60.19],[24.946,60.15]]]}}]}
        """)
    }

    /// Every drivable street of the exported graph covered from end to end (coverage.geojson schema).
    static func coveredEverywhere() throws -> String {
        let graph = Fixtures.tempDir("simgraph") + "/g.geojson"
        let r = try CLI.run(["graph", Fixtures.helsinkiPBF, "--make-valid", "--quiet", "-o", graph])
        guard r.status == 0 else { throw CovplanError(.software, "graph export failed: \(r.stderr)") }
        let layer = try VectorSource(path: graph).read(layer: "graph").layer
        let ids = Set(layer.features.compactMap { $0.values[layer.fieldIndex("street_id")!].text }).sorted()
        let features = ids.map { #"{"type":"Feature","properties":{"street_id":"\#($0)","from_m":0,"to_m":100000},"geometry":{"type":"LineString","coordinates":[[24.94,60.17],[24.95,60.17]]}}"# }
        return Fixtures.file("coverage.geojson", #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}")
    }

    @Test func simulateWritesOutputsThatAgreeAndRerunsIdentically() throws {
        let covered = try Self.coveredEverywhere()
        let args = ["simulate", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.posts, "--days", "20",
                    "--incidents-per-day", "40", "--target-minutes", "5", "--precincts", Self.precincts(),
                    "--covered", covered, "--cordon-covered", covered, "--trips", "300", "--seed", "5", "--quiet"]
        let out = Fixtures.tempDir("sim") + "/out"
        let r = try CLI.run(args + ["-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty && r.stderr.isEmpty)
        #expect(Fixtures.listing(out) == ["atoms.geojson", "incidents.geojson", "summary.json", "units.csv"])
        let s = try Self.json(out + "/summary.json")
        let n = s["incidents"] as! Int
        #expect(n > 600 && n < 1_000, "about 40 a day for 20 days")
        let rt = s["response_time_s"] as! [String: Double]
        #expect(rt["p50"]! <= rt["p90"]! && rt["p90"]! <= rt["max"]! && rt["mean"]! > 0)
        for key in ["within_target_fraction", "unit_utilization", "trips_detected_fraction", "intercept_fraction"] {
            let v = s[key] as! Double
            #expect(v >= 0 && v <= 1, "\(key)")
        }
        #expect(s["trips"] as? Int == 300)
        #expect(s["trips_detected_fraction"] as? Double == 1, "every drivable street is covered")
        let korgau = s["korgau"] as! [String: Any]
        #expect(korgau["cordon_fraction"] as? Double == 1 && (korgau["entry_trips"] as! Int) > 0)

        // incidents.geojson: one point per incident; response = wait + travel; targets of 5 minutes.
        let inc = try VectorSource(path: out + "/incidents.geojson").read(layer: "incidents").layer
        #expect(inc.features.count == n)
        let ri = inc.fieldIndex("response_s")!, wi = inc.fieldIndex("wait_s")!, ti = inc.fieldIndex("travel_s")!
        let within = inc.fieldIndex("within_target")!
        var sum = 0.0, ok = 0
        for f in inc.features {
            let resp = f.values[ri].number!
            #expect(abs(resp - f.values[wi].number! - f.values[ti].number!) <= 0.011)
            sum += resp
            if f.values[within].number == 1 { ok += 1 }
            #expect((f.values[within].number == 1) == (resp <= 300.005) || abs(resp - 300) < 0.01)
        }
        #expect(abs(sum / Double(n) - rt["mean"]!) < 0.01)
        #expect(abs(Double(ok) / Double(n) - (s["within_target_fraction"] as! Double)) < 1e-6)

        // units.csv: the three posts; dispatches add up to the incidents.
        let rows = try String(contentsOfFile: out + "/units.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.map { String($0.split(separator: ",")[0]) } == ["post-senate-square", "post-railway-square", "post-esplanadi"])
        #expect(rows.reduce(0) { $0 + Int($1.split(separator: ",")[5])! } == n)

        // Precincts: incidents per precinct plus those outside add up; per 10,000 residents.
        let precincts = s["precincts"] as! [[String: Any]]
        #expect(precincts.map { $0["id"] as! String } == ["west", "east"])
        #expect(precincts.reduce(0) { $0 + ($1["incidents"] as! Int) } + (s["incidents_outside_precincts"] as! Int) == n)
        for p in precincts {
            let res = p["residents"] as! Double, k = p["incidents"] as! Int
            #expect(abs((p["incidents_per_10k_residents"] as! Double) - Double(k) * 10_000 / res) < 1e-3)
        }

        // Same inputs and seed: the same bytes.
        let again = Fixtures.tempDir("sim2") + "/out"
        #expect(try CLI.run(args + ["-o", again]).status == 0)
        for f in Fixtures.listing(out) {
            #expect(FileManager.default.contents(atPath: out + "/" + f) == FileManager.default.contents(atPath: again + "/" + f), "\(f)")
        }
    }

    @Test func mappedCamerasDetectTripsAndEntryCamerasFormTheCordon() throws {
        let out = Fixtures.tempDir("simcam") + "/out"
        let r = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.posts, "--days", "2",
                             "--cameras", "city", "--trips", "400", "--quiet", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(out + "/summary.json")
        let k = s["korgau"] as! [String: Any]
        #expect(k["cameras"] as? Int == 221)
        let cordon = k["cordon_cameras"] as! Int
        #expect(cordon > 0 && cordon < 221)
        let detected = s["trips_detected_fraction"] as! Double
        #expect(detected > 0.5 && detected <= 1)
        #expect((k["city_entries"] as! Int) > 0 && (k["entry_trips"] as! Int) > 0)
        // --cameras and --covered are alternatives.
        let both = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--units", Self.posts, "--cameras", "city",
                                "--covered", Self.posts, "-o", Fixtures.tempDir("simcam2") + "/out"])
        #expect(both.status == 64)
    }

    @Test func realCallsKeepTheirIds() throws {
        let calls = Fixtures.file("calls.geojson", """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"call-b","time":"2024-03-01T14:05:00","type":"traffic-incident"},"geometry":{"type":"Point","coordinates":[24.9440,60.1712]}},
        {"type":"Feature","properties":{"id":"call-a","time":"2024-03-01T09:00:00","on_scene_min":20},"geometry":{"type":"Point","coordinates":[24.9522,60.1694]}}]}
        """)
        let out = Fixtures.tempDir("calls") + "/out"
        let r = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.posts, "--incidents", calls,
                             "--quiet", "--json", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(s["incidents"] as? Int == 2 && s["incident_source"] as? String == "calls")
        let inc = try VectorSource(path: out + "/incidents.geojson").read(layer: "incidents").layer
        #expect(inc.features.map { $0.values[inc.fieldIndex("id")!].text! } == ["call-a", "call-b"])
        // Friday 2024-03-01 09:00 is 4 days 9 hours after Monday 00:00.
        let fridayNine: Double = 4 * 86_400 + 9 * 3_600
        #expect(inc.features[0].values[inc.fieldIndex("time_s")!].number == fridayNine)
        #expect(inc.features[0].values[inc.fieldIndex("on_scene_s")!].number == Double(1_200))
    }

    @Test func hypercubePrintsAndWritesWorkloads() throws {
        let out = Fixtures.tempDir("hyper") + "/out"
        let r = try CLI.run(["hypercube", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.posts,
                             "--incidents-per-day", "40", "--mean-service-minutes", "45", "--quiet", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(out) == ["atoms.geojson", "summary.json", "units.csv"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "unit\tworkload\tinterdistrict_fraction")
        #expect(lines.contains { $0.hasPrefix("post-esplanadi\t") } && lines.contains("method\texact"))
        let s = try Self.json(out + "/summary.json")
        let w = (s["workloads"] as! [[String: Any]]).map { $0["workload"] as! Double }
        #expect(w.count == 3)
        // Conservation: busy units on average = offered load λ/μ (no calls are lost).
        let offered = 40.0 / 86_400 * 45 * 60
        #expect(abs(w.reduce(0, +) - offered) < 1e-5)
        #expect(abs((s["offered_load"] as! Double) - offered) < 1e-5)
        let inter = s["interdistrict_fraction"] as! Double
        #expect(inter > 0 && inter < 1)
    }

    struct Bad: Sendable, CustomStringConvertible {
        let name: String
        let args: @Sendable () -> [String]
        let status: Int32
        let mentions: [String]
        var description: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "zero units", args: {
            ["--units", Fixtures.file("units.geojson", #"{"type":"FeatureCollection","features":[]}"#)]
        }, status: 65, mentions: ["units.geojson", "empty"]),
        Bad(name: "unit off the network", args: {
            ["--units", Fixtures.file("units.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"post-1"},"geometry":{"type":"Point","coordinates":[24.9470,60.1675]}},
            {"type":"Feature","properties":{"id":"boat-7"},"geometry":{"type":"Point","coordinates":[24.99,60.10]}}]}
            """)]
        }, status: 65, mentions: ["boat-7", "off the network"]),
        Bad(name: "auto:0 units", args: { ["--units", "auto:0"] }, status: 64, mentions: ["auto:N"]),
        Bad(name: "negative rate", args: { ["--units", posts, "--incidents-per-day=-5"] }, status: 64, mentions: ["-5"]),
        Bad(name: "negative duration", args: { ["--units", posts, "--days=-2"] }, status: 64, mentions: ["days", "-2"]),
        Bad(name: "incident without a time", args: {
            ["--units", posts, "--incidents", Fixtures.file("calls.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"c1","time":"2024-03-01T14:05:00"},"geometry":{"type":"Point","coordinates":[24.9440,60.1712]}},
            {"type":"Feature","properties":{"id":"c2","time":null},"geometry":{"type":"Point","coordinates":[24.9522,60.1694]}}]}
            """)]
        }, status: 65, mentions: ["c2", "no time"]),
        Bad(name: "incident layer without a time field", args: {
            ["--units", posts, "--incidents", Fixtures.file("calls.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"c1"},"geometry":{"type":"Point","coordinates":[24.9440,60.1712]}}]}
            """)]
        }, status: 65, mentions: ["calls.geojson", "time field"]),
    ]

    @Test(arguments: bad) func badInputFailsCleanly(_ c: Bad) throws {
        let parent = Fixtures.tempDir("simbad")
        let out = parent + "/out"
        let r = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--make-valid"] + c.args() + ["-o", out])
        #expect(r.status == c.status, "\(c.name): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("drive graph") && !$0.hasPrefix("ingest: ") }
        #expect(lines.count == 1, "\(c.name): \(r.stderr)")
        for m in c.mentions { #expect(r.stderr.contains(m), "\(c.name): '\(m)' not in \(r.stderr)") }
        #expect(Fixtures.listing(parent).isEmpty, "\(c.name): left \(Fixtures.listing(parent))")
    }

    @Test func hypercubeRejectsLoadBeyondCapacity() throws {
        let parent = Fixtures.tempDir("hyperbad")
        let r = try CLI.run(["hypercube", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.posts, "--incidents-per-day", "500",
                             "--quiet", "-o", parent + "/out"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("steady state"))
        #expect(Fixtures.listing(parent).isEmpty)
    }
}
