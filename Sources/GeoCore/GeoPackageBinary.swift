/// GeoPackage geometry blobs (OGC 12-128r18, §2.1.3 "GeoPackageBinary"): a small header — magic
/// `GP`, version, flags, SRS id, optional envelope — followed by ISO WKB.
///
/// Decoding gives what GDAL's GPKG driver gives through `OGRGeometryDecoder`: Z and M dropped,
/// and nil for a NULL blob, a blob flagged empty, or a geometry with no coordinates (a point
/// whose ordinates are both NaN is WKB's empty point). Extended blobs (flag X) and non-linear
/// types are not read here (GDAL linearises curves): they throw, like malformed input.
public enum GeoPackageBinary {
    /// The geometry of blob `bytes` (`count` bytes; nil bytes or 0 count: SQL NULL), or nil when
    /// it is empty. Throws `WKB.DecodeError` for what it does not read.
    public static func decode(_ bytes: UnsafeRawPointer?, count: Int) throws -> Geometry? {
        guard let bytes, count > 0 else { return nil }
        let blob = UnsafeRawBufferPointer(start: bytes, count: count)
        guard count >= 8, blob[0] == 0x47, blob[1] == 0x50 else {
            throw WKB.DecodeError(message: "not a GeoPackage geometry blob")
        }
        let flags = blob[3]
        guard flags & 0b0010_0000 == 0 else { throw WKB.DecodeError(message: "extended GeoPackage geometry blob") }
        if flags & 0b0001_0000 != 0 { return nil }
        let envelopeDoubles: Int
        switch (flags >> 1) & 0b111 {
        case 0: envelopeDoubles = 0
        case 1: envelopeDoubles = 4
        case 2, 3: envelopeDoubles = 6
        case 4: envelopeDoubles = 8
        default: throw WKB.DecodeError(message: "bad envelope indicator in GeoPackage geometry blob")
        }
        let start = 8 + 8 * envelopeDoubles
        guard start < count else { throw WKB.DecodeError(message: "GeoPackage geometry blob truncated in its header") }
        let g = try WKB.decode(UnsafeRawBufferPointer(rebasing: blob[start...]))
        return hasCoordinates(g) ? g : nil
    }

    /// Whether `g` is non-empty in OGR's sense: some vertex, where a point of two NaN ordinates
    /// is no vertex.
    static func hasCoordinates(_ g: Geometry) -> Bool {
        switch g {
        case .point(let p): !(p.x.isNaN && p.y.isNaN)
        case .multiPoint(let ps): ps.contains { !($0.x.isNaN && $0.y.isNaN) }
        case .lineString(let l): !l.isEmpty
        case .multiLineString(let ls): ls.contains { !$0.isEmpty }
        case .polygon(let p): !p.exterior.isEmpty || p.holes.contains { !$0.isEmpty }
        case .multiPolygon(let ps): ps.contains { !$0.exterior.isEmpty || $0.holes.contains { !$0.isEmpty } }
        case .collection(let gs): gs.contains(where: hasCoordinates)
        }
    }
}
