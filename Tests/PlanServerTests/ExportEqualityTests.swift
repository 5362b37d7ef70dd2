import CityModel
import Foundation
import GeoCore
import PlanServer
import Scenario
import Staffing
import Testing
import TestSupport

/// After any sequence of edits, the served figures equal those of the scenario runner on the
/// exported scenario (a fresh read of the exported files: scenario.yaml extending the baseline,
/// cameras.gpkg and posts.gpkg), exactly.
@Suite("Served plan equals the exported scenario's run", .serialized)
struct ExportEqualityTests {
    /// The figures `ScenarioRunner.run` gives for the scenario at `path`.
    static func runnerFigures(_ path: String, city: City) throws -> PlanFigures {
        try runnerResult(path, city: city).figures
    }

    /// The figures and the precinct load `ScenarioRunner.run` gives for the scenario at `path`.
    static func runnerResult(_ path: String, city: City) throws -> (figures: PlanFigures, load: PrecinctLoadResult?) {
        let doc = try ScenarioDocument.load(path)
        let r = try ScenarioRunner.run(doc, city: city)
        let editable = try EditableScenario(doc, city: city)
        return (PlanFigures(coverage: try #require(r.coverage), reach: r.reach, posts: r.reach?.postIds.count ?? 0,
                            load: r.load, unitCostsTenge: editable.unitCostsTenge, postUnitCostTenge: editable.postUnitCostTenge),
                r.load)
    }

    /// One random edit through the service's request API. Refused edits must leave the figures unchanged.
    static func randomEdit(_ service: PlanService, _ gen: inout RandomEdits) async throws -> String {
        let session = await service.session
        let before = session.figures
        let cams = session.cameras.map(\.id), posts = session.posts.ids
        let choice = gen.int(13)
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
            case 9:
                let id = posts[gen.int(posts.count)]
                what = "delete post \(id)"
                _ = try await service.deletePost(id)
            case 12:
                // The page's path: look the block up (`GET /api/precincts/block`), move it to
                // another precinct, and every other time undo (move it back where it was).
                let precincts = session.load?.precincts.map(\.id) ?? []
                let (at, block) = gen.blockPoint()
                what = "page: look up block \(block)"
                let found = PlanFixtures.object(try await service.block(lon: "\(at[0])", lat: "\(at[1])"))
                guard let from = found["precinct"] as? String else {
                    Issue.record("\(what): no precinct in \(found)")
                    break
                }
                #expect(found["block"] as? Int == block, "\(what): \(found)")
                #expect(await service.session.revision == session.revision, "a look-up changed the revision")
                let others = precincts.filter { $0 != from }
                guard !others.isEmpty else { break }
                let to = others[gen.int(others.count)]
                what = "page: move block \(block) from \(from) to \(to)"
                let moved = PlanFixtures.object(try await service.moveBlock(PlanFixtures.bytes(
                    ["type": "Feature", "geometry": ["type": "Point", "coordinates": at], "properties": ["precinct": to]])))
                let m = moved["moved"] as? [String: Any]
                #expect(m?["from"] as? String == from && m?["to"] as? String == to && m?["block"] as? Int == block, "\(what): \(moved)")
                if gen.int(2) == 0 {
                    what += ", undone"
                    _ = try await service.moveBlock(PlanFixtures.bytes(
                        ["type": "Feature", "geometry": ["type": "Point", "coordinates": at], "properties": ["precinct": from]]))
                    let back = PlanFixtures.object(try await service.block(lon: "\(at[0])", lat: "\(at[1])"))
                    #expect(back["precinct"] as? String == from, "\(what): \(back)")
                }
            default:
                let precincts = session.load?.precincts.map(\.id) ?? []
                let (at, block) = gen.blockPoint()
                let to = precincts[gen.int(precincts.count)]
                what = "move block \(block) to \(to)"
                _ = try await service.moveBlock(PlanFixtures.bytes(
                    ["type": "Feature", "geometry": ["type": "Point", "coordinates": at], "properties": ["precinct": to]]))
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
        let editable = try EditableScenario(doc, city: city)
        var gen = try RandomEdits(seed: seed, city: city, types: editable.cameraDefaults.types.keys.sorted(),
                                  precincts: try #require(editable.load).precincts)
        var log: [String] = []
        for _ in 0..<12 { log.append(try await Self.randomEdit(service, &gen)) }
        // At least one block move in every sequence: a block to a precinct it is not in.
        let (at, block) = gen.blockPoint()
        let inside = try #require(gen.blockPoints[block] as Point?)
        let current = try #require(await service.session.load)
        let to = try #require(current.precincts.first { p in !p.polygons.contains { $0.contains(inside) } })
        _ = try await service.moveBlock(PlanFixtures.bytes(
            ["type": "Feature", "geometry": ["type": "Point", "coordinates": at], "properties": ["precinct": to.id]]))
        log.append("move block \(block) to \(to.id)")
        // Random edits are mostly valid ones (a post off the network, a block moved to the
        // precinct it is in, say, are refused).
        #expect(log.filter { $0.contains("(refused") }.count <= 5, "\(log)")
        let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "seed-\(seed)"])))
        let folder = try #require(out["folder"] as? String)
        let served = await service.figures
        let (ran, ranLoad) = try Self.runnerResult(folder + "/scenario.yaml", city: city)
        #expect(served == ran, "edits: \(log.joined(separator: "; "))")
        // Precinct by precinct, boundaries included.
        let servedLoad = try #require(await service.session.load)
        #expect(servedLoad.loads == ranLoad?.loads, "edits: \(log.joined(separator: "; "))")
        #expect(servedLoad.precincts.map(\.polygons) == ranLoad?.precincts.map(\.polygons))
        #expect(servedLoad.summary.unassignedResidents == ranLoad?.summary.unassignedResidents)
        let moves = await service.session.blockMoves
        let applied = log.filter { !$0.contains("(refused") }
        let expectedMoves = applied.filter { $0.hasPrefix("move block") || $0.hasPrefix("page: move block") }.count
            + applied.filter { $0.hasPrefix("page: move block") && $0.hasSuffix(", undone") }.count
        #expect(moves.count == expectedMoves && !moves.isEmpty, "\(moves.count) moves: \(log)")
        #expect(((out["scenario"] as? String) ?? "").contains("moves:") == !moves.isEmpty)
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
