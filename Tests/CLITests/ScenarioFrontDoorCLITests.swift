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

    /// The properties of a GeoJSON layer's features by their `id` property.
    static func propertiesById(_ path: String) throws -> [String: [String: Any]] {
        let features = try #require(try json(path)["features"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: features.map { f in
            let p = f["properties"] as! [String: Any]
            return (p["id"] as! String, p)
        })
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

    /// `load` and `rebalance` are plans too: their flags written by hand as scenario keys
    /// (precincts with norm, overlap tolerance and no street km; population total and model;
    /// crime by month with camera impact; growth with a base year) give the same figures from
    /// `covplan run`, and `load --incidents` counts the crimes in each precinct.
    @Test func loadAndRebalanceFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("planload")
        let precincts = LoadCLITests.twoInspectors
        let data = Fixtures.repoRoot + "/scenarios/data/"
        let scenario = Fixtures.file("s.yaml", """
            name: loadflags
            city: {source: \(Fixtures.helsinkiPBF), make_valid: true}
            precincts: {source: \(precincts), norm: 2500, overlap_tolerance_m2: 5, street_km: false, rebalance: true}
            population: {total: 50000, living_m2_per_person: 30, default_levels: 4}
            crime:
              incidents: {source: \(data)helsinki-incidents.geojson}
              time_field: date
              period: month
              cameras_installed: {source: \(data)helsinki-cameras-installed.geojson, radius_m: 150, buffer_m: 250, window: 2}
            growth: {housing: {source: \(data)helsinki-planned-housing.geojson}, base_year: 2024}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let population = ["--total-population", "50000", "--living-m2-per-person", "30", "--default-levels", "4", "--norm", "2500"]
        let load = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--overlap-tolerance-m2", "5",
                                "--no-street-km", "--incidents", data + "helsinki-incidents.geojson", "--time-field", "date",
                                "--period", "month", "--cameras-installed", data + "helsinki-cameras-installed.geojson",
                                "--impact-radius-m", "150", "--impact-buffer-m", "250", "--impact-window", "2",
                                "--housing", data + "helsinki-planned-housing.geojson", "--base-year", "2024",
                                "-o", dir + "/load", "--quiet"] + population)
        #expect(load.status == 0, "\(load.stderr)")
        let rebalance = try CLI.run(["rebalance", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts,
                                     "--overlap-tolerance-m2", "5", "-o", dir + "/plan", "--quiet"] + population)
        #expect(rebalance.status == 0, "\(rebalance.stderr)")
        let r = try Self.json(dir + "/run/summary.json")
        let l = try Self.json(dir + "/load/summary.json")
        #expect((l["total_residents"] as? Double ?? 0) > 0 && l["norm"] as? Double == 2500)
        try Self.same(l, try #require(r["load"] as? [String: Any]),
                      ["total_residents", "unassigned_residents", "source_total", "precincts", "inspectors", "norm", "over_norm",
                       "inspectors_needed", "deficit", "max_residents_per_inspector", "load_classes", "method", "method_description"], "load")
        let trend = try #require(l["crime_trend"] as? [String: Any])
        #expect(trend["period"] as? String == "month")
        try Self.same(trend, try #require(r["crime_trend"] as? [String: Any]),
                      ["time_field", "period", "periods", "city_counts", "city_per_10k", "precincts"], "crime_trend")
        let impact = try #require(l["camera_impact"] as? [String: Any])
        #expect(impact["response_radius_m"] as? Double == 150 && impact["buffer_m"] as? Double == 250 && impact["window_periods"] as? Int == 2)
        try Self.same(l, try #require(r["crime_trend"] as? [String: Any]), ["camera_impact"], "camera_impact")
        let growth = try #require(l["growth"] as? [String: Any])
        #expect(growth["base_year"] as? Int == 2024)
        try Self.same(growth, try #require(r["growth"] as? [String: Any]),
                      ["base_year", "last_year", "planned_residents", "over_norm_now", "over_norm_end", "crossings", "deficit_end"], "growth")
        // Street km left empty by both; crimes per precinct equal a brute-force point-in-polygon
        // count of the incidents in the precinct polygons written (lon/lat, even-odd rule).
        let fromLoad = try Self.propertiesById(dir + "/load/precincts.geojson")
        let fromRun = try Self.propertiesById(dir + "/run/layers/precincts.geojson")
        #expect(fromLoad.count == 6 && Set(fromLoad.keys) == Set(fromRun.keys))
        let points = try #require(try Self.json(data + "helsinki-incidents.geojson")["features"] as? [[String: Any]]).map {
            (($0["geometry"] as! [String: Any])["coordinates"] as! [Double])
        }
        for f in try #require(try Self.json(dir + "/load/precincts.geojson")["features"] as? [[String: Any]]) {
            let props = f["properties"] as! [String: Any], id = props["id"] as! String
            let geometry = f["geometry"] as! [String: Any]
            let polygons = geometry["type"] as! String == "Polygon" ? [geometry["coordinates"] as! [[[Double]]]]
                                                                      : geometry["coordinates"] as! [[[[Double]]]]
            let rings = polygons.flatMap { $0 }
            let inside = points.filter { pt in
                var odd = false
                for ring in rings {
                    for i in ring.indices.dropFirst() {
                        let (a, b) = (ring[i - 1], ring[i])
                        if (a[1] > pt[1]) != (b[1] > pt[1]), pt[0] < a[0] + (pt[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) { odd.toggle() }
                    }
                }
                return odd
            }.count
            #expect(props["crimes"] as? Int == inside && inside > 0, "\(id): \(props["crimes"] ?? "none") crimes, \(inside) incidents inside")
            #expect((props["street_km"] ?? NSNull()) is NSNull && (fromRun[id]?["street_km"] ?? NSNull()) is NSNull, "\(id)")
            #expect(props["residents"] as? Double == fromRun[id]?["residents"] as? Double, "\(id)")
        }
        let p = try Self.json(dir + "/plan/summary.json")
        try Self.same(p, try #require(r["rebalance"] as? [String: Any]), Array(p.keys.filter { $0 != "inputs" && $0 != "ingest" }), "rebalance")
    }

    /// `hotspots` is a plan: on the grid and on street segments its flags equal the
    /// `crime.hot_spots` keys of a scenario (same cells or segments, same z-scores and classes).
    @Test(arguments: ["grid", "streets"])
    func hotspotsFlagsEqualTheScenarioKeysTheyStandFor(on: String) throws {
        let dir = Fixtures.tempDir("planhot-\(on)")
        let incidents = Fixtures.repoRoot + "/scenarios/data/helsinki-incidents.geojson"
        let scenario = Fixtures.file("s.yaml", """
            name: hot
            city: {source: \(Fixtures.helsinkiPBF)}
            crime:
              incidents: {source: \(incidents)}
              hot_spots: {on: \(on), cell_m: 120, bandwidth_m: 260, band_m: 200, alpha: 0.1, segment_m: 80, max_snap_m: 40}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let hot = try CLI.run(["hotspots", Fixtures.helsinkiPBF, "--incidents", incidents, "--on", on, "--cell-m", "120",
                               "--bandwidth-m", "260", "--band-m", "200", "--alpha", "0.1", "--segment-m", "80", "--max-snap-m", "40",
                               "-o", dir + "/hot", "--quiet"])
        #expect(hot.status == 0, "\(hot.stderr)")
        let h = try Self.json(dir + "/hot/summary.json")
        let r = try #require(try Self.json(dir + "/run/summary.json")["hot_spots"] as? [String: Any])
        let keys = on == "grid" ? ["cell_m", "band_m", "alpha", "cells", "incidents", "hot_cells", "cold_cells", "ns_cells"]
                                : ["units", "segment_m", "max_snap_m", "neighbours", "alpha", "segments", "incidents", "incidents_unattached",
                                   "hot_segments", "cold_segments", "weight_in_hot_segments"]
        try Self.same(h, r, keys, "hot_spots")
        #expect((h[on == "grid" ? "hot_cells" : "hot_segments"] as? Int ?? 0) > 0)
        // The layers agree feature by feature (class and z-score of every cell or segment).
        func classes(_ path: String) throws -> [String: String] {
            try Self.propertiesById(path).mapValues { "\($0["class"]!) \($0["gi_z"]!)" }
        }
        let a = try classes(dir + "/hot/hot_spots.geojson"), b = try classes(dir + "/run/layers/hot_spots.geojson")
        #expect(!a.isEmpty && a == b)
    }

    /// `junctions` is a plan: its flags equal the `junctions` (and `cameras`) keys of a scenario,
    /// junction by junction.
    @Test(arguments: [false, true])
    func junctionsFlagsEqualTheScenarioKeysTheyStandFor(directional: Bool) throws {
        let dir = Fixtures.tempDir("planjunctions-\(directional)")
        let level = directional ? "observe" : "detect"
        let scenario = Fixtures.file("s.yaml", """
            name: junctions
            city: {source: \(Fixtures.helsinkiPBF)}
            cameras: {missing_heading: nearest_street}
            junctions: {level: \(level), approach_m: 25, seen_share: 0.6, directional: \(directional), heading_tolerance_deg: 45}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let j = try CLI.run(["junctions", Fixtures.helsinkiPBF, "--missing-heading", "nearest_street", "--level", level,
                             "--approach-m", "25", "--seen-share", "0.6", "--heading-tolerance-deg", "45", "-o", dir + "/j", "--quiet"]
                            + (directional ? ["--directional"] : []))
        #expect(j.status == 0, "\(j.stderr)")
        let a = try #require(try Self.json(dir + "/j/summary.json")["junctions"] as? [String: Any])
        let b = try #require(try Self.json(dir + "/run/summary.json")["junctions"] as? [String: Any])
        #expect((a["junctions"] as? Int ?? 0) > 100 && (a["approaches_seen"] as? Int ?? 0) > 0)
        #expect(a["directional"] as? Bool == directional && a["level"] as? String == level)
        try Self.same(a, b, Array(a.keys), "junctions")
        let la = try String(contentsOfFile: dir + "/j/junctions.geojson", encoding: .utf8)
        let lb = try String(contentsOfFile: dir + "/run/layers/junctions.geojson", encoding: .utf8)
        #expect(la == lb)
    }

    /// `place posts` is a plan: its flags (p-median, incident demand, spacing, snapping, site
    /// type, cost, seed, no existing posts) equal the `placement.posts`, `posts`, `crime` and
    /// `seed` keys of a scenario: the same proposed sites, objective and bound.
    @Test func placePostsFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("planposts")
        let incidents = Fixtures.repoRoot + "/scenarios/data/helsinki-incidents.geojson"
        let scenario = Fixtures.file("s.yaml", """
            name: posts
            seed: 7
            city: {source: \(Fixtures.helsinkiPBF)}
            population: {living_m2_per_person: 30}
            posts: {from: none, max_snap_m: 200}
            crime: {incidents: {source: \(incidents)}}
            placement: {posts: {count: 2, minutes: 3, objective: p_median, demand: incidents, spacing_m: 150, site_type: sos, unit_cost_tenge: 5000000}}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let place = try CLI.run(["place", "posts", Fixtures.helsinkiPBF, "--count", "2", "--minutes", "3", "--objective", "p-median",
                                 "--incidents", incidents, "--spacing-m", "150", "--site-type", "sos", "--unit-cost-tenge", "5000000",
                                 "--seed", "7", "--max-snap-m", "200", "--living-m2-per-person", "30", "-o", dir + "/p", "--quiet"])
        #expect(place.status == 0, "\(place.stderr)")
        let a = try Self.json(dir + "/p/summary.json")
        let b = try #require((try Self.json(dir + "/run/summary.json")["placement"] as? [String: Any])?["posts"] as? [String: Any])
        #expect(a["problem"] as? String == "p-median" && (a["proposed"] as? [Any])?.count == 2)
        try Self.same(a, b, ["problem", "objective", "upper_bound", "lower_bound", "gap", "selected", "cost_tenge", "minutes", "mode",
                             "demand", "candidates", "existing", "covered_fraction_after", "mean_seconds_after", "solver", "proposed"], "posts")
    }

    /// `place cameras` is a plan: a target share with cost minimised, weighted basis, spacing,
    /// no junction sites, school and incident weights, demand classes, no existing cameras and a
    /// seed equal the `placement.cameras`, `cameras` and `seed` keys of a scenario.
    @Test func placeCamerasFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("plancameras")
        let incidents = Fixtures.repoRoot + "/scenarios/data/helsinki-incidents.geojson"
        let scenario = Fixtures.file("s.yaml", """
            name: cameras
            seed: 5
            city: {source: \(Fixtures.helsinkiPBF)}
            cameras: {include_mapped: false}
            placement:
              cameras: {target_fraction: 0.25, target_basis: weighted, minimize: cost, spacing_m: 40, junction_sites: false,
                        school_weight: 2, school_weight_radius_m: 120, incidents: {source: \(incidents)}, incident_weight: 2,
                        demand_classes: [primary, secondary, tertiary, residential]}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let place = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--target-fraction", "0.25", "--target-basis", "weighted",
                                 "--minimize", "cost", "--spacing-m", "40", "--no-junctions", "--school-weight", "2", "--school-radius-m", "120",
                                 "--incidents", incidents, "--incident-weight", "2", "--classes", "primary,secondary,tertiary,residential",
                                 "--existing", "none", "--seed", "5", "-o", dir + "/p", "--quiet"])
        #expect(place.status == 0, "\(place.stderr)")
        let a = try Self.json(dir + "/p/summary.json")
        let b = try #require((try Self.json(dir + "/run/summary.json")["placement"] as? [String: Any])?["cameras"] as? [String: Any])
        #expect((a["selected"] as? Int ?? 0) > 0 && a["weighted_fraction_after"] != nil)
        try Self.same(a, b, Array(a.keys.filter { $0 != "ingest" }), "cameras")
    }

    /// A seed a scenario cannot state exactly is refused with the flag, before any reading.
    /// Point features at the three bundled post sites (on the street network), with `properties`.
    static func atPosts(_ properties: [String]) -> String {
        let sites = [(24.9522, 60.1694), (24.944, 60.1712), (24.947, 60.1675)]
        let features = properties.enumerated().map { i, p in
            #"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [\#(sites[i % 3].0), \#(sites[i % 3].1)]}, "properties": {\#(p)}}"#
        }
        return #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ", "))]}"#
    }

    /// `simulate CITY` is a plan too: its flags written by hand as `simulation` keys (units from
    /// a layer with a walking unit, a speed table, weighted hot spots, atoms, snap limits, the
    /// dispatch rule, profile, warm-up, target, covered stretches and the Korgau settings;
    /// then stand-in units, real calls and computed camera coverage) give the same figures from
    /// `covplan run`. Independent checks: every call is an incident, every unit of the layer is
    /// simulated with its own mode, and the covered stretches are the coverage command's.
    @Test func simulateFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("plansim")
        let units = Fixtures.file("units.geojson", Self.atPosts([#""id": "car1", "mode": "drive""#, #""id": "foot1", "mode": "walk""#,
                                                                 #""id": "car2", "mode": "drive", "kind": "patrol""#]), in: dir)
        let hot = Fixtures.file("hot.geojson", Self.atPosts([#""id": "h1", "w": 5"#, #""id": "h2", "w": 1"#]), in: dir)
        let calls = Fixtures.file("calls.geojson", Self.atPosts((0..<9).map { #""id": "c\#($0)", "t": "2024-03-0\#(1 + $0 % 3)T1\#($0):15:00", "kind": "\#($0 % 2 == 0 ? "citizen-102-app" : "traffic-incident")""# }), in: dir)
        let speeds = Fixtures.file("speeds.json", #"{"drive": {"residential": 20, "default": 25}, "walk": {"default": 4}}"#, in: dir)
        let precincts = LoadCLITests.twoInspectors
        let cov = try CLI.run(["coverage", Fixtures.helsinkiPBF, "-o", dir + "/cov", "--quiet"])
        #expect(cov.status == 0, "\(cov.stderr)")
        let covered = dir + "/cov/coverage.geojson"
        let scenarioA = Fixtures.file("a.yaml", """
            name: simflags
            seed: 5
            city: {source: \(Fixtures.helsinkiPBF)}
            population: {total: 50000, living_m2_per_person: 30}
            precincts: {source: \(precincts)}
            simulation:
              days: 3
              incidents_per_day: 60
              target_minutes: 7
              after_service: stay_at_scene
              warmup_days: 1
              profile: flat
              units_from: layer
              units_layer: {source: \(units)}
              speeds: \(speeds)
              hot_spots: {source: \(hot), weight_field: w}
              hot_spot_share: 0.6
              atom_spacing_m: 150
              max_snap_m: 300
              unit_max_snap_m: 400
              korgau: {covered: {source: \(covered)}, trips: 300, dangerous_share: 0.3, entry_share: 0.4, alert_delay_s: 10}
            """, in: dir)
        let scenarioB = Fixtures.file("b.yaml", """
            name: simflags2
            seed: 3
            city: {source: \(Fixtures.helsinkiPBF)}
            cameras: {include_mapped: true}
            simulation:
              units_from: auto
              units: 4
              calls: {source: \(calls), time_field: t, type_field: kind}
              korgau: {trips: 200}
            """, in: dir)
        for (name, yaml) in [("a", scenarioA), ("b", scenarioB)] {
            let run = try CLI.run(["run", yaml, "-o", dir + "/run-" + name, "--quiet"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let simA = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--seed", "5", "--total-population", "50000", "--living-m2-per-person", "30",
                                "--precincts", precincts, "--days", "3", "--incidents-per-day", "60", "--target-minutes", "7",
                                "--after-service", "stay-at-scene", "--warmup-days", "1", "--profile", "flat", "--units", units,
                                "--speeds", speeds, "--hot-spots", hot, "--hot-spot-weight-field", "w", "--hot-spot-share", "0.6",
                                "--atom-spacing-m", "150", "--max-snap-m", "300", "--unit-max-snap-m", "400", "--covered", covered,
                                "--trips", "300", "--dangerous-share", "0.3", "--entry-share", "0.4", "--alert-delay-s", "10",
                                "-o", dir + "/sim-a", "--quiet"])
        #expect(simA.status == 0, "\(simA.stderr)")
        let simB = try CLI.run(["simulate", Fixtures.helsinkiPBF, "--seed", "3", "--units", "auto:4", "--incidents", calls,
                                "--time-field", "t", "--type-field", "kind", "--cameras", "city", "--trips", "200",
                                "-o", dir + "/sim-b", "--quiet"])
        #expect(simB.status == 0, "\(simB.stderr)")
        let keys = ["incidents", "response_time_s", "within_target_fraction", "unit_utilization", "units", "types", "precincts", "korgau",
                    "queue", "network", "trips", "trips_detected_fraction", "intercept_fraction", "cross_beat_fraction", "travel_time_s",
                    "days", "counted_days", "incident_source", "time_origin"]
        for name in ["a", "b"] {
            let sim = try Self.json(dir + "/sim-\(name)/summary.json")
            let run = try #require(try Self.json(dir + "/run-\(name)/summary.json")["simulation"] as? [String: Any])
            try Self.same(sim, run, keys.filter { sim[$0] != nil || run[$0] != nil }, "simulate \(name)")
        }
        let a = try Self.json(dir + "/sim-a/summary.json")
        let unitModes = try #require(a["units"] as? [[String: Any]]).map { "\($0["id"]!)=\($0["mode"]!)" }.sorted()
        #expect(unitModes == ["car1=drive", "car2=drive", "foot1=walk"], "\(unitModes)")
        #expect(a["korgau"] != nil && a["trips"] as? Int == 300, "\(a["trips"] ?? "-")")
        let b = try Self.json(dir + "/sim-b/summary.json")
        #expect(b["incidents"] as? Int == 9 && b["incident_source"] as? String == "calls", "\(b["incidents"] ?? "-")")
        #expect(try #require(b["units"] as? [[String: Any]]).count == 4)
        #expect(b["korgau"] != nil)
    }

    /// `hypercube` is a plan too: its flags written as `hypercube` keys (stand-in units drawn
    /// with the seed, weighted hot spots, atoms, service time, method, population) give the same
    /// figures from `covplan run`, whose report gains the section in every language.
    /// Independent check: the units' workloads average to the reported mean workload, and the
    /// exact method is what `auto` picks for 5 units.
    @Test func hypercubeFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("planhc")
        let hot = Fixtures.file("hot.geojson", Self.atPosts([#""id": "h1", "w": 5"#, #""id": "h2", "w": 1"#]), in: dir)
        let scenario = Fixtures.file("s.yaml", """
            name: hcflags
            seed: 9
            city: {source: \(Fixtures.helsinkiPBF)}
            population: {living_m2_per_person: 28}
            report: {language: ru}
            hypercube:
              incidents_per_day: 30
              mean_service_minutes: 40
              units_from: auto
              units: 5
              hot_spots: {source: \(hot), weight_field: w}
              hot_spot_share: 0.5
              atom_spacing_m: 200
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let hc = try CLI.run(["hypercube", Fixtures.helsinkiPBF, "--seed", "9", "--living-m2-per-person", "28", "--incidents-per-day", "30",
                              "--mean-service-minutes", "40", "--units", "auto:5", "--hot-spots", hot, "--hot-spot-weight-field", "w",
                              "--hot-spot-share", "0.5", "--atom-spacing-m", "200", "-o", dir + "/hc", "--quiet"])
        #expect(hc.status == 0, "\(hc.stderr)")
        let a = try Self.json(dir + "/hc/summary.json")
        let b = try #require(try Self.json(dir + "/run/summary.json")["hypercube"] as? [String: Any])
        try Self.same(a, b, ["method", "units", "atoms", "incidents_per_day", "mean_service_s", "offered_load", "workloads", "mean_workload",
                             "interdistrict_fraction", "queue_probability", "mean_queue_wait_s", "mean_travel_s", "mean_response_s", "network"],
                      "hypercube")
        #expect(a["method"] as? String == "exact" && a["mean_service_s"] as? Double == 2400)
        let loads = try #require(a["workloads"] as? [[String: Any]]).map { $0["workload"] as! Double }
        #expect(loads.count == 5 && abs(loads.reduce(0, +) / 5 - (a["mean_workload"] as! Double)) < 1e-5)
        let html = try String(contentsOfFile: dir + "/run/report.html", encoding: .utf8)
        #expect(html.contains("модель очередей «гиперкуб»"))
    }

    /// The ANPR objectives of `place cameras` are plan keys too (`placement.cameras.objective:
    /// anpr_*` with its settings): the same figures from `covplan run`, whose report gains them in
    /// every language. Independent checks: the read share is the read weight over the total
    /// weight of `targets.geojson`, the proposed cameras join the inventory the run's coverage
    /// counts, and a share target's lower bound is no more than the cameras the plan uses.
    @Test func anprFlagsEqualTheScenarioKeysTheyStandFor() throws {
        let dir = Fixtures.tempDir("plananpr")
        let junctions = Fixtures.file("j.geojson", Self.atPosts([#""id": "J1""#, #""id": "J2""#, #""id": "J3""#]), in: dir)
        let cases: [(yaml: String, flags: [String])] = [
            ("objective: anpr_junctions\n    junctions: {source: \(junctions)}\n    count: 2\n    read_level: recognize\n    heading_tolerance_deg: 40\n    approach_m: 40",
             ["--objective", "anpr-junctions", "--junctions", junctions, "--count", "2", "--read-level", "recognize",
              "--heading-tolerance-deg", "40", "--approach-m", "40"]),
            ("objective: anpr_entries\n    entries: auto\n    target_fraction: 0.5\n    minimize: cost\n    entry_window_m: 80",
             ["--objective", "anpr-entries", "--entries", "auto", "--target-fraction", "0.5", "--minimize", "cost", "--entry-window-m", "80"]),
        ]
        for (k, c) in cases.enumerated() {
            let scenario = Fixtures.file("s\(k).yaml", """
                name: anpr\(k)
                seed: 5
                city: {source: \(Fixtures.helsinkiPBF)}
                report: {language: kk}
                cameras: {}
                placement:
                  cameras:
                    \(c.yaml)
                """, in: dir)
            let run = try CLI.run(["run", scenario, "-o", dir + "/run\(k)", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            let cli = try CLI.run(["place", "cameras", Fixtures.helsinkiPBF, "--seed", "5"] + c.flags + ["-o", dir + "/cli\(k)", "--quiet"])
            #expect(cli.status == 0, "\(cli.stderr)")
            let a = try Self.json(dir + "/cli\(k)/summary.json")
            let runSummary = try Self.json(dir + "/run\(k)/summary.json")
            let b = try #require((runSummary["placement"] as? [String: Any])?["anpr_cameras"] as? [String: Any])
            let bound = a["lower_bound"] != nil ? "lower_bound" : "upper_bound"
            try Self.same(a, b, ["objective", "goal", "problem", "objective_value", bound, "gap", "selected", "cost_tenge", "types_chosen",
                                 "targets", "groups", "rule", "network", "candidates", "existing_cameras", "proposed"], "anpr \(k)")
            // The read share from the targets layer, feature by feature.
            let targets = try #require(try Self.json(dir + "/cli\(k)/targets.geojson")["features"] as? [[String: Any]])
            let props = targets.map { $0["properties"] as! [String: Any] }
            let weight = props.reduce(0.0) { $0 + ($1["weight"] as! Double) }
            let read = props.reduce(0.0) { $0 + (($1["read_after"] as! Bool) ? $1["weight"] as! Double : 0) }
            let t = try #require(a["targets"] as? [String: Any])
            #expect(weight > 0 && abs(read / weight - (t["read_share_after"] as! Double)) < 1e-6)
            let selected = a["selected"] as! Double
            #expect(selected >= 1)
            if bound == "lower_bound" { #expect((a["lower_bound"] as! Double) <= (a["cost_tenge"] as! Double) + 1e-6) }
            // The proposed cameras join the inventory: the run's coverage counts them.
            let coverage = try #require(runSummary["coverage"] as? [String: Any])
            let mapped = try #require(try Self.json(dir + "/cli\(k)/summary.json")["existing_cameras"] as? Double)
            #expect(coverage["cameras"] as? Double == mapped + selected)
            let html = try String(contentsOfFile: dir + "/run\(k)/report.html", encoding: .utf8)
            #expect(html.contains("жаңа ANPR камерасы"))
        }
    }

    @Test func aSeedBeyondWhatAPlanKeepsIsRefused() throws {
        let dir = Fixtures.tempDir("planseed")
        for command in [["place", "posts", "--minutes", "3"], ["place", "cameras"]] {
            let r = try CLI.run(command + [Fixtures.helsinkiPBF, "--count", "2", "--seed", "18446744073709551615", "-o", dir + "/o"])
            #expect(r.status == 64 && r.stderr.contains("--seed") && r.stderr.contains("2^53") && !r.stderr.contains("ingest:"), "\(r.stderr)")
            #expect(!Fixtures.exists(dir + "/o"))
        }
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
