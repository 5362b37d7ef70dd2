import Foundation
import GDALBridge
import GeoCore
import Testing
import TestSupport

/// `covplan precincts generate`, `covplan load` and `covplan rebalance` run as a user would,
/// on the bundled Helsinki extract.
@Suite(.serialized) struct LoadCLITests {
    /// Generated stand-in precincts (6, with `inspectors` each), made once per value.
    static func precincts(inspectors: Int) throws -> String {
        let path = Fixtures.tempDir("gen") + "/precincts.gpkg"
        let r = try CLI.run(["precincts", "generate", Fixtures.helsinkiPBF, "--make-valid", "--count", "6",
                             "--inspectors", String(inspectors), "--quiet", "-o", path])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// Stand-in precincts with 2 inspectors each, generated once for the suite.
    static let twoInspectors: String = try! precincts(inspectors: 2)

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func loadWritesSummaryGeoJSONAndCSVThatAgree() throws {
        let precincts = Self.twoInspectors
        let out = Fixtures.tempDir("load") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(out) == ["precincts.csv", "precincts.geojson", "summary.json"])
        let s = try Self.json(out + "/summary.json")
        for key in ["total_residents", "unassigned_residents", "precincts", "over_norm", "inspectors_needed", "deficit", "method"] {
            #expect(s[key] != nil, "summary.json lacks \(key)")
        }
        #expect(s["precincts"] as? Int == 6)
        #expect(s["method"] as? String == "buildings")
        let total = s["total_residents"] as! Double, unassigned = s["unassigned_residents"] as! Double
        #expect(abs(total + unassigned - (s["source_total"] as! Double)) < 1e-6 * total)
        // The GeoJSON read back with GDAL: per-precinct fields, and sums that match the summary.
        let layer = try VectorSource(path: out + "/precincts.geojson").read(layer: "precincts").layer
        #expect(layer.features.count == 6)
        let col = { (name: String) -> Int in layer.fieldIndex(name)! }
        var sum = 0.0, over = 0, needed = 0
        for f in layer.features {
            let residents = f.values[col("residents")].number!, inspectors = f.values[col("inspectors")].number!
            sum += residents
            #expect(abs(f.values[col("residents_per_inspector")].number! - residents / inspectors) < 1e-6)
            #expect(f.values[col("inspectors_needed")].number! == (residents / 3200).rounded(.up))
            if f.values[col("over_norm")] == .bool(true) || f.values[col("over_norm")].number == 1 { over += 1 }
            needed += Int(f.values[col("inspectors_needed")].number!)
            #expect(["under", "at", "over", "far_over"].contains(f.values[col("load_class")].text!))
            #expect(f.values[col("method")].text == "buildings")
        }
        #expect(abs(sum - total) < 1e-6 * total)
        #expect(over == s["over_norm"] as? Int)
        #expect(needed == s["inspectors_needed"] as? Int)
        let csv = try String(contentsOfFile: out + "/precincts.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 7)
        #expect(csv[0].hasPrefix("id,name,residents,inspectors,assistants,residents_per_inspector"))
        // Refuses to overwrite.
        let again = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", out])
        #expect(again.status == 73 && again.stderr.contains("--overwrite"))
    }

    /// --no-street-km never reads the streets: the same residents and loads, street km empty,
    /// and the read plan under --timings.
    @Test func noStreetKmSkipsTheStreetsOnly() throws {
        let precincts = Self.twoInspectors
        let dir = Fixtures.tempDir("nokm")
        let a = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", dir + "/a", "--quiet"])
        let b = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", dir + "/b",
                             "--no-street-km", "--timings"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(b.stderr.contains("plan: load city reads buildings (streets skipped: --no-street-km)"))
        #expect(!b.stderr.contains("read streets"))
        let rowsA = try String(contentsOfFile: dir + "/a/precincts.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let rowsB = try String(contentsOfFile: dir + "/b/precincts.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rowsA.count == 7 && rowsA.count == rowsB.count)
        let km = rowsA[0].firstIndex(of: "street_km")!, kmPer = rowsA[0].firstIndex(of: "street_km_per_inspector")!
        for (ra, rb) in zip(rowsA.dropFirst(), rowsB.dropFirst()) {
            #expect(Double(ra[km])! > 0 && rb[km].isEmpty && rb[kmPer].isEmpty)
            for i in ra.indices where i != km && i != kmPer { #expect(ra[i] == rb[i]) }
        }
    }

    @Test func zeroInspectorsAreUnstaffedNotDividedByZero() throws {
        let precincts = try Self.precincts(inspectors: 0)
        let out = Fixtures.tempDir("zero") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(out + "/summary.json")
        #expect(s["unstaffed"] as? Int == 6)
        #expect(s["max_residents_per_inspector"] is NSNull)
        let text = try String(contentsOfFile: out + "/precincts.geojson", encoding: .utf8)
        // With no precinct staffed, residents_per_inspector has no value anywhere: GeoJSON then
        // leaves the field out (a reader would type an all-null field as text); never a number.
        #expect(!text.contains("\"residents_per_inspector\":") && text.contains("\"load_class\":\"unstaffed\""))
        #expect(!text.contains("inf") && !text.contains("NaN"))
    }

    @Test func staffCSVWithUnknownIdsFailsListingThem() throws {
        let precincts = try Self.precincts(inspectors: 1)
        let staff = Fixtures.file("staff.csv", "precinct_id,inspectors\nG001,3\nNOPE1,2\nG002,1\nNOPE2,1\n")
        let out = Fixtures.tempDir("staff") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--staff", staff, "-o", out])
        #expect(r.status == 65)
        #expect(r.stderr.contains("staff.csv") && r.stderr.contains("NOPE1, NOPE2"))
        #expect(r.stderr.split(separator: "\n").filter { !$0.hasPrefix("ingest: ") }.count == 1)
        #expect(!Fixtures.exists(out))
        let usage = try CLI.run(["load", Fixtures.helsinkiPBF, "--precincts", precincts, "--census", precincts, "-o", out])
        #expect(usage.status == 64 && usage.stderr.contains("--census-field"))
    }

    @Test func censusDasymetricWithIncidentsThroughTheCLI() throws {
        let precincts = Self.twoInspectors
        // Two census zones (WGS 84) over central Helsinki, 20,000 and 10,000 residents, and three incidents.
        let dir = Fixtures.tempDir("census")
        let census = Fixtures.file("census.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"west","pop":20000},"geometry":{"type":"Polygon","coordinates":[[[24.92,60.16],[24.945,60.16],[24.945,60.18],[24.92,60.18],[24.92,60.16]]]}},{"type":"Feature","properties":{"id":"east","pop":10000},"geometry":{"type":"Polygon","coordinates":[[[24.945,60.16],[24.96,60.16],[24.96,60.18],[24.945,60.18],[24.945,60.16]]]}}]}"#, in: dir)
        let incidents = Fixtures.file("incidents.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Point","coordinates":[24.944,60.169]}},{"type":"Feature","properties":{"id":2},"geometry":{"type":"Point","coordinates":[24.940,60.172]}},{"type":"Feature","properties":{"id":3},"geometry":{"type":"Point","coordinates":[24.950,60.166]}}]}"#, in: dir)
        let out = dir + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--census", census,
                             "--census-field", "pop", "--incidents", incidents, "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(out + "/summary.json")
        #expect(s["method"] as? String == "census-dasymetric")
        let total = s["total_residents"] as! Double, unassigned = s["unassigned_residents"] as! Double
        #expect(abs(total + unassigned - 30_000) < 1e-6)
        let layer = try VectorSource(path: out + "/precincts.geojson").read(layer: "precincts").layer
        let crimes = layer.features.compactMap { $0.values[layer.fieldIndex("crimes")!].number }.reduce(0, +)
        #expect(crimes == 3)
    }

    @Test func rasterInAnotherCRSThroughTheCLI() throws {
        let precincts = Self.twoInspectors
        let raster = Fixtures.tempDir("ras") + "/pop.tif"
        try RasterWriter.writeGeoTIFF(path: raster, columns: 40, rows: 30,
                                      geoTransform: RasterGeoTransform(originX: 24.925, pixelWidth: 0.001, originY: 60.178, pixelHeight: -0.0005),
                                      epsg: 4326, values: (0..<1200).map { Double($0 % 17) })
        let out = Fixtures.tempDir("rasout") + "/out"
        let r = try CLI.run(["load", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "--population-raster", raster,
                             "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try Self.json(out + "/summary.json")
        #expect(s["method"] as? String == "raster")
        #expect((s["method_description"] as! String).contains("reprojected"))
        let total = s["total_residents"] as! Double, unassigned = s["unassigned_residents"] as! Double
        #expect(total > 0 && abs(total + unassigned - (s["source_total"] as! Double)) < 1e-6 * (total + unassigned))
    }

    @Test func rebalanceWritesAPlanWithNoPrecinctOverTheNorm() throws {
        let precincts = Self.twoInspectors
        let out = Fixtures.tempDir("reb") + "/out"
        let r = try CLI.run(["rebalance", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Fixtures.listing(out) == ["blocks.geojson", "plan.csv", "plan.geojson", "summary.json"])
        let s = try Self.json(out + "/summary.json")
        let before = s["before"] as! [String: Any], after = s["after"] as! [String: Any]
        #expect((before["over_norm"] as! Int) > 0)
        #expect(after["over_norm_with_extra_inspectors"] as? Int == 0)
        #expect(abs((s["total_residents"] as! Double) - (s["total_residents_after"] as! Double)) < 1e-6)
        // Same inputs, byte-identical outputs.
        let out2 = Fixtures.tempDir("reb2") + "/out"
        let r2 = try CLI.run(["rebalance", Fixtures.helsinkiPBF, "--make-valid", "--precincts", precincts, "-o", out2, "--quiet"])
        #expect(r2.status == 0)
        for name in ["plan.geojson", "blocks.geojson", "plan.csv", "summary.json"] {
            #expect(FileManager.default.contents(atPath: out + "/" + name) == FileManager.default.contents(atPath: out2 + "/" + name), "\(name) differs")
        }
        let plan = try VectorSource(path: out + "/plan.geojson").read(layer: "plan").layer
        #expect(plan.features.count == 6)
        let a = plan.fieldIndex("residents_after")!, n = plan.fieldIndex("inspectors")!, x = plan.fieldIndex("extra_inspectors")!
        for f in plan.features {
            #expect(f.values[a].number! <= 3200 * (f.values[n].number! + f.values[x].number!) + 1e-6)
        }
    }
}
