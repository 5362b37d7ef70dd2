import CityModel
import Foundation
import GeoCore
import PlanServer
import PROJBridge
import Scenario
import Staffing
import Testing
import TestSupport

/// Moving a street block between precincts recounts only the two precincts involved; the result
/// must equal a full load analysis (`StaffingAnalysis.load`) of the edited precincts, and the
/// moved areas must add up (the block's area leaves one precinct and joins the other).
@Suite("Moving a street block between precincts", .serialized)
struct PrecinctMoveTests {
    @Test("block moves: loads == full load analysis of the edited precincts")
    func moves() async throws {
        let (service, _, city) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-precincts"))
        let s0 = await service.session
        let load0 = try #require(s0.load)
        let blocks = try StreetBlocks.build(streets: city.streets, precincts: load0.precincts)
        let toLonLat = try CoordinateTransformer(from: city.crs.identifier, to: "EPSG:4326")
        var rng = SplitMix64(seed: 3)
        var moved = 0
        for _ in 0..<4 {
            let s = await service.session
            let load = try #require(s.load)
            let k = Int(rng.next() % UInt64(blocks.polygons.count))
            let block = blocks.polygons[k]
            // A block the precinct layer of the session still assigns as `blocks` did, moved
            // to another precinct.
            let inside = try #require(Geometry.polygon(block).representativePoint)
            guard let from = load.precincts.firstIndex(where: { $0.contains(inside) }) else { continue }
            let to = (from + 1 + Int(rng.next() % UInt64(load.precincts.count - 1))) % load.precincts.count
            let ll = try toLonLat.transform(inside)
            let reply = PlanFixtures.object(try await service.moveBlock(PlanFixtures.bytes(
                ["type": "Feature", "geometry": ["type": "Point", "coordinates": [ll.x, ll.y]],
                 "properties": ["precinct": load.precincts[to].id]])))
            moved += 1
            let after = try #require(await service.session.load)
            // Only the two precincts changed; their areas moved by the block's area.
            for i in load.precincts.indices where i != from && i != to {
                #expect(after.loads[i] == load.loads[i])
            }
            #expect(abs(after.loads[from].areaKm2 - (load.loads[from].areaKm2 - block.area / 1e6)) < 1e-9)
            #expect(abs(after.loads[to].areaKm2 - (load.loads[to].areaKm2 + block.area / 1e6)) < 1e-9)
            // A full load analysis of the edited precincts.
            let full = try StaffingAnalysis.precinctLoad(city: city, precincts: PrecinctSet(precincts: after.precincts, source: "edited"),
                                                 population: try #require(s0.scenario.populationInput), norm: load.norm)
            #expect(after.loads == full.loads)
            #expect(after.summary.overNorm == full.summary.overNorm)
            #expect(after.summary.deficit == full.summary.deficit)
            #expect(after.summary.maxResidentsPerInspector == full.summary.maxResidentsPerInspector)
            #expect(after.summary.totalResidents == full.summary.totalResidents)
            #expect(abs(after.summary.unassignedResidents - full.summary.unassignedResidents) < 1e-6)
            // The reply carries the new figures and every precinct's load.
            let rows = try #require(reply["precincts"] as? [[String: Any]])
            #expect(rows.count == after.loads.count)
            #expect((rows[to]["residents"] as? Double) == after.loads[to].residents)
            let figures = try #require(reply["figures"] as? [String: Any])
            let loadFigures = try #require(figures["load"] as? [String: Any])
            #expect((loadFigures["over_norm"] as? Int) == full.summary.overNorm)
        }
        #expect(moved >= 2)
        #expect(await service.session.revision == moved)
    }

    @Test("bad moves get 4xx and leave the precincts as they were")
    func badMoves() async throws {
        let (service, _, city) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-precincts-bad"))
        let load = try #require(await service.session.load)
        let toLonLat = try CoordinateTransformer(from: city.crs.identifier, to: "EPSG:4326")
        let p = load.precincts[0]
        let inside = try #require(Geometry.multiPolygon(p.polygons).representativePoint)
        let ll = try toLonLat.transform(inside)
        func move(_ props: [String: Any], _ coords: [Double]) async -> PlanError? {
            do {
                _ = try await service.moveBlock(PlanFixtures.bytes(
                    ["type": "Feature", "geometry": ["type": "Point", "coordinates": coords], "properties": props]))
                return nil
            } catch { return error }
        }
        #expect(await move(["precinct": "no-such"], [ll.x, ll.y])?.status == 404)
        #expect(await move([:], [ll.x, ll.y])?.status == 400)
        #expect(await move(["precinct": p.id, "x": 1], [ll.x, ll.y])?.status == 400)
        #expect(await move(["precinct": load.precincts[1].id], [0, 0])?.status == 400)
        #expect(await service.session.load?.loads == load.loads)
        #expect(await service.session.revision == 0)
    }
}
