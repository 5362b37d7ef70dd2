import Foundation
import GeoCore

/// Per-type camera values used when a record leaves them out, and the policy for cameras mapped
/// without a direction.
///
/// Each type states the DORI level it is bought for (`level`, IEC/EN 62676-4: detect 25 px/m,
/// observe 62.5, recognise 125, identify 250) and its default `range_m` is the horizontal
/// distance out to which it still delivers that level (a test reads this table and checks it).
/// `range_m` caps the camera's view at every level (so for a type whose `range_m` is its observe
/// distance, detect-level metres equal observe-level metres: on central Helsinki 18.8 vs 18.7 km
/// with the built-in types, 43.3 vs 19.0 km with every range lifted to 300 m — the cap, not
/// occlusion, makes them equal; raise `range_m` to count a type's full detect reach); the
/// coverage run then clips each camera
/// further per level to the distance at which its pixel density
/// `resolution_px / (2 · d · tan(lens_fov/2))` (d the 3-D slant from the lens) falls to the
/// level, to the ground its tilt and vertical FOV put in the frame, and at night to its infrared
/// range (see `CameraOptics`). All resolutions are 1080p (1920 px wide), what city programmes
/// buy; vertical FOVs are those of a 16:9 sensor behind the stated lens.
///
/// | type      | fov_deg | lens | level | range_m | height_m | tilt_deg | vfov_deg | ir_range_m | ground seen | why |
/// | --------- | ------- | ---- | ----- | ------- | -------- | -------- | -------- | ---------- | ----------- | --- |
/// | `fixed`   | 60  | 60  | observe  | 26 | 4   | 12 | 36  | 30  | 6.9 m – ∞ | box/bullet, 4 mm lens: 1663/d px/m, observe to 26.3 m (slant 26.6). IR 30 m as on typical 1080p bullet datasheets. Fallback type. |
/// | `public`  | 90  | 90  | observe  | 14 | 4   | 15 | 59  | 20  | 4.1 m – ∞ | wide 2.8 mm camera over a public place or courtyard ("carpet" coverage): 960/d px/m, observe to 14.8 m. |
/// | `school`  | 90  | 90  | observe  | 14 | 3.5 | 15 | 59  | 20  | 3.6 m – ∞ | school yard and gate camera, same lens mounted lower. |
/// | `dome`    | 360 | 360 | detect   | 11 | 3   | 90 | 180 | 10  | 0 – ∞ | fisheye dome looking down: 1920 px over the full circle, 306/d px/m, detect to 11.8 m. |
/// | `panning` | 360 | 30  | observe  | 55 | 6   | –  | –   | 100 | 0 – ∞ | PTZ: sweeps all round (an upper bound: it sees one direction at a time), counted at a 30° working zoom: 3583/d px/m, observe to 57 m; IR 100 m as PTZ datasheets. |
/// | `traffic` | 45  | 45  | observe  | 35 | 6   | 12 | 26  | 30  | 12.9 m – ∞ | traffic / speed camera (Sergek speed points) along the carriageway: 2318/d px/m, observe to 36.6 m. |
/// | `anpr`    | 20  | 20  | identify | 20 | 6   | 20 | 11.3 | 25 | 12.5 m – 23.5 m | number-plate reader (ANPR/ALPR, Sergek): plates need identify level; 5444/d px/m, identify to 20.9 m; the frame meets the road 12.5–23.5 m out. |
///
/// Sources: IEC 62676-4:2014 §7 (DORI densities); Axis "Pixel density" white paper and the Axis
/// Site Designer / IPVM calculators (density formula, 1080p lens angles); manufacturers'
/// datasheets of 1080p bullet, fisheye, PTZ and LPR cameras (lens angles, IR ranges).
///
/// Aliases map other spellings onto these keys (`alpr`→`anpr`, `ptz`→`panning`, `speed`→`traffic`,
/// `box`/`bullet`→`fixed`, `courtyard`→`public`, ...). Type keys and aliases are matched
/// case-insensitively.
public struct CameraDefaults: Sendable, Hashable {
    /// The values of one camera type.
    public struct TypeValues: Sendable, Hashable, Codable {
        /// Full horizontal field of view swept by the camera, degrees, in (0, 360].
        public var fovDeg: Double
        /// Range, horizontal metres, > 0: caps the view at every level.
        public var rangeMeters: Double
        /// Blind radius, metres, ≥ 0 and below the range.
        public var minRangeMeters: Double
        /// The DORI level the type is meant to deliver out to `rangeMeters`.
        public var level: DoriLevel
        /// Horizontal resolution, pixels.
        public var resolutionPx: Double
        /// Lens horizontal FOV for pixel density, degrees; nil = `fovDeg`.
        public var lensFovDeg: Double?
        /// Mounting height, metres; nil = unknown (horizontal distances, no ground limits).
        public var heightMeters: Double?
        /// Tilt below the horizontal, degrees; nil = unknown (no ground limits).
        public var tiltDeg: Double?
        /// Vertical FOV, degrees; nil = unknown (no ground limits).
        public var vfovDeg: Double?
        /// Infrared range at night, metres; nil = none.
        public var irRangeMeters: Double?

        public init(fovDeg: Double, rangeMeters: Double, minRangeMeters: Double = 0, level: DoriLevel = .observe,
                    resolutionPx: Double = 1920, lensFovDeg: Double? = nil, heightMeters: Double? = nil,
                    tiltDeg: Double? = nil, vfovDeg: Double? = nil, irRangeMeters: Double? = nil) {
            self.fovDeg = fovDeg
            self.rangeMeters = rangeMeters
            self.minRangeMeters = minRangeMeters
            self.level = level
            self.resolutionPx = resolutionPx
            self.lensFovDeg = lensFovDeg
            self.heightMeters = heightMeters
            self.tiltDeg = tiltDeg
            self.vfovDeg = vfovDeg
            self.irRangeMeters = irRangeMeters
        }

        /// The optics of a camera of this type (lens FOV `fovDeg` when no lens FOV is given).
        public var optics: CameraOptics {
            CameraOptics(resolutionPx: resolutionPx, lensFovDeg: lensFovDeg ?? fovDeg, heightMeters: heightMeters,
                         tiltDeg: tiltDeg, vfovDeg: vfovDeg, irRangeMeters: irRangeMeters)
        }

        enum CodingKeys: String, CodingKey {
            case fovDeg = "fov_deg", rangeMeters = "range_m", minRangeMeters = "min_range_m", level,
                 resolutionPx = "resolution_px", lensFovDeg = "lens_fov_deg", heightMeters = "height_m",
                 tiltDeg = "tilt_deg", vfovDeg = "vfov_deg", irRangeMeters = "ir_range_m"
        }
    }

    /// Type key → values. Keys are lower case.
    public var types: [String: TypeValues]
    /// Other spellings → type key, lower case on both sides.
    public var aliases: [String: String]
    /// The type used when a record's type and surveillance values match no key or alias.
    public var defaultType: String
    /// What to do with a camera that has no heading and is not all-round.
    public var missingHeading: MissingHeadingPolicy

    public init(types: [String: TypeValues], aliases: [String: String] = [:], defaultType: String,
                missingHeading: MissingHeadingPolicy = .allRound) {
        self.types = types
        self.aliases = aliases
        self.defaultType = defaultType
        self.missingHeading = missingHeading
    }

    /// The documented built-in table (see the type's documentation for the reasons).
    public static let builtIn = CameraDefaults(
        types: [
            "fixed": TypeValues(fovDeg: 60, rangeMeters: 26, level: .observe, heightMeters: 4, tiltDeg: 12, vfovDeg: 36,
                                irRangeMeters: 30),
            "public": TypeValues(fovDeg: 90, rangeMeters: 14, level: .observe, heightMeters: 4, tiltDeg: 15, vfovDeg: 59,
                                 irRangeMeters: 20),
            "school": TypeValues(fovDeg: 90, rangeMeters: 14, level: .observe, heightMeters: 3.5, tiltDeg: 15, vfovDeg: 59,
                                 irRangeMeters: 20),
            "dome": TypeValues(fovDeg: 360, rangeMeters: 11, level: .detect, heightMeters: 3, tiltDeg: 90, vfovDeg: 180,
                               irRangeMeters: 10),
            "panning": TypeValues(fovDeg: 360, rangeMeters: 55, level: .observe, lensFovDeg: 30, heightMeters: 6,
                                  irRangeMeters: 100),
            "traffic": TypeValues(fovDeg: 45, rangeMeters: 35, level: .observe, heightMeters: 6, tiltDeg: 12, vfovDeg: 26,
                                  irRangeMeters: 30),
            "anpr": TypeValues(fovDeg: 20, rangeMeters: 20, minRangeMeters: 5, level: .identify, heightMeters: 6, tiltDeg: 20,
                               vfovDeg: 11.3, irRangeMeters: 25),
        ],
        aliases: [
            "alpr": "anpr", "lpr": "anpr", "sergek": "anpr",
            "ptz": "panning", "pan_tilt_zoom": "panning",
            "speed": "traffic", "speed_camera": "traffic", "enforcement": "traffic", "red_light": "traffic",
            "box": "fixed", "bullet": "fixed", "static": "fixed",
            "fisheye": "dome", "courtyard": "public", "outdoor_public": "public",
        ],
        defaultType: "fixed",
        missingHeading: .allRound
    )

    /// The type key for a record's `type` and `surveillance` values: the first of them that is a
    /// key or alias (case-insensitive), else `defaultType`. (`CameraResolver` refuses a stated
    /// type that is unknown first, see `unknownTypeProblem`.) Returns the key and whether a match
    /// was found.
    /// A one-line problem when a record states a `type` (layer `type`, OSM `camera:type`) that
    /// is neither a type key nor an alias: the known types and a did-you-mean suggestion. Nil
    /// for a known type and for no type (which takes the surveillance value or `defaultType`).
    public func unknownTypeProblem(_ type: String?) -> String? {
        guard let raw = type else { return nil }
        let k = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard !k.isEmpty, types[k] == nil, aliases[k].flatMap({ types[$0] }) == nil else { return nil }
        let known = types.keys.sorted()
        let hint = Suggest.closest(to: k, in: known + aliases.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
        return "type '\(raw)' is not a known camera type (known: \(known.joined(separator: ", ")); aliases: \(aliases.keys.sorted().joined(separator: ", "))\(hint))"
    }

    public func typeKey(type: String?, surveillance: String?) -> (key: String, matched: Bool) {
        for raw in [type, surveillance] {
            guard let raw else { continue }
            let k = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if types[k] != nil { return (k, true) }
            if let a = aliases[k], types[a] != nil { return (a, true) }
        }
        return (defaultType, false)
    }

    /// Checks every entry: FOV in (0, 360], range > 0, minimum range in [0, range), aliases and
    /// the default type pointing at existing keys. Throws `.dataError` naming `source` and the
    /// type.
    public func validate(source: String = "camera defaults") throws(CovplanError) {
        for key in types.keys.sorted() {
            let v = types[key]!
            if let p = CameraValidation.problem(position: Point(0, 0), headingDeg: nil, fovDeg: v.fovDeg,
                                                rangeMeters: v.rangeMeters, minRangeMeters: v.minRangeMeters) {
                throw CovplanError(.dataError, file: source, feature: "type '\(key)'", p)
            }
            if let p = v.optics.problem { throw CovplanError(.dataError, file: source, feature: "type '\(key)'", p) }
        }
        for alias in aliases.keys.sorted() where types[aliases[alias]!] == nil {
            throw CovplanError(.dataError, file: source, feature: "alias '\(alias)'",
                               "points at unknown type '\(aliases[alias]!)'")
        }
        if types[defaultType] == nil {
            throw CovplanError(.dataError, file: source, "default_type '\(defaultType)' is not a defined type")
        }
    }

    // MARK: JSON

    /// The JSON file format: every member optional; what is given overrides the built-in table.
    ///
    /// ```json
    /// { "default_type": "fixed", "missing_heading": "all_round",
    ///   "types": { "fixed": { "fov_deg": 70, "range_m": 45 }, "kiosk": { "fov_deg": 180, "range_m": 20 } },
    ///   "aliases": { "totem": "kiosk" } }
    /// ```
    struct FileFormat: Codable {
        struct PartialValues: Codable {
            var fovDeg: Double?
            var rangeMeters: Double?
            var minRangeMeters: Double?
            var level: DoriLevel?
            var resolutionPx: Double?
            var lensFovDeg: Double?
            var heightMeters: Double?
            var tiltDeg: Double?
            var vfovDeg: Double?
            var irRangeMeters: Double?
            enum CodingKeys: String, CodingKey {
                case fovDeg = "fov_deg", rangeMeters = "range_m", minRangeMeters = "min_range_m", level,
                     resolutionPx = "resolution_px", lensFovDeg = "lens_fov_deg", heightMeters = "height_m",
                     tiltDeg = "tilt_deg", vfovDeg = "vfov_deg", irRangeMeters = "ir_range_m"
            }
            init(fovDeg: Double? = nil, rangeMeters: Double? = nil, minRangeMeters: Double? = nil, level: DoriLevel? = nil,
                 resolutionPx: Double? = nil, lensFovDeg: Double? = nil, heightMeters: Double? = nil, tiltDeg: Double? = nil,
                 vfovDeg: Double? = nil, irRangeMeters: Double? = nil) {
                self.fovDeg = fovDeg; self.rangeMeters = rangeMeters; self.minRangeMeters = minRangeMeters
                self.level = level; self.resolutionPx = resolutionPx; self.lensFovDeg = lensFovDeg
                self.heightMeters = heightMeters; self.tiltDeg = tiltDeg; self.vfovDeg = vfovDeg
                self.irRangeMeters = irRangeMeters
            }
            init(_ v: TypeValues) {
                self.init(fovDeg: v.fovDeg, rangeMeters: v.rangeMeters, minRangeMeters: v.minRangeMeters, level: v.level,
                          resolutionPx: v.resolutionPx, lensFovDeg: v.lensFovDeg, heightMeters: v.heightMeters,
                          tiltDeg: v.tiltDeg, vfovDeg: v.vfovDeg, irRangeMeters: v.irRangeMeters)
            }
            /// `base` with the stated fields replaced.
            func over(_ base: TypeValues) -> TypeValues {
                TypeValues(fovDeg: fovDeg ?? base.fovDeg, rangeMeters: rangeMeters ?? base.rangeMeters,
                           minRangeMeters: minRangeMeters ?? base.minRangeMeters, level: level ?? base.level,
                           resolutionPx: resolutionPx ?? base.resolutionPx, lensFovDeg: lensFovDeg ?? base.lensFovDeg,
                           heightMeters: heightMeters ?? base.heightMeters, tiltDeg: tiltDeg ?? base.tiltDeg,
                           vfovDeg: vfovDeg ?? base.vfovDeg, irRangeMeters: irRangeMeters ?? base.irRangeMeters)
            }
        }
        var defaultType: String?
        var missingHeading: MissingHeadingPolicy?
        var types: [String: PartialValues]?
        var aliases: [String: String]?
        enum CodingKeys: String, CodingKey {
            case defaultType = "default_type", missingHeading = "missing_heading", types, aliases
        }
    }

    /// This table with the entries of a JSON document (format above) laid over it: a type given
    /// in the document replaces the fields it states and keeps the others (a new type needs at
    /// least `fov_deg` and `range_m`). Throws `.dataError` naming `source` for malformed JSON,
    /// incomplete new types or impossible values.
    public func merging(json: Data, source: String) throws(CovplanError) -> CameraDefaults {
        let file: FileFormat
        do {
            file = try JSONDecoder().decode(FileFormat.self, from: json)
        } catch {
            throw CovplanError(.dataError, file: source, "not a camera defaults JSON document: \(Self.describe(error))")
        }
        var out = self
        if let d = file.defaultType { out.defaultType = d.lowercased() }
        if let m = file.missingHeading { out.missingHeading = m }
        for (rawKey, partial) in (file.types ?? [:]).sorted(by: { $0.key < $1.key }) {
            let key = rawKey.lowercased()
            if let base = out.types[key] {
                out.types[key] = partial.over(base)
            } else {
                guard let f = partial.fovDeg, let r = partial.rangeMeters else {
                    throw CovplanError(.dataError, file: source, feature: "type '\(key)'",
                                       "a new camera type needs fov_deg and range_m")
                }
                out.types[key] = partial.over(TypeValues(fovDeg: f, rangeMeters: r))
            }
        }
        for (a, t) in file.aliases ?? [:] { out.aliases[a.lowercased()] = t.lowercased() }
        try out.validate(source: source)
        return out
    }


    /// The table as a JSON document in the file format (sorted keys), e.g. to start a custom file.
    public func jsonData() -> Data {
        let file = FileFormat(
            defaultType: defaultType, missingHeading: missingHeading,
            types: types.mapValues { .init($0) },
            aliases: aliases)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? enc.encode(file)) ?? Data()
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case DecodingError.keyNotFound(let k, _): return "missing key \(k.stringValue)"
        default: return "\(error)"
        }
    }
}

/// What to do with a camera that has no heading and a field of view below 360°.
///
/// Most cameras mapped in OpenStreetMap have no `camera:direction`. covplan's default is
/// `.allRound`: such a camera is counted as seeing all round at its type's range. Reason: the
/// direction is unknown, and the planner's main question is where the *gaps* are — with the
/// all-round assumption every reported gap is a street stretch that no mapped camera can see
/// whichever way it points, so gap lists never send a patrol or a budget line to a street that is
/// in fact watched. Coverage figures are then an upper bound; the summary counts these cameras
/// (`cameras_heading_unknown`) so the report can say so.
///
/// `.nearestStreet` instead aims the camera at the closest point of the nearest street line within
/// `nearestStreetMaxMeters` (default 50 m) — what a camera on a façade usually does — with the
/// type's field of view; when the camera stands on the street (under 1 m from it) it looks along
/// the street in the line's digitised direction. Cameras with no street that near fall back to
/// all-round. This is a plausible, not a conservative, estimate.
public enum MissingHeadingPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case allRound = "all_round"
    case nearestStreet = "nearest_street"
}
