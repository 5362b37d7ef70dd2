import CityIngest
import CityModel
import Foundation
import GeoCore
import Simulation
import StreetGraph
import Testing
import TestSupport
@testable import Reports

/// The parallel incident writers give the same bytes as the generic layer writers.
@Suite struct SimulationReportTests {
    static func outcome(calls: Bool) throws -> SimulationOutcome {
        let city = try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, kinds: [.streets, .buildings, .schools], makeValid: true))
        let graph = try GraphBuilder.build(streets: city.streets, mode: .drive)
        let layer = try WorkingLayerReader.read(path: Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson", layer: nil,
                                                expect: .points, workingCRS: city.crs, what: "post")
        let posts = layer.features.map { UnitSite(id: $0.values[layer.fieldIndex("id")!].text!, location: $0.geometry!.representativePoint!) }
        var o = SimulationOptions(seed: 9, days: 40, incidentsPerDay: 45, warmupDays: 2)
        if calls {
            // Calls at jittered post positions, named with characters that need quoting/escaping.
            o.calls = (0..<200).map { i in
                let p = posts[i % 3].location
                return CallRecord(id: i % 7 == 0 ? "call \"\(i)\", urgent" : "c\(i)", location: Point(p.x + Double(i % 13), p.y - Double(i % 5)),
                                  timeSeconds: Double(i * 731 % 86_400) + Double(i) * 0.125)
            }
            o.days = 2
            o.warmupDays = 0
        }
        return try SimulationRun.run(city: city, graph: graph, units: posts, options: o)
    }

    @Test(arguments: [false, true]) func incidentFilesMatchTheGenericWriters(calls: Bool) throws {
        let o = try Self.outcome(calls: calls)
        let dir = Fixtures.tempDir("incfiles")
        let crs = "EPSG:32635"
        try IncidentFiles.geojson(o, crs: crs, to: dir + "/fast.geojson", rowsPerChunk: 37)
        try LayerExport.write(SimulationReport.incidentsLayer(o, crs: crs), to: dir + "/generic.geojson", format: .geojson, overwrite: false)
        let fast = FileManager.default.contents(atPath: dir + "/fast.geojson")!
        #expect(fast == FileManager.default.contents(atPath: dir + "/generic.geojson")!)
        try IncidentFiles.csv(o, to: dir + "/fast.csv", rowsPerChunk: 37)
        let layer = SimulationReport.incidentsLayer(o, crs: crs)
        let generic = CSVWriter.text(ReportTable(name: "incidents", title: "incidents", columns: layer.fields.map(\.name),
                                                 rows: layer.features.map(\.values)))
        #expect(String(decoding: FileManager.default.contents(atPath: dir + "/fast.csv")!, as: UTF8.self) == generic)
        // Many chunks of 37 rows and several blocks of 16 chunks: seams are covered.
        #expect(o.incidents.count > (calls ? 150 : 1_500))
    }
}

@Suite struct IncidentCSVFieldTests {
    @Test func fastFieldQuotingEqualsCSVWriter() {
        for s in ["", "plain", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "ünïcödé, ok", "\"", " ", "a\rb"] {
            #expect(IncidentFiles.csvField(s) == CSVWriter.field(s), "\(s)")
        }
    }
}
