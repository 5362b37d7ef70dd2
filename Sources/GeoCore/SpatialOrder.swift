/// Orders of work along space-filling curves: neighbouring items get neighbouring positions, so
/// their data stays in the CPU caches. Only the order of work changes, never a result.
///
/// - `zOrder`: a Z-order (Morton) curve of square grid cells (cameras in coverage).
/// - `hilbert` / `order(firstVertex:x:y:)`: a Hilbert curve on a 2^16 grid (graph node ids).
public enum SpatialOrder {}

// MARK: Z-order
// A processing order of points along a Z-order (Morton) curve of square grid cells.
//
// Work on neighbouring points touches the same street segments and index cells; visiting
// points in Z-order keeps that data in the CPU caches, instead of fetching it anew for every
// point of a randomly ordered input. Only the order of work changes, never its result.
extension SpatialOrder {
    /// Indices of `points` sorted by the Z-order code of their `cellMeters` grid cell (ties by
    /// index, so the order is deterministic). Points must be finite. O(n log n).
    public static func zOrder(_ points: [Point], cellMeters: Double = 256) -> [Int] {
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

// MARK: Hilbert
// Hilbert-curve ordering of graph nodes.
//
// Node ids are renumbered along a Hilbert curve over the nodes' extent (a 2^16 × 2^16 grid),
// ties kept in their previous order, so the ids are deterministic and nearby nodes get nearby
// ids. O(V) (radix sort of 32-bit curve indices).
extension SpatialOrder {
    /// Hilbert index of cell (x, y) on a 2^16 grid (x, y < 2^16), four levels per step.
    ///
    /// The curve is the classic one (`xy2d` with the quadrant rotation): at each level, from the
    /// top, the cell's bits (rx, ry) — after the rotation inherited from the levels above — give
    /// the digit (3·rx) xor ry, and a quadrant with ry = 0 swaps the axes of the levels below
    /// (complementing them too when rx = 1). Those rotations form a four-element group (identity,
    /// swap, complement, both), so the state is two bits and a table maps (state, 4 bits of x,
    /// 4 bits of y) to 4 digits and the next state.
    public static func hilbert(_ x: UInt32, _ y: UInt32) -> UInt64 {
        hilbertTable.withUnsafeBufferPointer { hilbert(x, y, table: $0) }
    }

    @inline(__always) private static func hilbert(_ x: UInt32, _ y: UInt32, table t: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var state = 0, d: UInt64 = 0
        var shift: UInt32 = 12
        while true {
            let e = t[state << 8 | Int((x >> shift) & 15) << 4 | Int((y >> shift) & 15)]
            d = d << 8 | UInt64(e & 0xFF)
            state = Int(e >> 8)
            if shift == 0 { break }
            shift -= 4
        }
        return d
    }

    /// Entry (state << 8 | x nibble << 4 | y nibble) = next state << 8 | 8 bits of digits.
    /// State bit 0: axes swapped; bit 1: bits complemented.
    private static let hilbertTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 4 << 8)
        for state in 0..<4 {
            for xn in 0..<16 {
                for yn in 0..<16 {
                    var st = state, digits = 0
                    for level in stride(from: 3, through: 0, by: -1) {
                        var rx = (xn >> level) & 1, ry = (yn >> level) & 1
                        if st & 1 != 0 { (rx, ry) = (ry, rx) }
                        if st & 2 != 0 { rx ^= 1; ry ^= 1 }
                        digits = digits << 2 | ((3 * rx) ^ ry)
                        if ry == 0 { st ^= rx == 1 ? 3 : 1 }
                    }
                    table[state << 8 | xn << 4 | yn] = UInt16(st << 8 | digits)
                }
            }
        }
        return table
    }()

    /// Node coordinates (metres) in curve order, and the new id of each old node (nil when there
    /// are at most two nodes: order kept). Node `i` (old id) is at `x/y[firstVertex[i]]`.
    public static func order(firstVertex: [Int32], x: [Double], y: [Double]) -> (nodeX: [Double], nodeY: [Double], newId: [Int32]?) {
        let n = firstVertex.count
        guard n > 2 else {
            return (firstVertex.map { x[Int($0)] }, firstVertex.map { y[Int($0)] }, nil)
        }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for j in firstVertex {
            minX = min(minX, x[Int(j)]); maxX = max(maxX, x[Int(j)])
            minY = min(minY, y[Int(j)]); maxY = max(maxY, y[Int(j)])
        }
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let scale = 65535 / span
        // Key: Hilbert index (high 32 bits) and old id (low 32 bits); a stable sort on the high
        // half orders by index, then old id.
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buf, count in
            hilbertTable.withUnsafeBufferPointer { table in
                for i in 0..<n {
                    let j = Int(firstVertex[i])
                    // Cells: floor of the scaled offset, clamped to the grid (truncation is floor
                    // here: the value is clamped to >= 0 first).
                    let cx = UInt32(max(0, min(65535, (x[j] - minX) * scale)))
                    let cy = UInt32(max(0, min(65535, (y[j] - minY) * scale)))
                    buf[i] = hilbert(cx, cy, table: table) << 32 | UInt64(i)
                }
            }
            count = n
        }
        RadixSort.sort(&keys, lowBit: 32, bitCount: 32)
        var newId = [Int32](repeating: 0, count: n)
        var nodeY: [Double] = []
        let nodeX = [Double](unsafeUninitializedCapacity: n) { nx, nxCount in
            nodeY = [Double](unsafeUninitializedCapacity: n) { ny, nyCount in
                for rank in 0..<n {
                    let old = Int(truncatingIfNeeded: keys[rank] & 0xFFFF_FFFF)
                    newId[old] = Int32(rank)
                    let j = Int(firstVertex[old])
                    nx[rank] = x[j]
                    ny[rank] = y[j]
                }
                nyCount = n
            }
            nxCount = n
        }
        return (nodeX, nodeY, newId)
    }
}
