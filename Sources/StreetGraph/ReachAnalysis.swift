import CityModel
import GeoCore

/// Coverage within one time threshold (a row of `summary.json`'s `thresholds`).
public struct ThresholdCoverage: Sendable, Hashable, Codable {
    public var minutes: Double
    /// Street length reached within the threshold, in metres.
    public var streetLengthMeters: Double
    /// `streetLengthMeters` ÷ the graph's total length (0 for an empty graph).
    public var streetFraction: Double
    /// Residents (population weights) of buildings reached within the threshold.
    public var residents: Double
    /// Schools reached within the threshold.
    public var schools: Int

    enum CodingKeys: String, CodingKey {
        case minutes
        case streetLengthMeters = "street_length_m"
        case streetFraction = "street_fraction"
        case residents, schools
    }
}

/// One source's beat (its network-Voronoi share).
public struct BeatSummary: Sendable, Hashable, Codable {
    public var source: String
    public var streetLengthMeters: Double
    public var residents: Double
    public var schools: Int
    /// Snap distance of the source in metres.
    public var snapMeters: Double

    enum CodingKeys: String, CodingKey {
        case source
        case streetLengthMeters = "street_length_m"
        case residents, schools
        case snapMeters = "snap_m"
    }
}

/// The summary of a reach run (`summary.json`).
public struct ReachSummary: Sendable, Hashable, Codable {
    public var mode: String
    public var thresholds: [ThresholdCoverage]
    /// Sources snapped onto the network.
    public var sources: Int
    /// Sources farther than `maxSnapMeters` from the network.
    public var unsnapped: Int
    public var unsnappedIds: [String]
    public var maxSnapMeters: Double
    public var totalStreetLengthMeters: Double
    public var residentsTotal: Double
    /// Residents of buildings farther than `maxSnapMeters` from the network (never counted as reached).
    public var residentsUnattached: Double
    public var schoolsTotal: Int
    public var schoolsUnattached: Int
    public var populationMethod: String
    /// Street length no source reaches at all, in metres.
    public var unreachableLengthMeters: Double
    public var beats: [BeatSummary]
    public var graphComponents: Int

    enum CodingKeys: String, CodingKey {
        case mode, thresholds, sources, unsnapped
        case unsnappedIds = "unsnapped_ids"
        case maxSnapMeters = "max_snap_m"
        case totalStreetLengthMeters = "total_street_length_m"
        case residentsTotal = "residents_total"
        case residentsUnattached = "residents_unattached"
        case schoolsTotal = "schools_total"
        case schoolsUnattached = "schools_unattached"
        case populationMethod = "population_method"
        case unreachableLengthMeters = "unreachable_length_m"
        case beats
        case graphComponents = "graph_components"
    }
}

/// Inputs of a reach analysis (plain values; the CLI fills them from files and flags).
public struct ReachRequest: Sendable {
    /// Response-time thresholds used when none are given, minutes (`--minutes`, `response_minutes`).
    public static let defaultMinutes: [Double] = [3, 5, 10]

    /// Source (post, patrol) locations in the working CRS, and their ids.
    public var sourcePoints: [Point]
    public var sourceIds: [String]
    /// Thresholds in minutes (validated, sorted, deduplicated by the analysis).
    public var minutes: [Double]
    /// Sources, buildings and schools farther than this from the network are not snapped.
    public var maxSnapMeters: Double
    public var buildings: [Building]
    /// The buildings as residents figures alone (a prepared city read with
    /// `CityReadOptions.buildingsForStoredSnapsOnly`), used instead of `buildings` when set: their
    /// snaps must be the ones the prepared city stores for this graph and snap distance
    /// (registered under `centroids`), or the analysis is refused (they have no footprint to snap).
    public var buildingFigures: BuildingFigures?
    /// Residents per building (same order as `buildings`), from the one population model
    /// (`CityModel.ResidentsModel`, or census/raster estimates) the caller chose.
    public var residentsPerBuilding: [Double]
    /// Name of the population method, for outputs.
    public var populationMethod: String
    public var schools: [Facility]
    /// Buffer width for isochrones in metres; nil skips isochrones.
    public var isochroneBufferMeters: Double?

    public init(sourcePoints: [Point], sourceIds: [String], minutes: [Double], maxSnapMeters: Double = SnapDefaults.maxSnapMeters,
                buildings: [Building] = [], residentsPerBuilding: [Double] = [],
                populationMethod: String = "none", schools: [Facility] = [], isochroneBufferMeters: Double? = 50) {
        self.sourcePoints = sourcePoints
        self.sourceIds = sourceIds
        self.minutes = minutes
        self.maxSnapMeters = maxSnapMeters
        self.buildings = buildings
        self.residentsPerBuilding = residentsPerBuilding
        self.populationMethod = populationMethod
        self.schools = schools
        self.isochroneBufferMeters = isochroneBufferMeters
    }
}

/// Everything a reach analysis produces.
public struct ReachOutcome: Sendable {
    public var summary: ReachSummary
    /// Snap of each requested source (nil when unsnapped), in request order.
    public var sourceSnaps: [Snap?]
    /// Indices (into the request's sources) of the snapped sources; search source `i` is
    /// request source `snappedSources[i]`. Labels in `reach`/`beats` refer to search sources.
    public var snappedSources: [Int]
    public var reach: Reach
    public var beats: Beats
    public var isochrones: [Isochrone]
    /// Arrival times at buildings and schools.
    public var buildingTimes: AttachmentTimes
    public var schoolTimes: AttachmentTimes
}

/// Multi-source reach, response coverage and patrol beats in one run.
public enum ReachAnalysis {
    /// Runs the analysis: snaps sources, one full multi-source Dijkstra, reach pieces per
    /// threshold, isochrones, beats, and coverage of residents and schools.
    ///
    /// - Throws: `CovplanError(.dataError)` when there are no sources or none lies within
    ///   `maxSnapMeters` of the network; `CovplanError(.usage)` for bad thresholds, a bad snap
    ///   distance or a population array of the wrong length.
    public static func run(graph: RoadGraph, snapper: EdgeSnapper? = nil, request: ReachRequest) throws -> ReachOutcome {
        _ = try Thresholds.validateMinutes(request.minutes)
        guard request.maxSnapMeters.isFinite, request.maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum snap distance must be a non-negative number of metres, got \(request.maxSnapMeters)")
        }
        try PreparedReach.checkSources(points: request.sourcePoints, ids: request.sourceIds)
        let prepared = try PreparedReach(graph: graph, snapper: snapper, request: request)
        return try prepared.run(sourcePoints: request.sourcePoints, sourceIds: request.sourceIds,
                                isochroneBufferMeters: request.isochroneBufferMeters)
    }
}

/// A reach analysis with everything that does not depend on the sources done once: thresholds
/// validated, buildings and schools snapped to the network. `run` then gives exactly what
/// `ReachAnalysis.run` gives for the same request with the given sources (it is the same code:
/// `ReachAnalysis.run` prepares and runs).
public struct PreparedReach: Sendable {
    public let graph: RoadGraph
    public let snapper: EdgeSnapper
    /// Thresholds in minutes (validated, sorted, deduplicated) and in seconds.
    public let minutes: [Double]
    public let seconds: [Double]
    public let maxSnapMeters: Double
    public let populationMethod: String
    public let schoolCount: Int
    /// Buildings (weights: residents) and schools (weight 1) attached to the network.
    public let homes: Attachments
    public let schools: Attachments

    /// Throws as `ReachAnalysis.run` for bad thresholds, snap distance or population weights, and
    /// the prepared city's one-line `.dataError` when its stored snaps of these buildings or
    /// schools are corrupt (`StoredSnaps`).
    public init(graph: RoadGraph, snapper: EdgeSnapper? = nil, request: ReachRequest) throws {
        minutes = try Thresholds.validateMinutes(request.minutes)
        guard request.maxSnapMeters.isFinite, request.maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum snap distance must be a non-negative number of metres, got \(request.maxSnapMeters)")
        }
        let residents = request.residentsPerBuilding
        let buildingCount = request.buildingFigures?.count ?? request.buildings.count
        guard residents.count == buildingCount else {
            throw CovplanError(.usage, "population weights: \(residents.count) values for \(buildingCount) buildings")
        }
        let snapper = snapper ?? EdgeSnapper(graph: graph)
        self.graph = graph
        self.snapper = snapper
        seconds = minutes.map { $0 * 60 }
        maxSnapMeters = request.maxSnapMeters
        populationMethod = request.populationMethod
        schoolCount = request.schools.count
        // Buildings and schools: the snaps stored with a prepared city's graph when they answer
        // this question (the same values), else snapped here.
        let max = request.maxSnapMeters
        if let figures = request.buildingFigures {
            guard let stored = try StoredSnaps.registered(figures.centroids, .buildings, graph: graph, maxSnapMeters: max) else {
                throw CovplanError(.usage, "the buildings were read without footprints for the snaps a prepared city stores, but those do not answer this reach (another graph or snap distance than \(SnapDefaults.maxSnapMeters) m); read the buildings in full")
            }
            homes = Attachments(positions: stored, weights: residents)
        } else if let stored = try StoredSnaps.registered(request.buildings, .buildings, graph: graph, maxSnapMeters: max) {
            homes = Attachments(positions: stored, weights: residents)
        } else {
            homes = Attachments(points: StoredSnaps.points(of: request.buildings), weights: residents, snapper: snapper, maxSnapMeters: max)
        }
        let schoolWeights = request.schools.map { _ in 1.0 }
        if let stored = try StoredSnaps.registered(request.schools, .schools, graph: graph, maxSnapMeters: max) {
            schools = Attachments(positions: stored, weights: schoolWeights)
        } else {
            schools = Attachments(points: request.schools.map(\.location), weights: schoolWeights, snapper: snapper, maxSnapMeters: max)
        }
    }

    /// Refuses sources the analysis cannot run from (ids and points differ in count, none given).
    static func checkSources(points: [Point], ids: [String]) throws {
        guard ids.count == points.count else {
            throw CovplanError(.software, "source ids and points differ in count")
        }
        guard !points.isEmpty else {
            throw CovplanError(.dataError, layer: "sources", "no sources given: the source layer is empty")
        }
    }

    /// The snap of each source point (nil beyond `maxSnapMeters`), as `run` snaps them.
    public func snaps(_ points: [Point]) -> [Snap?] {
        snapper.snapAll(points, maxDistanceMeters: maxSnapMeters)
    }

    /// The analysis from `sourcePoints`. `sourceSnaps`, when given, must be `snaps(sourcePoints)`
    /// (a caller that keeps each source's snap need not snap all again); `times`, when given, must
    /// be `graph.shortestTimes(from:)` of the snapped sources in order (an incremental search).
    /// Isochrones only with a buffer width. Throws as `ReachAnalysis.run`.
    public func run(sourcePoints: [Point], sourceIds: [String], sourceSnaps: [Snap?]? = nil,
                    times givenTimes: NodeTimes? = nil, isochroneBufferMeters: Double?) throws -> ReachOutcome {
        try Self.checkSources(points: sourcePoints, ids: sourceIds)
        let snaps = sourceSnaps ?? snaps(sourcePoints)
        guard snaps.count == sourcePoints.count else { throw CovplanError(.software, "source snaps and points differ in count") }
        var snapped: [Int] = [], unsnappedIds: [String] = []
        for (i, s) in snaps.enumerated() {
            if s == nil { unsnappedIds.append(sourceIds[i]) } else { snapped.append(i) }
        }
        guard !snapped.isEmpty else {
            throw CovplanError(.dataError, layer: "sources",
                               "none of the \(snaps.count) sources lies within \(maxSnapMeters) m of the \(graph.mode.rawValue) network")
        }
        let sources = snapped.map { SearchSource(snaps[$0]!.position) }

        // One search without cut-off serves reach, beats and coverage.
        let times = givenTimes ?? graph.shortestTimes(from: sources)
        // Reach (and its isochrones) on one thread, beats and arrivals on the other: each reads
        // only the times, so the result is the same as running them one after the other.
        let (reachPart, beatsPart) = try ParallelChunks.tryBoth({ () throws -> (Reach, [Isochrone]) in
            let reach = graph.reach(times: times, sources: sources, thresholdsSeconds: seconds)
            return (reach, try isochroneBufferMeters.map { try graph.isochrones(of: reach, bufferMeters: $0) } ?? [])
        }, {
            (graph.beats(times: times, sources: sources),
             graph.arrival(at: homes, times: times, sources: sources),
             graph.arrival(at: schools, times: times, sources: sources))
        })
        let (reach, isochrones) = reachPart
        let (beats, homeTimes, schoolTimes) = beatsPart

        let total = reach.totalLengthMeters
        let rows = minutes.indices.map { i in
            ThresholdCoverage(
                minutes: minutes[i], streetLengthMeters: reach.reachedLengthMeters[i],
                streetFraction: total > 0 ? reach.reachedLengthMeters[i] / total : 0,
                residents: homeTimes.weight(within: seconds[i], of: homes),
                schools: Int(schoolTimes.weight(within: seconds[i], of: schools).rounded()))
        }
        let residentsPerSource = homeTimes.weightPerSource(sources.count, of: homes)
        let schoolsPerSource = schoolTimes.weightPerSource(sources.count, of: schools)
        let beatRows = sources.indices.map { i in
            BeatSummary(source: sourceIds[snapped[i]], streetLengthMeters: beats.lengthMetersPerSource[i],
                        residents: residentsPerSource[i], schools: Int(schoolsPerSource[i].rounded()),
                        snapMeters: snaps[snapped[i]]!.distanceMeters)
        }
        let summary = ReachSummary(
            mode: graph.mode.rawValue, thresholds: rows, sources: snapped.count, unsnapped: unsnappedIds.count,
            unsnappedIds: unsnappedIds, maxSnapMeters: maxSnapMeters, totalStreetLengthMeters: total,
            residentsTotal: homes.totalWeight, residentsUnattached: homes.unattachedWeight,
            schoolsTotal: schoolCount, schoolsUnattached: schools.unattachedCount,
            populationMethod: populationMethod,
            unreachableLengthMeters: beats.unassignedLengthMeters, beats: beatRows,
            graphComponents: graph.report.componentCount)
        return ReachOutcome(summary: summary, sourceSnaps: snaps, snappedSources: snapped, reach: reach, beats: beats,
                            isochrones: isochrones, buildingTimes: homeTimes, schoolTimes: schoolTimes)
    }
}
