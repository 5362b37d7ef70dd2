import Foundation
import GDALBridge
import GEOSBridge
import GeoCore
import Testing
import TestSupport

/// Real OSM data works with no repair flags (context layers repaired and reported, decision
/// layers strict), and every command counts the same residents for the same city and posts.
@Suite(.serialized) struct RealDataDefaultsCLITests {
    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func json(text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    /// Building polygons of the PBF that GEOS itself finds invalid, read straight through GDAL
    /// (not through covplan's loader): the independent count the ingest report must match.
    static let invalidBuildingIds: Set<String> = {
        let layer = try! VectorSource(path: Fixtures.helsinkiPBF).read(layer: "multipolygons").layer
        let bi = layer.fieldIndex("building")!, wi = layer.fieldIndex("osm_way_id")!, ri = layer.fieldIndex("osm_id")!
        let engine = try! GEOSEngine()
        var ids = Set<String>()
        for f in layer.features {
            guard let use = f.values[bi].text, use != "no", let g = f.geometry else { continue }
            let id = f.values[wi].text.map { "way/\($0)" } ?? "relation/\(f.values[ri].text ?? f.id)"
            // GEOS cannot even build rings under 4 points: those are invalid too.
            let tooShort = g.polygons.contains { p in ([p.exterior] + p.holes).contains { $0.count < 4 } }
            if tooShort || !((try? engine.validity(g))?.isValid ?? false) { ids.insert(id) }
        }
        return ids
    }()

    @Test func everyCommandRunsOnTheBundledCityWithoutRepairFlags() throws {
        let dir = Fixtures.tempDir("realdata")
        let city = Fixtures.helsinkiPBF
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let precincts = dir + "/precincts.gpkg"
        let g = try CLI.run(["precincts", "generate", city, "--count", "4", "--inspectors", "2", "-o", precincts, "--quiet"])
        #expect(g.status == 0, "\(g.stderr)")
        let runs: [(String, [String])] = [
            ("coverage", ["coverage", city, "--summary-only", "-o", dir + "/coverage"]),
            ("reach", ["reach", city, "--from", posts, "--minutes", "5", "--summary-only", "-o", dir + "/reach"]),
            ("load", ["load", city, "--precincts", precincts, "-o", dir + "/load"]),
            ("place", ["place", "cameras", city, "--count", "2", "-o", dir + "/place"]),
            ("simulate", ["simulate", city, "--units", posts, "--days", "1", "--incidents-per-day", "20", "-o", dir + "/simulate"]),
        ]
        let expected = Self.invalidBuildingIds
        #expect(!expected.isEmpty, "the bundled extract has invalid building polygons (the case this test is about)")
        for (name, args) in runs {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("ingest: "), "\(name) reports repairs on stderr")
            let ingest = try #require(try Self.json(dir + "/\(name)/summary.json")["ingest"] as? [String: Any], "\(name): ingest")
            let repaired = ingest["repaired"] as! Int, skipped = ingest["skipped"] as! Int
            // Every invalid building polygon GEOS finds is either repaired or skipped, no more.
            #expect(repaired + skipped == expected.count, "\(name): \(repaired) + \(skipped) vs \(expected.count)")
            let listed = (ingest["first_repaired"] as! [[String: Any]]) + (ingest["first_skipped"] as! [[String: Any]])
            #expect(listed.allSatisfy { expected.contains($0["feature"] as! String) })
        }
        let inspect = try CLI.run(["inspect", city, "--json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let inspected = try Self.json(text: inspect.stdout)["city"] as! [String: Any]
        #expect((inspected["buildings"] as! Int) > 400)
        let export = try CLI.run(["export", city, "--layer", "buildings", "-o", dir + "/b.geojson", "--quiet"])
        #expect(export.status == 0, "\(export.stderr)")
        // Skipped buildings are the ones with nothing left after repair; none is silently lost.
        let exported = try VectorSource(path: dir + "/b.geojson").read(layer: "buildings").layer.features.count
        #expect(exported == inspected["buildings"] as! Int)
    }

    @Test func strictRestoresTheFirstInvalidFeatureError() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--strict"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("relation/167264") && r.stderr.contains("--make-valid"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func anInvalidPrecinctStillStopsTheRun() throws {
        let dir = Fixtures.tempDir("bowtie")
        // A bowtie precinct in central Helsinki: a decision layer the user authored.
        let precincts = Fixtures.file("precincts.geojson", """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"P-7","inspectors":2},"geometry":{"type":"Polygon","coordinates":[[[24.93,60.16],[24.96,60.175],[24.96,60.16],[24.93,60.175],[24.93,60.16]]]}}]}
        """, in: dir)
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--precincts", precincts, "-o", dir + "/out"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("'P-7'"), "\(r.stderr)")
        #expect(r.stderr.contains("--make-valid") && r.stderr.contains(" at ("))
        #expect(!Fixtures.exists(dir + "/out"))
    }

    /// One city, one set of posts: residents within 5 minutes from `reach`, `place posts`
    /// (before its new post), `simulate` and `run` are the same number.
    @Test func residentsWithinTheTargetAgreeAcrossCommands() throws {
        let dir = Fixtures.tempDir("onepop")
        let city = Fixtures.helsinkiPBF
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let reach = try CLI.run(["reach", city, "--from", posts, "--minutes", "5", "--summary-only", "-o", dir + "/reach", "--quiet"])
        #expect(reach.status == 0, "\(reach.stderr)")
        let fromReach = ((try Self.json(dir + "/reach/summary.json")["thresholds"] as! [[String: Any]])[0]["residents"] as! Double)

        let place = try CLI.run(["place", "posts", city, "--count", "1", "--minutes", "5", "--existing", posts, "-o", dir + "/place", "--quiet"])
        #expect(place.status == 0, "\(place.stderr)")
        let p = try Self.json(dir + "/place/summary.json")
        let fromPlace = (p["covered_fraction_before"] as! Double) * ((p["demand"] as! [String: Any])["weight"] as! Double)

        let sim = try CLI.run(["simulate", city, "--units", posts, "--days", "1", "--incidents-per-day", "10", "--target-minutes", "5",
                               "-o", dir + "/sim", "--quiet"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let fromSim = ((try Self.json(dir + "/sim/summary.json")["residents_within_target"] as! [String: Any])["residents"] as! Double)

        let scenario = Fixtures.file("s.yaml", """
        name: one population
        city:
          source: \(city)
        posts:
          from: layer
          layer:
            source: \(posts)
        response_minutes: [5]
        """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let reachSection = try Self.json(dir + "/run/summary.json")["reach"] as! [String: Any]
        let fromRun = ((reachSection["thresholds"] as! [[String: Any]])[0]["residents"] as! Double)

        #expect(fromReach > 30_000)
        // place posts reports a fraction rounded to 6 digits: within that rounding.
        #expect(abs(fromPlace - fromReach) <= 1e-6 * 36_000)
        #expect(fromSim == fromReach)
        #expect(fromRun == fromReach)
    }
}
