import CityIngest
import Foundation
import GeoCore
import Placement
import PlacementModels
import Testing

/// Unit costs from JSON, and the bound tightening that keeps every bound valid.
@Suite struct CostTableTests {
    @Test func costFileOverridesAndAddsTypes() throws {
        let t = try CameraCostTable.builtIn.merging(jsonData: Data(#"{"Fixed": 650000, "kiosk": 300000}"#.utf8), source: "c.json")
        #expect(t.cost(of: "fixed") == 650_000)
        #expect(t.cost(of: "kiosk") == 300_000)
        #expect(t.cost(of: "dome") == 450_000)
        let wrapped = try CameraCostTable.builtIn.merging(jsonData: Data(#"{"unit_cost_tenge": {"dome": 1}}"#.utf8), source: "c.json")
        #expect(wrapped.cost(of: "dome") == 1)
        for bad in [#"{"fixed": -1}"#, #"{"fixed": "cheap"}"#, #"{"fixed": true}"#, #"[1, 2]"#, #"{"#] {
            do {
                _ = try CameraCostTable.builtIn.merging(jsonData: Data(bad.utf8), source: "c.json")
                Issue.record("accepted \(bad)")
            } catch let e as CovplanError {
                #expect(e.kind == .dataError && e.description.hasPrefix("c.json"))
            }
        }
        do {
            _ = try CameraCostTable.load(path: "/nonexistent/costs.json")
            Issue.record("missing file accepted")
        } catch let e as CovplanError {
            #expect(e.kind == .noInput)
        }
    }

    /// A starved bound descent (2 iterations) refined up to the cap: the reported bound stays at
    /// or above the brute-force optimum and never rises above the first one.
    @Test func refinedBoundsStayValid() throws {
        let city = Town(seed: 21).city
        var req = CameraPlacementRequest(goal: .count(3), types: ["dome"], spacingMeters: .infinity)
        req.weighting.roadClassWeights = .uniform
        let model = try CameraPlacementModel.build(city: city, request: req)
        var starved = req
        starved.options.boundIterations = 2
        starved.options.exactCandidateLimit = 0
        starved.gapTarget = 2  // never refine
        let first = try CameraPlacement.solve(model, request: starved)
        starved.gapTarget = 0
        starved.maxBoundIterations = 512
        let refined = try CameraPlacement.solve(model, request: starved)
        let inst = model.instance
        let m = inst.candidateCount
        var best = 0.0
        for a in 0..<m { for b in (a + 1)..<m { for c in (b + 1)..<m { best = max(best, inst.coveredWeight(by: [a, b, c])) } } }
        for r in [first, refined] {
            #expect(r.placement.upperBound >= best - 1e-9 * best)
            #expect(r.placement.objective <= best + 1e-9 * best)
            #expect(abs(r.placement.gap - (r.placement.upperBound - r.placement.objective) / r.placement.upperBound) < 1e-12)
        }
        #expect(refined.placement.upperBound <= first.placement.upperBound)
        #expect(refined.placement.objective >= first.placement.objective)
    }
}
