import CityModel
import Foundation
import GEOSBridge
import GeoCore
import PlanServer
import PROJBridge
import Scenario
import Staffing
import Testing
import TestSupport

/// A scenario's `precincts.moves`: the runner applies the moves after generating the precincts,
/// a served plan continues the scenario's moves, and bad moves are refused naming the key, the
/// item and the bad id.
@Suite("Scenario precincts.moves", .serialized)
struct ScenarioMovesTests {
    /// A scenario extending the baseline with `moves` (YAML list items), in a fresh folder.
    static func scenario(_ moves: [String]) throws -> String {
        let dir = Fixtures.tempDir("moves")
        let path = dir + "/scenario.yaml"
        var text = "extends: \(PlanFixtures.quotedBaseline)\nprecincts:\n  moves:\n"
        for m in moves { text += "    - \(m)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Points inside blocks of the baseline's precincts, with the block's precinct index.
    static func blockPoints(_ load: PrecinctLoadResult, city: City) throws -> [(Point, Int)] {
        let blocks = try StreetBlocks.build(streets: city.streets, precincts: load.precincts)
        let engine = try GEOSEngine()
        return try zip(blocks.polygons, blocks.precinct).compactMap { poly, owner in
            try engine.pointOnSurface(.polygon(poly)).map { ($0, Int(owner)) }
        }
    }

    @Test("runner: moves equal the same moves applied by hand (StreetBlocks + PrecinctEdit)")
    func runnerAppliesMoves() throws {
        let (doc, city) = try PlanFixtures.baseline()
        let base = try #require(try ScenarioRunner.run(doc, city: city).load)
        let points = try Self.blockPoints(base, city: city)
        // Two blocks, each moved to the next precinct.
        let picks = [points[points.count / 3], points[2 * points.count / 3]]
        let moves = picks.map { p, owner in BlockMove(at: p, to: base.precincts[(owner + 1) % base.precincts.count].id) }
        let path = try Self.scenario(moves.map { "{at: [\($0.at.x), \($0.at.y)], to: \"\($0.to)\"}" })
        let r = try ScenarioRunner.run(try ScenarioDocument.load(path), city: city)
        let load = try #require(r.load)
        // Independently: GEOS difference/union of the two precincts per move, recounted by a full
        // load analysis of the edited precincts.
        var precincts = base.precincts
        let blocks = try StreetBlocks.build(streets: city.streets, precincts: base.precincts)
        let index = PolygonIndex(blocks.polygons.map { [$0] })
        var owner = blocks.precinct.map(Int.init)
        for m in moves {
            let k = try #require(index.locate(m.at))
            let to = try #require(precincts.firstIndex { $0.id == m.to })
            let (f, t) = try PrecinctEdit.move(block: blocks.polygons[k], from: precincts[owner[k]], to: precincts[to])
            precincts[owner[k]] = f
            precincts[to] = t
            owner[k] = to
        }
        #expect(load.precincts.map(\.polygons) == precincts.map(\.polygons))
        #expect(r.precincts?.precincts.map(\.polygons) == precincts.map(\.polygons))
        let editable = try EditableScenario(try ScenarioDocument.load(path), city: city)
        let full = try StaffingAnalysis.precinctLoad(city: city, precincts: PrecinctSet(precincts: precincts, source: "by hand"),
                                                     population: try #require(editable.populationInput), norm: base.norm)
        #expect(load.loads == full.loads)
        #expect(load.loads != base.loads)
        // A move keeps the precincts' union: residents and area in total unchanged.
        #expect(abs(load.summary.totalResidents - base.summary.totalResidents) < 1e-6)
        let area: Double = load.loads.reduce(0.0) { $0 + $1.areaKm2 }
        let area0: Double = base.loads.reduce(0.0) { $0 + $1.areaKm2 }
        #expect(abs(area - area0) < 1e-9)
    }

    @Test("bad moves: one-line errors naming precincts.moves[i] and the bad id or point")
    func badMoves() throws {
        let (doc, city) = try PlanFixtures.baseline()
        let base = try #require(try ScenarioRunner.run(doc, city: city).load)
        let (p, owner) = try #require(try Self.blockPoints(base, city: city).first)
        let other = base.precincts[(owner + 1) % base.precincts.count].id
        let cases: [([String], [String])] = [
            (["{at: [\(p.x), \(p.y)], to: \"no-such\"}"], ["precincts.moves[0]", "no precinct with id 'no-such'"]),
            (["{at: [\(p.x), \(p.y)], to: \"\(other)\"}", "{at: [0, 0], to: \"\(other)\"}"], ["precincts.moves[1]", "no street block"]),
            (["{at: [\(p.x), \(p.y)], to: \"\(base.precincts[owner].id)\"}"], ["precincts.moves[0]", "already belongs"]),
            (["{at: [\(p.x)], to: \"\(other)\"}"], ["precincts.moves[0].at", "[x, y]"]),
            (["{at: [\(p.x), \(p.y)]}"], ["missing required key 'to'"]),
        ]
        for (moves, words) in cases {
            let path = try Self.scenario(moves)
            do {
                _ = try ScenarioRunner.run(try ScenarioDocument.load(path), city: city)
                Issue.record("accepted: \(moves)")
            } catch let e as CovplanError {
                #expect(e.kind == .dataError)
                #expect(!e.description.contains("\n"))
                #expect(e.description.contains(path), "\(e)")
                for w in words { #expect(e.description.contains(w), "\(e)") }
            }
        }
    }

    @Test("serving a scenario with moves, moving more, exporting: the run equals the served plan")
    func servedContinuesMoves() async throws {
        let (doc, city) = try PlanFixtures.baseline()
        let base = try #require(try ScenarioRunner.run(doc, city: city).load)
        let points = try Self.blockPoints(base, city: city)
        let (p0, o0) = points[points.count / 2]
        let path = try Self.scenario(["{at: [\(p0.x), \(p0.y)], to: \"\(base.precincts[(o0 + 1) % base.precincts.count].id)\"}"])
        let served = try ScenarioDocument.load(path)
        let service = try ServedPlan.service(doc: served, city: city, scenarioPath: path, baseText: nil,
                                             exportRoot: Fixtures.tempDir("moves-export"))
        #expect(await service.session.blockMoves.count == 1)
        let toLonLat = try CoordinateTransformer(from: city.crs.identifier, to: "EPSG:4326")
        let (p1, o1) = points[points.count / 4]
        let ll = try toLonLat.transform(p1)
        _ = try await service.moveBlock(PlanFixtures.bytes(
            ["type": "Feature", "geometry": ["type": "Point", "coordinates": [ll.x, ll.y]],
             "properties": ["precinct": base.precincts[(o1 + 2) % base.precincts.count].id]]))
        #expect(await service.session.blockMoves.count == 2)
        let out = PlanFixtures.object(try await service.export(PlanFixtures.bytes(["name": "continued"])))
        let folder = try #require(out["folder"] as? String)
        let (ran, ranLoad) = try ExportEqualityTests.runnerResult(folder + "/scenario.yaml", city: city)
        #expect(await service.figures == ran)
        #expect(await service.session.load?.loads == ranLoad?.loads)
        #expect(ranLoad?.loads != base.loads)
    }
}
