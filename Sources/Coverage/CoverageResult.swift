import GeoCore

/// Everything a coverage run produces, as plain values in the working CRS (metres).
///
/// Lengths are planar metres along street centre lines. Street positions (`fromMeters`,
/// `toMeters`) are distances from the street line's first vertex. Arrays are in a deterministic
/// order (streets in input order, then along the street; gaps by rank).
public struct CoverageResult: Sendable {
    /// The headline numbers (serialised as `summary.json`).
    public var summary: CoverageSummary
    /// The cameras used, resolved, in input order.
    public var cameras: [Camera]
    /// Camera records not used, with the reason.
    public var skippedCameras: [SkippedCamera]
    /// Each camera's visibility region as polygons (empty when viewsheds were not requested).
    public var viewsheds: [Viewshed]
    /// Every street cut into maximal runs of equal camera count and district (count 0 included).
    public var runs: [CoverageRun]
    /// The runs seen by at least one camera.
    public var coveredPieces: [CoveredPiece]
    /// Uncovered stretches of at least `minGapMeters`, best rank first.
    public var gaps: [CoverageGap]
    /// Coverage of each facility's surroundings, in input order.
    public var facilities: [FacilityCoverage]
    /// The cameras as the headline counts them: each clipped to the band in which it delivers
    /// `summary.coveredLevel` by day (`Camera.limited(to:)`), those that deliver it nowhere left
    /// out; `cameras` itself when no level is set.
    public var seeingCameras: [Camera] {
        guard let level = summary.coveredLevel else { return cameras }
        return cameras.compactMap { $0.limited(to: level) }
    }
    /// Cameras without a heading, ranked by how much knowing their heading would change the
    /// headline covered length (empty when every camera has a heading or the heading range was
    /// not computed). See `HeadingSurvey`.
    public var headingSurvey: [HeadingSurveyEntry] = []
    /// The streets cut into stretches by the highest DORI level at which they are seen, by day
    /// and by night (empty unless levels and geometries were computed). For each light, the
    /// stretches with `level ≥ L` add up to `by_level[L]` (`by_level_night[L]`).
    public var levelPieces: [LevelPiece] = []
    /// Wall-clock seconds per phase of the run, for `--timings` (not part of any output file).
    public var timings: [(phase: String, seconds: Double)] = []
}

/// One camera's visibility polygons (see `VisibilityRegion.polygons(arcStepDeg:)`).
public struct Viewshed: Sendable, Hashable {
    public var cameraId: String
    public var cameraIndex: Int
    /// The visible region; arcs drawn as chords (display only: lengths are computed exactly).
    public var polygons: [Polygon]
    /// Area of `polygons`, m².
    public var areaM2: Double
}

/// A stretch of one street with a constant number of cameras seeing it and one district.
public struct CoverageRun: Sendable, Hashable {
    /// Index into the street list.
    public var streetIndex: Int
    /// Start and end, metres from the street line's first vertex.
    public var fromMeters: Double
    public var toMeters: Double
    /// Number of distinct cameras seeing every point of the run (0 = uncovered).
    public var cameraCount: Int
    /// Index into the district list, −1 when outside every district (or none given).
    public var districtIndex: Int

    public var lengthMeters: Double { toMeters - fromMeters }
}

/// A covered stretch of street, for `coverage.geojson`.
public struct CoveredPiece: Sendable, Hashable {
    public var streetIndex: Int
    public var streetId: String
    public var streetName: String?
    public var roadClass: String
    public var fromMeters: Double
    public var toMeters: Double
    public var lengthMeters: Double
    /// Distinct cameras seeing it (1, 2, 3, ...).
    public var cameraCount: Int
    /// District id, nil outside districts.
    public var district: String?
    /// The stretch as a line in the working CRS.
    public var points: [Point]
}

/// An uncovered stretch of street at least `minGapMeters` long, for `gaps.geojson`.
public struct CoverageGap: Sendable, Hashable {
    /// 1 = most important.
    public var rank: Int
    public var streetIndex: Int
    public var streetId: String
    public var streetName: String?
    public var roadClass: String
    /// The district holding most of the gap's length (nil outside districts).
    public var district: String?
    public var fromMeters: Double
    public var toMeters: Double
    public var lengthMeters: Double
    /// The road-class weight used (see `RoadClassWeights`).
    public var weight: Double
    /// `lengthMeters × weight`.
    public var score: Double
    /// The stretch as a line in the working CRS.
    public var points: [Point]
}

/// How much of a facility's surroundings the cameras see.
///
/// The surroundings are the footprint's outer outline(s) when the facility has a footprint
/// (walls or school-ground fence facing the street), else a circle of
/// `CoverageOptions.facilityRadiusMeters` around its point (drawn with 72 chords).
public struct FacilityCoverage: Sendable, Hashable {
    public var facilityId: String
    public var name: String?
    public var kind: String
    /// Length of the surroundings line, metres.
    public var outlineMeters: Double
    /// Length of it seen by at least one camera, metres.
    public var coveredMeters: Double
    /// `coveredMeters / outlineMeters` (0 for an empty outline).
    public var coveredFraction: Double
    /// `true` when at least `CoverageOptions.facilitySeenMinMeters` of the surroundings is seen.
    public var isSeen: Bool
    /// Ids of the cameras seeing some of it, sorted.
    public var cameraIds: [String]
    /// `"outline"` or `"radius"`.
    public var surroundings: String
}

/// A stretch of street seen at one highest DORI level (and one district), for the
/// `coverage_by_level` layer.
public struct LevelPiece: Sendable, Hashable {
    public var streetIndex: Int
    public var streetId: String
    public var streetName: String?
    public var roadClass: String
    /// District id, nil outside districts.
    public var district: String?
    public var fromMeters: Double
    public var toMeters: Double
    public var lengthMeters: Double { toMeters - fromMeters }
    /// The highest level at which some camera sees the whole stretch.
    public var level: DoriLevel
    public var light: LightCondition
    /// The stretch as a line in the working CRS.
    public var points: [Point]
}
