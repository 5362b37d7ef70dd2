import GeoCore

/// A surveillance camera as mapped, before per-type defaults are applied.
///
/// Angles: `headingDeg` is a compass bearing in degrees clockwise from north (grid north of the
/// working CRS, which in UTM differs from true north by the meridian convergence, under 2° in
/// a city); `fovDeg` is the full horizontal field of view in degrees, 360 for an all-round dome.
public struct CameraRecord: Sendable, Hashable {
    public var id: String
    /// Location in the working CRS.
    public var position: Point
    public var headingDeg: Double?
    public var fovDeg: Double?
    /// Viewing range in metres.
    public var rangeMeters: Double?
    /// Minimum range in metres (blind zone under the camera).
    public var minRangeMeters: Double?
    /// Camera type: `camera:type` (`fixed`, `dome`, `panning`), or an operator category such as
    /// `anpr`, `traffic`, `school`, `public`.
    public var type: String?
    /// `surveillance` (`public`, `outdoor`, `indoor`) or `surveillance:type` (`camera`, `ALPR`, ...).
    public var surveillance: String?

    public init(id: String, position: Point, headingDeg: Double? = nil, fovDeg: Double? = nil,
                rangeMeters: Double? = nil, minRangeMeters: Double? = nil, type: String? = nil,
                surveillance: String? = nil) {
        self.id = id
        self.position = position
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeMeters = rangeMeters
        self.minRangeMeters = minRangeMeters
        self.type = type
        self.surveillance = surveillance
    }
}
