import GeoCore

/// A camera ready for coverage analysis: every value known, checked and in the working CRS.
///
/// Built from a `CityModel.CameraRecord` by `CameraResolver`, which fills missing values from
/// `CameraDefaults` and rejects impossible ones. Angles follow the covplan convention:
/// `headingDeg` is a compass bearing in degrees clockwise from grid north of the working CRS,
/// in [0, 360); `fovDeg` is the full horizontal field of view in degrees, in (0, 360], centred on
/// the heading (360 = all-round, heading then irrelevant). The camera sees the closed annular
/// sector `minRangeMeters ≤ distance ≤ rangeMeters` within the field of view, minus what buildings
/// hide (see `VisibilitySweep`).
public struct Camera: Sendable, Hashable {
    /// The source record's id (`node/123` for OSM, the layer's id otherwise, `random/7` for
    /// generated cameras).
    public var id: String
    /// Mounting position in the working CRS (metres). May differ from the record's position when
    /// the record lay just inside a building footprint (see `CameraResolver.mountSnapMeters`).
    public var position: Point
    /// Compass bearing of the view axis, degrees clockwise from grid north, in [0, 360).
    public var headingDeg: Double
    /// Full horizontal field of view in degrees, in (0, 360].
    public var fovDeg: Double
    /// Farthest distance at which the camera counts as seeing, metres (> 0).
    public var rangeMeters: Double
    /// Blind radius under the camera, metres (≥ 0, < `rangeMeters`).
    public var minRangeMeters: Double
    /// The resolved type key of the defaults table (`fixed`, `dome`, `anpr`, ...).
    public var type: String
    /// Where the heading came from.
    public var headingSource: HeadingSource
    /// `true` when the position was moved out of a building footprint it was mapped inside.
    public var wasSnapped: Bool
    /// Resolution, lens, mounting and night range (see `CameraOptics`); nil for a camera with no
    /// optical model (a bare sector, e.g. a placement candidate built in code), which then counts
    /// at every DORI level over its whole plan range.
    public var optics: CameraOptics?

    /// Where a resolved camera's heading came from.
    public enum HeadingSource: String, Sendable, Hashable, Codable {
        /// Given in the record (`camera:direction`, a `heading_deg` field).
        case mapped
        /// The field of view is 360°, so no heading is needed.
        case allRound = "all_round"
        /// The record had no heading and the camera is not all-round: by the `.allRound` policy it
        /// is treated as seeing all round at its type's range (an upper bound; see
        /// `MissingHeadingPolicy`).
        case unknownAllRound = "unknown_all_round"
        /// The record had no heading: aimed at the nearest street (see `MissingHeadingPolicy`).
        case nearestStreet = "nearest_street"
    }

    /// Creates a camera. Values are taken as given; use `CameraResolver` or `validated()` to
    /// check them.
    public init(id: String, position: Point, headingDeg: Double, fovDeg: Double, rangeMeters: Double,
                minRangeMeters: Double = 0, type: String = "fixed", headingSource: HeadingSource = .mapped,
                wasSnapped: Bool = false, optics: CameraOptics? = nil) {
        self.id = id
        self.position = position
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeMeters = rangeMeters
        self.minRangeMeters = minRangeMeters
        self.type = type
        self.headingSource = headingSource
        self.wasSnapped = wasSnapped
        self.optics = optics
    }

    /// `true` when the field of view is the full circle.
    public var isAllRound: Bool { fovDeg >= 360 }

    /// The camera with its heading normalised into [0, 360), or a `CovplanError` (`.dataError`,
    /// naming the camera id) when a value is impossible: non-finite position or heading, FOV not
    /// in (0, 360], range not finite and > 0, minimum range negative or not below the range.
    public func validated() throws(CovplanError) -> Camera {
        if let problem = CameraValidation.problem(position: position, headingDeg: headingDeg, fovDeg: fovDeg,
                                                  rangeMeters: rangeMeters, minRangeMeters: minRangeMeters) {
            throw CovplanError(.dataError, layer: "cameras", feature: id, problem)
        }
        if let problem = optics?.problem { throw CovplanError(.dataError, layer: "cameras", feature: id, problem) }
        var c = self
        c.headingDeg = CameraValidation.normalisedHeading(headingDeg)
        return c
    }
}

/// The checks every camera value passes before use.
enum CameraValidation {
    /// A one-line description of the first impossible value, or nil when all are usable.
    static func problem(position: Point, headingDeg: Double?, fovDeg: Double, rangeMeters: Double,
                        minRangeMeters: Double) -> String? {
        if !position.isFinite { return "camera position is not finite (\(position.x), \(position.y))" }
        if let h = headingDeg, !h.isFinite { return "heading_deg is \(h) (must be a finite compass bearing)" }
        if !fovDeg.isFinite || fovDeg <= 0 || fovDeg > 360 {
            return "fov_deg is \(fovDeg) (must be in (0, 360])"
        }
        if !rangeMeters.isFinite || rangeMeters <= 0 { return "range_m is \(rangeMeters) (must be > 0)" }
        if !minRangeMeters.isFinite || minRangeMeters < 0 {
            return "min_range_m is \(minRangeMeters) (must be ≥ 0)"
        }
        if minRangeMeters >= rangeMeters {
            return "min_range_m \(minRangeMeters) is not below range_m \(rangeMeters)"
        }
        return nil
    }

    /// A finite compass bearing folded into [0, 360) (−10 → 350, 360 → 0).
    static func normalisedHeading(_ h: Double) -> Double {
        var r = h.truncatingRemainder(dividingBy: 360)
        if r < 0 { r += 360 }
        if r >= 360 { r -= 360 }
        return r
    }
}
