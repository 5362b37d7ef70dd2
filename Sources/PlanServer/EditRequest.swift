import CityModel
import Foundation
import GeoCore

/// The body of an edit request, parsed and checked: a GeoJSON Feature (RFC 7946) with a Point in
/// WGS 84 longitude/latitude and camera or post properties. Every problem is a `PlanError(400)`
/// naming the property and the value.
struct EditRequest {
    /// `[lon, lat]` of the geometry, degrees; nil when the body has no geometry (a PATCH).
    var lonLat: Point?
    /// The properties given (null values are kept as `NSNull`: they clear a field).
    var properties: [String: Any]

    /// Largest request body accepted, bytes.
    static let maxBodyBytes = 1 << 20

    /// Camera properties and their bounds (number properties), in `CameraRecord` order.
    static let cameraNumbers: [(key: String, range: ClosedRange<Double>, openLow: Bool)] = [
        ("heading_deg", 0...360, false), ("fov_deg", 0...360, true), ("range_m", 0...2000, true),
        ("min_range_m", 0...2000, false), ("resolution_px", 0...100_000, true), ("lens_fov_deg", 0...360, true),
        ("focal_length_mm", 0...2000, true), ("sensor_width_mm", 0...100, true), ("height_m", 0...500, false),
        ("tilt_deg", -90...90, false), ("vfov_deg", 0...180, true), ("ir_range_m", 0...2000, false),
    ]
    static let cameraTexts = ["id", "type", "surveillance"]
    static let postTexts = ["id"]

    /// Parses `body` as a Feature (or, with `partial`, a Feature or a bare properties object
    /// whose geometry and properties are optional).
    init(body: [UInt8], partial: Bool) throws(PlanError) {
        guard !body.isEmpty else { throw .bad(key: "serve.err.empty_body") }
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw .bad(key: "serve.err.malformed_json", Self.jsonProblem(error))
        }
        guard let obj = any as? [String: Any] else { throw .bad(key: "serve.err.not_object") }
        if let t = obj["type"] {
            guard t as? String == "Feature" else { throw .bad(key: "serve.err.not_feature", Self.show(t)) }
        } else if !partial {
            throw .bad(key: "serve.err.no_type")
        }
        let isFeature = obj["type"] != nil || obj["geometry"] != nil || obj["properties"] != nil
        if let g = obj["geometry"], !(g is NSNull) {
            lonLat = try Self.point(g)
        } else if !partial {
            throw .bad(key: "serve.err.no_geometry")
        } else {
            lonLat = nil
        }
        if isFeature {
            if let p = obj["properties"], !(p is NSNull) {
                guard let props = p as? [String: Any] else { throw .bad(key: "serve.err.properties_object") }
                properties = props
            } else {
                properties = [:]
            }
            for k in obj.keys where !["type", "geometry", "properties", "id", "bbox"].contains(k) {
                throw .bad(key: "serve.err.unknown_member", k.oneLine)
            }
        } else {
            properties = obj
        }
    }

    /// A GeoJSON Point geometry's `[lon, lat]`: two finite numbers, lon in [-180, 180], lat in [-90, 90].
    static func point(_ g: Any) throws(PlanError) -> Point {
        guard let geom = g as? [String: Any] else { throw .bad(key: "serve.err.geometry_object") }
        guard geom["type"] as? String == "Point" else {
            throw .bad(key: "serve.err.not_point", show(geom["type"] ?? NSNull()))
        }
        guard let c = geom["coordinates"] as? [Any], c.count == 2 || c.count == 3 else {
            throw .bad(key: "serve.err.coords_pair")
        }
        guard let lon = number(c[0]), let lat = number(c[1]) else {
            throw .bad(key: "serve.err.coords_numbers", show(c))
        }
        guard lon.isFinite, lat.isFinite else { throw .bad(key: "serve.err.coords_finite", "\(lon)", "\(lat)") }
        guard (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw .bad(key: "serve.err.coords_wgs84", "\(lon)", "\(lat)")
        }
        return Point(lon, lat)
    }

    /// A JSON number (not a boolean) as a Double. Foundation parses both as `NSNumber` (and a 0 or
    /// 1 even casts to `Bool`); a boolean is the one whose type code is `c`.
    static func number(_ v: Any) -> Double? {
        guard let n = v as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        return n.doubleValue
    }

    static func show(_ v: Any) -> String {
        if let s = v as? String { return "\"\(s.prefix(60))\"" }
        if v is NSNull { return "null" }
        if let d = (try? JSONSerialization.data(withJSONObject: [v], options: [.fragmentsAllowed])),
           let t = String(data: d, encoding: .utf8) { return String(t.dropFirst().dropLast().prefix(80)) }
        return String(describing: v).prefix(80).description
    }

    static func jsonProblem(_ error: any Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d.oneLine }
        return "not valid JSON"
    }

    /// A text property: nil when absent, `.some(nil)` when null (clear), else the trimmed text.
    func text(_ key: String) throws(PlanError) -> String?? {
        guard let v = properties[key] else { return nil }
        if v is NSNull { return .some(nil) }
        guard let s = v as? String else { throw .bad(key: "serve.err.prop_text", key, Self.show(v)) }
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 120 else { throw .bad(key: "serve.err.prop_length", key) }
        guard !t.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw .bad(key: "serve.err.prop_control", key)
        }
        return .some(t)
    }

    /// A number property within `range` (open at the low end when `openLow`).
    func number(_ key: String, _ range: ClosedRange<Double>, openLow: Bool) throws(PlanError) -> Double?? {
        guard let v = properties[key] else { return nil }
        if v is NSNull { return .some(nil) }
        guard let d = Self.number(v) else { throw .bad(key: "serve.err.prop_number", key, Self.show(v)) }
        guard d.isFinite, range.contains(d), !(openLow && d == range.lowerBound) else {
            throw .bad(key: "serve.err.prop_range", key, "\(d)", "\(openLow ? "(" : "[")\(range.lowerBound), \(range.upperBound)]")
        }
        return .some(d)
    }

    func rejectUnknown(_ known: [String]) throws(PlanError) {
        for k in properties.keys.sorted() where !known.contains(k) {
            throw .bad(key: "serve.err.prop_unknown", k.oneLine, known.joined(separator: ", "))
        }
    }

    /// Applies the camera properties to `record` (a new camera starts from an empty record).
    func apply(to record: inout CameraRecord) throws(PlanError) {
        try rejectUnknown(Self.cameraTexts + Self.cameraNumbers.map(\.key))
        if case .some(let t) = try text("type") { record.type = t }
        if case .some(let s) = try text("surveillance") { record.surveillance = s }
        var values: [Double??] = []
        for (k, r, open) in Self.cameraNumbers { values.append(try number(k, r, openLow: open)) }
        func set(_ i: Int, _ kp: WritableKeyPath<CameraRecord, Double?>) {
            if case .some(let v) = values[i] { record[keyPath: kp] = v }
        }
        set(0, \.headingDeg); set(1, \.fovDeg); set(2, \.rangeMeters); set(3, \.minRangeMeters)
        set(4, \.resolutionPx); set(5, \.lensFovDeg); set(6, \.focalLengthMm); set(7, \.sensorWidthMm)
        set(8, \.heightMeters); set(9, \.tiltDeg); set(10, \.vfovDeg); set(11, \.irRangeMeters)
        if let h = record.headingDeg, h == 360 { record.headingDeg = 0 }
        if let r = record.rangeMeters, let m = record.minRangeMeters, m >= r {
            throw .bad(key: "serve.err.min_range", "\(m)", "\(r)")
        }
    }
}
