import Foundation
import Testing
import TestSupport

/// Outputs never destroy data: `--overwrite` replaces only a file or a folder covplan wrote,
/// never an input or a folder holding one; a race into one folder has one winner; a failed
/// write (stdout included) is exit 74 with one line. After every refusal each input and each
/// unrelated file is byte-identical.
@Suite(.serialized) struct OutputSafetyCLITests {
    /// Every regular file under `dir` (relative path → bytes).
    static func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dir) else { return out }
        for case let rel as String in walker {
            var isDir: ObjCBool = false
            let full = dir + "/" + rel
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = fm.contents(atPath: full)
            }
        }
        return out
    }

    /// A scenario folder a planner keeps: the scenario, its city and notes.
    static func victim() throws -> String {
        let root = Fixtures.tempDir("victim")
        let dir = root + "/victim"
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.helsinkiPBF, toPath: dir + "/data/city.osm.pbf")
        _ = Fixtures.file("s.yaml", "name: victim\ncity:\n  source: data/city.osm.pbf\nresponse_minutes: [5]\n", in: dir)
        _ = Fixtures.file("notes.txt", "the only copy of our notes\n", in: dir)
        return root
    }

    static func oneLine(_ r: CLI.Result) -> Bool {
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("ingest: ") && !$0.hasPrefix("drive graph") }
        return lines.count == 1 && lines[0].hasPrefix("covplan: error: ")
    }

    /// `-o c` (a one-character name in the working folder) crashed in Foundation's path code.
    @Test func aOneCharacterOutputNameWorks() throws {
        let dir = Fixtures.tempDir("one-char")
        let r = try CLI.run(["coverage", Fixtures.helsinkiPBF, "--no-occlusion", "--summary-only", "-o", "c"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.exists(dir + "/c/summary.json"))
    }

    @Test func overwriteNeverReplacesInputsOrForeignFolders() throws {
        let root = try Self.victim()
        let before = Self.snapshot(root)
        let s = root + "/victim/s.yaml"
        let cases: [(String, [String], Int32, String)] = [
            ("scenario folder", ["run", s, "-o", root + "/victim", "--overwrite"], 64, "contains this run's input"),
            ("data folder of the scenario", ["run", s, "-o", root + "/victim/data", "--overwrite"], 64, "contains this run's input"),
            ("the city file itself", ["export", root + "/victim/data/city.osm.pbf", "--layer", "streets",
                                      "-o", root + "/victim/data/city.osm.pbf", "--format", "geojson", "--overwrite"], 64, "one of this run's inputs"),
            ("parent folder", ["run", s, "-o", root + "/victim/data/..", "--overwrite"], 64, "must name a new file or folder"),
            ("current folder", ["run", s, "-o", ".", "--overwrite"], 64, "must name a new file or folder"),
            ("a folder covplan did not write", ["run", s, "-o", root + "/victim", "--overwrite"], 64, "input"),
        ]
        for (name, args, status, phrase) in cases {
            let r = try CLI.run(args, cwd: root + "/victim")
            #expect(r.status == status, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(phrase), "\(name): \(r.stderr)")
            #expect(Self.oneLine(r), "\(name): \(r.stderr)")
            #expect(Self.snapshot(root) == before, "\(name): files changed")
        }
        // A user's folder that holds no input is still not covplan's to replace.
        let mine = root + "/mine"
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: false)
        _ = Fixtures.file("keep.txt", "keep me\n", in: mine)
        let foreign = try CLI.run(["run", s, "-o", mine, "--overwrite"])
        #expect(foreign.status == 73 && foreign.stderr.contains("not written by covplan"), "\(foreign.stderr)")
        #expect(Self.snapshot(mine) == ["keep.txt": Data("keep me\n".utf8)])
    }

    @Test func aGeoPackageIsNotReplacedByItsOwnExport() throws {
        let dir = Fixtures.tempDir("gpkgself")
        let gpkg = dir + "/city.gpkg"
        let made = try CLI.run(["export", Fixtures.helsinkiPBF, "--layer", "streets", "-o", gpkg, "--quiet"])
        #expect(made.status == 0, "\(made.stderr)")
        let before = Self.snapshot(dir)
        let r = try CLI.run(["export", gpkg, "--layer", "streets", "-o", gpkg, "--overwrite"])
        #expect(r.status == 64 && r.stderr.contains("one of this run's inputs"), "\(r.stderr)")
        #expect(Self.snapshot(dir) == before)
    }

    @Test func covplansOwnFolderIsReplacedAndMarked() throws {
        let root = try Self.victim()
        let out = root + "/out"
        let s = root + "/victim/s.yaml"
        let first = try CLI.run(["run", s, "-o", out, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Fixtures.exists(out + "/.covplan-output"))
        let written = Self.snapshot(out)
        let again = try CLI.run(["run", s, "-o", out, "--quiet"])
        #expect(again.status == 73 && again.stderr.contains("--overwrite"))
        let replaced = try CLI.run(["run", s, "-o", out, "--overwrite", "--quiet"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        // Same scenario and seed: the replacement is byte-identical to the first output.
        #expect(Self.snapshot(out) == written)
        #expect(Fixtures.listing(root).filter { $0.contains("covplan-tmp") }.isEmpty)
    }

    @Test func twoRunsIntoOneFolderHaveOneWinner() throws {
        let root = try Self.victim()
        let out = root + "/race"
        let s = root + "/victim/s.yaml"
        let reference = root + "/reference"
        #expect(try CLI.run(["run", s, "-o", reference, "--quiet"]).status == 0)
        nonisolated(unsafe) var statuses: [Int32] = [0, 0]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            statuses[i] = (try? CLI.run(["run", s, "-o", out, "--quiet"]).status) ?? -1
        }
        #expect(statuses.sorted() == [0, 73], "\(statuses)")
        // The folder is the winner's whole output: the same bytes as a run of its own.
        #expect(Self.snapshot(out) == Self.snapshot(reference))
        #expect(Fixtures.listing(root).filter { $0.contains("covplan-tmp") }.isEmpty)
    }

    @Test func aDeadRunsMovedAsideOutputIsPutBack() throws {
        let root = try Self.victim()
        // A run that died between moving the old output aside and putting the new one in place.
        let dead: Int32 = 999_999_9
        let aside = root + "/.out.covplan-tmp-\(dead).old"
        try FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: false)
        _ = Fixtures.file(".covplan-output", "x\n", in: aside)
        _ = Fixtures.file("summary.json", "{\"old\": true}\n", in: aside)
        _ = Fixtures.file("scratch", "half\n", in: try {
            let p = root + "/.out.covplan-tmp-\(dead)"
            try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false)
            return p
        }())
        let r = try CLI.run(["run", root + "/victim/s.yaml", "-o", root + "/out", "--quiet"])
        #expect(r.status == 73 && r.stderr.contains("output exists"), "\(r.stderr)")
        #expect(Self.snapshot(root + "/out") == [".covplan-output": Data("x\n".utf8), "summary.json": Data("{\"old\": true}\n".utf8)])
        #expect(Fixtures.listing(root).filter { $0.contains("covplan-tmp") }.isEmpty)
    }

    @Test func badOutputLocationsAreRefusedBeforeAnyWork() throws {
        let root = try Self.victim()
        let s = root + "/victim/s.yaml"
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: root + "/nowhere")
        let dangling = try CLI.run(["run", s, "-o", root + "/dangling"])
        #expect(dangling.status == 73 && dangling.stderr.contains("link to nothing"), "\(dangling.stderr)")
        let long = try CLI.run(["run", s, "-o", root + "/" + String(repeating: "a", count: 240)])
        #expect(long.status == 64 && long.stderr.contains("bytes long"), "\(long.stderr)")
        let missing = try CLI.run(["run", s, "-o", root + "/no/such/folder"])
        #expect(missing.status == 73 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        for r in [dangling, long, missing] {
            #expect(Self.oneLine(r), "\(r.stderr)")
            // Refused before loading the city: nothing but the error on stderr.
            #expect(!r.stderr.contains("loading the city"))
        }
    }

    @Test func aFailedStdoutWriteIsExit74WithOneLine() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["inspect", Fixtures.helsinkiPBF, "--json", "--quiet"]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 74, "\(text)")
        #expect(text.hasPrefix("covplan: error: stdout: ") && text.split(separator: "\n").count == 1, "\(text)")
    }
}
