import CityModel
import Foundation
import GeoCore
import PlanServer
import Scenario
import Testing
import TestSupport

/// After any sequence of edits, the served figures equal those of the scenario runner on the
/// exported scenario (a fresh read of the exported files: scenario.yaml extending the baseline,
/// cameras.gpkg and posts.gpkg), exactly.
@Suite("Served plan equals the exported scenario's run", .serialized)
struct ExportEqualityTests {
    /// The figures `ScenarioRunner.run` gives for the scenario at `path`.
    static func runnerFigures(_ path: String, city: City) throws -> PlanFigures {
        let doc = try ScenarioDocument.load(path)
        let r = try ScenarioRunner.run(doc, city: city)
        let editable = try EditableScenario(doc, city: city)
        return PlanFigures(coverage: try #require(r.coverage), reach: r.reach, posts: r.reach?.postIds.count ?? 0,
                           load: r.load, unitCostsTenge: editable.unitCostsTenge, postUnitCostTenge: editable.postUnitCostTenge)
    }

    /// One random edit through the service's request API. Refused edits must leave the figures unchanged.
    static func randomEdit(_ service: PlanService, _ gen: inout RandomEdits) async throws -> String {
        let session = await service.session
        let before = session.figures
        let cams = session.cameras.map(\.id), posts = session.posts.ids
        let choice = gen.int(10)
        var what = ""
        var refusal: PlanError?
        do {
            switch choice {
            case 0, 1, 2:
                what = "add camera"
                _ = try await service.addCamera(PlanFixtures.bytes(gen.feature(gen.cameraProperties())))
            case 3:
                let id = cams[gen.int(cams.count)]
                what = "move camera \(id)"
                _ = try await service.updateCamera(id, PlanFixtures.bytes(gen.feature([:])))
            case 4, 5:
                let id = cams[gen.int(cams.count)]
                what = "rotate/retype camera \(id)"
                _ = try await service.updateCamera(id, PlanFixtures.bytes(["properties": gen.cameraProperties()]))
            case 6:
                let id = cams[gen.int(cams.count)]
                what = "delete camera \(id)"
                _ = try await service.deleteCamera(id)
            case 7:
                what = "add post"
                _ = try await service.addPost(PlanFixtures.bytes(gen.feature([:])))
            case 8:
                let id = posts[gen.int(posts.count)]
                what = "move post \(id)"
                _ = try await service.updatePost(id, PlanFixtures.bytes(gen.feature([:])))
            default:
                let id = posts[gen.int(posts.count)]
                what = "delete post \(id)"
                _ = try await service.deletePost(id)
            }
        } catch {
            refusal = error
        }
        guard let e = refusal else { return what }
        #expect(e.status >= 400 && e.status < 500, "\(what): \(e.description)")
        let after = await service.figures
        #expect(after == before, "a refused edit changed the plan: \(what)")
        return what + " (refused: \(e.reason))"
    }

    @Test("random edit sequences: served figures == ScenarioRunner on the export", arguments: [UInt64(11), 23, 37])
    func randomSequences(seed: UInt64) async throws {
        let root = Fixtures.tempDir("serve-eq")
        let (service, doc, city) = try PlanFixtures.service(exportRoot: root)
        var gen = try RandomEdits(seed: seed, city: city, types: try EditableScenario(doc, city: city).cameraDefaults.types.keys.sorted())
        var log: [String] = []
        for _ in 0..<8 { log.append(try await Self.randomEdit(service, &gen)) }
        // Random edits are mostly valid ones (a post off the network, say, is refused).
        #expect(log.filter { $0.contains("(refused") }.count <= 3, "\(log)")
        let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "seed-\(seed)"])))
        let folder = try #require(out["folder"] as? String)
        let served = await service.figures
        let ran = try Self.runnerFigures(folder + "/scenario.yaml", city: city)
        #expect(served == ran, "edits: \(log.joined(separator: "; "))")
        // The edits did something: the figures moved away from the baseline's.
        #expect(await service.session.revision > 0)
        #expect(served != (await service.session.baseline), "edits: \(log.joined(separator: "; "))")
    }

    @Test("no edits: the served figures are the baseline scenario's")
    func unedited() async throws {
        let (service, _, city) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-eq0"))
        let ran = try Self.runnerFigures(PlanFixtures.baselinePath, city: city)
        #expect(await service.figures == ran)
        #expect(await service.session.baseline == ran)
    }
}
