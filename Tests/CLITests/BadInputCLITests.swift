import Foundation
import Testing
import TestSupport

/// Each bad input of the foundation issue: exit code, a one-line message naming the file, and
/// no output file afterwards.
@Suite struct BadInputCLITests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let args: @Sendable (String) -> [String]  // given the input path
        let input: @Sendable () -> String
        let status: Int32
        let mentions: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing file", args: { [$0] }, input: { "/no/such/city.osm.pbf" }, status: 66,
             mentions: ["/no/such/city.osm.pbf", "no such file"]),
        Case(name: "not GIS data", args: { [$0] }, input: { Fixtures.file("city.gpkg", "plain text, not a GeoPackage") },
             status: 66, mentions: ["city.gpkg", "cannot open"]),
        Case(name: "truncated PBF", args: { [$0, "--make-valid"] },
             input: { Fixtures.truncatedCopy(of: Fixtures.helsinkiPBF, fraction: 0.5) }, status: 65,
             mentions: ["helsinki-center.osm.pbf", "truncated"]),
        Case(name: "unknown layer", args: { [$0, "--make-valid", "--source-layer", "streets=roadz"] },
             input: { Fixtures.helsinkiPBF }, status: 66, mentions: ["roadz", "lines"]),
        Case(name: "empty layer", args: { [$0] },
             input: { Fixtures.file("empty.geojson", #"{"type":"FeatureCollection","features":[]}"#) }, status: 65,
             mentions: ["empty.geojson", "empty"]),
        Case(name: "NaN coordinates", args: { [$0] }, input: {
            Fixtures.file("nan.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"s7","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[24.94,60.17],[NaN,60.18]]}}]}"#)
        }, status: 65, mentions: ["nan.geojson", "s7", "not finite"]),
        // A polygon source is read as buildings, a context layer repaired by default; --strict
        // restores the error (the default is tested in RealDataDefaultsCLITests).
        Case(name: "self-intersecting polygon", args: { [$0, "--strict"] }, input: {
            Fixtures.file("bowtie.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"bowtie"},"geometry":{"type":"Polygon","coordinates":[[[24.940,60.170],[24.941,60.171],[24.941,60.170],[24.940,60.171],[24.940,60.170]]]}}]}"#)
        }, status: 65, mentions: ["bowtie.geojson", "bowtie", "Self-intersection", "--make-valid"]),
        Case(name: "no CRS", args: { [$0] }, input: {
            Fixtures.file("lines.csv", "id,WKT,highway\n1,\"LINESTRING (24.94 60.17, 24.95 60.18)\",primary\n")
        }, status: 65, mentions: ["lines.csv", "--source-crs"]),
        Case(name: "geographic working CRS", args: { [$0, "--crs", "EPSG:4326"] }, input: { Fixtures.helsinkiPBF },
             status: 64, mentions: ["EPSG:4326", "metres"]),
    ]

    @Test(arguments: cases)
    func inspectAndExportFailCleanly(_ c: Case) throws {
        let input = c.input()
        // The input, and an unrelated file beside the output, are byte-identical afterwards.
        let inputBytes = FileManager.default.contents(atPath: input)
        defer { #expect(FileManager.default.contents(atPath: input) == inputBytes, "\(c.name): the input changed") }
        let inspect = try CLI.run(["inspect"] + c.args(input))
        #expect(inspect.status == c.status, "\(inspect.stderr)")
        let line = inspect.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("covplan: error: ") && !line.contains("\n"), "\(inspect.stderr)")
        for m in c.mentions { #expect(line.contains(m), "missing '\(m)' in: \(line)") }
        #expect(inspect.stdout.isEmpty)

        let dir = Fixtures.tempDir("bad")
        let out = dir + "/out.geojson"
        let bystander = Fixtures.file("notes.txt", "a planner's notes\n", in: dir)
        let export = try CLI.run(["export"] + c.args(input) + ["--layer", "streets", "-o", out])
        #expect(export.status == c.status, "\(export.stderr)")
        #expect(Fixtures.listing(dir) == ["notes.txt"], "left behind: \(Fixtures.listing(dir))")
        #expect(FileManager.default.contents(atPath: bystander) == Data("a planner's notes\n".utf8))
    }

    @Test func noCRSIsAcceptedWithSourceCRS() throws {
        let input = Fixtures.file("lines.csv", "id,WKT,highway\n1,\"LINESTRING (24.94 60.17, 24.95 60.18)\",primary\n")
        let r = try CLI.run(["inspect", input, "--source-crs", "EPSG:4326", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"working_crs\": \"EPSG:32635\""))
    }

    @Test func unknownFormatAndBadFlags() throws {
        let dir = Fixtures.tempDir("bad")
        let r = try CLI.run(["export", Fixtures.helsinkiPBF, "--layer", "streets", "-o", dir + "/x.kml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--format"))
        let k = try CLI.run(["export", Fixtures.helsinkiPBF, "--layer", "roads", "-o", dir + "/x.geojson"])
        #expect(k.status == 64)
        #expect(Fixtures.listing(dir).isEmpty)
    }

    /// A command that writes one file of a fixed kind says which, naming the flag `-o` (a
    /// refactoring once left "give a .gpkg out.output" in these messages).
    @Test func aWrongOutputKindNamesTheFlag() throws {
        let dir = Fixtures.tempDir("bad")
        for (args, kind) in [(["synth", Fixtures.helsinkiPBF, "--tiles", "2"], ".gpkg"),
                             (["prepare", Fixtures.helsinkiPBF], ".covplan"),
                             (["precincts", "generate", Fixtures.helsinkiPBF, "--count", "3"], ".gpkg, .geojson or .fgb")] {
            let r = try CLI.run(args + ["-o", dir + "/out.txt"])
            #expect(r.status == 64, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("give a \(kind) file as -o"), "\(args[0]): \(r.stderr)")
            #expect(!r.stderr.contains("out.output"))
        }
        #expect(Fixtures.listing(dir).isEmpty)
    }
}
