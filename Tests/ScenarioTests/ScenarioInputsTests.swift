import CityIngest
import CityModel
import Foundation
import Scenario
import Testing
import TestSupport

/// The runner reads every input first (`ScenarioInputs.read`) and then opens no file: the
/// analyses run on values alone.
@Suite("Scenario inputs are read before any analysis", .serialized)
struct ScenarioInputsTests {
    /// The bundled plan (camera and post placement, stand-in precincts, posts from a layer,
    /// control-centre connections, costs) is copied with its files and city; its inputs are
    /// read, the copy is deleted, and the analyses still run and give exactly what a run from
    /// the bundled files gives. A reader left inside an analysis would fail on the missing file.
    @Test func analysesRunAfterEveryInputFileIsGone() throws {
        let fm = FileManager.default
        let root = Fixtures.tempDir("scenario-inputs")
        try fm.createDirectory(atPath: root + "/geodata", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Fixtures.helsinkiPBF, toPath: root + "/geodata/helsinki-center.osm.pbf")
        try fm.copyItem(atPath: Fixtures.repoRoot + "/scenarios", toPath: root + "/scenarios")
        let copied = try ScenarioDocument.load(root + "/scenarios/helsinki-plan.yaml")
        #expect(copied.referencedPaths.allSatisfy { $0.hasPrefix(root) || !$0.hasPrefix("/") }, "\(copied.referencedPaths)")
        let city = try CityReader.read(copied.cityReadOptions())
        let inputs = try ScenarioInputs.read(copied, city: city)
        try fm.removeItem(atPath: root)
        #expect(!fm.fileExists(atPath: root + "/scenarios/data/helsinki-posts.geojson"))
        let detached = try ScenarioRunner.run(copied, inputs: inputs)

        let bundled = try ScenarioDocument.load(Fixtures.repoRoot + "/scenarios/helsinki-plan.yaml")
        let reference = try ScenarioRunner.run(bundled, city: try CityReader.read(bundled.cityReadOptions()))
        let (a, b) = (try #require(detached.coverage), try #require(reference.coverage))
        #expect(a.summary.coveredLengthMeters == b.summary.coveredLengthMeters && a.summary.cameras == b.summary.cameras)
        #expect(detached.cameraPlacement?.proposed == reference.cameraPlacement?.proposed)
        #expect(detached.load?.loads.map(\.residents) == reference.load?.loads.map(\.residents))
        let (ra, rb) = (try #require(detached.reach), try #require(reference.reach))
        #expect(ra.postIds == rb.postIds && ra.postIds.count > 2)
        #expect(ra.outcome.summary.thresholds.map(\.residents) == rb.outcome.summary.thresholds.map(\.residents))
        let (ca, cb) = (try #require(detached.money?.connections), try #require(reference.money?.connections))
        #expect(ca.objects == cb.objects && !ca.objects.isEmpty)
        let (qa, qb) = (try #require(detached.money?.request.lines), try #require(reference.money?.request.lines))
        #expect(qa.map(\.totalTenge) == qb.map(\.totalTenge) && !qa.isEmpty)
    }

    /// A bad file named anywhere in the scenario stops the read, naming the file, before any
    /// analysis (here the posts layer of a scenario that also asks for a simulation).
    @Test func aBadInputStopsTheReadNamingTheFile() throws {
        let dir = Fixtures.tempDir("scenario-inputs-bad")
        let posts = Fixtures.file("posts.geojson", #"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": "#, in: dir)
        let doc = try ScenarioDocument.load(Fixtures.file("s.yaml", """
            name: bad
            city: {source: \(Fixtures.helsinkiPBF)}
            posts: {from: layer, layer: {source: \(posts)}}
            simulation: {days: 1}
            """, in: dir))
        let city = try CityReader.read(doc.cityReadOptions())
        #expect { try ScenarioInputs.read(doc, city: city) } throws: { "\($0)".contains("posts.geojson") }
    }

    /// The `where` filter of an incident layer is applied: the incidents read equal those of
    /// the GeoJSON whose type matches, counted from the file itself.
    @Test func theWhereFilterOfTheIncidentLayerApplies() throws {
        let dir = Fixtures.tempDir("scenario-where")
        let data = Fixtures.repoRoot + "/scenarios/data/"
        let doc = try ScenarioDocument.load(Fixtures.file("w.yaml", """
            name: where
            city: {source: \(Fixtures.helsinkiPBF)}
            crime:
              incidents: {source: \(data)helsinki-incidents.geojson, where: "type = 'assault'"}
            """, in: dir))
        let city = try CityReader.read(doc.cityReadOptions(kinds: [.streets]))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: data + "helsinki-incidents.geojson"))) as! [String: Any]
        let all = json["features"] as! [[String: Any]]
        let assaults = all.filter { ($0["properties"] as? [String: Any])?["type"] as? String == "assault" }.count
        #expect(assaults > 0 && assaults < all.count)
        let inputs = try ScenarioInputs.read(doc, city: city)
        #expect(inputs.incidents?.layer.points.count == assaults)
    }

    /// `posts.from: none` with nothing proposed: reach and the simulation refuse naming the key.
    @Test func noPostsIsRefusedNamingTheKey() throws {
        let dir = Fixtures.tempDir("scenario-noposts")
        for extra in ["", "simulation: {days: 1}"] {
            let doc = try ScenarioDocument.load(Fixtures.file("n.yaml", """
                name: none
                city: {source: \(Fixtures.helsinkiPBF)}
                posts: {from: none}
                \(extra)
                """, in: dir))
            let city = try CityReader.read(doc.cityReadOptions(kinds: [.streets, .buildings]))
            #expect { try ScenarioRunner.run(doc, city: city) } throws: { "\($0)".contains("n.yaml:3") && "\($0)".contains("posts.from: none") }
        }
    }
}

