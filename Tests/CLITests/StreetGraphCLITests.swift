import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// `covplan graph`, `reach` and `nearest` run as the built binary on the bundled city.
@Suite struct StreetGraphCLITests {
    /// Two posts in central Helsinki and one 50 km away (beyond any snap limit).
    static func postsFile() -> String {
        Fixtures.file("posts.geojson", """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"post-1"},"geometry":{"type":"Point","coordinates":[24.9410,60.1690]}},
        {"type":"Feature","properties":{"id":"post-2"},"geometry":{"type":"Point","coordinates":[24.9520,60.1660]}},
        {"type":"Feature","properties":{"id":"far"},"geometry":{"type":"Point","coordinates":[25.5,60.5]}}]}
        """)
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path)!) as! [String: Any]
    }

    /// `covplan inspect --json`'s drivable length (the loader's figure, checked there against
    /// GDAL+PROJ+GEOS), run once per process.
    static let drivableFromInspect: Double? = {
        guard let r = try? CLI.run(["inspect", Fixtures.helsinkiPBF, "--make-valid", "--json"]),
              let doc = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let city = doc["city"] as? [String: Any] else { return nil }
        return city["drivable_length_m"] as? Double
    }()

    static func drivableLengthFromInspect() throws -> Double { try #require(drivableFromInspect) }

    @Test func reachWritesSummaryPiecesIsochronesAndBeats() throws {
        let out = Fixtures.tempDir("reach") + "/out"
        let r = try CLI.run(["reach", Fixtures.helsinkiPBF, "--make-valid", "--from", Self.postsFile(),
                             "--minutes", "3,1,2", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(Fixtures.listing(out) == ["beats.geojson", "isochrones.geojson", "reach.geojson", "summary.json"])
        let s = try Self.json(out + "/summary.json")
        let rows = s["thresholds"] as! [[String: Any]]
        #expect(rows.map { $0["minutes"] as! Double } == [1, 2, 3])
        for row in rows { for key in ["minutes", "street_length_m", "street_fraction", "residents", "schools"] { #expect(row[key] != nil) } }
        let lengths = rows.map { $0["street_length_m"] as! Double }
        #expect(lengths[0] > 0 && lengths[0] < lengths[1] && lengths[1] < lengths[2])
        #expect(s["sources"] as? Int == 2)
        #expect(s["unsnapped"] as? Int == 1)
        #expect(s["unsnapped_ids"] as? [String] == ["far"])
        // The graph keeps every drivable metre that `inspect` reports.
        let total = s["total_street_length_m"] as! Double
        let drivable = try Self.drivableLengthFromInspect()
        #expect(abs(total - drivable) <= 0.001 * drivable)
        #expect(abs((rows[2]["street_fraction"] as! Double) * total - lengths[2]) < 1)

        // reach.geojson: pieces banded by minutes add up to the summary (GDAL reads it back).
        let reach = try VectorSource(path: out + "/reach.geojson").read(layer: "reach").layer
        let mi = reach.fieldIndex("minutes")!, li = reach.fieldIndex("length_m")!
        for (i, m) in [1.0, 2, 3].enumerated() {
            let sum = reach.features.filter { $0.values[mi].number! <= m }.reduce(0) { $0 + $1.values[li].number! }
            #expect(abs(sum - lengths[i]) < 0.01 * Double(reach.features.count), "minutes \(m)")
        }
        let isos = try VectorSource(path: out + "/isochrones.geojson").read(layer: "isochrones").layer
        #expect(isos.features.count == 3)
        let beats = try VectorSource(path: out + "/beats.geojson").read(layer: "beats").layer
        let bl = beats.features.reduce(0) { $0 + $1.values[beats.fieldIndex("length_m")!].number! }
        #expect(abs(bl - total) < 0.01 * Double(beats.features.count))
        let served = Set(beats.features.compactMap { $0.values[beats.fieldIndex("source")!].text })
        #expect(served == ["post-1", "post-2"])

        // Same inputs, same bytes.
        let again = Fixtures.tempDir("reach2") + "/out"
        _ = try CLI.run(["reach", Fixtures.helsinkiPBF, "--make-valid", "--from", Self.postsFile(), "--minutes", "1,2,3", "-o", again])
        for f in Fixtures.listing(out) {
            #expect(FileManager.default.contents(atPath: out + "/" + f) == FileManager.default.contents(atPath: again + "/" + f), "\(f)")
        }
    }

    /// A post snapped onto street cut off from the main network reaches only that piece: reach
    /// names it (stderr) and so does the scenario report. The cut-off edge is chosen from the
    /// graph export (`component` of both ends, not 0), not by the code under test.
    @Test func aSourceOnCutOffStreetIsNamed() throws {
        let dir = Fixtures.tempDir("cutoff")
        let g = try CLI.run(["graph", Fixtures.helsinkiPBF, "-o", dir + "/graph.geojson", "--quiet"])
        #expect(g.status == 0, "\(g.stderr)")
        let edges = try #require(try Self.json(dir + "/graph.geojson")["features"] as? [[String: Any]])
        var componentOf: [Int: Int] = [:]
        for f in edges {
            let p = f["properties"] as! [String: Any]
            componentOf[p["from"] as! Int] = p["component"] as? Int
        }
        // An edge whose two ends lie off the main network, with a vertex between them.
        let cut = try #require(edges.first { f in
            let p = f["properties"] as! [String: Any]
            let coords = (f["geometry"] as! [String: Any])["coordinates"] as! [[Double]]
            return p["component"] as? Int != 0 && componentOf[p["to"] as! Int].map { $0 != 0 } == true && coords.count >= 3
        })
        let coords = (cut["geometry"] as! [String: Any])["coordinates"] as! [[Double]]
        let at = coords[coords.count / 2]
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let text = try String(contentsOfFile: posts, encoding: .utf8)
        let fragment = #"{"type":"Feature","properties":{"id":"on-fragment"},"geometry":{"type":"Point","coordinates":[\#(at[0]),\#(at[1])]}}"#
        let src = Fixtures.file("sources.geojson", text.replacingOccurrences(of: #""features":["#, with: #""features":["# + fragment + ","), in: dir)
        #expect(try String(contentsOfFile: src, encoding: .utf8).contains("on-fragment"))
        let r = try CLI.run(["reach", Fixtures.helsinkiPBF, "--from", src, "--minutes", "5", "--summary-only", "-o", dir + "/r"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: 1 source(s) snapped onto street not connected to the main drive network"), "\(r.stderr)")
        #expect(r.stderr.contains("on-fragment (0 m)"))
        // The bundled posts stand on the main network: no warning.
        let ok = try CLI.run(["reach", Fixtures.helsinkiPBF, "--from", posts, "--minutes", "5", "--summary-only", "-o", dir + "/ok"])
        #expect(ok.status == 0 && !ok.stderr.contains("not connected"), "\(ok.stderr)")
        // The scenario report says it too, in Russian.
        let scenario = Fixtures.file("s.yaml", """
            name: cutoff
            city: {source: \(Fixtures.helsinkiPBF)}
            report: {language: ru}
            posts: {from: layer, layer: {source: \(src)}}
            """, in: dir)
        let run = try CLI.run(["run", scenario, "-o", dir + "/run", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let md = try String(contentsOfFile: dir + "/run/report.md", encoding: .utf8)
        #expect(md.contains("**1 пост стоит** на улице, не связанной с основной дорожной сетью") && md.contains("on-fragment"))
    }

    @Test func graphExportsEdgesWithTimesAndDirections() throws {
        let out = Fixtures.tempDir("graph") + "/g.geojson"
        let r = try CLI.run(["graph", Fixtures.helsinkiPBF, "--make-valid", "--mode", "drive", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let layer = try VectorSource(path: out).read(layer: "graph").layer
        #expect(layer.features.count > 1000)
        let li = layer.fieldIndex("length_m")!, si = layer.fieldIndex("seconds")!
        let fi = layer.fieldIndex("forward")!, bi = layer.fieldIndex("backward")!
        let total = layer.features.reduce(0) { $0 + $1.values[li].number! }
        let drivable = try Self.drivableLengthFromInspect()
        #expect(abs(total - drivable) <= 0.001 * drivable)
        for f in layer.features {
            let speedKmh = f.values[li].number! / f.values[si].number! * 3.6
            #expect(speedKmh > 4 && speedKmh < 130)
            #expect(f.values[fi].number == 1 || f.values[bi].number == 1)
            #expect(f.values[layer.fieldIndex("from")!].number != nil && f.values[layer.fieldIndex("to")!].number != nil)
        }
        #expect(layer.features.contains { $0.values[fi].number == 1 && $0.values[bi].number == 0 }, "one-way edges")
    }

    @Test func nearestGivesEachPointItsKNearestUnits() throws {
        let out = Fixtures.tempDir("nearest") + "/n.csv"
        let r = try CLI.run(["nearest", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.postsFile(),
                             "--points", "schools", "-k", "2", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = String(decoding: FileManager.default.contents(atPath: out)!, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "\u{FEFF}x,y,id,snap_m,unit_1,seconds_1,unit_2,seconds_2", "CSV starts with a BOM, then the machine header")
        #expect(lines.count == 4)  // 3 schools
        for l in lines.dropFirst() {
            let c = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(Set([c[4], c[6]]) == ["post-1", "post-2"])
            #expect(Double(c[5])! <= Double(c[7])!)
        }
        #expect(r.stderr.contains("1 unit(s)"))
        let geo = Fixtures.tempDir("nearest") + "/n.geojson"
        let g = try CLI.run(["nearest", Fixtures.helsinkiPBF, "--make-valid", "--units", Self.postsFile(),
                             "--points", "schools", "-o", geo])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(try VectorSource(path: geo).read(layer: "nearest").layer.features.count == 3)
    }

    struct Bad: Sendable, CustomStringConvertible {
        let name: String
        let args: @Sendable () -> [String]
        let status: Int32
        let mentions: [String]
        var description: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "negative minutes", args: { ["--from", postsFile(), "--minutes", "5,-3"] }, status: 64, mentions: ["-3"]),
        Bad(name: "non-numeric minutes", args: { ["--from", postsFile(), "--minutes", "5,ten"] }, status: 64, mentions: ["ten"]),
        Bad(name: "empty source layer", args: {
            ["--from", Fixtures.file("none.geojson", #"{"type":"FeatureCollection","features":[]}"#)]
        }, status: 65, mentions: ["none.geojson", "empty"]),
        Bad(name: "every source beyond the snap limit", args: {
            ["--from", Fixtures.file("far.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Point","coordinates":[25.5,60.5]}}]}"#)]
        }, status: 65, mentions: ["250", "network"]),
        Bad(name: "missing source file", args: { ["--from", "/no/such/posts.gpkg"] }, status: 66, mentions: ["/no/such/posts.gpkg"]),
        Bad(name: "zero speed", args: {
            ["--from", postsFile(), "--speeds", Fixtures.file("s.json", #"{"drive": {"residential": 0}}"#)]
        }, status: 65, mentions: ["s.json", "residential"]),
        Bad(name: "non-numeric speed", args: {
            ["--from", postsFile(), "--speeds", Fixtures.file("s.json", #"{"drive": {"default": "fast"}}"#)]
        }, status: 65, mentions: ["s.json", "default"]),
    ]

    @Test(arguments: bad)
    func reachFailsCleanly(_ c: Bad) throws {
        let dir = Fixtures.tempDir("reach-bad")
        let r = try CLI.run(["reach", Fixtures.helsinkiPBF, "--make-valid"] + c.args() + ["-o", dir + "/out"])
        #expect(r.status == c.status, "\(r.stderr)")
        // Progress lines may come first (stderr); the error is the last line, and exactly one line.
        let lines = r.stderr.split(separator: "\n")
        let line = String(lines.last ?? "")
        #expect(line.hasPrefix("covplan: error: "), "\(r.stderr)")
        #expect(lines.filter { $0.hasPrefix("covplan: error") }.count == 1)
        for m in c.mentions { #expect(line.contains(m), "missing '\(m)' in: \(line)") }
        #expect(Fixtures.listing(dir).isEmpty, "left behind: \(Fixtures.listing(dir))")
    }

    @Test func existingOutputIsRefusedWithoutOverwrite() throws {
        let dir = Fixtures.tempDir("exists")
        let r = try CLI.run(["reach", Fixtures.helsinkiPBF, "--from", Self.postsFile(), "-o", dir])
        #expect(r.status == 73)
        let k = try CLI.run(["nearest", Fixtures.helsinkiPBF, "--units", "schools", "--points", "schools", "-k", "0", "-o", dir + "/n.csv"])
        #expect(k.status == 64)
        #expect(Fixtures.listing(dir).isEmpty)
    }
}
