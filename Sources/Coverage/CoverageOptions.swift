import GeoCore

/// Settings of a coverage run.
public struct CoverageOptions: Sendable, Hashable {
    /// Buildings block the view (default). Off: every camera sees its whole sector.
    public var occlusion: Bool
    /// Shortest uncovered stretch reported as a gap, metres (default 10, ≥ 0). 0 reports every
    /// uncovered stretch.
    public var minGapMeters: Double
    /// Road-class weights of the gap score.
    public var roadClassWeights: RoadClassWeights
    /// Radius of the circle taken as the surroundings of a facility mapped as a point, metres
    /// (default 50: the street in front of a school gate and its approaches).
    public var facilityRadiusMeters: Double
    /// A facility counts as seen when at least this much of its surroundings is covered, metres
    /// (default 1; guards against counting a corner touched by a view edge).
    public var facilitySeenMinMeters: Double
    /// Produce viewshed polygons (default true; off saves memory and time in benchmarks).
    public var viewsheds: Bool
    /// Build the covered pieces and the line geometry of gaps (default true). Off, for summaries
    /// only: `CoverageResult.coveredPieces` stays empty and gaps have empty `points` (all totals,
    /// runs, gap lengths and ranks are unchanged) — faster at national scale.
    public var geometries: Bool
    /// Keep every street run in `CoverageResult.runs` (default true). Off, when only totals,
    /// pieces and gaps are wanted: `runs` stays empty (everything else is unchanged) — saves
    /// memory and time at national scale.
    public var streetRuns: Bool
    /// Keep every gap in `CoverageResult.gaps` (default true). Off, for summaries only: `gaps`
    /// holds just the `summaryGapCount` top-ranked gaps; the summary's gap count and length still
    /// count every gap — saves memory and time at national scale.
    public var allGaps: Bool
    /// Largest angle between vertices of drawn arcs in viewshed polygons, degrees (default 2).
    public var arcStepDeg: Double
    /// How many top-ranked gaps the summary lists (default 20).
    public var summaryGapCount: Int
    /// Covered intervals of one camera closer than this are joined, metres (default 1e-6: only
    /// rounding noise at shared boundary rays).
    public var mergeToleranceMeters: Double
    /// The DORI level that defines "covered" in the headline figures, gaps, pieces, multiplicity,
    /// viewsheds and facilities (default `.observe`): each camera's range is clipped to the band
    /// in which it delivers that level by day (`Camera.band(at:light:)`). Nil: the plan range of
    /// every camera, whatever its pixel density (covplan's figures before DORI levels).
    public var coveredLevel: DoriLevel?
    /// Also compute street metres at each DORI level by day and by night (`CoverageSummary.byLevel`,
    /// `byLevelNight`, and `by_level` per road class and district); default true. Each level is
    /// one more run of the same exact interval machinery on clipped cameras.
    public var levels: Bool
    /// When some cameras have no heading, also run the other missing-heading assumption and give
    /// the covered length as a range (`CoverageSummary.headingRange`); default true. Only
    /// `CoverageAnalysis.run(city:...)` resolves cameras, so only it fills the range.
    public var headingRange: Bool
    /// With the heading range, also rank the cameras without a heading by how much knowing their
    /// heading would move the headline figure (`CoverageResult.headingSurvey`); default true.
    public var headingSurvey: Bool
    /// With the DORI levels and geometries, also cut the streets into stretches by the highest
    /// level seen, day and night (`CoverageResult.levelPieces`); default true.
    public var levelPieces: Bool
    /// Each camera's intervals remembered across runs over the same city (an interactive session
    /// edits one camera at a time); nil (default): every camera is swept. Results are identical.
    public var passCache: CameraPassCache? = nil

    public init(occlusion: Bool = true, minGapMeters: Double = 10, roadClassWeights: RoadClassWeights = .builtIn,
                facilityRadiusMeters: Double = 50, facilitySeenMinMeters: Double = 1, viewsheds: Bool = true,
                geometries: Bool = true, arcStepDeg: Double = 2, summaryGapCount: Int = 20, mergeToleranceMeters: Double = 1e-6,
                streetRuns: Bool = true, allGaps: Bool = true, coveredLevel: DoriLevel? = .observe, levels: Bool = true,
                headingRange: Bool = true, headingSurvey: Bool = true, levelPieces: Bool = true) {
        self.occlusion = occlusion
        self.minGapMeters = minGapMeters
        self.roadClassWeights = roadClassWeights
        self.facilityRadiusMeters = facilityRadiusMeters
        self.facilitySeenMinMeters = facilitySeenMinMeters
        self.viewsheds = viewsheds
        self.geometries = geometries
        self.arcStepDeg = arcStepDeg
        self.summaryGapCount = summaryGapCount
        self.mergeToleranceMeters = mergeToleranceMeters
        self.streetRuns = streetRuns
        self.allGaps = allGaps
        self.coveredLevel = coveredLevel
        self.levels = levels
        self.headingRange = headingRange
        self.headingSurvey = headingSurvey
        self.levelPieces = levelPieces
    }

    /// Throws `CovplanError(.usage)` naming the first impossible setting.
    public func validate() throws(CovplanError) {
        func bad(_ name: String, _ v: Double, _ rule: String) -> CovplanError {
            CovplanError(.usage, "\(name) is \(v) (must be \(rule))")
        }
        if !minGapMeters.isFinite || minGapMeters < 0 { throw bad("min gap (m)", minGapMeters, "≥ 0") }
        if !facilityRadiusMeters.isFinite || facilityRadiusMeters <= 0 {
            throw bad("facility radius (m)", facilityRadiusMeters, "> 0")
        }
        if !facilitySeenMinMeters.isFinite || facilitySeenMinMeters < 0 {
            throw bad("facility seen minimum (m)", facilitySeenMinMeters, "≥ 0")
        }
        if !arcStepDeg.isFinite || arcStepDeg <= 0 || arcStepDeg > 45 { throw bad("arc step (°)", arcStepDeg, "in (0, 45]") }
        if !mergeToleranceMeters.isFinite || mergeToleranceMeters < 0 {
            throw bad("merge tolerance (m)", mergeToleranceMeters, "≥ 0")
        }
        if summaryGapCount < 0 { throw CovplanError(.usage, "summary gap count is \(summaryGapCount) (must be ≥ 0)") }
        for (k, w) in roadClassWeights.weights.sorted(by: { $0.key < $1.key }) where !w.isFinite || w < 0 {
            throw CovplanError(.usage, "road class weight of '\(k)' is \(w) (must be ≥ 0)")
        }
        if !roadClassWeights.otherWeight.isFinite || roadClassWeights.otherWeight < 0 {
            throw bad("default road class weight", roadClassWeights.otherWeight, "≥ 0")
        }
    }
}
