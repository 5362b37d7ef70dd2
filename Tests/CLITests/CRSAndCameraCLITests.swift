import Foundation
import Testing
import TestSupport

/// Issue 15 points 3 and 4: a distorting working CRS, --source-crs against a stated CRS, and
/// camera layers read as strictly as streets. Each case: exit code and one-line message.
@Suite struct CRSAndCameraCLITests {
    static func oneLine(_ r: CLI.Result) -> String {
        let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("covplan: error: ") && !line.contains("\n"), "\(r.stderr)")
        return line
    }

    /// A GeoJSON camera layer with one camera `c1` near central Helsinki and the given
    /// properties / geometry.
    static func cameras(_ props: String, geometry: String = #"{"type":"Point","coordinates":[24.9440,60.1690]}"#,
                        extra: String = "") -> String {
        Fixtures.file("cams.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"c1"\#(props)},"geometry":\#(geometry)}\#(extra)]}"#)
    }

    static func coverage(_ cams: String, _ more: [String] = []) throws -> (CLI.Result, String) {
        let dir = Fixtures.tempDir("cov") + "/out"
        let r = try CLI.run(["coverage", Fixtures.helsinkiPBF, "--cameras", cams, "--no-occlusion", "-o", dir] + more)
        return (r, dir)
    }

    // MARK: CRS

    @Test func webMercatorIsRefusedWithTheErrorAndTheZone() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--crs", "EPSG:3857"])
        #expect(r.status == 64)
        let line = Self.oneLine(r)
        for m in ["EPSG:3857", "EPSG:32635", "--allow-distortion", "%"] { #expect(line.contains(m), "\(line)") }
        // 1/cos(60.18°) ≈ 2.01 at the north edge: about +100 %.
        let words = line.split(separator: " ")
        let pct = words.firstIndex(of: "by").flatMap { Double(words[$0 + 1].dropFirst()) }
        #expect(pct.map { abs($0 - 100) < 2 } == true, "\(line)")
        #expect(r.stdout.isEmpty)
    }

    @Test func allowDistortionAcceptsIt() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--crs", "EPSG:3857", "--allow-distortion", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3857"))
    }

    @Test func theDataZoneAndTheDefaultPassWithoutWarning() throws {
        for args in [["--crs", "EPSG:32635"], []] {
            let r = try CLI.run(["inspect", Fixtures.helsinkiPBF] + args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stderr.contains("warning:"), "\(r.stderr)")
        }
    }

    @Test func aFarUTMZoneIsRefused() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--crs", "EPSG:32632"])
        #expect(r.status == 64)
        #expect(Self.oneLine(r).contains("EPSG:32632"))
    }

    @Test func anExtentOverSeveralZonesWarnsWithTheEdgeDistortion() throws {
        // Streets from 50° E to 80° E at 45° N (Kazakhstan-wide).
        let src = Fixtures.file("wide.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"w","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[50,45],[50.01,45]]}},{"type":"Feature","properties":{"id":"e","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[80,45],[80.01,45]]}}]}"#)
        let r = try CLI.run(["inspect", src])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: the data spans UTM zones 39–44"), "\(r.stderr)")
        #expect(r.stderr.contains("west edge") && r.stderr.contains("east edge"))
    }

    @Test func sourceCRSDoesNotOverrideAStatedCRS() throws {
        // A lon/lat GeoJSON (stated WGS 84). Wrongly forcing UTM 35N would put it near (0, 0) E/N.
        let src = Fixtures.file("streets.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"s1","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[24.94,60.17],[24.95,60.18]]}}]}"#)
        let kept = try CLI.run(["inspect", src, "--source-crs", "EPSG:32635", "--json"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("32635"))
        let forced = try CLI.run(["inspect", src, "--source-crs", "EPSG:32635", "--force-source-crs", "--json"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!forced.stdout.contains("32635"), "forced source CRS was not applied: \(forced.stdout.prefix(400))")
        // --force-source-crs alone is a usage error.
        let alone = try CLI.run(["inspect", src, "--force-source-crs"])
        #expect(alone.status == 64)
        #expect(Self.oneLine(alone).contains("--source-crs"))
    }

    @Test func sourceCRSStillFillsAMissingCRS() throws {
        let csv = Fixtures.file("lines.csv", "id,WKT,highway\n1,\"LINESTRING (24.94 60.17, 24.95 60.18)\",primary\n")
        let r = try CLI.run(["inspect", csv, "--source-crs", "EPSG:4326"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    // MARK: cameras

    struct BadCamera: Sendable, CustomStringConvertible {
        let name: String
        let props: String
        var geometry = #"{"type":"Point","coordinates":[24.9440,60.1690]}"#
        let mentions: [String]
        var description: String { name }
    }

    static let badCameras: [BadCamera] = [
        BadCamera(name: "heading word", props: #","heading_deg":"north-by-west""#, mentions: ["c1", "heading_deg", "'north-by-west'"]),
        BadCamera(name: "heading garbage", props: #","heading_deg":"12abc""#, mentions: ["c1", "heading_deg", "'12abc'"]),
        BadCamera(name: "fov word", props: #","heading_deg":90,"fov_deg":"wide""#, mentions: ["c1", "fov_deg", "'wide'"]),
        BadCamera(name: "range word", props: #","range_m":"far""#, mentions: ["c1", "range_m", "'far'"]),
        BadCamera(name: "line camera", props: "",
                  geometry: #"{"type":"LineString","coordinates":[[24.944,60.169],[24.945,60.169]]}"#, mentions: ["c1", "LineString"]),
        BadCamera(name: "polygon camera", props: "",
                  geometry: #"{"type":"Polygon","coordinates":[[[24.944,60.169],[24.945,60.169],[24.945,60.170],[24.944,60.169]]]}"#,
                  mentions: ["c1", "Polygon"]),
        BadCamera(name: "unknown type", props: #","type":"fixd""#, mentions: ["c1", "'fixd'", "known:", "did you mean 'fixed'"]),
    ]

    @Test(arguments: badCameras)
    func aBadCameraStopsTheRunNamingIt(_ c: BadCamera) throws {
        let cams = Self.cameras(c.props, geometry: c.geometry)
        let (r, dir) = try Self.coverage(cams)
        #expect(r.status == 65, "\(r.stderr)")
        let line = Self.oneLine(r)
        for m in c.mentions { #expect(line.contains(m), "missing '\(m)' in: \(line)") }
        #expect(!Fixtures.exists(dir))
    }

    @Test(arguments: badCameras)
    func skipInvalidListsTheBadCamera(_ c: BadCamera) throws {
        // c1 is bad, c2 is fine: the run goes on and c1 is listed as skipped.
        let good = #",{"type":"Feature","properties":{"id":"c2","heading_deg":90},"geometry":{"type":"Point","coordinates":[24.9450,60.1690]}}"#
        let cams = Self.cameras(c.props, geometry: c.geometry, extra: good)
        let (r, dir) = try Self.coverage(cams, ["--skip-invalid"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"c1\""), "c1 not listed: \(summary.prefix(300))")
    }

    @Test func compassWordsAndKnownTypesAreAccepted() throws {
        let cams = Self.cameras(#","heading_deg":"north-east","type":"Dome""#,
                                extra: #",{"type":"Feature","properties":{"id":"c2","heading_deg":"SW","type":"bullet","range_m":"50 m"},"geometry":{"type":"Point","coordinates":[24.9450,60.1690]}}"#)
        let (r, _) = try Self.coverage(cams)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2 cameras"), "\(r.stderr)")
    }

    @Test func aCameraFarOutsideTheCityIsReported() throws {
        // c9 at 26.5° E is about 85 km east of central Helsinki.
        let cams = Self.cameras(#","heading_deg":90"#,
                                extra: #",{"type":"Feature","properties":{"id":"c9","heading_deg":90},"geometry":{"type":"Point","coordinates":[26.5,60.17]}}"#)
        let (r, _) = try Self.coverage(cams)
        #expect(r.status == 0, "\(r.stderr)")
        let warning = r.stderr.split(separator: "\n").first { $0.hasPrefix("warning:") && $0.contains("c9") }
        #expect(warning?.contains("km outside the street extent") == true, "\(r.stderr)")
        #expect(!r.stderr.contains("feature c1:"))
    }
}
