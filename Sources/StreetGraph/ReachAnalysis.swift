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
    /// Source (post, patrol) locations in the working CRS, and their ids.
    public var sourcePoints: [Point]
    public var sourceIds: [String]
    /// Thresholds in minutes (validated, sorted, deduplicated by the analysis).
    public var minutes: [Double]
    /// Sources, buildings and schools farther than this from the network are not snapped.
    public var maxSnapMeters: Double
    public var buildings: [Building]
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
        let minutes = try Thresholds.validateMinutes(request.minutes)
        guard request.maxSnapMeters.isFinite, request.maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum snap distance must be a non-negative number of metres, got \(request.maxSnapMeters)")
        }
        guard request.sourceIds.count == request.sourcePoints.count else {
            throw CovplanError(.software, "source ids and points differ in count")
        }
        guard !request.sourcePoints.isEmpty else {
            throw CovplanError(.dataError, layer: "sources", "no sources given: the source layer is empty")
        }
        let residents = request.residentsPerBuilding
        guard residents.count == request.buildings.count else {
            throw CovplanError(.usage, "population weights: \(residents.count) values for \(request.buildings.count) buildings")
        }
        let snapper = snapper ?? EdgeSnapper(graph: graph)
        let snaps = snapper.snapAll(request.sourcePoints, maxDistanceMeters: request.maxSnapMeters)
        var snapped: [Int] = [], unsnappedIds: [String] = []
        for (i, s) in snaps.enumerated() {
            if s == nil { unsnappedIds.append(request.sourceIds[i]) } else { snapped.append(i) }
        }
        guard !snapped.isEmpty else {
            throw CovplanError(.dataError, layer: "sources",
                               "none of the \(snaps.count) sources lies within \(request.maxSnapMeters) m of the \(graph.mode.rawValue) network")
        }
        let sources = snapped.map { SearchSource(snaps[$0]!.position) }
        let seconds = minutes.map { $0 * 60 }

        // One search without cut-off serves reach, beats and coverage.
        let times = graph.shortestTimes(from: sources)
        let reach = graph.reach(times: times, sources: sources, thresholdsSeconds: seconds)
        let beats = graph.beats(times: times, sources: sources)
        let isochrones = try request.isochroneBufferMeters.map { try graph.isochrones(of: reach, bufferMeters: $0) } ?? []

        let buildings = request.buildings
        let buildingPoints = buildings.withUnsafeBufferPointer { all in
            let b = ReadOnlyBox(all)
            return ParallelChunks.array(count: all.count, chunkSize: 4096) { i in
                Geometry.multiPolygon(b.value[i].footprint).representativePoint ?? Point(.nan, .nan)
            }
        }
        let homes = Attachments(points: buildingPoints, weights: residents, snapper: snapper, maxSnapMeters: request.maxSnapMeters)
        let schools = Attachments(points: request.schools.map(\.location), weights: request.schools.map { _ in 1 },
                                  snapper: snapper, maxSnapMeters: request.maxSnapMeters)
        let homeTimes = graph.arrival(at: homes, times: times, sources: sources)
        let schoolTimes = graph.arrival(at: schools, times: times, sources: sources)

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
            BeatSummary(source: request.sourceIds[snapped[i]], streetLengthMeters: beats.lengthMetersPerSource[i],
                        residents: residentsPerSource[i], schools: Int(schoolsPerSource[i].rounded()),
                        snapMeters: snaps[snapped[i]]!.distanceMeters)
        }
        let summary = ReachSummary(
            mode: graph.mode.rawValue, thresholds: rows, sources: snapped.count, unsnapped: unsnappedIds.count,
            unsnappedIds: unsnappedIds, maxSnapMeters: request.maxSnapMeters, totalStreetLengthMeters: total,
            residentsTotal: homes.totalWeight, residentsUnattached: homes.unattachedWeight,
            schoolsTotal: request.schools.count, schoolsUnattached: schools.unattachedCount,
            populationMethod: request.populationMethod,
            unreachableLengthMeters: beats.unassignedLengthMeters, beats: beatRows,
            graphComponents: graph.report.componentCount)
        return ReachOutcome(summary: summary, sourceSnaps: snaps, snappedSources: snapped, reach: reach, beats: beats,
                            isochrones: isochrones, buildingTimes: homeTimes, schoolTimes: schoolTimes)
    }
}
