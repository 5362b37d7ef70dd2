import Foundation
import Testing
import TestSupport

/// `covplan prepare` then `covplan coverage city.covplan` at the scale of the k = 4 benchmark
/// mosaic (16 copies of the bundled city, 40,432 street lines, 7,712 buildings, random cameras):
/// the coverage outputs from the prepared city equal those from the GeoPackage it was made
/// from, byte for byte (both the summary and the layers).
@Suite(.serialized) struct PreparedMosaicCLITests {
    @Test func coverageOfTheK4MosaicFromThePreparedCityEqualsTheGeoPackage() throws {
        let dir = Fixtures.tempDir("k4prep")
        let gpkg = dir + "/k4.gpkg", cache = dir + "/k4.covplan"
        let s = try PrepareCLITests.covplan(["synth", PrepareCLITests.pbf, "--make-valid", "--quiet", "--tiles", "4",
                                             "--random-cameras-per-km", "2", "--seed", "7", "-o", gpkg])
        #expect(s.status == 0, "\(s.stderr)")
        let p = try PrepareCLITests.covplan(["prepare", gpkg, "--quiet", "-o", cache])
        #expect(p.status == 0, "\(p.stderr)")
        let a = dir + "/gpkg", b = dir + "/cache"
        let ra = try PrepareCLITests.covplan(["coverage", gpkg, "--no-viewsheds", "-o", a, "--quiet"])
        let rb = try PrepareCLITests.covplan(["coverage", cache, "--no-viewsheds", "-o", b, "--quiet"])
        #expect(ra.status == 0 && rb.status == 0, "\(ra.stderr) \(rb.stderr)")
        let fa = PrepareCLITests.files(a), fb = PrepareCLITests.files(b)
        #expect(fa.keys.contains("summary.json") && fa.count >= 3, "\(fa.keys.sorted())")
        #expect(fa.keys.sorted() == fb.keys.sorted())
        for (name, bytes) in fa { #expect(fb[name] == bytes, "\(name) differs") }
        // Not vacuous: a city of the mosaic's size, with cameras that see streets.
        let summary = try JSONSerialization.jsonObject(with: fa["summary.json"] ?? Data()) as? [String: Any]
        #expect(((summary?["covered_length_m"] as? Double) ?? 0) > 1000, "\(summary ?? [:])")
        #expect(((summary?["street_length_m"] as? Double) ?? 0) > 16 * 90_000, "\(summary ?? [:])")
    }
}
