import Foundation
import Testing
import TestSupport

/// `covplan prepare` and every command on a prepared city, run as the built binary: outputs
/// byte-identical to those from the PBF; stale, foreign and broken caches refused (exit 65).
@Suite(.serialized) struct PrepareCLITests {
    static let pbf = "geodata/helsinki-center.osm.pbf"

    /// Runs covplan from the repository root (so relative paths read as a user types them).
    static func covplan(_ args: [String]) throws -> CLI.Result {
        try CLI.run(args, cwd: Fixtures.repoRoot)
    }

    /// The bundled city prepared with `flags`, once per flag set.
    static func prepared(_ flags: [String] = []) throws -> String {
        let out = Fixtures.tempDir("prepared") + "/helsinki.covplan"
        let r = try covplan(["prepare", pbf] + flags + ["-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    static let plain: String = try! prepared()
    static let madeValid: String = try! prepared(["--make-valid"])

    /// The hex SHA-256 of `path` by coreutils' `sha256sum` (not covplan's own hash).
    static func sha256sum(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        return String(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    /// Every file under `dir`, relative path → bytes.
    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)!
        for case let rel as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: dir + "/" + rel)
            }
        }
        return out
    }

    /// Runs `args` with CITY = the PBF and = `cache`, and expects the same files, byte for byte.
    static func expectIdentical(_ cache: String, _ args: [String], label: String) throws {
        let dir = Fixtures.tempDir("same")
        let a = dir + "/pbf", b = dir + "/cache"
        let ra = try covplan([args[0], pbf] + args.dropFirst() + ["-o", a, "--quiet"])
        let rb = try covplan([args[0], cache] + args.dropFirst() + ["-o", b, "--quiet"])
        #expect(ra.status == 0, "\(label) from the PBF: \(ra.stderr)")
        #expect(rb.status == 0, "\(label) from the cache: \(rb.stderr)")
        let fa = files(a), fb = files(b)
        #expect(fa.count >= 2 && fa.keys.contains("summary.json"), "\(label): \(fa.keys.sorted())")
        #expect(fa.keys.sorted() == fb.keys.sorted(), "\(label): file lists differ")
        for (name, bytes) in fa {
            #expect(fb[name] == bytes, "\(label): \(name) differs")
        }
    }

    @Test func coverageIsByteIdentical() throws {
        try Self.expectIdentical(Self.plain, ["coverage"], label: "coverage")
    }

    @Test func reachIsByteIdentical() throws {
        try Self.expectIdentical(Self.plain, ["reach", "--from", "scenarios/data/helsinki-posts.geojson", "--minutes", "3,5"],
                                 label: "reach")
    }

    @Test func loadIsByteIdentical() throws {
        let precincts = Fixtures.tempDir("gen") + "/precincts.gpkg"
        let g = try Self.covplan(["precincts", "generate", Self.pbf, "--make-valid", "--count", "6", "--inspectors", "2",
                                  "--quiet", "-o", precincts])
        #expect(g.status == 0, "\(g.stderr)")
        // Both ways of load: with street km (all kinds) and without (buildings only: another
        // working-CRS basis, recomputed from the stored extents).
        try Self.expectIdentical(Self.madeValid, ["load", "--make-valid", "--precincts", precincts], label: "load")
        try Self.expectIdentical(Self.madeValid, ["load", "--precincts", precincts, "--no-street-km"], label: "load --no-street-km")
    }

    @Test func aScenarioRunIsByteIdentical() throws {
        let text = try String(contentsOfFile: Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml", encoding: .utf8)
        let dir = Fixtures.tempDir("scen")
        let root = Fixtures.repoRoot
        func scenario(_ source: String, _ name: String) throws -> String {
            let t = text.replacingOccurrences(of: "source: ../geodata/helsinki-center.osm.pbf", with: "source: \(source)")
                // Every other input of the scenario (posts, incidents, housing, costs, connections)
                // stays where it is: the copy names it by absolute path.
                .replacingOccurrences(of: ": data/", with: ": \(root)/scenarios/data/")
            #expect(t != text)
            try FileManager.default.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: true)
            let path = dir + "/" + name + "/baseline.yaml"
            try t.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let a = try scenario(root + "/" + Self.pbf, "pbf"), b = try scenario(Self.madeValid, "cache")
        let ra = try Self.covplan(["run", a, "-o", dir + "/pbf/out", "--quiet"])
        let rb = try Self.covplan(["run", b, "-o", dir + "/cache/out", "--quiet"])
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        let fa = Self.files(dir + "/pbf/out"), fb = Self.files(dir + "/cache/out")
        #expect(fa.keys.contains("summary.json") && fa.keys.sorted() == fb.keys.sorted())
        for (name, bytes) in fa { #expect(fb[name] == bytes, "run: \(name) differs") }
    }

    @Test func inspectAndExportReadThePreparedCity() throws {
        let r = try Self.covplan(["inspect", Self.plain, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(doc["driver"] as? String == "covplan")
        let p = try Self.covplan(["inspect", Self.pbf, "--json"])
        let direct = try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as! [String: Any]
        #expect(NSDictionary(dictionary: doc["city"] as! [String: Any]) == NSDictionary(dictionary: direct["city"] as! [String: Any]))
        let dir = Fixtures.tempDir("exp")
        let e1 = try Self.covplan(["export", Self.pbf, "--layer", "streets", "-o", dir + "/a.geojson", "--quiet"])
        let e2 = try Self.covplan(["export", Self.plain, "--layer", "streets", "-o", dir + "/b.geojson", "--quiet"])
        #expect(e1.status == 0 && e2.status == 0, "\(e1.stderr) \(e2.stderr)")
        #expect(FileManager.default.contents(atPath: dir + "/a.geojson") == FileManager.default.contents(atPath: dir + "/b.geojson"))
    }

    /// `inspect` of a prepared city says what made it, from what, and what it stores: the city
    /// checksum is `sha256sum` of the PBF, the sizes are the files', and every stored value
    /// (obstacle index, both graphs, their snaps) was made by this covplan's builders.
    @Test func inspectSaysWhatAPreparedCityHolds() throws {
        let r = try Self.covplan(["inspect", Self.plain, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let p = try #require(doc["prepared"] as? [String: Any])
        #expect(p["city_checksum"] as? String == (try Self.sha256sum(Fixtures.helsinkiPBF)))
        let size = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1 }
        #expect(p["file_bytes"] as? Int == size(Self.plain))
        let sources = try #require(p["sources"] as? [[String: Any]])
        #expect(sources.count == 1 && sources[0]["role"] as? String == "city" && sources[0]["path"] as? String == Self.pbf)
        #expect(sources[0]["bytes"] as? Int == size(Fixtures.repoRoot + "/" + Self.pbf))
        #expect((p["producer"] as? String)?.hasPrefix("covplan ") == true)
        let stored = try #require(p["stored"] as? [[String: Any]])
        #expect(stored.map { $0["value"] as? String } == ["obstacle index", "drive graph", "walk graph", "drive graph's snaps", "walk graph's snaps"])
        #expect(stored.allSatisfy { ($0["version"] as? Int).map { $0 >= 1 } == true && $0["version"] as? Int == $0["current"] as? Int })
        let text = try Self.covplan(["inspect", Self.plain])
        #expect(text.stdout.contains("Prepared city: ") && text.stdout.contains("stored walk graph's snaps: version "), "\(text.stdout)")
        // A GIS source has no such block.
        let gis = try Self.covplan(["inspect", Self.pbf, "--json"])
        #expect(!gis.stdout.contains("\"prepared\""))
    }

    @Test func prepareSaysTheChecksumAndRefusesBadTargets() throws {
        let dir = Fixtures.tempDir("prep")
        let r = try Self.covplan(["prepare", Self.pbf, "-o", dir + "/a.covplan", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let sum = String(r.stdout.dropFirst("sha256:".count).prefix(64))
        #expect(sum.count == 64 && sum.allSatisfy(\.isHexDigit), "\(r.stdout)")
        // The checksum is the one coreutils gives the source.
        #expect(try Self.sha256sum(Fixtures.helsinkiPBF) == sum)
        #expect(try Self.covplan(["prepare", Self.pbf, "-o", dir + "/a.covplan", "--quiet"]).status == 73)
        #expect(try Self.covplan(["prepare", Self.pbf, "-o", dir + "/a.gpkg", "--quiet"]).status == 64)
        #expect(try Self.covplan(["prepare", dir + "/a.covplan", "-o", dir + "/b.covplan", "--quiet"]).status == 64)
        // The right checksum is accepted, another city's refused.
        let ok = try Self.covplan(["coverage", dir + "/a.covplan", "--summary-only", "--city-checksum", String(sum.prefix(10)),
                                   "-o", dir + "/ok", "--quiet"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let wrong = try Self.covplan(["coverage", dir + "/a.covplan", "--summary-only", "--city-checksum", "deadbeefdeadbeef",
                                      "-o", dir + "/no", "--quiet"])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.split(separator: "\n").count == 1 && wrong.stderr.contains("mismatch"), "\(wrong.stderr)")
    }

    @Test func brokenAndStaleCachesAreRefusedWithOneLine() throws {
        let dir = Fixtures.tempDir("broken")
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.plain)))
        // A quarter in lies in the city's columns (they come first, then the stored graphs).
        var flipped = good
        flipped[flipped.count / 4] ^= 0xFF
        var future = good
        future[8] = 7
        let cases: [(String, [UInt8])] = [
            ("truncated", Array(good.prefix(good.count / 2))), ("flipped", flipped), ("future", future),
            ("empty", []), ("magic", Array("not a city".utf8)),
        ]
        for (name, bytes) in cases {
            let path = dir + "/\(name).covplan"
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let r = try Self.covplan(["coverage", path, "-o", dir + "/out-\(name)", "--quiet"])
            #expect(r.status == 65, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("\(name).covplan"), "\(name): \(r.stderr)")
            #expect(!Fixtures.exists(dir + "/out-\(name)"))
        }
        // A flip in the stored walk graph (the end of the file) is found when the graph is read,
        // and refused then: one line naming the file and the part, exit 65, no output. A run
        // that does not build that graph (drive reach) is not affected.
        var late = good
        late[late.count - 100] ^= 0xFF
        let lateCache = dir + "/late.covplan"
        FileManager.default.createFile(atPath: lateCache, contents: Data(late))
        let walk = try Self.covplan(["reach", lateCache, "--from", "schools", "--mode", "walk", "--minutes", "3", "--summary-only",
                                     "-o", dir + "/reach-late", "--quiet"])
        #expect(walk.status == 65, "\(walk.stderr)")
        #expect(walk.stderr.split(separator: "\n").count == 1 && walk.stderr.contains("late.covplan")
                && walk.stderr.contains("walk graph"), "\(walk.stderr)")
        #expect(!Fixtures.exists(dir + "/reach-late"))
        for (name, path) in [("late", lateCache), ("good", Self.plain)] {
            let r = try Self.covplan(["reach", path, "--from", "schools", "--minutes", "3", "--summary-only", "-o", dir + "/drive-\(name)", "--quiet"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/drive-late/summary.json", encoding: .utf8)
                == String(contentsOfFile: dir + "/drive-good/summary.json", encoding: .utf8))
        // A stale cache: the source appended to after prepare.
        let source = dir + "/city.osm.pbf"
        try FileManager.default.copyItem(atPath: Fixtures.helsinkiPBF, toPath: source)
        let cache = dir + "/city.covplan"
        #expect(try Self.covplan(["prepare", source, "-o", cache, "--quiet"]).status == 0)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: source))
        h.seekToEndOfFile()
        h.write(Data([0]))
        try h.close()
        let r = try Self.covplan(["reach", cache, "--from", "scenarios/data/helsinki-posts.geojson", "--minutes", "5",
                                  "-o", dir + "/stale", "--quiet"])
        #expect(r.status == 65 && r.stderr.contains("stale"), "\(r.stderr)")
    }

    /// `reach --timings` says what it reads: from a prepared city at the defaults, the stored graph
    /// and snaps with street and building values left in the file (the load's laps say so too);
    /// with another snap distance the buildings are read in full; with a snap tolerance both.
    /// The summary is the same as from the PBF either way.
    @Test func reachTimingsSayWhatIsLeftInTheFile() throws {
        let dir = Fixtures.tempDir("reachplan")
        let src = "scenarios/data/helsinki-posts.geojson"
        let lean = try Self.covplan(["reach", Self.plain, "--from", src, "--minutes", "5", "--summary-only", "--timings", "-o", dir + "/lean", "--quiet"])
        #expect(lean.status == 0, "\(lean.stderr)")
        #expect(lean.stderr.contains("plan: reach reads buildings, cameras, police, schools, streets; a prepared city"), "\(lean.stderr)")
        #expect(lean.stderr.contains("leaves the street and building values in the file"))
        #expect(lean.stderr.contains("load: streets (ids and extent; values left in the file)"))
        #expect(lean.stderr.contains("load: buildings (residents figures; footprints left in the file)"))
        let snap = try Self.covplan(["reach", Self.plain, "--from", src, "--minutes", "5", "--summary-only", "--max-snap-m", "200",
                                     "--timings", "-o", dir + "/snap", "--quiet"])
        #expect(snap.status == 0 && snap.stderr.contains("buildings read in full"), "\(snap.stderr)")
        #expect(snap.stderr.contains("load: streets (ids and extent") && snap.stderr.contains("load: buildings "))
        #expect(!snap.stderr.contains("footprints left in the file"))
        let tol = try Self.covplan(["reach", Self.plain, "--from", src, "--minutes", "5", "--summary-only", "--snap-tolerance-m", "0.5",
                                    "--timings", "-o", dir + "/tol", "--quiet"])
        #expect(tol.status == 0 && tol.stderr.contains("street and building values read in full"), "\(tol.stderr)")
        #expect(!tol.stderr.contains("left in the file"))
        for (name, extra) in [("lean", [String]()), ("snap", ["--max-snap-m", "200"]), ("tol", ["--snap-tolerance-m", "0.5"])] {
            let pbf = try Self.covplan(["reach", Fixtures.helsinkiPBF, "--from", src, "--minutes", "5", "--summary-only", "-o",
                                        dir + "/pbf-\(name)", "--quiet"] + extra)
            #expect(pbf.status == 0, "\(pbf.stderr)")
            #expect(try String(contentsOfFile: dir + "/pbf-\(name)/summary.json", encoding: .utf8)
                    == String(contentsOfFile: dir + "/\(name)/summary.json", encoding: .utf8), "\(name)")
        }
    }
}
