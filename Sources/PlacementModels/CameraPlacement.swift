import CityModel
import Coverage
import Dispatch
import GeoCore
import Placement

/// A proposed new camera, in rank (pick) order.
public struct ProposedCamera: Sendable, Hashable {
    /// 1 = picked first.
    public var rank: Int
    /// The candidate pose (site, heading, type).
    public var pose: CameraPose
    /// Index of the pose in the model's instance.
    public var candidateIndex: Int
    /// Unit cost in tenge.
    public var costTenge: Double
    /// Weighted street metres this camera adds after the cameras ranked before it (objective units).
    public var marginalGain: Double
    /// Plain street metres it adds after the cameras ranked before it.
    public var marginalMeters: Double
    /// Covered fraction of the demand streets with this camera and all ranked before it.
    public var cumulativeCoveredFraction: Double
}

/// The answer of a camera placement: the plan, its proof of quality and what it changes.
///
/// `placement.objective` is the weighted street metres newly seen (counting the road-class and
/// extra weights of `StreetDemandWeighting`) for a count or budget; for a coverage target it is
/// the number of cameras (or tenge). `placement.upperBound` bounds the best possible objective
/// and `placement.gap` is the relative distance between the two. Fractions are of the demand
/// streets' plain length.
public struct CameraPlacementResult: Sendable {
    /// The solver's answer: objective, proven bound, gap, the chosen sites with marginal gains.
    public var placement: PlacementResult
    /// The new cameras, best first.
    public var proposed: [ProposedCamera]
    /// The instance and its street pieces (for export and for checking).
    public var model: CameraPlacementModel
    /// Plain metres of demand street the new cameras see that existing ones do not.
    public var newlyCoveredMeters: Double
    /// Covered fraction of the demand streets before and after.
    public var coveredFractionBefore: Double
    public var coveredFractionAfter: Double
    /// Total unit cost of the new cameras, tenge.
    public var costTenge: Double
    /// Wall-clock seconds of the solve alone (the model reports its own build time).
    public var solveSeconds: Double
    /// For a `.weighted` coverage target: the covered share of the weighted demand after the plan.
    public var weightedFractionAfter: Double? = nil
}

/// Camera placement on a city's streets with occlusion: where the next cameras go, with a proven
/// bound on how far the plan can be from the best one.
///
/// Library entry point (the CLI `covplan place cameras` and the scenario runner call it):
///
///     let result = try CameraPlacement.run(city: city, request: CameraPlacementRequest(goal: .count(48)))
///
/// builds a `CameraPlacementModel` (see there) and solves it with `MaximalCoverage` (count or
/// budget) or `SetCovering` (coverage target) from the `Placement` module.
public enum CameraPlacement {
    /// Builds the model and solves it. Throws like `CameraPlacementModel.build` and `solve`.
    public static func run(city: City, request: CameraPlacementRequest) throws -> CameraPlacementResult {
        let model = try CameraPlacementModel.build(city: city, request: request.effective)
        return try solve(model, request: request)
    }

    /// Solves a built model for the request's goal.
    ///
    /// - Throws: `CovplanError(.usage)` when the count exceeds the candidate poses that would see
    ///   new street, the budget is below the cheapest candidate, or the coverage target is above
    ///   what all candidates together reach — each message says what is possible instead.
    public static func solve(_ model: CameraPlacementModel, request: CameraPlacementRequest) throws -> CameraPlacementResult {
        try request.validate()
        let start = DispatchTime.now().uptimeNanoseconds
        let inst = model.instance
        let m = inst.candidateCount
        let solved: PlacementResult
        switch request.goal {
        case .count(let p):
            if p > m {
                throw CovplanError(.usage, m == 0
                    ? "no candidate camera would see any street the existing cameras do not already see; nothing to place (try more camera types or a smaller --spacing-m)"
                    : "count \(p) is larger than the \(m) candidate camera poses worth installing (the others see nothing new, or only what one of these sees); ask for at most \(m) cameras, or make more candidates (smaller --spacing-m, more --types)")
            }
            var i = inst
            i.limit = .count(p)
            solved = try BoundRefinement.solve(options: request.options, gapTarget: request.gapTarget,
                                                  maxBoundIterations: request.maxBoundIterations) {
                try MaximalCoverage.solve(i, options: $0)
            }
        case .budgetTenge(let b):
            guard m > 0 else {
                throw CovplanError(.usage, "no candidate camera would see any street the existing cameras do not already see; nothing to buy")
            }
            let cheapest = (0..<m).min { inst.candidateCosts[$0] < inst.candidateCosts[$1] || (inst.candidateCosts[$0] == inst.candidateCosts[$1] && $0 < $1) }!
            let c = inst.candidateCosts[cheapest]
            if b < c {
                throw CovplanError(.usage, "budget \(tenge(b)) tenge is below the cheapest candidate camera (\(inst.candidateTypes[cheapest]), \(tenge(c)) tenge); a budget of at least \(tenge(c)) tenge buys one camera")
            }
            var i = inst
            i.limit = .budget(b)
            solved = try BoundRefinement.solve(options: request.options, gapTarget: request.gapTarget,
                                                  maxBoundIterations: request.maxBoundIterations) {
                try MaximalCoverage.solve(i, options: $0)
            }
        case .coveredFraction(let f, let minimize):
            let weighted = request.targetBasis == .weighted
            guard model.weightBasis == request.targetBasis || (!weighted && model.weightBasis == .length) else {
                throw CovplanError(.usage, "the placement model was built for a \(model.weightBasis.rawValue) target, not a \(request.targetBasis.rawValue) one; build it with the same request")
            }
            if weighted, model.totalWeight <= 0, model.streetLengthMeters > 0 {
                throw CovplanError(.usage, "a weighted coverage target needs a model built for it (CameraPlacementModel.build with targetBasis .weighted)")
            }
            let total = weighted ? model.totalWeight : model.streetLengthMeters
            let before = weighted ? model.coveredBeforeWeight : model.coveredBeforeMeters
            let reachable = before + (weighted ? inst.totalDemandWeight : model.coverableMeters)
            let eps = 1e-9 * max(1, total)
            let what = weighted ? "the weighted street length" : "the street length"
            if f * total > reachable + eps {
                let best = total > 0 ? reachable / total : 0
                throw CovplanError(.usage, "coverage target \(pct(f)) of \(what) is unreachable: existing cameras see \(pct(total > 0 ? before / total : 0)) and all \(m) candidate camera poses together reach at most \(pct(best)); lower the target to at most \(floorFraction(best)) or offer more candidates (smaller --spacing-m, more --types)")
            }
            var i = inst
            i.limit = nil
            let need = max(0, f * total - before)
            solved = try BoundRefinement.solve(options: request.options, gapTarget: request.gapTarget,
                                                  maxBoundIterations: request.maxBoundIterations) {
                try SetCovering.solve(i, target: .weight(need), minimize: minimize, options: $0)
            }
        }
        // Cost-aware: no chosen camera where a cheaper candidate keeps the same covered weight.
        let placement = try CheaperSwap.apply(solved, instance: inst)
        let solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        // Rank order = pick order; plain metres and cumulative fractions recomputed from the sets.
        var seen = [Bool](repeating: false, count: inst.demandCount)
        var coveredMeters = model.coveredBeforeMeters
        var newly = 0.0
        var proposed: [ProposedCamera] = []
        for (k, s) in placement.selected.enumerated() {
            var gainM = 0.0
            for d in inst.covers(s.candidate) where !seen[Int(d)] {
                seen[Int(d)] = true
                gainM += model.pieceLengthMeters[Int(d)]
            }
            newly += gainM
            coveredMeters += gainM
            proposed.append(ProposedCamera(
                rank: k + 1, pose: model.poses[s.candidate], candidateIndex: s.candidate, costTenge: s.costTenge,
                marginalGain: s.marginalGain, marginalMeters: gainM,
                cumulativeCoveredFraction: model.streetLengthMeters > 0 ? coveredMeters / model.streetLengthMeters : 0))
        }
        let total = model.streetLengthMeters
        var weightedAfter: Double? = nil
        if case .coveredFraction = request.goal, request.targetBasis == .weighted, model.totalWeight > 0 {
            weightedAfter = (model.coveredBeforeWeight + inst.coveredWeight(by: placement.selected.map(\.candidate))) / model.totalWeight
        }
        return CameraPlacementResult(
            placement: placement, proposed: proposed, model: model, newlyCoveredMeters: newly,
            coveredFractionBefore: model.coveredFractionBefore,
            coveredFractionAfter: total > 0 ? (model.coveredBeforeMeters + newly) / total : 0,
            costTenge: placement.costTenge, solveSeconds: solveSeconds, weightedFractionAfter: weightedAfter)
    }

    static func tenge(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 9e15 ? String(Int64(v)) : String(v)
    }

    static func pct(_ f: Double) -> String { "\(((f * 1000).rounded(.down)) / 10) %" }

    /// A fraction rounded down to 4 decimals (so that "at most X" is reachable as printed).
    static func floorFraction(_ f: Double) -> String { "\((f * 10_000).rounded(.down) / 10_000)" }
}
