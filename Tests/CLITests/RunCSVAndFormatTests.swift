import Foundation
import GDALBridge
import GeoCore
import Reports
import Testing
import TestSupport

extension RunCLITests {
    /// Every CSV of a run starts with a UTF-8 BOM and its residents columns hold whole numbers
    /// (scanned as text, the way Excel sees them).
    @Test func everyCSVHasABOMAndWholeResidents() throws {
        let dir = Self.runs.0
        let csvs = FileManager.default.enumerator(atPath: dir)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") }
        #expect(csvs.count >= 5)
        var residentCells = 0
        for f in csvs {
            let data = FileManager.default.contents(atPath: dir + "/" + f)!
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(f) has no BOM")
            let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\n").map(String.init)
            guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { continue }
            let cols = header.indices.filter { header[$0].contains("residents") && !header[$0].contains("per") && !header[$0].contains("share") }
            for line in lines.dropFirst() where !line.contains("\"") {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for c in cols where c < cells.count && !cells[c].isEmpty {
                    residentCells += 1
                    #expect(cells[c].allSatisfy { $0.isNumber || $0 == "-" }, "\(f) \(header[c]) = \(cells[c])")
                }
            }
        }
        #expect(residentCells > 0)
    }
}

/// Analysis layers as Shapefile (long field names mapped), CSV with WKT, FlatGeobuf: GDAL reads
/// back the same features and, through the field map, the same field names.
@Suite struct AnalysisFormatCLITests {
    @Test func coverageAsShapefileCSVAndFlatGeobuf() throws {
        let dir = Fixtures.tempDir("formats")
        let ref = try CLI.run(["coverage", Fixtures.helsinkiPBF, "-o", dir + "/geojson", "--quiet"])
        try #require(ref.status == 0, "\(ref.stderr)")
        let gaps = try VectorSource(path: dir + "/geojson/gaps.geojson")
        let count = try gaps.info(layer: gaps.layerNames[0]).featureCount
        let names = try gaps.fields(layer: gaps.layerNames[0]).map(\.name).filter { $0 != "id" }  // GDAL shows the feature id as a field
        for (fmt, ext) in [("shp", "shp"), ("csv", "csv"), ("fgb", "fgb")] {
            let r = try CLI.run(["coverage", Fixtures.helsinkiPBF, "-o", dir + "/" + fmt, "--format", fmt, "--quiet"])
            try #require(r.status == 0, "\(fmt): \(r.stderr)")
            let src = try VectorSource(path: dir + "/\(fmt)/gaps.\(ext)")
            #expect(try src.info(layer: src.layerNames[0]).featureCount == count, "\(fmt)")
            #expect(!Fixtures.exists(dir + "/\(fmt)/gaps.geojson"))
        }
        // Shapefile names are ≤ 10 characters; the sidecar maps them back to covplan's names.
        let shp = try VectorSource(path: dir + "/shp/coverage.shp")
        let shortNames = try shp.fields(layer: shp.layerNames[0]).map(\.name)
        #expect(shortNames.allSatisfy { $0.utf8.count <= 10 })
        let map = try String(contentsOfFile: dir + "/shp/coverage.fields.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(map.map { $0[0] } == shortNames)
        #expect(map.map { $0[1] }.contains("camera_count"))
        #expect(Set(names).isSubset(of: Set(try String(contentsOfFile: dir + "/shp/gaps.fields.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })))
    }

    @Test func shapefileNamesAreUniqueAndShort() {
        let names = ShapefileExport.fieldNames(["residents_per_inspector", "residents_per_inspector_after", "id", "residents_"])
        #expect(names.allSatisfy { $0.count <= 10 })
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        #expect(names[2] == "id" && names[3] == "residents_")
    }
}
