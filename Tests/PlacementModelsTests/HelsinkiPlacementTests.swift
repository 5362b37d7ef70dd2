import CityIngest
import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import StreetGraph
import Testing
import TestSupport

/// The bundled central-Helsinki extract, loaded once.
enum Helsinki {
    static let loaded: Result<City, CovplanError> = {
        do {
            return .success(try CityReader.read(CityReadOptions(primary: Fixtures.helsinkiPBF, makeValid: true)))
        } catch let e as CovplanError {
            return .failure(e)
        } catch {
            return .failure(CovplanError(.software, "\(error)"))
        }
    }()

    static func city() throws -> City { try loaded.get() }

    /// The default camera instance (what `covplan place cameras CITY --count p` builds): fixed
    /// and dome candidates at every junction and every 25 m, the 221 mapped cameras existing,
    /// road-class weights. The benchmark checks the same instance against the exact MILP.
    static func request(_ p: Int) -> CameraPlacementRequest {
        CameraPlacementRequest(goal: .count(p))
    }

    static let model: Result<CameraPlacementModel, any Error> = Result {
        try CameraPlacementModel.build(city: try city(), request: request(48))
    }
}

/// Acceptance on the real city: the reported gap is at most 2 % for p = 10, 48 and 100, and the
/// covered fractions agree with an independent `CoverageAnalysis` run (mapped cameras plus the
/// chosen ones, swept per street segment, not the placement's street pieces).
@Suite struct HelsinkiPlacementTests {
    static let coverageOptions = CoverageOptions(viewsheds: false, geometries: false)

    /// `CoverageAnalysis` of the mapped cameras alone, computed once.
    static let before: Result<CoverageResult, any Error> = Result {
        try CoverageAnalysis.run(city: try Helsinki.city(), options: coverageOptions)
    }

    @Test(arguments: [10, 48, 100])
    func gapAndIndependentCoverage(p: Int) throws {
        let city = try Helsinki.city()
        let model = try Helsinki.model.get()
        let r = try CameraPlacement.solve(model, request: Helsinki.request(p))
        #expect(r.proposed.count == p)
        #expect(r.placement.gap <= 0.02, "p = \(p): gap \(r.placement.gap)")
        #expect(r.placement.upperBound >= r.placement.objective)
        // Before: exactly what `covplan coverage` reports for the mapped cameras.
        let before = try Self.before.get()
        #expect(abs(before.summary.coveredFraction - r.coveredFractionBefore) < 1e-9)
        #expect(model.existingCameras.count == before.summary.cameras)
        // After: the mapped cameras plus the new ones, through the coverage module.
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let after = try CoverageAnalysis.run(streets: city.streets, cameras: before.cameras + r.proposed.map(\.pose.camera),
                                             obstacles: obstacles, options: Self.coverageOptions)
        #expect(abs(after.summary.coveredFraction - r.coveredFractionAfter) < 1e-9,
                "p = \(p): coverage module \(after.summary.coveredFraction) vs placement \(r.coveredFractionAfter)")
        #expect(abs(after.summary.coveredLengthMeters - before.summary.coveredLengthMeters - r.newlyCoveredMeters) < 1e-6 * after.summary.streetLengthMeters)
        // Road-class weighted objective, recomputed from the coverage runs: Σ over newly covered
        // run metres × the street's class weight.
        let oldRuns = Intervals.covered(before), newRuns = Intervals.covered(after)
        var weighted = 0.0
        for (street, ivs) in newRuns {
            let w = RoadClassWeights.builtIn.weight(city.streets[street].highway)
            weighted += w * (ivs.reduce(0) { $0 + $1.1 - $1.0 } - (oldRuns[street] ?? []).reduce(0) { $0 + $1.1 - $1.0 })
        }
        #expect(abs(weighted - r.placement.objective) < 1e-6 * r.placement.objective, "weighted \(weighted) vs objective \(r.placement.objective)")
        // Marginal gains add up to the objective, ranks are 1...p, cumulative fractions rise.
        #expect(abs(r.proposed.reduce(0) { $0 + $1.marginalMeters } - r.newlyCoveredMeters) < 1e-6)
        #expect(r.proposed.map(\.rank) == Array(1...p))
        #expect(zip(r.proposed, r.proposed.dropFirst()).allSatisfy { $0.cumulativeCoveredFraction <= $1.cumulativeCoveredFraction })
    }

    /// With every metre weighing the same, covered_fraction_after = before + objective / total.
    @Test func uniformWeightsMakeTheObjectiveNewMetres() throws {
        let city = try Helsinki.city()
        var req = Helsinki.request(10)
        req.weighting.roadClassWeights = .uniform
        let r = try CameraPlacement.run(city: city, request: req)
        let total = r.model.streetLengthMeters
        #expect(abs(r.coveredFractionAfter - (r.coveredFractionBefore + r.placement.objective / total)) < 1e-9)
        #expect(r.placement.gap <= 0.02)
    }

    /// Same inputs and seed, same plan; the instance round-trips through its JSON form.
    @Test func deterministicAndExportable() throws {
        let model = try Helsinki.model.get()
        let a = try CameraPlacement.solve(model, request: Helsinki.request(10))
        let b = try CameraPlacement.solve(model, request: Helsinki.request(10))
        #expect(a.proposed.map(\.pose.id) == b.proposed.map(\.pose.id))
        #expect(a.placement.objective == b.placement.objective)
        var inst = model.instance
        inst.limit = .count(10)
        let back = try CoverageInstance(jsonBytes: inst.jsonBytes(includeTypes: true))
        let same = back == inst  // (not inside #expect: the values are megabytes long)
        #expect(same)
        let ids = a.proposed.map(\.pose.id)
        let idx = ids.map { back.candidateIndex(of: $0)! }
        #expect(abs(back.coveredWeight(by: idx) - a.placement.objective) < 1e-9 * a.placement.objective)
    }

    /// Posts on the real walk network: residents within 3 minutes, compared with a multi-source
    /// search of StreetGraph from the chosen sites.
    @Test func postsOnTheWalkNetwork() throws {
        let city = try Helsinki.city()
        let g = try GraphBuilder.build(streets: city.streets, mode: .walk)
        let r = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 3, minutes: 3, spacingMeters: 200))
        #expect(r.proposed.count == 3)
        #expect(r.placement.gap <= 0.02)
        let sources = r.proposed.map { SearchSource(r.candidatePositions[$0.candidateIndex]) }
        let node = g.shortestTimes(from: sources, cutoffSeconds: 180).seconds
        var covered = 0.0
        for (i, d) in r.demandPositions.enumerated() {
            let e = Int(d.edge), len = g.edgeLengthMeters[e], secs = g.edgeSeconds[e]
            var t = Double.infinity
            if g.allowsForward(e) { t = min(t, node[Int(g.edgeFrom[e])] + d.offsetMeters / len * secs) }
            if g.allowsBackward(e) { t = min(t, node[Int(g.edgeTo[e])] + (len - d.offsetMeters) / len * secs) }
            for s in sources where s.position.edge == d.edge { t = min(t, abs(s.position.offsetMeters - d.offsetMeters) / len * secs) }
            if t <= 180 { covered += r.demandWeights[i] }
        }
        #expect(abs(covered / r.demandWeight - r.coveredFractionAfter) < 1e-9)
        #expect(r.coveredFractionAfter > 0.2)
    }
}
