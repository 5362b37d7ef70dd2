import CityModel
import Foundation
import GeoCore
import PlanServer
import PlacementModels
import PROJBridge
import Scenario
import Testing
import TestSupport

/// "Suggest" runs the scenario's own placement against the edited plan: its proposals must equal
/// those `covplan run` makes for the exported plan with a `placement` section asking the same.
@Suite("Suggest proposals equal the runner's placement on the export", .serialized)
struct SuggestTests {
    @Test("cameras: served suggestions == ScenarioRunner placement on the exported scenario")
    func cameras() async throws {
        let root = Fixtures.tempDir("serve-suggest")
        let (service, doc, city) = try PlanFixtures.service(exportRoot: root)
        var gen = try RandomEdits(seed: 9, city: city, types: try EditableScenario(doc, city: city).cameraDefaults.types.keys.sorted())
        for _ in 0..<2 { _ = try? await service.addCamera(PlanFixtures.bytes(gen.feature(gen.cameraProperties()))) }
        let before = await service.session.revision
        let reply = PlanFixtures.object(try await service.suggest(PlanFixtures.bytes(["kind": "cameras", "count": 3])))
        let proposals = try #require(reply["proposals"] as? [[String: Any]])
        #expect(proposals.count == 3)
        #expect(proposals.map { $0["rank"] as? Int } == [1, 2, 3])

        let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "suggest"])))
        let folder = try #require(out["folder"] as? String)
        let path = folder + "/suggest.yaml"
        try "extends: scenario.yaml\nplacement:\n  cameras:\n    count: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        let ran = try ScenarioRunner.run(try ScenarioDocument.load(path), city: city)
        let placed = try #require(ran.cameraPlacement)
        let session = await service.session
        let served = try session.scenario.suggestCameras(.count(3), cameras: session.cameras)
        #expect(served.proposed == placed.proposed)
        #expect(zip(proposals, placed.proposed).allSatisfy { ($0["cost_tenge"] as? Double) == $1.costTenge })
        // Suggesting changes nothing; accepting one is an ordinary add.
        #expect(session.revision == before)
        let first = proposals[0]
        let added = PlanFixtures.object(try await service.addCamera(PlanFixtures.bytes(
            ["type": "Feature", "geometry": ["type": "Point", "coordinates": first["coordinates"]!], "properties": first["properties"]!])))
        #expect(added["id"] is String)
    }

    @Test("posts: served suggestions == ScenarioRunner post placement on the exported scenario")
    func posts() async throws {
        let root = Fixtures.tempDir("serve-suggest-posts")
        let (service, doc, city) = try PlanFixtures.service(exportRoot: root)
        var gen = try RandomEdits(seed: 5, city: city, types: try EditableScenario(doc, city: city).cameraDefaults.types.keys.sorted())
        // The plan's posts differ from the baseline's: one added, one moved.
        _ = try await service.addPost(PlanFixtures.bytes(gen.feature([:])))
        let first = try #require(await service.session.posts.ids.first)
        _ = try await service.updatePost(first, PlanFixtures.bytes(gen.feature([:])))
        let before = await service.session.revision
        let reply = PlanFixtures.object(try await service.suggest(PlanFixtures.bytes(["kind": "posts", "count": 2])))
        let proposals = try #require(reply["proposals"] as? [[String: Any]])
        #expect(proposals.count == 2)
        #expect(proposals.map { $0["rank"] as? Int } == [1, 2])

        let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "suggest-posts"])))
        let folder = try #require(out["folder"] as? String)
        let path = folder + "/suggest.yaml"
        try "extends: scenario.yaml\nplacement:\n  posts:\n    count: 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let ran = try ScenarioRunner.run(try ScenarioDocument.load(path), city: city)
        let placed = try #require(ran.postPlacement)
        let session = await service.session
        let served = try session.scenario.suggestPosts(count: 2, posts: session.posts)
        #expect(served.proposed == placed.proposed)
        #expect(zip(proposals, placed.proposed).allSatisfy { ($0["street_id"] as? String) == $1.streetId })
        // The reply's coordinates are the runner's points in WGS 84 (to well under a millimetre).
        let toWorking = try CoordinateTransformer(from: "EPSG:4326", to: city.crs.identifier)
        for (p, q) in zip(proposals, placed.proposed) {
            let ll = try #require(p["coordinates"] as? [Double])
            #expect(try toWorking.transform(Point(ll[0], ll[1])).distance(to: q.point) < 1e-3)
        }
        // Suggesting changes nothing; accepting one is an ordinary add that reaches more residents.
        #expect(session.revision == before)
        let reach0 = try #require(session.figures.reach?.thresholds.first?.residents)
        let added = PlanFixtures.object(try await service.addPost(PlanFixtures.bytes(
            ["type": "Feature", "geometry": ["type": "Point", "coordinates": proposals[0]["coordinates"]!], "properties": proposals[0]["properties"]!])))
        #expect(added["id"] is String)
        let reach1 = try #require(await service.figures.reach?.thresholds.first?.residents)
        #expect(reach1 >= reach0)
    }

    @Test("count 1 is a count, not a boolean")
    func countOne() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-suggest-one"))
        for kind in ["cameras", "posts"] {
            let reply = PlanFixtures.object(try await service.suggest(Array(#"{"kind": "\#(kind)", "count": 1}"#.utf8)))
            #expect((reply["proposals"] as? [[String: Any]])?.count == 1, "\(kind)")
        }
    }

    @Test("bad suggest requests get 400")
    func bad() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-suggest-bad"))
        for body in [["kind": "drones", "count": 1], ["kind": "cameras"], ["kind": "cameras", "count": 0],
                     ["kind": "cameras", "count": true], ["kind": "cameras", "count": 1.5], ["kind": "cameras", "budget_tenge": false],
                     ["kind": "cameras", "count": 1, "budget_tenge": 5], ["kind": "posts", "budget_tenge": 5]] as [[String: Any]] {
            do {
                _ = try await service.suggest(PlanFixtures.bytes(body))
                Issue.record("accepted \(body)")
            } catch {
                #expect(error.status == 400, "\(body): \(error)")
            }
        }
    }
}
