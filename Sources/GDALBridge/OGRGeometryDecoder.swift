import CGDAL
import GeoCore

/// Turns an OGR geometry into a plain `Geometry` value by copying coordinates straight out of
/// OGR (`OGR_G_GetPoints`), without a WKB round trip. Curves are linearised first; Z and M are
/// dropped (covplan is planar 2-D). Types without a plain counterpart (TIN, polyhedral
/// surfaces, ...) go through WKB, whose decoder names what it cannot read.
enum OGRGeometryDecoder {
    /// The geometry, or nil when it is empty.
    /// - Throws: `WKB.DecodeError` for a type covplan cannot represent.
    static func decode(_ g: OGRGeometryH) throws -> Geometry? {
        var geom = g
        var owned: OGRGeometryH?
        if OGR_G_HasCurveGeometry(g, 1) != 0 {
            owned = OGR_G_GetLinearGeometry(g, 0, nil)
            if let owned { geom = owned }
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        if OGR_G_IsEmpty(geom) != 0 { return nil }
        return try value(geom)
    }

    /// `wkbFlatten`: the 2-D base type of an OGR geometry type code.
    static func flat(_ t: OGRwkbGeometryType) -> UInt32 {
        let raw = t.rawValue & 0x0FFF_FFFF
        return raw % 1000
    }

    static func value(_ g: OGRGeometryH) throws -> Geometry {
        switch flat(OGR_G_GetGeometryType(g)) {
        case 1: return .point(points(g).first ?? Point(.nan, .nan))
        case 2: return .lineString(points(g))
        case 3: return .polygon(polygon(g))
        case 4: return .multiPoint(try parts(g).map { p in
            guard case .point(let pt) = p else { throw WKB.DecodeError(message: "MultiPoint member is \(p.typeName)") }
            return pt
        })
        case 5: return .multiLineString(try parts(g).map { p in
            guard case .lineString(let l) = p else { throw WKB.DecodeError(message: "MultiLineString member is \(p.typeName)") }
            return l
        })
        case 6: return .multiPolygon(try parts(g).map { p in
            guard case .polygon(let poly) = p else { throw WKB.DecodeError(message: "MultiPolygon member is \(p.typeName)") }
            return poly
        })
        case 7: return .collection(try parts(g))
        default: return try viaWKB(g)
        }
    }

    static func parts(_ g: OGRGeometryH) throws -> [Geometry] {
        let n = Int(OGR_G_GetGeometryCount(g))
        var out: [Geometry] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            guard let child = OGR_G_GetGeometryRef(g, Int32(i)) else { continue }
            out.append(try value(child))
        }
        return out
    }

    static func polygon(_ g: OGRGeometryH) -> Polygon {
        let n = Int(OGR_G_GetGeometryCount(g))
        guard n > 0, let ext = OGR_G_GetGeometryRef(g, 0) else { return Polygon(exterior: []) }
        var holes: [Ring] = []
        holes.reserveCapacity(n - 1)
        for i in 1..<max(n, 1) {
            if let r = OGR_G_GetGeometryRef(g, Int32(i)) { holes.append(points(r)) }
        }
        return Polygon(exterior: points(ext), holes: holes)
    }

    /// The vertices of a point, line string or ring, x/y copied in place into `Point` storage.
    static func points(_ g: OGRGeometryH) -> [Point] {
        let n = Int(OGR_G_GetPointCount(g))
        guard n > 0 else { return [] }
        let stride = Int32(MemoryLayout<Point>.stride)
        return [Point](unsafeUninitializedCapacity: n) { buf, count in
            let base = UnsafeMutableRawPointer(buf.baseAddress!)
            _ = OGR_G_GetPoints(g, base + MemoryLayout<Point>.offset(of: \Point.x)!, stride,
                                base + MemoryLayout<Point>.offset(of: \Point.y)!, stride, nil, 0)
            count = n
        }
    }

    static func viaWKB(_ g: OGRGeometryH) throws -> Geometry {
        let size = Int(OGR_G_WkbSize(g))
        var buffer = [UInt8](repeating: 0, count: size)
        let err = buffer.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(g, wkbNDR, $0.baseAddress) }
        guard err == OGRERR_NONE else { throw WKB.DecodeError(message: "OGR could not export geometry (error \(err))") }
        return try WKB.decode(buffer)
    }
}
