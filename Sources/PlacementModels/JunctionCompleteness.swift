import CityModel
import Coverage
import GeoCore

/// One junction's completeness: how many of its approaches the cameras see.
public struct JunctionCoverage: Sendable, Hashable {
    public var junction: TrafficJunction
    /// Per approach (in `junction.approaches` order): metres of the approach stretch seen.
    public var seenMeters: [Double]
    /// Per approach: seen (at least `seenShare` of its length).
    public var seen: [Bool]

    public var approachCount: Int { junction.approaches.count }
    public var seenCount: Int { seen.filter { $0 }.count }
    /// Every approach seen (a junction with no approach is not complete).
    public var isComplete: Bool { approachCount > 0 && seenCount == approachCount }
}

/// Intersection completeness (issue 17, point 4): for each junction of the traffic network, the
/// approaches — the last `approachMeters` of every street piece entering the node — that cameras
/// see at a DORI level, out of all approaches.
///
/// An approach counts as seen when the cameras together see at least `seenShare` (default 0.5)
/// of its length at the level (`Camera.limited(to:)`, exact occluded coverage). With a
/// directional rule (`DirectedReadingRule.directional`, e.g. identify for plates) only cameras
/// facing the traffic entering the junction count. A junction is complete when every approach
/// is seen.
public struct JunctionCompletenessOptions: Sendable, Hashable {
    public var rule: DirectedReadingRule
    public var approachMeters: Double
    public var seenShare: Double
    /// Road classes of the network whose junctions are assessed (default the traffic roads).
    public var classes: Set<String>
    public var occlusion: Bool

    public init(rule: DirectedReadingRule = DirectedReadingRule(level: .observe, directional: false), approachMeters: Double = 30,
                seenShare: Double = 0.5, classes: Set<String> = TrafficNetwork.anprClasses, occlusion: Bool = true) {
        self.rule = rule
        self.approachMeters = approachMeters
        self.seenShare = seenShare
        self.classes = classes
        self.occlusion = occlusion
    }

    /// Throws `CovplanError(.usage)` for a non-positive approach length or a share outside (0, 1].
    public func validate() throws {
        guard approachMeters.isFinite, approachMeters > 0 else {
            throw CovplanError(.usage, "approach length \(approachMeters) m must be a positive number of metres")
        }
        try InputLimits.check(approachMeters, max: InputLimits.maxMeters, "approach length", why: "a distance within a city")
        guard seenShare.isFinite, seenShare > 0, seenShare <= 1 else {
            throw CovplanError(.usage, "seen share \(seenShare) must lie in (0, 1]")
        }
    }
}

/// The result over all junctions, with totals.
public struct JunctionCompletenessResult: Sendable {
    public var junctions: [JunctionCoverage]
    public var options: JunctionCompletenessOptions
    public var network: TrafficNetwork
    /// The cameras as resolved (working CRS, defaults filled in).
    public var cameras: [Camera] = []

    public var junctionCount: Int { junctions.count }
    public var completeCount: Int { junctions.filter(\.isComplete).count }
    public var approachCount: Int { junctions.reduce(0) { $0 + $1.approachCount } }
    public var seenApproachCount: Int { junctions.reduce(0) { $0 + $1.seenCount } }
}

public enum JunctionCompleteness {
    /// Resolves camera records as `covplan coverage` does (`resolver`, buildings for the mounting
    /// snap, nearest-street headings on the city's streets) and runs `run(city:cameras:options:)`.
    public static func run(city: City, records: [CameraRecord], resolver: CameraResolver,
                           options: JunctionCompletenessOptions = .init()) throws -> JunctionCompletenessResult {
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let cams = try resolver.resolve(records, obstacles: obstacles, streets: LineSet(lines: city.streets.map(\.points))).cameras
        var r = try run(city: city, cameras: cams, options: options)
        r.cameras = cams
        return r
    }

    /// Junction completeness of `city` with `cameras` (resolved, working CRS).
    ///
    /// - Throws: `CovplanError(.usage)` for bad options or a city without traffic streets;
    ///   `.dataError` naming a camera with impossible values.
    /// - Complexity: one exact coverage pass of the cameras over the network edges, then O(A)
    ///   for A approaches (a dictionary by edge and direction).
    public static func run(city: City, cameras: [Camera], options: JunctionCompletenessOptions = .init()) throws
        -> JunctionCompletenessResult {
        try options.validate()
        let network = try TrafficNetwork(city: city, classes: options.classes)
        let obstacles = options.occlusion ? ObstacleIndex(buildings: city.buildings) : .empty
        let reads = try network.readings(of: cameras, rule: options.rule, obstacles: obstacles, occlusion: options.occlusion)
        // Union of all cameras' stretches per (edge, direction).
        var byKey: [Int64: [DirectedStretch]] = [:]
        for s in reads.flatMap({ $0 }) { byKey[TargetIndex.key(s), default: []].append(s) }
        let merged = byKey.mapValues { TrafficNetwork.merged($0) }
        var out: [JunctionCoverage] = []
        for j in network.junctions(approachMeters: options.approachMeters) {
            var metres: [Double] = []
            var seen: [Bool] = []
            for a in j.approaches {
                let w = a.stretch
                var m = 0.0
                for s in merged[TargetIndex.key(w)] ?? [] {
                    m += max(0, min(s.toMeters, w.toMeters) - max(s.fromMeters, w.fromMeters))
                }
                metres.append(m)
                seen.append(w.lengthMeters > 0 && m >= options.seenShare * w.lengthMeters - 1e-9)
            }
            out.append(JunctionCoverage(junction: j, seenMeters: metres, seen: seen))
        }
        return JunctionCompletenessResult(junctions: out, options: options, network: network, cameras: cameras)
    }
}
