import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Testing
import TestSupport

/// The camera-placement instance against independent computations on a synthetic town:
/// `CoverageAnalysis` runs (segment sweeps, not elementary pieces) for every pose, interval
/// unions written here, brute-force enumeration of small plans.
@Suite struct CameraModelTests {
    static let options = CoverageOptions(viewsheds: false, geometries: false)

    func request(_ goal: CameraPlacementGoal, uniform: Bool = true, types: [String] = ["fixed", "dome"],
                 spacing: Double = 40) -> CameraPlacementRequest {
        var r = CameraPlacementRequest(goal: goal, types: types, spacingMeters: spacing)
        if uniform { r.weighting.roadClassWeights = .uniform }
        return r
    }

    /// Every pose's coverage set, in metres, equals what `CoverageAnalysis` says the pose adds to
    /// the existing cameras; the existing coverage equals `CoverageAnalysis` of the existing ones.
    @Test func everyPoseCoversExactlyTheMetresItAdds() throws {
        let city = Town(seed: 7).city
        var req = request(.count(1))
        req.dropDominated = false
        let model = try CameraPlacementModel.build(city: city, request: req)
        let inst = model.instance
        #expect(inst.candidateCount > 100)
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let base = try CoverageAnalysis.run(streets: city.streets, cameras: model.existingCameras, obstacles: obstacles,
                                            options: Self.options)
        let total = base.summary.streetLengthMeters
        #expect(abs(model.streetLengthMeters - total) < 1e-9 * total)
        #expect(abs(model.coveredBeforeMeters - base.summary.coveredLengthMeters) < 1e-7 * total)
        #expect(model.coveredBeforeMeters > 10)
        let baseIv = Intervals.covered(base)
        let baseLen = Intervals.length(baseIv)
        for j in 0..<inst.candidateCount {
            let single = try CoverageAnalysis.run(streets: city.streets, cameras: [model.poses[j].camera],
                                                  obstacles: obstacles, options: Self.options)
            let added = Intervals.length(Intervals.union([baseIv, Intervals.covered(single)])) - baseLen
            let modelMeters = inst.covers(j).reduce(0.0) { $0 + model.pieceLengthMeters[Int($1)] }
            #expect(abs(added - modelMeters) <= 1e-6 * max(1, added), "pose \(model.poses[j].id): \(modelMeters) m vs \(added) m")
            #expect(modelMeters > 0)  // poses that add nothing are dropped
        }
        // Uniform weights: demand weight = length.
        for i in 0..<inst.demandCount { #expect(abs(inst.demandWeights[i] - model.pieceLengthMeters[i]) < 1e-12) }
    }

    /// Random plans: the newly seen metres of the instance equal a `CoverageAnalysis` run with the
    /// existing and the chosen cameras together.
    @Test func randomPlansAgreeWithCoverageAnalysis() throws {
        let city = Town(seed: 11, blocks: 4).city
        let model = try CameraPlacementModel.build(city: city, request: request(.count(1)))
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let before = try CoverageAnalysis.run(streets: city.streets, cameras: model.existingCameras, obstacles: obstacles,
                                              options: Self.options).summary.coveredLengthMeters
        var rng = SeededRandom(seed: 3)
        for _ in 0..<12 {
            let k = 1 + Int(rng.next() % 8)
            let plan = (0..<k).map { _ in Int(rng.next() % UInt64(model.instance.candidateCount)) }
            let after = try CoverageAnalysis.run(streets: city.streets, cameras: model.existingCameras + plan.map { model.poses[$0].camera },
                                                 obstacles: obstacles, options: Self.options).summary.coveredLengthMeters
            let newly = model.newlyCoveredMeters(by: plan)
            #expect(abs((before + newly) - after) <= 1e-6 * after, "plan \(plan): \(before) + \(newly) vs \(after)")
            #expect(abs(model.instance.coveredWeight(by: plan) - newly) <= 1e-9 * max(1, newly))
        }
    }

    /// Road-class weights: every demand piece weighs its length times its street's class weight.
    @Test func demandWeightIsLengthTimesClassWeight() throws {
        let city = Town(seed: 5).city
        let model = try CameraPlacementModel.build(city: city, request: request(.count(1), uniform: false))
        let inst = model.instance
        var classes = Set<String>()
        for i in 0..<inst.demandCount {
            let street = city.streets[model.stretch(ofPiece: i).streetIndex]
            classes.insert(street.highway)
            let w = RoadClassWeights.builtIn.weight(street.highway)
            #expect(abs(inst.demandWeights[i] - model.pieceLengthMeters[i] * w) <= 1e-12 * max(1, inst.demandWeights[i]))
            let s = model.stretch(ofPiece: i)
            #expect(abs((s.toMeters - s.fromMeters) - model.pieceLengthMeters[i]) < 1e-9)
        }
        #expect(classes.count >= 4)
    }

    /// The school factor applies exactly inside the school circle: pieces are cut at the circle,
    /// so both ends of a piece lie on the same side of it.
    @Test func schoolFactorAppliesInsideTheCircle() throws {
        let town = Town(seed: 5)
        let city = town.city
        var req = request(.count(1))
        req.weighting.schoolFactor = 3
        req.weighting.schoolRadiusMeters = 60
        let model = try CameraPlacementModel.build(city: city, request: req)
        let school = town.schools[0].location
        var inside = 0, outside = 0
        for i in 0..<model.instance.demandCount {
            let s = model.stretch(ofPiece: i)
            let pts = city.streets[s.streetIndex].points
            let a = Planar.point(along: pts, at: s.fromMeters), b = Planar.point(along: pts, at: s.toMeters)
            let m = Planar.point(along: pts, at: (s.fromMeters + s.toMeters) / 2)
            let isIn = m.distance(to: school) <= 60
            if model.pieceLengthMeters[i] > 1e-3 {
                // No piece straddles the circle (ends may sit on it).
                #expect(!(a.distance(to: school) < 60 - 1e-6 && b.distance(to: school) > 60 + 1e-6))
                #expect(!(b.distance(to: school) < 60 - 1e-6 && a.distance(to: school) > 60 + 1e-6))
            }
            let factor = model.instance.demandWeights[i] / model.pieceLengthMeters[i]
            #expect(abs(factor - (isIn ? 3 : 1)) < 1e-9)
            if isIn { inside += 1 } else { outside += 1 }
        }
        #expect(inside > 0 && outside > 0)
    }

    /// Incident factor 1 + β·n/n̄: pieces without incidents nearby keep factor 1, and
    /// (factor − 1) is proportional to the incident count at the midpoint.
    @Test func incidentFactorFollowsTheCount() throws {
        let town = Town(seed: 5)
        let city = town.city
        let o = Town.origin
        var req = request(.count(1))
        let incidents = [Point(40, 2), Point(42, -3), Point(45, 1), Point(160, 120), Point(200, 80)].map { o + $0 }
        req.weighting.incidents = incidents
        req.weighting.incidentRadiusMeters = 30
        req.weighting.incidentWeight = 2
        let model = try CameraPlacementModel.build(city: city, request: req)
        var ratio: Double? = nil
        var withIncidents = 0
        for i in 0..<model.instance.demandCount {
            let s = model.stretch(ofPiece: i)
            let m = Planar.point(along: city.streets[s.streetIndex].points, at: (s.fromMeters + s.toMeters) / 2)
            let n = Double(incidents.filter { $0.distance(to: m) <= 30 }.count)
            let f = model.instance.demandWeights[i] / model.pieceLengthMeters[i]
            if n == 0 {
                #expect(abs(f - 1) < 1e-9)
            } else {
                withIncidents += 1
                let r = (f - 1) / n
                if let ratio { #expect(abs(r - ratio) < 1e-9 * ratio) } else { ratio = r }
            }
        }
        #expect(withIncidents > 0)
    }

    /// Brute force over all pairs (and, on a junction-only instance, all triples): the solver's
    /// plan reaches the true optimum of the interval unions and its bound is never below it.
    @Test func bruteForceOptimum() throws {
        let city = Town(seed: 21).city
        let obstacles = ObstacleIndex(buildings: city.buildings)
        for (spacing, p, types) in [(Double.infinity, 3, ["dome"]), (60.0, 2, ["dome", "fixed"])] {
            // Brute force over every pose (dominated ones included); the solver gets the reduced model.
            var all = request(.count(p), types: types, spacing: spacing)
            all.dropDominated = false
            let model = try CameraPlacementModel.build(city: city, request: all)
            let base = Intervals.covered(try CoverageAnalysis.run(streets: city.streets, cameras: model.existingCameras,
                                                                   obstacles: obstacles, options: Self.options))
            let baseLen = Intervals.length(base)
            let sets = try model.poses.map {
                Intervals.covered(try CoverageAnalysis.run(streets: city.streets, cameras: [$0.camera], obstacles: obstacles,
                                                           options: Self.options))
            }
            let m = sets.count
            var best = 0.0
            func value(_ plan: [Int]) -> Double { Intervals.length(Intervals.union([base] + plan.map { sets[$0] })) - baseLen }
            if p == 2 {
                for a in 0..<m { for b in (a + 1)..<m { best = max(best, value([a, b])) } }
            } else {
                #expect(m >= 8 && m <= 48)
                for a in 0..<m { for b in (a + 1)..<m { for c in (b + 1)..<m { best = max(best, value([a, b, c])) } } }
            }
            let r = try CameraPlacement.run(city: city, request: request(.count(p), types: types, spacing: spacing))
            #expect(r.model.instance.candidateCount <= m)
            let eps = 1e-6 * max(1, best)
            #expect(r.placement.objective <= best + eps)
            #expect(r.placement.upperBound >= best - eps)
            #expect(abs(r.placement.objective - best) <= eps, "spacing \(spacing), p \(p): \(r.placement.objective) vs brute force \(best)")
            let chosen = r.proposed.map { c in model.poses.firstIndex { $0.id == c.pose.id }! }
            #expect(abs(r.newlyCoveredMeters - value(chosen)) <= eps)
        }
    }

    /// Dominance: every dropped pose sees a subset of what some kept pose sees at no higher cost,
    /// and no kept pose is dominated by another kept one (brute force over all pairs).
    @Test func dominatedPosesAreExactlyTheRedundantOnes() throws {
        let city = Town(seed: 7).city
        var all = request(.count(1), uniform: false)
        all.dropDominated = false
        let full = try CameraPlacementModel.build(city: city, request: all)
        let reduced = try CameraPlacementModel.build(city: city, request: request(.count(1), uniform: false))
        // The same demand pieces; poses matched by id.
        #expect(full.instance.demandWeights == reduced.instance.demandWeights)
        let sets = (0..<full.instance.candidateCount).map { Set(full.instance.covers($0)) }
        let cost = full.instance.candidateCosts
        let kept = Set(reduced.poses.map(\.id))
        #expect(reduced.dominatedPoses == full.instance.candidateCount - kept.count)
        #expect(reduced.dominatedPoses > 0)
        for j in 0..<sets.count {
            let id = full.poses[j].id
            let dominators = (0..<sets.count).filter { k in
                k != j && cost[k] <= cost[j] && sets[j].isSubset(of: sets[k])
                    && (sets[k].count > sets[j].count || cost[k] < cost[j] || k < j)
            }
            if kept.contains(id) {
                #expect(dominators.isEmpty, "kept pose \(id) is dominated by \(dominators.map { full.poses[$0].id })")
            } else {
                #expect(!dominators.isEmpty, "dropped pose \(id) has no dominator")
            }
        }
    }

    /// Budget: the plan's cost fits; a coverage target: the plan reaches it (checked by a
    /// `CoverageAnalysis` run) and the objective counts the cameras.
    @Test func budgetAndCoverageTarget() throws {
        let city = Town(seed: 9).city
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let budget = 2_000_000.0
        let rb = try CameraPlacement.run(city: city, request: request(.budgetTenge(budget), uniform: false))
        #expect(rb.costTenge <= budget)
        #expect(abs(rb.costTenge - rb.proposed.reduce(0) { $0 + $1.costTenge }) < 1e-6)
        // A lumpy budget (a few cameras of 450,000 and 600,000 tenge) leaves the LP bound loose; the
        // bound must still hold.
        #expect(rb.placement.upperBound >= rb.placement.objective)
        #expect(rb.placement.objective > 0)
        let target = 0.8
        let rt = try CameraPlacement.run(city: city, request: request(.coveredFraction(target, minimize: .count)))
        #expect(rt.coveredFractionAfter >= target - 1e-9)
        #expect(rt.placement.objective == Double(rt.proposed.count))
        let check = try CoverageAnalysis.run(streets: city.streets, cameras: rt.model.existingCameras + rt.proposed.map(\.pose.camera),
                                             obstacles: obstacles, options: Self.options)
        #expect(check.summary.coveredFraction >= target - 1e-9)
        #expect(abs(check.summary.coveredFraction - rt.coveredFractionAfter) < 1e-9)
    }

    /// Impossible requests: each error says what is possible instead.
    @Test func impossibleRequestsSayWhatIsPossible() throws {
        let city = Town(seed: 9).city
        let model = try CameraPlacementModel.build(city: city, request: request(.count(1)))
        let m = model.instance.candidateCount
        func message(_ goal: CameraPlacementGoal) -> String? {
            do { _ = try CameraPlacement.solve(model, request: request(goal)); return nil } catch let e as CovplanError {
                #expect(e.kind == .usage)
                return e.problem
            } catch { return "\(error)" }
        }
        let tooMany = try #require(message(.count(m + 1)))
        #expect(tooMany.contains("at most \(m)"))
        let poor = try #require(message(.budgetTenge(100_000)))
        #expect(poor.contains("cheapest") && poor.contains("450000"))
        let reach = try #require(message(.coveredFraction(1, minimize: .count)))
        #expect(reach.contains("unreachable") && reach.contains("at most"))
        #expect(message(.count(-1)) != nil)
        #expect(throws: CovplanError.self) { _ = try request(.count(1), types: ["laser"]).candidateTypes() }
        var noCost = request(.count(1), types: ["kiosk"])
        noCost.cameraDefaults.types["kiosk"] = CameraDefaults.TypeValues(fovDeg: 180, rangeMeters: 20)
        do {
            _ = try noCost.candidateTypes()
            Issue.record("a type without a cost was accepted")
        } catch let e as CovplanError {
            #expect(e.problem.contains("no unit cost"))
        }
    }

    /// Same inputs and seed: the same instance (byte for byte) and the same plan.
    @Test func deterministic() throws {
        let city = Town(seed: 13).city
        let a = try CameraPlacement.run(city: city, request: request(.count(4), uniform: false))
        let b = try CameraPlacement.run(city: city, request: request(.count(4), uniform: false))
        #expect(a.model.instance.jsonBytes() == b.model.instance.jsonBytes())
        #expect(a.proposed.map(\.pose.id) == b.proposed.map(\.pose.id))
        #expect(a.placement.objective == b.placement.objective && a.placement.upperBound == b.placement.upperBound)
    }
}
