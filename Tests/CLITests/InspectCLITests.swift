import Foundation
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge
import Testing
import TestSupport

@Suite struct InspectCLITests {
    /// `covplan --version` names covplan's release and the libraries it runs on, as a GIS user
    /// checks them (`ogr2ogr --version`-style), and exits 0.
    @Test func versionNamesTheGeospatialLibraries() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("covplan 0."))
        #expect(line.contains("GDAL \(GDALRuntime.version),"), "\(line)")
        #expect(line.contains("GEOS 3."), "\(line)")
        #expect(line.range(of: #"PROJ [0-9]+\.[0-9]+\.[0-9]+\)$"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func jsonReportOnHelsinki() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--make-valid", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(doc["working_crs"] as? String == "EPSG:32635")
        let layers = doc["layers"] as! [[String: Any]]
        #expect(layers.map { $0["name"] as! String } == ["points", "lines", "multilinestrings", "multipolygons", "other_relations"])
        #expect(layers.first { $0["name"] as? String == "lines" }?["feature_count"] as? Int == 3818)
        let city = doc["city"] as! [String: Any]
        #expect(city["street_segments"] as? Int == 2504)
        #expect(city["buildings"] as? Int == 482)
        #expect(city["schools"] as? Int == 3)
        #expect(city["cameras"] as? Int == 221)

        // Independent: GDAL reads raw lines, PROJ transforms, GEOS measures.
        let src = try VectorSource(path: Fixtures.helsinkiPBF)
        let t = try CoordinateTransformer(from: "EPSG:4326", to: "EPSG:32635")
        let geos = try GEOSEngine()
        func length(_ filter: String) throws -> Double {
            try src.read(layer: "lines", attributeFilter: filter).layer.features.reduce(0.0) { acc, f in
                acc + (try f.geometry.map { try geos.length(try geos.geometry(try t.transform($0))) } ?? 0)
            }
        }
        let street = try length("highway IS NOT NULL")
        let drivable = try length("highway IN ('primary','primary_link','secondary','tertiary','tertiary_link','unclassified','residential','service','living_street','road','trunk','trunk_link','motorway','motorway_link','secondary_link','busway')")
        let gotStreet = city["street_length_m"] as! Double, gotDrivable = city["drivable_length_m"] as! Double
        #expect(abs(gotStreet - street) / street < 0.005, "\(gotStreet) vs \(street)")
        #expect(abs(gotDrivable - drivable) / drivable < 0.005, "\(gotDrivable) vs \(drivable)")
    }

    @Test func textReportAndTimings() throws {
        let r = try CLI.run(["inspect", Fixtures.helsinkiPBF, "--skip-invalid", "--timings"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Working CRS: EPSG:32635"))
        #expect(r.stdout.contains("skipped"))
        #expect(r.stderr.contains("timing: load"))
    }

    @Test func helpListsExitCodes() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for code in ["64", "65", "66", "70", "73", "74"] { #expect(r.stdout.contains("  \(code)  ")) }
    }
}
