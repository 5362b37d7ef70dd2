import CGEOS
import GeoCore

/// Result of a validity check: valid, or the reason and where.
public struct ValidityReport: Sendable, Equatable {
    public let isValid: Bool
    /// GEOS's reason, e.g. "Self-intersection".
    public let reason: String?
    /// The location GEOS points at, in the geometry's CRS.
    public let location: Point?

    public init(isValid: Bool, reason: String?, location: Point?) {
        self.isValid = isValid
        self.reason = reason
        self.location = location
    }
}

extension GEOSEngine {
    /// Checks OGC validity of a geometry (`GEOSisValidDetail_r`).
    public func validity(_ g: Geometry) throws(GEOSError) -> ValidityReport {
        let gg = try geometry(g)
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let r = GEOSisValidDetail_r(handle, gg.raw, 0, &reason, &location)
        if r == 2 { throw error("GEOSisValidDetail_r") }
        if r == 1 { return ValidityReport(isValid: true, reason: nil, location: nil) }
        let text = reason.map { String(cString: $0) }
        if let reason { GEOSFree_r(handle, reason) }
        var at: Point?
        if let location {
            let loc = GEOSGeometry(location, engine: self)
            if case .point(let p)? = try? value(loc) { at = p }
        }
        return ValidityReport(isValid: false, reason: text, location: at)
    }

    /// Repairs an invalid geometry without losing vertices (`GEOSMakeValid_r`, linework method).
    public func makeValid(_ g: Geometry) throws(GEOSError) -> Geometry {
        let gg = try geometry(g)
        return try value(wrap(GEOSMakeValid_r(handle, gg.raw), "GEOSMakeValid_r"))
    }

    /// Union of all input geometries (`GEOSUnaryUnion_r` over their collection).
    public func union(_ gs: [Geometry]) throws(GEOSError) -> GEOSGeometry {
        let gg = try geometry(.collection(gs))
        return try wrap(GEOSUnaryUnion_r(handle, gg.raw), "GEOSUnaryUnion_r")
    }

    public func intersection(_ a: GEOSGeometry, _ b: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
        try wrap(GEOSIntersection_r(handle, a.raw, b.raw), "GEOSIntersection_r")
    }

    public func difference(_ a: GEOSGeometry, _ b: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
        try wrap(GEOSDifference_r(handle, a.raw, b.raw), "GEOSDifference_r")
    }

    /// Buffer by `distance` (CRS units) with `quadrantSegments` segments per quarter circle.
    public func buffer(_ g: GEOSGeometry, distance: Double, quadrantSegments: Int32 = 8) throws(GEOSError)
        -> GEOSGeometry
    {
        try wrap(GEOSBuffer_r(handle, g.raw, distance, quadrantSegments), "GEOSBuffer_r")
    }

    /// Polygons formed by a set of (noded) lines (`GEOSPolygonize_r`).
    public func polygonize(_ lines: [Geometry]) throws(GEOSError) -> [Polygon] {
        let handles = try lines.map { (l) throws(GEOSError) in try geometry(l) }
        var raws: [OpaquePointer?] = handles.map(\.raw)
        let out = raws.withUnsafeMutableBufferPointer {
            GEOSPolygonize_r(handle, $0.baseAddress, UInt32($0.count))
        }
        return try value(wrap(out, "GEOSPolygonize_r")).polygons
    }

    /// Planar length in CRS units.
    public func length(_ g: GEOSGeometry) throws(GEOSError) -> Double {
        var v = 0.0
        guard GEOSLength_r(handle, g.raw, &v) == 1 else { throw error("GEOSLength_r") }
        return v
    }

    /// Planar area in CRS units squared.
    public func area(_ g: GEOSGeometry) throws(GEOSError) -> Double {
        var v = 0.0
        guard GEOSArea_r(handle, g.raw, &v) == 1 else { throw error("GEOSArea_r") }
        return v
    }
}
