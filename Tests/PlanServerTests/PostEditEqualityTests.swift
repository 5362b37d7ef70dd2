import CityModel
import Foundation
import GeoCore
import PlanServer
import Scenario
import StreetGraph
import Testing
import TestSupport

/// Post edits are incremental (buildings and schools attached once, each post's snap kept, the
/// search updated only around the edited post); after any sequence of them the session's reach
/// is bit-identical to a fresh full run (`EditableScenario.reach(from:)`, the runner's code) from
/// the same posts, and the served figures equal `ScenarioRunner` on the exported scenario.
@Suite("Incremental post edits equal a full reach run", .serialized)
struct PostEditEqualityTests {
    /// Every value of two reach outcomes, bit for bit (isochrones aside: the session draws them
    /// on request).
    static func expectSame(_ a: ReachOutcome, _ b: ReachOutcome, _ log: [String]) {
        let ctx = Comment(rawValue: log.joined(separator: "; "))
        #expect(a.summary == b.summary, ctx)
        #expect(a.snappedSources == b.snappedSources, ctx)
        #expect(a.reach.times.seconds.map(\.bitPattern) == b.reach.times.seconds.map(\.bitPattern), ctx)
        #expect(a.reach.times.source == b.reach.times.source, ctx)
        #expect(a.reach.pieces == b.reach.pieces, ctx)
        #expect(a.reach.reachedLengthMeters == b.reach.reachedLengthMeters, ctx)
        #expect(a.beats.pieces == b.beats.pieces, ctx)
        #expect(a.beats.lengthMetersPerSource == b.beats.lengthMetersPerSource, ctx)
        #expect(a.buildingTimes.seconds.map(\.bitPattern) == b.buildingTimes.seconds.map(\.bitPattern), ctx)
        #expect(a.buildingTimes.source == b.buildingTimes.source, ctx)
        #expect(a.schoolTimes.seconds.map(\.bitPattern) == b.schoolTimes.seconds.map(\.bitPattern), ctx)
        #expect(a.schoolTimes.source == b.schoolTimes.source, ctx)
    }

    @Test("random post edit sequences: session reach == full run, figures == runner on the export",
          arguments: [UInt64(5), 19, 71])
    func randomPostEdits(seed: UInt64) async throws {
        let root = Fixtures.tempDir("serve-posts")
        let (service, doc, city) = try PlanFixtures.service(exportRoot: root)
        var gen = try RandomEdits(seed: seed, city: city, types: try EditableScenario(doc, city: city).cameraDefaults.types.keys.sorted())
        var log: [String] = []
        var checked = 0
        for step in 0..<14 {
            let posts = await service.session.posts.ids
            let k = posts.count > 1 ? gen.int(3) : 0
            do {
                switch k {
                case 0:
                    log.append("add")
                    _ = try await service.addPost(PlanFixtures.bytes(gen.feature([:])))
                case 1:
                    let id = posts[gen.int(posts.count)]
                    log.append("move \(id)")
                    _ = try await service.updatePost(id, PlanFixtures.bytes(gen.feature([:])))
                default:
                    let id = posts[gen.int(posts.count)]
                    log.append("delete \(id)")
                    _ = try await service.deletePost(id)
                }
            } catch {
                log.append("refused: \(error.reason)")
            }
            let s = await service.session
            let full = try s.scenario.reach(from: s.posts)
            #expect((s.reach == nil) == (full == nil), Comment(rawValue: log.joined(separator: "; ")))
            if let a = s.reach?.outcome, let b = full?.outcome {
                Self.expectSame(a, b, log)
                checked += 1
            }
            // The export's run, at a few points of the sequence (a city read each).
            if step % 7 == 6 {
                let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "p\(seed)-\(step)"])))
                let folder = try #require(out["folder"] as? String)
                let ran = try ExportEqualityTests.runnerFigures(folder + "/scenario.yaml", city: city)
                #expect(await service.figures == ran, Comment(rawValue: log.joined(separator: "; ")))
            }
        }
        #expect(checked >= 10, Comment(rawValue: log.joined(separator: "; ")))
        #expect(log.filter { $0.hasPrefix("refused") }.count <= 4, Comment(rawValue: log.joined(separator: "; ")))
    }
}
