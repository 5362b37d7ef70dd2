import CityModel
import Coverage
import GeoCore
import Placement

/// What a camera placement must achieve.
public enum CameraPlacementGoal: Sendable, Equatable {
    /// Exactly up to this many new cameras (MCLP with a count).
    case count(Int)
    /// New cameras whose unit costs add up to at most this many tenge (budgeted MCLP).
    case budgetTenge(Double)
    /// The fewest (or cheapest) new cameras that bring the covered fraction of the demand streets
    /// to at least this fraction (partial LSCP). The fraction is of plain street length unless the
    /// request's `targetBasis` is `.weighted` (then of the weighted demand).
    case coveredFraction(Double, minimize: SetCoveringObjective)

    /// The instance limit of a count or budget; nil for a coverage target.
    public var limit: PlacementLimit? {
        switch self {
        case .count(let p): return .count(p)
        case .budgetTenge(let b): return .budget(b)
        case .coveredFraction: return nil
        }
    }
}

/// What a coverage target (`CameraPlacementGoal.coveredFraction`) is a fraction of.
public enum TargetBasis: String, Sendable, Equatable, CaseIterable {
    /// Plain street metres (the default): road-class, school and incident weights are ignored, so
    /// the plan and its bound are the same whether or not weights are set.
    case length
    /// Weighted street metres (`StreetDemandWeighting`): the target is a share of the weighted
    /// demand, covered weight counted the same way.
    case weighted
}

/// Everything a camera placement needs besides the city. Defaults are documented per field.
public struct CameraPlacementRequest: Sendable {
    /// Count, budget or coverage target.
    public var goal: CameraPlacementGoal
    /// Camera types offered as candidates (keys of `cameraDefaults`; default `fixed` and `dome`).
    public var types: [String]
    /// Unit costs in tenge (default the documented placeholder table).
    public var costs: CameraCostTable
    /// Per-type field of view and range, for candidates and for resolving existing cameras.
    public var cameraDefaults: CameraDefaults
    /// Existing cameras; nil = the cameras mapped in the city, [] = none. Their coverage is taken
    /// out of the demand (never removed, never re-bought).
    public var existing: [CameraRecord]?
    /// Skip existing camera records with impossible values (listed in the result) instead of
    /// failing.
    public var skipInvalidExisting: Bool
    /// Distance between candidate sites along streets, metres (default 25).
    public var spacingMeters: Double
    /// Candidate sites at junctions (default true).
    public var junctionSites: Bool
    /// Corner headings (bisectors between street arms) at junctions (default true).
    public var cornerHeadings: Bool
    /// Buildings block the view (default true).
    public var occlusion: Bool
    /// Demand weights; ignored (plain metres) for a `coveredFraction` goal unless `targetBasis` is
    /// `.weighted`.
    public var weighting: StreetDemandWeighting
    /// What a coverage target is a fraction of (default `.length`: plain street metres).
    public var targetBasis: TargetBasis = .length
    /// Drop candidate poses another pose dominates (a superset of street pieces at no higher
    /// cost): the optimum is unchanged and the instance far smaller (default true).
    public var dropDominated: Bool = true
    /// Solver knobs and seed.
    public var options: PlacementOptions
    /// When the first solve's gap is above this, the bound is tightened with more subgradient
    /// iterations (×4 per round) up to `maxBoundIterations` (default 0.02 and 4,800).
    public var gapTarget: Double = 0.02
    /// The DORI level at which existing and candidate cameras count as seeing (default observe,
    /// as `CoverageOptions.coveredLevel`): each is clipped to `Camera.band(at:)`. Nil: plan range.
    public var coveredLevel: DoriLevel? = .observe
    public var maxBoundIterations: Int = 4_800

    /// Candidate spacing along streets when none is given, metres.
    public static let defaultSpacingMeters = 25.0

    /// Camera types offered when none are named.
    public static let defaultTypes = ["fixed", "dome"]

    public init(goal: CameraPlacementGoal, types: [String] = CameraPlacementRequest.defaultTypes, costs: CameraCostTable = .builtIn,
                cameraDefaults: CameraDefaults = .builtIn, existing: [CameraRecord]? = nil, skipInvalidExisting: Bool = false,
                spacingMeters: Double = CameraPlacementRequest.defaultSpacingMeters, junctionSites: Bool = true, cornerHeadings: Bool = true, occlusion: Bool = true,
                weighting: StreetDemandWeighting = StreetDemandWeighting(), options: PlacementOptions = PlacementOptions()) {
        self.goal = goal
        self.types = types
        self.costs = costs
        self.cameraDefaults = cameraDefaults
        self.existing = existing
        self.skipInvalidExisting = skipInvalidExisting
        self.spacingMeters = spacingMeters
        self.junctionSites = junctionSites
        self.cornerHeadings = cornerHeadings
        self.occlusion = occlusion
        self.weighting = weighting
        self.options = options
    }

    /// Throws `CovplanError(.usage)` for an impossible goal, spacing or weighting.
    public func validate() throws {
        switch goal {
        case .count(let p) where p < 0:
            throw CovplanError(.usage, "count \(p) is negative; give the number of new cameras (1 or more)")
        case .budgetTenge(let b) where !(b.isFinite && b >= 0):
            throw CovplanError(.usage, "budget \(b) tenge is not a finite amount ≥ 0")
        case .coveredFraction(let f, _) where !(f.isFinite && f >= 0 && f <= 1):
            throw CovplanError(.usage, "coverage target \(f) must be a fraction between 0 and 1 (e.g. 0.95)")
        default: break
        }
        guard !spacingMeters.isNaN, spacingMeters > 0 else {
            throw CovplanError(.usage, "site spacing \(spacingMeters) m must be a positive number of metres")
        }
        if case .count(let p) = goal {
            try InputLimits.check(p, max: InputLimits.maxPlacementCount, "count of new cameras", why: "each needs a candidate pose of its own")
        }
        guard !types.isEmpty else { throw CovplanError(.usage, "no camera types given; name at least one (e.g. fixed,dome)") }
        try weighting.validate()
        try cameraDefaults.validate()
        if case .budgetTenge(let b) = goal, let cheapest = try candidateTypes().min(by: { $0.unitCostTenge < $1.unitCostTenge }),
           b < cheapest.unitCostTenge {
            throw CovplanError(.usage, "budget \(CameraPlacement.tenge(b)) tenge is below the cheapest candidate camera (\(cheapest.name), \(CameraPlacement.tenge(cheapest.unitCostTenge)) tenge); a budget of at least \(CameraPlacement.tenge(cheapest.unitCostTenge)) tenge buys one camera")
        }
    }

    /// Throws `CovplanError(.usage)` when `streetLengthMeters ÷ spacingMeters` candidate sites
    /// would exceed `InputLimits.maxCandidateSites` (each site has several headings × types of
    /// ≈ 1 KiB of coverage intervals), naming the smallest spacing that fits.
    public func checkSize(streetLengthMeters: Double) throws {
        try PlacementSize.checkSites(streetLengthMeters: streetLengthMeters, spacingMeters: spacingMeters)
    }

    /// The candidate types with their views and costs.
    /// - Throws: `CovplanError(.usage)` for an unknown type or one without a cost, listing the
    ///   known ones.
    public func candidateTypes() throws -> [CandidateCameraType] {
        var out: [CandidateCameraType] = []
        var seen = Set<String>()
        for raw in types {
            let (key, matched) = cameraDefaults.typeKey(type: raw, surveillance: nil)
            guard matched, let v = cameraDefaults.types[key] else {
                throw CovplanError(.usage, "unknown camera type '\(raw)'; known types: \(cameraDefaults.types.keys.sorted().joined(separator: ", "))")
            }
            guard let cost = costs.cost(of: key) else {
                throw CovplanError(.usage, "camera type '\(key)' has no unit cost; give one in the cost file (types with costs: \(costs.unitCostTenge.keys.sorted().joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else { continue }
            out.append(CandidateCameraType(name: key, fovDeg: v.fovDeg, rangeMeters: v.rangeMeters,
                                           minRangeMeters: v.minRangeMeters, unitCostTenge: cost, optics: v.optics))
        }
        return out
    }

    /// The request as the model is built for it: a coverage target on `.length` counts plain
    /// metres (weights dropped), anything else keeps its weights.
    var effective: CameraPlacementRequest {
        guard case .coveredFraction = goal, targetBasis == .length else { return self }
        var r = self
        r.weighting.roadClassWeights = .uniform
        r.weighting.schoolFactor = 1
        r.weighting.incidents = []
        return r
    }
}
