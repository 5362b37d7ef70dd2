import Foundation
import Testing
import TestSupport

/// Issue 15, point 5: compare validates summaries; GDAL/PROJ messages and control characters
/// never reach stderr raw (exactly one line).
@Suite struct TextSafetyCLITests {
    static func oneLine(_ r: CLI.Result) -> String? {
        let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        return line.hasPrefix("covplan: error: ") && !line.contains("\n") ? line : nil
    }

    @Test func compareRefusesASummaryOutsideTheSchema() throws {
        let dir = Fixtures.tempDir("cmp")
        try FileManager.default.createDirectory(atPath: dir + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
        _ = Fixtures.file("summary.json", #"{"scenario": 5, "coverage": "lots"}"#, in: dir + "/a")
        _ = Fixtures.file("summary.json", #"{"scenario": "b"}"#, in: dir + "/b")
        let r = try CLI.run(["compare", dir + "/a", dir + "/b", "-o", dir + "/out"], cwd: "/")
        #expect(r.status == 65, "\(r.stderr)")
        let line = try #require(Self.oneLine(r), "\(r.stderr)")
        #expect(line.contains(dir + "/a/summary.json") && line.contains("summary.schema.json"), "\(line)")
        #expect(!Fixtures.exists(dir + "/out"))
    }

    @Test(arguments: [
        ("corrupt gpkg", "city.gpkg", "SQLite format 3\u{0}garbage garbage garbage"),
        ("bad WKT", "lines.csv", "id,WKT,highway\n1,\"LINESTRING (24.94 60.17, oops)\",primary\n"),
    ])
    func gdalMessagesFoldedIntoOneLine(_ c: (String, String, String)) throws {
        let path = Fixtures.file(c.1, c.2)
        let r = try CLI.run(["inspect", path, "--source-crs", "EPSG:4326"])
        #expect(r.status != 0)
        #expect(Self.oneLine(r) != nil, "\(c.0): \(r.stderr)")
        #expect(!r.stderr.contains("ERROR 1") && !r.stderr.contains("Warning 1"), "\(r.stderr)")
    }

    @Test func shapefileWithoutDBF() throws {
        let dir = Fixtures.tempDir("shp")
        let out = dir + "/l.shp"
        let e = try CLI.run(["export", Fixtures.helsinkiPBF, "--layer", "schools", "-o", dir + "/s.gpkg", "--quiet"])
        #expect(e.status == 0, "\(e.stderr)")
        // A shapefile written by GDAL, then its .dbf removed.
        let tr = try CLI.run(["export", dir + "/s.gpkg", "--layer", "schools", "-o", out, "--quiet"])
        if tr.status == 0 { try? FileManager.default.removeItem(atPath: dir + "/l.dbf") } else { _ = Fixtures.file("l.shp", String(repeating: "x", count: 100), in: dir) }
        let r = try CLI.run(["inspect", out])
        #expect(r.status != 0)
        #expect(Self.oneLine(r) != nil, "\(r.stderr)")
    }

    @Test func unknownEPSGIsOneLine() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--crs", "EPSG:999999"])
        #expect(r.status == 64 || r.status == 65, "\(r.stderr)")
        #expect(Self.oneLine(r) != nil, "\(r.stderr)")
        let d = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--crs", "EPSG:999999"], env: ["PROJ_DEBUG": "3", "CPL_DEBUG": "ON"])
        #expect(Self.oneLine(d) != nil, "\(d.stderr)")
    }

    @Test func controlCharactersNeverReachStderr() throws {
        let name = "evil\u{1B}[31m\u{202E}cod.exe\u{7}"
        let r = try CLI.run(["inspect", "/no/such/" + name + ".gpkg"])
        #expect(r.status == 66, "\(r.stderr)")
        for s in r.stderr.unicodeScalars {
            #expect(s == "\n" || !(s.value < 0x20 || s.value == 0x7F || (0x202A...0x202E).contains(s.value)), "raw U+\(String(s.value, radix: 16))")
        }
        #expect(Self.oneLine(r) != nil)
    }
}
