import Foundation
import Testing
import TestSupport

/// `covplan reach` on a GeoPackage city reads streets, buildings and schools at once and leaves
/// the police and camera layers unread unless `--from` names them. Its outputs must be those of
/// the same city read whole by another reader: the prepared city (`covplan prepare`, every layer
/// in one file, read without GDAL), byte for byte, for a file of sources and for `--from cameras`.
@Suite(.serialized) struct ReachReadPlanCLITests {
    @Test func reachFromAGeoPackageEqualsReachFromThePreparedCity() throws {
        let dir = Fixtures.tempDir("reachplan")
        let gpkg = dir + "/k2.gpkg", cache = dir + "/k2.covplan"
        let s = try PrepareCLITests.covplan(["synth", PrepareCLITests.pbf, "--make-valid", "--quiet", "--tiles", "2",
                                             "--precincts", "16", "--random-cameras-per-km", "3", "--seed", "42", "-o", gpkg])
        #expect(s.status == 0, "\(s.stderr)")
        let p = try PrepareCLITests.covplan(["prepare", gpkg, "--quiet", "-o", cache])
        #expect(p.status == 0, "\(p.stderr)")
        for from in ["scenarios/data/helsinki-posts.geojson", "cameras"] {
            let a = dir + "/gpkg-\(from.count)", b = dir + "/cache-\(from.count)"
            let ra = try PrepareCLITests.covplan(["reach", gpkg, "--from", from, "--minutes", "3,5", "-o", a, "--quiet"])
            let rb = try PrepareCLITests.covplan(["reach", cache, "--from", from, "--minutes", "3,5", "-o", b, "--quiet"])
            #expect(ra.status == 0 && rb.status == 0, "\(ra.stderr) \(rb.stderr)")
            let fa = PrepareCLITests.files(a), fb = PrepareCLITests.files(b)
            #expect(fa.keys.filter { !$0.hasPrefix(".") }.sorted() == ["beats.geojson", "isochrones.geojson", "reach.geojson", "summary.json"], "\(from)")
            #expect(fa.keys.sorted() == fb.keys.sorted())
            for (name, bytes) in fa { #expect(fb[name] == bytes, "\(from): \(name) differs") }
            // Not vacuous: the run reached streets and counted residents.
            let summary = try JSONSerialization.jsonObject(with: fa["summary.json"] ?? Data()) as? [String: Any]
            let rows = summary?["thresholds"] as? [[String: Any]]
            #expect(((rows?.last?["street_length_m"] as? Double) ?? 0) > 0 && ((summary?["residents_total"] as? Double) ?? 0) > 0)
        }
    }
}
