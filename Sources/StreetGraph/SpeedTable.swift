import Foundation
import GeoCore

/// Travel speeds in km/h per road class (`Street.highway`) for one travel mode.
///
/// A street's speed is, in this order: its tagged `maxspeedKmh` (drive mode only, when
/// `useMaxspeed` is true and the tag is a positive finite number), else `kmh[highway]`, else
/// `defaultKmh`. Travel time along a piece of street is its length divided by that speed, the same
/// in both directions.
///
/// ## Default drive speeds (km/h) and why
/// Patrol cars in city traffic, not free-flow limits. Kazakhstan's traffic rules set 60 km/h in
/// settlements and 20 km/h in residential zones and courtyards (`living_street`); Helsinki's centre
/// is signed 30–40 km/h. Urban effective speeds are lower than limits because of junctions and
/// signals, so major classes get 50–40 km/h, local streets 30, service roads and yards 15–20.
/// Motorways and trunks keep higher values (90 / 70) because they are uninterrupted.
///
/// | class | km/h | | class | km/h |
/// | --- | --- | --- | --- | --- |
/// | motorway | 90 | | tertiary | 35 |
/// | motorway_link | 50 | | tertiary_link | 30 |
/// | trunk | 70 | | unclassified | 30 |
/// | trunk_link | 40 | | residential | 30 |
/// | primary | 50 | | living_street | 20 |
/// | primary_link | 40 | | service | 15 |
/// | secondary | 40 | | road | 30 |
/// | secondary_link | 35 | | busway | 30 |
/// | default | 30 | | | |
///
/// ## Default walk speeds (km/h) and why
/// 5 km/h (1.39 m/s, the usual planning walking speed) on every walkable class; `steps` 2.5 km/h
/// (stairs roughly halve horizontal progress); `default` 5. `maxspeed` is ignored on foot.
///
/// ## Overriding (`--speeds FILE`)
/// A JSON object with optional `"drive"` and `"walk"` members, each an object from class name (or
/// `"default"`) to km/h, merged over the defaults; optionally `"use_maxspeed": false` inside
/// `"drive"` to ignore tagged limits:
/// ```json
/// {"drive": {"residential": 25, "service": 10, "default": 25, "use_maxspeed": true},
///  "walk": {"default": 4.5}}
/// ```
/// Every speed must be a finite number greater than zero.
public struct SpeedTable: Sendable, Hashable {
    public var mode: TravelMode
    /// Speed per road class in km/h.
    public var kmh: [String: Double]
    /// Speed for classes missing from `kmh`, in km/h.
    public var defaultKmh: Double
    /// Use a street's tagged `maxspeedKmh` when present (drive mode only).
    public var useMaxspeed: Bool

    /// A table; throws when a speed is not a finite positive number.
    ///
    /// - Throws: `CovplanError(.usage)` naming the class and value.
    public init(mode: TravelMode, kmh: [String: Double], defaultKmh: Double, useMaxspeed: Bool = true) throws {
        for key in kmh.keys.sorted() { try SpeedTable.check(kmh[key]!, key: key, source: nil) }
        try SpeedTable.check(defaultKmh, key: "default", source: nil)
        self.mode = mode
        self.kmh = kmh
        self.defaultKmh = defaultKmh
        self.useMaxspeed = useMaxspeed
    }

    private init(unchecked mode: TravelMode, kmh: [String: Double], defaultKmh: Double, useMaxspeed: Bool) {
        self.mode = mode
        self.kmh = kmh
        self.defaultKmh = defaultKmh
        self.useMaxspeed = useMaxspeed
    }

    /// The documented defaults for `mode` (see the type's documentation).
    public static func defaults(for mode: TravelMode) -> SpeedTable {
        switch mode {
        case .drive:
            return SpeedTable(unchecked: .drive, kmh: [
                "motorway": 90, "motorway_link": 50, "trunk": 70, "trunk_link": 40,
                "primary": 50, "primary_link": 40, "secondary": 40, "secondary_link": 35,
                "tertiary": 35, "tertiary_link": 30, "unclassified": 30, "residential": 30,
                "living_street": 20, "service": 15, "road": 30, "busway": 30,
            ], defaultKmh: 30, useMaxspeed: true)
        case .walk:
            return SpeedTable(unchecked: .walk, kmh: ["steps": 2.5], defaultKmh: 5, useMaxspeed: false)
        }
    }

    /// Speed in km/h for a road class and an optional tagged limit (see the rules above).
    @inlinable public func speedKmh(highway: String, maxspeedKmh: Double?) -> Double {
        if mode == .drive, useMaxspeed, let m = maxspeedKmh, m.isFinite, m > 0 { return m }
        return kmh[highway] ?? defaultKmh
    }

    /// The defaults for `mode` with the overrides from a `--speeds` JSON document applied.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - source: the file name, for error messages.
    /// - Throws: `CovplanError(.dataError)` naming the file and key for malformed JSON, an unknown
    ///   mode key, a non-numeric speed, or a zero, negative or infinite speed.
    public static func overriding(_ mode: TravelMode, json data: Data, source: String) throws -> SpeedTable {
        let root: [String: JSONScalarOrObject]
        do {
            root = try JSONDecoder().decode([String: JSONScalarOrObject].self, from: data)
        } catch {
            throw CovplanError(.dataError, file: source,
                               "not a JSON speed table: expected an object with \"drive\" and/or \"walk\"")
        }
        for key in root.keys.sorted() where TravelMode(rawValue: key) == nil {
            throw CovplanError(.dataError, file: source, "unknown mode '\(key)' in speed table (expected drive or walk)")
        }
        var table = defaults(for: mode)
        guard let entry = root[mode.rawValue] else { return table }
        guard case .object(let classes) = entry else {
            throw CovplanError(.dataError, file: source, "\"\(mode.rawValue)\" must be an object from road class to km/h")
        }
        for key in classes.keys.sorted() {
            let value = classes[key]!
            if key == "use_maxspeed" {
                guard case .bool(let b) = value else {
                    throw CovplanError(.dataError, file: source, "\(mode.rawValue).use_maxspeed must be true or false")
                }
                table.useMaxspeed = b
                continue
            }
            guard case .number(let kmh) = value else {
                throw CovplanError(.dataError, file: source,
                                   "speed for '\(mode.rawValue).\(key)' is not a number: \(value)")
            }
            try check(kmh, key: "\(mode.rawValue).\(key)", source: source)
            if key == "default" { table.defaultKmh = kmh } else { table.kmh[key] = kmh }
        }
        return table
    }


    static func check(_ kmh: Double, key: String, source: String?) throws {
        guard kmh.isFinite, kmh > 0 else {
            throw CovplanError(source == nil ? .usage : .dataError, file: source,
                               "speed for '\(key)' must be a positive number of km/h, got \(kmh)")
        }
    }
}

/// A JSON value as far as a speed table cares: a number, a boolean, an object, or anything else.
enum JSONScalarOrObject: Decodable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    case text(String)
    case object([String: JSONScalarOrObject])
    case other

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let d = try? c.decode(Double.self) { self = .number(d); return }
        if let s = try? c.decode(String.self) { self = .text(s); return }
        if let o = try? c.decode([String: JSONScalarOrObject].self) { self = .object(o); return }
        self = .other
    }

    var description: String {
        switch self {
        case .number(let d): String(d)
        case .bool(let b): String(b)
        case .text(let s): "\"\(s)\""
        case .object: "an object"
        case .other: "an array or null"
        }
    }
}
