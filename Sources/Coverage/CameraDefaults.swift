import Foundation
import GeoCore

/// Per-type camera values used when a record leaves them out, and the policy for cameras mapped
/// without a direction.
///
/// Ranges are "counts as seeing" distances for street coverage planning, derived from the
/// DORI pixel-density levels of EN 62676-4 (detect 25 px/m, observe 62.5 px/m, recognise
/// 125 px/m, identify 250 px/m) for the 1080p (1920 px wide) cameras typical of city programmes:
/// a lens with horizontal field of view `f` gives `1920 / (2·d·tan(f/2))` px/m at distance `d`.
/// "Seen" here means at least *observe* level for a person (what a control-room operator needs
/// to follow an incident) — a planning convention, not a guarantee; override with a JSON file
/// (`--camera-defaults FILE`, see `load(path:)`).
///
/// | type      | fov_deg | range_m | min_range_m | why |
/// | --------- | ------- | ------- | ----------- | --- |
/// | `fixed`   | 60      | 40      | 0  | box/bullet camera with a 4–6 mm lens: 60° → 1662/d px/m, observe level to ~27 m, detect to ~66 m; 40 m is between the two. Also the fallback type. |
/// | `public`  | 90      | 35      | 0  | wide-angle camera over a public place or courtyard ("carpet" coverage, OSM `surveillance=public`): 90° → 960/d px/m, observe level to ~15 m, detect to ~38 m. |
/// | `school`  | 90      | 30      | 0  | school perimeter/courtyard camera: wide lens over the yard and gate; yards are small and the gate wants recognition-level detail. |
/// | `dome`    | 360     | 25      | 0  | fixed dome or fisheye: all-round, but its pixels are spread over the full circle, so the useful range is short. |
/// | `panning` | 360     | 60      | 0  | PTZ camera: turns to any direction and zooms; counted as all-round at its typical working zoom (an upper bound: it sees one direction at a time). |
/// | `traffic` | 45      | 100     | 0  | traffic / speed camera (Sergek speed points): narrow lens along the carriageway, sees vehicles far down the road. |
/// | `anpr`    | 20      | 40      | 5  | number-plate reader (ANPR/ALPR, Sergek): very narrow lens on one or two lanes; plates are legible only from a few metres (too steep below the gantry) to ~40 m. |
///
/// Aliases map other spellings onto these keys (`alpr`→`anpr`, `ptz`→`panning`, `speed`→`traffic`,
/// `box`/`bullet`→`fixed`, `courtyard`→`public`, ...). Type keys and aliases are matched
/// case-insensitively.
public struct CameraDefaults: Sendable, Hashable {
    /// The values of one camera type.
    public struct TypeValues: Sendable, Hashable, Codable {
        /// Full horizontal field of view, degrees, in (0, 360].
        public var fovDeg: Double
        /// Range, metres, > 0.
        public var rangeMeters: Double
        /// Blind radius, metres, ≥ 0 and below the range.
        public var minRangeMeters: Double

        public init(fovDeg: Double, rangeMeters: Double, minRangeMeters: Double = 0) {
            self.fovDeg = fovDeg
            self.rangeMeters = rangeMeters
            self.minRangeMeters = minRangeMeters
        }

        enum CodingKeys: String, CodingKey {
            case fovDeg = "fov_deg", rangeMeters = "range_m", minRangeMeters = "min_range_m"
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
            "fixed": TypeValues(fovDeg: 60, rangeMeters: 40),
            "public": TypeValues(fovDeg: 90, rangeMeters: 35),
            "school": TypeValues(fovDeg: 90, rangeMeters: 30),
            "dome": TypeValues(fovDeg: 360, rangeMeters: 25),
            "panning": TypeValues(fovDeg: 360, rangeMeters: 60),
            "traffic": TypeValues(fovDeg: 45, rangeMeters: 100),
            "anpr": TypeValues(fovDeg: 20, rangeMeters: 40, minRangeMeters: 5),
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
            enum CodingKeys: String, CodingKey {
                case fovDeg = "fov_deg", rangeMeters = "range_m", minRangeMeters = "min_range_m"
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
                out.types[key] = TypeValues(fovDeg: partial.fovDeg ?? base.fovDeg,
                                            rangeMeters: partial.rangeMeters ?? base.rangeMeters,
                                            minRangeMeters: partial.minRangeMeters ?? base.minRangeMeters)
            } else {
                guard let f = partial.fovDeg, let r = partial.rangeMeters else {
                    throw CovplanError(.dataError, file: source, feature: "type '\(key)'",
                                       "a new camera type needs fov_deg and range_m")
                }
                out.types[key] = TypeValues(fovDeg: f, rangeMeters: r, minRangeMeters: partial.minRangeMeters ?? 0)
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
            types: types.mapValues { .init(fovDeg: $0.fovDeg, rangeMeters: $0.rangeMeters, minRangeMeters: $0.minRangeMeters) },
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
