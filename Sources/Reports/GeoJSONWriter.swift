import Foundation
import GeoCore

/// A streaming RFC 7946 GeoJSON writer.
///
/// Input coordinates must already be WGS 84 longitude/latitude (x = lon, y = lat). Output rules:
/// polygon exteriors counter-clockwise and holes clockwise, coordinates rounded to 7 decimals,
/// no `crs` member, finite numbers only (a non-finite coordinate throws; a non-finite property
/// becomes `null`). Features are written as they come, so memory stays flat for big layers.
public final class GeoJSONWriter {
    /// nil for an in-memory writer (`init(name:fields:decimals:)`).
    private let handle: FileHandle?
    private let path: String
    /// The finished text of an in-memory writer.
    private var memory: [UInt8] = []
    private let fields: [FieldDefinition]
    /// `"name":` of each field, escaped once.
    private let fieldKeys: [String]
    private var buffer = ByteBuffer()
    private let scale: Double
    private var first = true
    private var finished = false
    /// Coordinate decimals (7 ≈ 1 cm).
    public let decimals: Int

    /// Creates `path` (which must not exist: use `AtomicOutput`) and writes the header.
    public init(path: String, name: String, fields: [FieldDefinition], decimals: Int = 7) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path)
        else { throw CovplanError(.cannotCreate, file: path, "cannot create file") }
        handle = h
        self.path = path
        self.fields = fields
        fieldKeys = fields.map { JSONText.string($0.name) + ":" }
        self.decimals = decimals
        scale = JSONText.pow10(decimals)
        buffer.append("{\"type\":\"FeatureCollection\",\"name\":\(JSONText.string(name)),\"features\":[\n")
    }

    /// An in-memory writer (for HTTP responses): `finish()`, then `bytes`.
    public init(name: String, fields: [FieldDefinition], decimals: Int = 7) {
        handle = nil
        path = "(memory)"
        self.fields = fields
        fieldKeys = fields.map { JSONText.string($0.name) + ":" }
        self.decimals = decimals
        scale = JSONText.pow10(decimals)
        buffer.append("{\"type\":\"FeatureCollection\",\"name\":\(JSONText.string(name)),\"features\":[\n")
    }

    /// The text written by an in-memory writer (complete after `finish()`).
    public var bytes: [UInt8] { memory }

    deinit { try? handle?.close() }

    /// Appends one feature (geometry in lon/lat; values in `fields` order).
    public func write(_ feature: Feature) throws {
        if !first { buffer += ",\n" }
        first = false
        buffer.append("{\"type\":\"Feature\",\"id\":"); buffer.append(JSONText.string(feature.id)); buffer.append(",\"properties\":{")
        for i in fields.indices {
            if i > 0 { buffer += "," }
            buffer.append(fieldKeys[i])
            buffer.append(Self.value(i < feature.values.count ? feature.values[i] : .null))
        }
        buffer += "},\"geometry\":"
        if let g = feature.geometry {
            guard g.isFinite else {
                throw CovplanError(.software, file: path, feature: feature.id, "non-finite coordinate in output geometry")
            }
            writeGeometry(g)
        } else {
            buffer.append("null")
        }
        buffer.append("}")
        if buffer.count > 1 << 20 { try flush() }
    }

    /// Writes the closing brackets and closes the file.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        buffer += "\n]}\n"
        try flush()
        try handle?.close()
    }

    private func flush() throws {
        guard let handle else {
            memory += buffer.bytes
            buffer.removeAll()
            return
        }
        do {
            try handle.write(contentsOf: Data(buffer.bytes))
        } catch {
            throw CovplanError(.ioError, file: path, "write failed: \(error.localizedDescription)")
        }
        buffer.removeAll()
    }

    static func value(_ v: FieldValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): JSONText.number(d)
        case .string(let s): JSONText.string(s)
        }
    }

    private func coord(_ p: Point) {
        buffer.append("[")
        buffer += JSONText.coordinate(p.x, decimals: decimals)
        buffer.append(",")
        buffer += JSONText.coordinate(p.y, decimals: decimals)
        buffer.append("]")
    }

    private func coords(_ ps: [Point]) {
        buffer.append("[")
        for (i, p) in ps.enumerated() {
            if i > 0 { buffer += "," }
            coord(p)
        }
        buffer.append("]")
    }

    private func polygonCoords(_ p: Polygon) {
        let o = p.oriented(exteriorCounterClockwise: true)
        buffer.append("[")
        coords(o.exterior)
        for h in o.holes {
            buffer.append(",")
            coords(h)
        }
        buffer.append("]")
    }

    private func writeGeometry(_ g: Geometry) {
        switch g {
        case .point(let p):
            buffer += "{\"type\":\"Point\",\"coordinates\":"; coord(p); buffer.append("}")
        case .multiPoint(let ps):
            buffer += "{\"type\":\"MultiPoint\",\"coordinates\":"; coords(ps); buffer.append("}")
        case .lineString(let l):
            buffer += "{\"type\":\"LineString\",\"coordinates\":"; coords(l); buffer.append("}")
        case .multiLineString(let ls):
            buffer += "{\"type\":\"MultiLineString\",\"coordinates\":["
            for (i, l) in ls.enumerated() { if i > 0 { buffer += "," }; coords(l) }
            buffer.append("]}")
        case .polygon(let p):
            buffer += "{\"type\":\"Polygon\",\"coordinates\":"; polygonCoords(p); buffer.append("}")
        case .multiPolygon(let ps):
            buffer += "{\"type\":\"MultiPolygon\",\"coordinates\":["
            for (i, p) in ps.enumerated() { if i > 0 { buffer += "," }; polygonCoords(p) }
            buffer.append("]}")
        case .collection(let gs):
            buffer += "{\"type\":\"GeometryCollection\",\"geometries\":["
            for (i, c) in gs.enumerated() { if i > 0 { buffer += "," }; writeGeometry(c) }
            buffer.append("]}")
        }
    }
}
