/// Parsing of OpenStreetMap tag values as GDAL's OSM driver delivers them.
///
/// GDAL makes only a few keys into columns; everything else is in `other_tags` as an hstore
/// literal: `"key"=>"value","k2"=>"v2"`, with `\"` and `\\` escapes inside quotes.
public enum OSMTags {
    /// Parses an `other_tags` hstore string. Malformed tails are ignored (GDAL writes these, so
    /// malformation means truncated data, which the reader reports separately).
    public static func parse(_ hstore: String) -> [String: String] {
        var out: [String: String] = [:]
        let chars = Array(hstore.utf8)
        var i = 0
        func quoted() -> String? {
            while i < chars.count, chars[i] != UInt8(ascii: "\"") { i += 1 }
            guard i < chars.count else { return nil }
            i += 1
            var bytes: [UInt8] = []
            while i < chars.count {
                let c = chars[i]
                if c == UInt8(ascii: "\\"), i + 1 < chars.count {
                    bytes.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: bytes, as: UTF8.self)
                }
                bytes.append(c)
                i += 1
            }
            return nil
        }
        while i < chars.count {
            guard let key = quoted() else { break }
            // Expect =>
            while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
            guard i + 1 < chars.count, chars[i] == UInt8(ascii: "="), chars[i + 1] == UInt8(ascii: ">") else { break }
            i += 2
            guard let value = quoted() else { break }
            out[key] = value
            while i < chars.count, chars[i] != UInt8(ascii: ",") { i += 1 }
            i += 1
        }
        return out
    }

    /// `oneway` semantics: `yes`/`true`/`1` forward, `-1`/`reverse` reverse; roundabouts
    /// (`junction=roundabout|circular`) are one-way forward unless tagged otherwise; motorways
    /// are one-way by OSM convention.
    public static func oneway(_ value: String?, junction: String?, highway: String) -> Oneway {
        // Exact lower-case values first (nearly all of them), without case folding.
        switch value {
        case "yes", "1": return .forward
        case "-1": return .reverse
        case "no": return .no
        default: break
        }
        switch value?.lowercased() {
        case "yes", "true", "1": return .forward
        case "-1", "reverse": return .reverse
        case "no", "false", "0", "reversible", "alternating": return .no
        default:
            if junction == "roundabout" || junction == "circular" { return .forward }
            if highway == "motorway" { return .forward }
            return .no
        }
    }

    /// A speed limit read as a number (a real or integer field): the number when positive and
    /// finite, else nil — what `maxspeedKmh(_:)` gives for its text.
    public static func maxspeedKmh(number: Double?) -> Double? {
        guard let number, number > 0, number.isFinite else { return nil }
        return number
    }

    /// `maxspeed` in km/h: `50`, `50 km/h`, `30 mph`, `FI:urban` (50), `RU:urban` (60) ...; nil
    /// when absent or unparseable (`none`, `signals`, `walk`).
    public static func maxspeedKmh(_ value: String?) -> Double? {
        guard let value else { return nil }
        // A plain positive number (most tagged values): no text handling needed.
        if let n = Double(value), n > 0, n.isFinite { return n }
        let raw = value.trimmed(" ")
        guard !raw.isEmpty else { return nil }
        // Several values ("50;30"): take the first.
        let v = raw.split(separator: ";").first.map(String.init) ?? raw
        let lower = v.lowercased()
        if let zone = zoneSpeeds[lower] { return zone }
        if lower.hasSuffix("mph") {
            return Double(String(lower.dropLast(3)).trimmed(" ")).map { $0 * 1.609344 }
        }
        var digits = lower
        if digits.hasSuffix("km/h") { digits = String(digits.dropLast(4)) }
        if digits.hasSuffix("kmh") { digits = String(digits.dropLast(3)) }
        guard let n = Double(digits.trimmed(" ")), n > 0, n.isFinite else { return nil }
        return n
    }

    /// Implicit speed-limit zones (km/h) for the countries covplan serves and the bundled city.
    static let zoneSpeeds: [String: Double] = [
        "fi:urban": 50, "fi:rural": 80, "fi:motorway": 120, "fi:living_street": 20,
        "kz:urban": 60, "kz:rural": 90, "kz:motorway": 140, "kz:living_street": 20,
        "ru:urban": 60, "ru:rural": 90, "ru:motorway": 110, "ru:living_street": 20,
    ]

    /// `building:levels` as a number: `3`, `2.5`, `3;4` (first), `3-4` (first); nil otherwise.
    public static func levels(_ value: String?) -> Double? {
        guard let v = value?.trimmed(" "), !v.isEmpty else { return nil }
        let first = v.split(whereSeparator: { $0 == ";" || $0 == "-" || $0 == "," }).first.map(String.init) ?? v
        guard let n = Double(first.trimmed(" ")), n >= 0, n.isFinite else { return nil }
        return n
    }

    /// A compass direction in degrees from `direction` / `camera:direction`: numbers (`270`),
    /// cardinal points (`N`, `NE`, `SSW`, ...); ranges `"90-180"` give their middle. Returns
    /// nil for absent values and values that are not directions (`forward`, `clockwise`), and
    /// `.nan` for numeric garbage so the caller can report it.
    public static func direction(_ value: String?) -> Double? {
        guard let v = value?.trimmed(" "), !v.isEmpty else { return nil }
        if let c = cardinal[v.uppercased()] { return c }
        let parts = v.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]) {
            var mid = (a + b) / 2
            if b < a { mid = ((a + b + 360) / 2).truncatingRemainder(dividingBy: 360) }
            return mid
        }
        if let d = Double(v) { return d }
        if v.unicodeScalars.first.map({ ("0"..."9").contains($0) || $0 == "-" }) == true { return .nan }
        return nil
    }

    /// A camera heading (`heading_deg`, `camera:direction`, `direction`) in degrees, or nil
    /// when the text is not one. Accepted, as OSM documents `camera:direction`: a number of
    /// degrees clockwise from north (`270`, `-10`); a range `"90-180"` (its middle); the 16
    /// compass points in letters (`N`, `NE`, `SSW`) or words, any case, with or without
    /// hyphens or spaces (`north`, `north-east`, `North East`, `south-southwest`). Anything
    /// else (`forward`, `wide`, `north-by-west`, `12abc`) is nil: the caller reports it.
    public static func cameraDirection(_ text: String) -> Double? {
        let v = text.trimmed(" ")
        guard !v.isEmpty else { return nil }
        if let d = Double(v) { return d.isFinite ? d : nil }
        let parts = v.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = Double(String(parts[0]).trimmed(" ")), let b = Double(String(parts[1]).trimmed(" ")),
           a.isFinite, b.isFinite {
            var mid = (a + b) / 2
            if b < a { mid = ((a + b + 360) / 2).truncatingRemainder(dividingBy: 360) }
            return mid
        }
        var letters = v.lowercased().filter { $0 != "-" && $0 != " " && $0 != "_" }
        for (word, letter) in [("north", "n"), ("south", "s"), ("east", "e"), ("west", "w")] {
            letters = letters.replacingAll(word, with: letter)
        }
        return cardinal[letters.uppercased()]
    }

    /// A length in metres: a number, optionally followed by `m` (`50`, `50 m`, `50m`); nil
    /// otherwise.
    public static func metres(_ text: String) -> Double? {
        var v = text.trimmed(" ")
        if v.hasSuffix("m") { v = String(v.dropLast()).trimmed(" ") }
        guard let d = Double(v) else { return nil }
        return d
    }

    static let cardinal: [String: Double] = [
        "N": 0, "NNE": 22.5, "NE": 45, "ENE": 67.5, "E": 90, "ESE": 112.5, "SE": 135, "SSE": 157.5,
        "S": 180, "SSW": 202.5, "SW": 225, "WSW": 247.5, "W": 270, "WNW": 292.5, "NW": 315, "NNW": 337.5,
    ]
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// The string without leading and trailing `c`s.
    public func trimmed(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
