import Foundation
import GeoCore

/// The DORI levels of IEC/EN 62676-4: the pixel density on a target needed to detect, observe,
/// recognise or identify a person.
///
/// | level | px/m | what the operator can do |
/// | ----- | ---- | ------------------------ |
/// | `detect`    | 25    | tell that a person is there |
/// | `observe`   | 62.5  | follow what a person does (clothing, actions) |
/// | `recognize` | 125   | tell whether a person is someone already known |
/// | `identify`  | 250   | establish who a person is beyond doubt (also: read a number plate) |
public enum DoriLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case detect, observe, recognize, identify

    /// Minimum horizontal pixel density on the target, pixels per metre.
    public var pixelsPerMeter: Double {
        switch self {
        case .detect: 25
        case .observe: 62.5
        case .recognize: 125
        case .identify: 250
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: DoriLevel, b: DoriLevel) -> Bool { a.order < b.order }

    /// The level named `text` (case-insensitive; `recognise` and `identification`-style spellings
    /// of the four names are accepted), or nil.
    public init?(name text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "detect", "detection": self = .detect
        case "observe", "observation": self = .observe
        case "recognize", "recognise", "recognition": self = .recognize
        case "identify", "identification": self = .identify
        default: return nil
        }
    }
}

/// What the camera's sensor and mounting add to its plan-view sector: resolution and lens for
/// pixel density, height / tilt / vertical field of view for the ground it can see, and the
/// infrared range for night.
///
/// Pixel density at slant distance `d` (metres, camera to street point, 3-D when `heightMeters`
/// is given, horizontal otherwise):
/// - rectilinear lens (`lensFovDeg` < 180°): `resolutionPx / (2 · d · tan(lensFov/2))` px/m
///   (the formula of the Axis/IPVM/JVSG calculators);
/// - panoramic / fisheye (≥ 180°): the pixels spread over the arc, `resolutionPx / (d · lensFov_rad)`.
///
/// Ground limits (horizontal metres from the mast): with the view axis tilted `tiltDeg` below
/// the horizontal and a vertical field of view `vfovDeg`, the lower frame edge meets the ground at
/// `h / tan(tilt + vfov/2)` (0 when that angle reaches 90°) and the upper edge at
/// `h / tan(tilt − vfov/2)` (no limit when the upper edge is at or above the horizon).
public struct CameraOptics: Sendable, Hashable {
    /// Horizontal resolution, pixels (1920 for 1080p).
    public var resolutionPx: Double
    /// Horizontal field of view of the lens, degrees, in (0, 360]: the angle the `resolutionPx`
    /// are spread over. For a PTZ camera this is the working zoom, not the swept sector.
    public var lensFovDeg: Double
    /// Mounting height above the street, metres; nil when unknown (distances are then horizontal
    /// and there are no ground limits).
    public var heightMeters: Double?
    /// Tilt of the view axis below the horizontal, degrees (0 = level, 90 = straight down); nil
    /// when unknown (no ground limits).
    public var tiltDeg: Double?
    /// Vertical field of view, degrees, in (0, 180]; nil when unknown (no ground limits).
    public var vfovDeg: Double?
    /// Range of the infrared illuminator at night, horizontal metres; nil when the camera has none
    /// (at night it then sees only where street lighting allows: its day range).
    public var irRangeMeters: Double?

    public init(resolutionPx: Double = 1920, lensFovDeg: Double, heightMeters: Double? = nil, tiltDeg: Double? = nil,
                vfovDeg: Double? = nil, irRangeMeters: Double? = nil) {
        self.resolutionPx = resolutionPx
        self.lensFovDeg = lensFovDeg
        self.heightMeters = heightMeters
        self.tiltDeg = tiltDeg
        self.vfovDeg = vfovDeg
        self.irRangeMeters = irRangeMeters
    }

    /// Horizontal field of view, degrees, of a lens with focal length `focalLengthMm` on a sensor
    /// `sensorWidthMm` wide: `2 · atan(sensor / (2 · focal))`.
    public static func fovDeg(focalLengthMm: Double, sensorWidthMm: Double) -> Double {
        2 * atan(sensorWidthMm / (2 * focalLengthMm)) * 180 / .pi
    }

    /// `density · distance`, pixels: the constant K with density = K / d.
    var pixelsTimesMeters: Double {
        let f = lensFovDeg * .pi / 180
        return lensFovDeg < 180 ? resolutionPx / (2 * tan(f / 2)) : resolutionPx / f
    }

    /// Pixel density at slant distance `meters` from the lens, px/m.
    public func pixelsPerMeter(atSlantMeters meters: Double) -> Double { pixelsTimesMeters / meters }

    /// Pixel density at a street point `horizontalMeters` away (3-D slant with the height), px/m.
    public func pixelsPerMeter(atHorizontalMeters x: Double) -> Double {
        pixelsPerMeter(atSlantMeters: (x * x + (heightMeters ?? 0) * (heightMeters ?? 0)).squareRoot())
    }

    /// Largest slant distance at which the density is still at least `level`, metres.
    public func slantMeters(for level: DoriLevel) -> Double { pixelsTimesMeters / level.pixelsPerMeter }

    /// Largest horizontal distance at which a street point is seen at `level` or better, metres
    /// (`√(D² − h²)` for slant limit D and height h; nil when even the point under the camera is
    /// too far).
    public func horizontalMeters(for level: DoriLevel) -> Double? {
        let d = slantMeters(for: level), h = heightMeters ?? 0
        guard d > h else { return nil }
        return (d * d - h * h).squareRoot()
    }

    /// The nearest and farthest ground distances in the frame, horizontal metres: `near` 0 and
    /// `far` infinite when the height, tilt or vertical FOV is unknown.
    public var groundLimits: (nearMeters: Double, farMeters: Double) {
        guard let h = heightMeters, let t = tiltDeg, let v = vfovDeg, h > 0 else { return (0, .infinity) }
        let lower = t + v / 2, upper = t - v / 2
        let near = lower >= 90 ? 0 : h / tan(lower * .pi / 180)
        let far = upper <= 0 ? Double.infinity : h / tan(upper * .pi / 180)
        return (max(0, near), far)
    }

    /// A one-line problem with an impossible value, or nil.
    public var problem: String? {
        if !resolutionPx.isFinite || resolutionPx <= 0 { return "resolution_px is \(resolutionPx) (must be > 0)" }
        if !lensFovDeg.isFinite || lensFovDeg <= 0 || lensFovDeg > 360 { return "lens fov is \(lensFovDeg)° (must be in (0, 360])" }
        if let h = heightMeters, !h.isFinite || h < 0 { return "height_m is \(h) (must be ≥ 0)" }
        if let t = tiltDeg, !t.isFinite || t < -90 || t > 90 { return "tilt_deg is \(t) (must be in [-90, 90])" }
        if let v = vfovDeg, !v.isFinite || v <= 0 || v > 180 { return "vfov_deg is \(v) (must be in (0, 180])" }
        if let r = irRangeMeters, !r.isFinite || r <= 0 { return "ir_range_m is \(r) (must be > 0)" }
        return nil
    }
}

/// Day or night: at night a camera sees no farther than its infrared range (when it has one).
public enum LightCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case day, night
}

extension Camera {
    /// The horizontal distance band `[near, far]` (metres) in which this camera sees a street
    /// point at `level` or better in `light`: the plan range `[minRangeMeters, rangeMeters]`
    /// clipped to the ground limits, to the level's pixel-density distance and, at night, to the
    /// infrared range. A camera without `optics` keeps its plan range. Nil when the band is empty.
    public func band(at level: DoriLevel, light: LightCondition = .day) -> (nearMeters: Double, farMeters: Double)? {
        guard let optics else { return (minRangeMeters, rangeMeters) }
        let ground = optics.groundLimits
        var far = min(rangeMeters, ground.farMeters)
        guard let levelFar = optics.horizontalMeters(for: level) else { return nil }
        far = min(far, levelFar)
        if light == .night, let ir = optics.irRangeMeters { far = min(far, ir) }
        let near = max(minRangeMeters, ground.nearMeters)
        guard far > near, far > 0 else { return nil }
        return (near, far)
    }

    /// This camera with its range band clipped to `band(at:light:)`, or nil when it sees nothing
    /// at that level. The exact visibility and clipping of the coverage run then apply unchanged.
    public func limited(to level: DoriLevel, light: LightCondition = .day) -> Camera? {
        guard let b = band(at: level, light: light) else { return nil }
        var c = self
        c.minRangeMeters = b.nearMeters
        c.rangeMeters = b.farMeters
        return c
    }
}
