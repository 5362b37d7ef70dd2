/// Hilbert-curve ordering of graph nodes.
///
/// Node ids are renumbered along a Hilbert curve over the nodes' extent (a 2^16 × 2^16 grid),
/// ties kept in their previous order, so the ids are deterministic and nearby nodes get nearby
/// ids. O(V) (radix sort of 32-bit curve indices).
enum SpatialOrder {
    /// Hilbert index of cell (x, y) on a 2^16 grid.
    @inline(__always) static func hilbert(_ xIn: UInt32, _ yIn: UInt32) -> UInt64 {
        var x = xIn, y = yIn, d: UInt64 = 0
        var s: UInt32 = 1 << 15
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = s &- 1 &- x
                    y = s &- 1 &- y
                }
                (x, y) = (y, x)
            }
            s >>= 1
        }
        return d
    }

    /// Reorders `nodeX`/`nodeY` (metres) along the curve and returns the new id of each old node
    /// (nil when there are at most two nodes: order kept).
    static func renumber(nodeX: inout [Double], nodeY: inout [Double]) -> [Int32]? {
        let n = nodeX.count
        guard n > 2 else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, nodeX[i]); maxX = max(maxX, nodeX[i])
            minY = min(minY, nodeY[i]); maxY = max(maxY, nodeY[i])
        }
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let scale = 65535 / span
        // Key: Hilbert index (high 32 bits) and old id (low 32 bits); a stable sort on the high
        // half orders by index, then old id.
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buf, count in
            for i in 0..<n {
                let cx = UInt32(max(0, min(65535, ((nodeX[i] - minX) * scale).rounded(.down))))
                let cy = UInt32(max(0, min(65535, ((nodeY[i] - minY) * scale).rounded(.down))))
                buf[i] = hilbert(cx, cy) << 32 | UInt64(i)
            }
            count = n
        }
        RadixSort.sort(&keys, lowBit: 32, bitCount: 32)
        var newId = [Int32](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        for rank in 0..<n {
            let old = Int(truncatingIfNeeded: keys[rank] & 0xFFFF_FFFF)
            newId[old] = Int32(rank)
            x[rank] = nodeX[old]
            y[rank] = nodeY[old]
        }
        nodeX = x
        nodeY = y
        return newId
    }
}
