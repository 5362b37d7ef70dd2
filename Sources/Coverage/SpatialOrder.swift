import GeoCore

/// A processing order of points along a Z-order (Morton) curve of square grid cells.
///
/// Work on neighbouring points touches the same street segments and index cells; visiting
/// points in Z-order keeps that data in the CPU caches, instead of fetching it anew for every
/// point of a randomly ordered input. Only the order of work changes, never its result.
enum SpatialOrder {
    /// Indices of `points` sorted by the Z-order code of their `cellMeters` grid cell (ties by
    /// index, so the order is deterministic). Points must be finite. O(n log n).
    static func zOrder(_ points: [Point], cellMeters: Double = 256) -> [Int] {
        guard points.count > 1 else { return Array(points.indices) }
        var minX = Double.infinity, minY = Double.infinity
        for p in points {
            minX = min(minX, p.x)
            minY = min(minY, p.y)
        }
        var keyed = [(code: UInt64, index: Int)]()
        keyed.reserveCapacity(points.count)
        for (i, p) in points.enumerated() {
            let cx = UInt64(min(Double(1 << 31 - 1), ((p.x - minX) / cellMeters).rounded(.down)))
            let cy = UInt64(min(Double(1 << 31 - 1), ((p.y - minY) / cellMeters).rounded(.down)))
            keyed.append((interleave(cx) | interleave(cy) << 1, i))
        }
        keyed.sort { $0.code != $1.code ? $0.code < $1.code : $0.index < $1.index }
        return keyed.map(\.index)
    }

    /// The low 32 bits of `v` spread to the even bit positions.
    @inline(__always) static func interleave(_ v: UInt64) -> UInt64 {
        var x = v & 0xFFFF_FFFF
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | x << 2) & 0x3333_3333_3333_3333
        x = (x | x << 1) & 0x5555_5555_5555_5555
        return x
    }
}
