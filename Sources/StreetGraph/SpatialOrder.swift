/// Hilbert-curve ordering of graph nodes.
///
/// Node ids are renumbered along a Hilbert curve over the nodes' extent (a 2^16 × 2^16 grid),
/// ties kept in their previous order, so the ids are deterministic and nearby nodes get nearby
/// ids. O(V log V).
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

    /// Reorders `nodeX`/`nodeY` along the curve and maps the ids in `nodeOfCoord` (-1 = not a node).
    static func renumber(nodeX: inout [Double], nodeY: inout [Double], nodeOfCoord: inout [Int32]) {
        let n = nodeX.count
        guard n > 2 else { return }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, nodeX[i]); maxX = max(maxX, nodeX[i])
            minY = min(minY, nodeY[i]); maxY = max(maxY, nodeY[i])
        }
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let scale = 65535 / span
        var keyed = [(key: UInt64, node: Int32)]()
        keyed.reserveCapacity(n)
        for i in 0..<n {
            let cx = UInt32(max(0, min(65535, ((nodeX[i] - minX) * scale).rounded(.down))))
            let cy = UInt32(max(0, min(65535, ((nodeY[i] - minY) * scale).rounded(.down))))
            keyed.append((hilbert(cx, cy), Int32(i)))
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.node < $1.node) }
        var newId = [Int32](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        for (rank, e) in keyed.enumerated() {
            newId[Int(e.node)] = Int32(rank)
            x[rank] = nodeX[Int(e.node)]
            y[rank] = nodeY[Int(e.node)]
        }
        nodeX = x
        nodeY = y
        for c in 0..<nodeOfCoord.count where nodeOfCoord[c] >= 0 { nodeOfCoord[c] = newId[Int(nodeOfCoord[c])] }
    }
}
