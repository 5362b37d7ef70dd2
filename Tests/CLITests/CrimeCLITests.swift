import Foundation
import Testing
import TestSupport

/// `covplan hotspots`, `covplan load --time-field/--cameras-installed/--housing` and
/// `covplan place posts --demand hot-spots|incidents` on the bundled city and its synthetic
/// incident, camera-date and housing layers.
@Suite(.serialized) struct CrimeCLITests {
    static let data = Fixtures.repoRoot + "/scenarios/data/"

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    /// The incidents per year and the planned residents, counted straight from the GeoJSON.
    static func rawIncidentYears() throws -> [String: Int] {
        let d = try json(data + "helsinki-incidents.geojson")
        var out: [String: Int] = [:]
        for f in d["features"] as! [[String: Any]] {
            let date = (f["properties"] as! [String: Any])["date"] as! String
            out[String(date.prefix(4)), default: 0] += 1
        }
        return out
    }

    @Test func hotspotsWritesLayerAndFeedsPostPlacement() throws {
        let dir = Fixtures.tempDir("hot")
        let r = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--make-valid", "--incidents", Self.data + "helsinki-incidents.geojson",
                             "--cell-m", "100", "--bandwidth-m", "250", "--band-m", "200", "--quiet", "-o", dir + "/hot"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(dir + "/hot") == ["hot_spots.csv", "hot_spots.geojson", "summary.json"])
        let s = try Self.json(dir + "/hot/summary.json")
        let cells = s["cells"] as! Int, hot = s["hot_cells"] as! Int, cold = s["cold_cells"] as! Int, ns = s["ns_cells"] as! Int
        #expect(hot > 0 && hot + cold + ns == cells)
        #expect(s["incidents"] as? Int == 2208 && s["incidents_outside"] as? Int == 0)
        // The layer: every cell, counts summing to the incidents; hot cells have p_fdr ≤ 0.05.
        let layer = try Self.json(dir + "/hot/hot_spots.geojson")
        let feats = (layer["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
        #expect(feats.count == cells)
        #expect(feats.reduce(0.0) { $0 + ($1["count"] as! Double) } == 2208)
        for p in feats where p["class"] as? String == "hot" { #expect((p["p_fdr"] as! Double) <= 0.05 && (p["gi_z"] as! Double) > 0) }
        // Post placement on the hot cells.
        let posts = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--make-valid", "--count", "2", "--minutes", "2", "--mode", "walk",
                                 "--hot-spots", dir + "/hot/hot_spots.geojson", "--quiet", "-o", dir + "/posts"])
        #expect(posts.status == 0, "\(posts.stderr)")
        let ps = try Self.json(dir + "/posts/summary.json")
        let demand = ps["demand"] as! [String: Any]
        #expect(demand["kind"] as? String == "hot_spots")
        let hotWeight = feats.filter { $0["class"] as? String == "hot" }.reduce(0.0) { $0 + ($1["count"] as! Double) }
        let w = (demand["weight"] as! Double) + (demand["unattached_weight"] as! Double)
        #expect(abs(w - hotWeight) < 1e-9, "demand weight \(w) vs incidents in hot cells \(hotWeight)")
    }

    @Test func hotspotsOnStreetSegments() throws {
        let dir = Fixtures.tempDir("hot-streets")
        let r = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--make-valid", "--incidents", Self.data + "helsinki-incidents.geojson",
                             "--on", "streets", "--knn", "8", "--quiet", "-o", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(dir + "/out/summary.json")
        let layer = try Self.json(dir + "/out/hot_spots.geojson")
        let feats = layer["features"] as! [[String: Any]]
        #expect(feats.count == s["segments"] as! Int)
        #expect(feats.allSatisfy { ($0["geometry"] as! [String: Any])["type"] as? String == "LineString" })
        let props = feats.map { $0["properties"] as! [String: Any] }
        let total = props.reduce(0.0) { $0 + ($1["count"] as! Double) }
        #expect(Int(total) == s["incidents"] as! Int)
        #expect((s["incidents"] as! Int) + (s["incidents_unattached"] as! Int) == 2208)
        #expect((s["hot_segments"] as! Int) > 0)
        let knn = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--incidents", Self.data + "helsinki-incidents.geojson", "--knn", "8", "-o", dir + "/b"])
        #expect(knn.status == 64 && knn.stderr.contains("--knn is for --on streets"), "\(knn.stderr)")
    }

    @Test func hotspotsBadInput() throws {
        let dir = Fixtures.tempDir("hotbad")
        let cell = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--incidents", Self.data + "helsinki-incidents.geojson", "--cell-m", "0", "-o", dir + "/a"])
        #expect(cell.status == 64 && cell.stderr.contains("cell size"), "\(cell.stderr)")
        let neg = Fixtures.file("neg.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"i1","w":1},"geometry":{"type":"Point","coordinates":[24.94,60.17]}},
            {"type":"Feature","properties":{"id":"i2","w":-3},"geometry":{"type":"Point","coordinates":[24.945,60.171]}}]}
            """, in: dir)
        let r = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--make-valid", "--incidents", neg, "--weight-field", "w", "-o", dir + "/b"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("neg.geojson") && r.stderr.contains("feature i2") && r.stderr.contains("negative"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!Fixtures.exists(dir + "/b"))
    }

    @Test func loadGivesRatesOverTimeCameraImpactAndGrowth() throws {
        let precincts = LoadCLITests.twoInspectors
        let out = Fixtures.tempDir("crime-load") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts,
                             "--incidents", Self.data + "helsinki-incidents.geojson", "--time-field", "date",
                             "--cameras-installed", Self.data + "helsinki-cameras-installed.geojson",
                             "--housing", Self.data + "helsinki-planned-housing.geojson", "--base-year", "2025", "--quiet", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(out) == ["camera_impact.csv", "camera_impact.geojson", "crime_by_period.csv", "crime_change.csv",
                                          "growth.csv", "growth.geojson", "new_precinct_points.geojson", "precincts.csv",
                                          "precincts.geojson", "summary.json"])
        let s = try Self.json(out + "/summary.json")
        let t = s["crime_trend"] as! [String: Any]
        #expect(t["periods"] as? [String] == ["2019", "2020", "2021", "2022", "2023", "2024"])
        // City counts per year equal the raw file's (every incident lies in a precinct here).
        let raw = try Self.rawIncidentYears()
        #expect((t["city_counts"] as! [Double]).map { Int($0) } == ["2019", "2020", "2021", "2022", "2023", "2024"].map { raw[$0]! })
        let rates = t["city_per_10k"] as! [Double]
        let residents = s["total_residents"] as! Double
        #expect(abs(rates[0] - Double(raw["2019"]!) * 10_000 / residents) < 1e-9)
        #expect(abs((t["city_change_percent"] as! Double) - (rates[5] - rates[0]) / rates[0] * 100) < 1e-9)
        let impact = s["camera_impact"] as! [String: Any]
        #expect(impact["cameras"] as? Int == 5)
        let g = s["growth"] as! [String: Any]
        #expect(g["planned_residents"] as? Double == 18_400 && g["base_year"] as? Int == 2025 && g["last_year"] as? Int == 2030)
    }

    @Test func loadBadTimeAndHousingInput() throws {
        let precincts = LoadCLITests.twoInspectors
        let dir = Fixtures.tempDir("crime-bad")
        let inc = Fixtures.file("inc.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"a1","date":"2021-02-03"},"geometry":{"type":"Point","coordinates":[24.94,60.17]}},
            {"type":"Feature","properties":{"id":"a2","date":"2301-02-03"},"geometry":{"type":"Point","coordinates":[24.945,60.171]}}]}
            """, in: dir)
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--incidents", inc, "--time-field", "date", "-o", dir + "/a"])
        #expect(r.status == 65 && r.stderr.contains("inc.geojson") && r.stderr.contains("feature a2") && r.stderr.contains("2301"), "\(r.stderr)")
        let usage = try CLI.run(["load", Fixtures.helsinkiPBF, "--precincts", precincts, "--time-field", "date", "-o", dir + "/b"])
        #expect(usage.status == 64 && usage.stderr.contains("--time-field needs --incidents"), "\(usage.stderr)")
        let housing = Fixtures.file("h.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"zhk-1","residents":2000,"year":2020},"geometry":{"type":"Point","coordinates":[24.94,60.17]}}]}
            """, in: dir)
        let h = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--housing", housing, "--base-year", "2025", "-o", dir + "/c"])
        #expect(h.status == 65 && h.stderr.contains("h.geojson") && h.stderr.contains("feature zhk-1") && h.stderr.contains("2020"), "\(h.stderr)")
        for sub in ["a", "b", "c"] { #expect(!Fixtures.exists(dir + "/" + sub)) }
    }

    /// A scenario that places a post on the hot cells and feeds them to the simulation: the
    /// placement's demand is the incidents of the hot cells of the run's own hot-spot section.
    @Test func scenarioPlacesPostsOnHotSpots() throws {
        let dir = Fixtures.tempDir("hot-scenario")
        let yaml = Fixtures.file("hot.yaml", """
            extends: \(Fixtures.repoRoot)/scenarios/helsinki-baseline.yaml
            name: hot-spot posts
            crime:
              hot_spots:
                simulation: true
            placement:
              posts:
                count: 1
                minutes: 3
                demand: hot_spots
            """, in: dir)
        let r = try CLI.run(["run", yaml, "--quiet", "-o", dir + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(dir + "/out/summary.json")
        let hot = s["hot_spots"] as! [String: Any]
        let demand = ((s["placement"] as! [String: Any])["posts"] as! [String: Any])["demand"] as! [String: Any]
        #expect(demand["kind"] as? String == "hot_spots")
        #expect(demand["points"] as? Int == hot["hot_cells"] as? Int)
        let w = (demand["weight"] as! Double) + (demand["unattached_weight"] as! Double)
        #expect(abs(w - (hot["weight_in_hot_cells"] as! Double)) < 1e-9)
        #expect((s["growth"] as! [String: Any])["planned_residents"] as? Double == 18_400)
    }
}
