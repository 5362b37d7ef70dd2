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
    /// Horizontal resolution, pixels (`resolution_px`).
    public var resolutionPx: Double?
    /// Horizontal field of view of the lens for pixel density, degrees (`lens_fov_deg`; for a PTZ
    /// camera the working zoom, while `fovDeg` is the swept sector).
    public var lensFovDeg: Double?
    /// Lens focal length, millimetres (`focal_length_mm`); with `sensorWidthMm` it gives the lens FOV.
    public var focalLengthMm: Double?
    /// Sensor width, millimetres (`sensor_width_mm`).
    public var sensorWidthMm: Double?
    /// Mounting height above the street, metres (`height_m`).
    public var heightMeters: Double?
    /// Tilt of the view axis below the horizontal, degrees (`tilt_deg`).
    public var tiltDeg: Double?
    /// Vertical field of view, degrees (`vfov_deg`).
    public var vfovDeg: Double?
    /// Infrared illuminator range at night, metres (`ir_range_m`).
    public var irRangeMeters: Double?

    public init(id: String, position: Point, headingDeg: Double? = nil, fovDeg: Double? = nil,
                rangeMeters: Double? = nil, minRangeMeters: Double? = nil, type: String? = nil,
                surveillance: String? = nil, resolutionPx: Double? = nil, lensFovDeg: Double? = nil,
                focalLengthMm: Double? = nil, sensorWidthMm: Double? = nil, heightMeters: Double? = nil,
                tiltDeg: Double? = nil, vfovDeg: Double? = nil, irRangeMeters: Double? = nil) {
        self.id = id
        self.position = position
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeMeters = rangeMeters
        self.minRangeMeters = minRangeMeters
        self.type = type
        self.surveillance = surveillance
        self.resolutionPx = resolutionPx
        self.lensFovDeg = lensFovDeg
        self.focalLengthMm = focalLengthMm
        self.sensorWidthMm = sensorWidthMm
        self.heightMeters = heightMeters
        self.tiltDeg = tiltDeg
        self.vfovDeg = vfovDeg
        self.irRangeMeters = irRangeMeters
    }
}
