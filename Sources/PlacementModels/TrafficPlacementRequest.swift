import CityModel
import Coverage
import GeoCore
import Placement

/// What an ANPR / Sergek placement must achieve and with what. Defaults are documented per field.
public struct TrafficPlacementRequest: Sendable {
    /// Entries, junction approaches, speed points or trips.
    public var objective: TrafficObjective
    /// Count or budget (most targets read), or a share of the targets to read with the fewest
    /// (or cheapest) cameras. Default: every target some candidate can read, fewest cameras.
    public var goal: CameraPlacementGoal
    /// Camera types offered (keys of `cameraDefaults`; default `anpr`). Types that never read
    /// at the rule's level (e.g. a `fixed` camera at identify) yield no candidates.
    public var types: [String]
    public var costs: CameraCostTable
    public var cameraDefaults: CameraDefaults
    /// Existing cameras (resolved with `cameraDefaults`); what they read is already covered.
    public var existing: [CameraRecord]
    /// Level and heading rule of a read (default identify, 30°).
    public var rule: DirectedReadingRule
    /// Road classes of the traffic network (default `TrafficNetwork.anprClasses`).
    public var classes: Set<String>
    /// Candidate sites along the network every this many metres (default 10), plus the nodes.
    public var spacingMeters: Double
    /// Sites are put on edges within this distance of a target (metres, default 40).
    public var siteReachMeters: Double
    /// Junction approach length, metres (default 30).
    public var approachMeters: Double
    /// Entry stretch either side of the entry point, metres (default 50).
    public var entryWindowMeters: Double
    /// Entries and trip ends farther than this from a traffic street are refused / dropped
    /// (metres, default 150).
    public var maxSnapMeters: Double
    /// Shortest straight stretch for a speed point, metres (default 150).
    public var straightMeters: Double
    /// Entry points (`anpr-entries`), with their ids; `source` names the file in errors.
    public var entries: [(id: String, point: Point)]
    public var entriesSource: String
    /// Declared intersections (`anpr-junctions`; nil = every junction), with their ids.
    public var junctionPoints: [(id: String, point: Point)]? = nil
    public var junctionsSource: String = "junctions"
    /// Trips (`anpr-flow`): origin, destination (metres) and weight (number of trips).
    public var trips: [(id: String, from: Point, to: Point, weight: Double)]
    /// Buildings block the view (default true).
    public var occlusion: Bool
    /// Drop poses another pose dominates (same optimum, smaller instance; default true).
    public var dropDominated: Bool
    public var options: PlacementOptions

    /// Defaults when none are given, metres: candidate spacing, junction approach length,
    /// entry window, straight stretch for speed points.
    public static let defaultSpacingMeters = 10.0
    /// Vehicle trips drawn for the flow objective when nothing else is said.
    public static let defaultTripCount = 2_000
    public static let defaultApproachMeters = 30.0
    public static let defaultEntryWindowMeters = 50.0
    public static let defaultStraightMeters = 150.0

    public init(objective: TrafficObjective, goal: CameraPlacementGoal = .coveredFraction(1, minimize: .count),
                types: [String] = ["anpr"], costs: CameraCostTable = .builtIn, cameraDefaults: CameraDefaults = .builtIn,
                existing: [CameraRecord] = [], rule: DirectedReadingRule = DirectedReadingRule(),
                classes: Set<String> = TrafficNetwork.anprClasses, spacingMeters: Double = TrafficPlacementRequest.defaultSpacingMeters, siteReachMeters: Double = 40,
                approachMeters: Double = TrafficPlacementRequest.defaultApproachMeters, entryWindowMeters: Double = TrafficPlacementRequest.defaultEntryWindowMeters, maxSnapMeters: Double = 150,
                straightMeters: Double = TrafficPlacementRequest.defaultStraightMeters, entries: [(id: String, point: Point)] = [], entriesSource: String = "entries",
                trips: [(id: String, from: Point, to: Point, weight: Double)] = [], occlusion: Bool = true,
                dropDominated: Bool = true, options: PlacementOptions = PlacementOptions()) {
        self.objective = objective
        self.goal = goal
        self.types = types
        self.costs = costs
        self.cameraDefaults = cameraDefaults
        self.existing = existing
        self.rule = rule
        self.classes = classes
        self.spacingMeters = spacingMeters
        self.siteReachMeters = siteReachMeters
        self.approachMeters = approachMeters
        self.entryWindowMeters = entryWindowMeters
        self.maxSnapMeters = maxSnapMeters
        self.straightMeters = straightMeters
        self.entries = entries
        self.entriesSource = entriesSource
        self.trips = trips
        self.occlusion = occlusion
        self.dropDominated = dropDominated
        self.options = options
    }

    /// Throws `CovplanError(.usage)` naming the first impossible setting.
    public func validate() throws {
        func positive(_ v: Double, _ what: String) throws {
            guard v.isFinite, v > 0 else { throw CovplanError(.usage, "\(what) \(v) must be a positive number of metres") }
            try InputLimits.check(v, max: InputLimits.maxMeters, what, why: "a distance within a city")
        }
        try positive(spacingMeters, "site spacing")
        guard spacingMeters >= 1 else { throw CovplanError(.usage, "site spacing \(spacingMeters) m is below 1 m; give 1 m or more") }
        try positive(siteReachMeters, "site reach")
        try positive(approachMeters, "junction approach length")
        try positive(entryWindowMeters, "entry window")
        try positive(maxSnapMeters, "snap distance")
        try positive(straightMeters, "straight stretch length")
        guard rule.headingToleranceDeg.isFinite, rule.headingToleranceDeg >= 0, rule.headingToleranceDeg <= 180 else {
            throw CovplanError(.usage, "heading tolerance \(rule.headingToleranceDeg)° must lie between 0 and 180")
        }
        switch goal {
        case .count(let p) where p < 1: throw CovplanError(.usage, "count \(p): give the number of new cameras (1 or more)")
        case .count(let p): try InputLimits.check(p, max: InputLimits.maxPlacementCount, "count of new cameras", why: "each needs a candidate pose of its own")
        case .budgetTenge(let b) where !(b.isFinite && b > 0): throw CovplanError(.usage, "budget \(b) tenge is not a positive amount")
        case .coveredFraction(let f, _) where !(f.isFinite && f >= 0 && f <= 1):
            throw CovplanError(.usage, "target share \(f) must be a fraction between 0 and 1")
        default: break
        }
        guard !types.isEmpty else { throw CovplanError(.usage, "no camera types given; name at least one (e.g. anpr)") }
        if objective == .entries, entries.isEmpty {
            throw CovplanError(.usage, "the anpr-entries objective needs the city entries (--entries SOURCE: points where roads enter the city)")
        }
        if objective == .flow, trips.isEmpty {
            throw CovplanError(.usage, "the anpr-flow objective needs trips (--trips FILE of origin–destination pairs, or --trip-count N generated)")
        }
        try cameraDefaults.validate()
        _ = try candidateTypes()
    }

    /// The candidate types with views and costs (as `CameraPlacementRequest.candidateTypes`).
    public func candidateTypes() throws -> [CandidateCameraType] {
        var r = CameraPlacementRequest(goal: .count(1), types: types, costs: costs, cameraDefaults: cameraDefaults)
        r.existing = []
        return try r.candidateTypes()
    }
}
