import GeoCore

/// A uniform grid over segment envelopes (compressed rows: `cellStart` offsets into `items`),
/// the street-segment index of coverage work.
///
/// Built in O(n + cells) by counting sort — faster than sorting millions of envelopes for an
/// R-tree, and camera queries (a square of side 2 × range) touch only a few cells. Each segment
/// is listed in every cell its envelope overlaps; a query reports it once (in the first cell of
/// the overlap of its envelope and the query). The cell size is `cellMeters`, enlarged when the
/// grid would have more than four cells per segment. Immutable and safe to share between
/// threads.
struct SegmentGrid: Sendable {
    let minX: Double, minY: Double, cell: Double
    let nx: Int, ny: Int
    let cellStart: [Int32]
    let items: [Int32]
    let env: (minX: [Double], minY: [Double], maxX: [Double], maxY: [Double])

    init(ax: [Double], ay: [Double], bx: [Double], by: [Double], cellMeters: Double = 64) {
        let n = ax.count
        var e = Envelope.empty
        var eminX = [Double](repeating: 0, count: n), eminY = eminX, emaxX = eminX, emaxY = eminX
        for i in 0..<n {
            eminX[i] = min(ax[i], bx[i]); eminY[i] = min(ay[i], by[i])
            emaxX[i] = max(ax[i], bx[i]); emaxY[i] = max(ay[i], by[i])
            e.expand(by: Envelope(minX: eminX[i], minY: eminY[i], maxX: emaxX[i], maxY: emaxY[i]))
        }
        env = (eminX, eminY, emaxX, emaxY)
        if n == 0 { e = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        var c = max(cellMeters, 1e-3)
        let maxCells = Double(4 * n + 1024)
        if (e.width / c + 1) * (e.height / c + 1) > maxCells {
            c = max(c, ((e.width + 1) * (e.height + 1) / maxCells).squareRoot() * 1.01 + 1)
        }
        minX = e.minX; minY = e.minY; cell = c
        nx = max(1, Int(e.width / c) + 1); ny = max(1, Int(e.height / c) + 1)
        var start = [Int32](repeating: 0, count: nx * ny + 1)
        let (x0, y0, cs, nxx, nyy) = (e.minX, e.minY, c, nx, ny)
        @inline(__always) func ix(_ x: Double) -> Int { min(nxx - 1, max(0, Int((x - x0) / cs))) }
        @inline(__always) func iy(_ y: Double) -> Int { min(nyy - 1, max(0, Int((y - y0) / cs))) }
        for i in 0..<n {
            for gy in iy(eminY[i])...iy(emaxY[i]) {
                for gx in ix(eminX[i])...ix(emaxX[i]) { start[gy * nxx + gx + 1] += 1 }
            }
        }
        for k in 0..<(nx * ny) { start[k + 1] += start[k] }
        var fill = start
        var items = [Int32](repeating: 0, count: Int(start[nx * ny]))
        for i in 0..<n {
            for gy in iy(eminY[i])...iy(emaxY[i]) {
                for gx in ix(eminX[i])...ix(emaxX[i]) {
                    let k = gy * nxx + gx
                    items[Int(fill[k])] = Int32(i)
                    fill[k] += 1
                }
            }
        }
        cellStart = start
        self.items = items
    }

    @inline(__always) func cellX(_ x: Double) -> Int { min(nx - 1, max(0, Int((x - minX) / cell))) }
    @inline(__always) func cellY(_ y: Double) -> Int { min(ny - 1, max(0, Int((y - minY) / cell))) }

    /// Calls `visit` once for every segment whose envelope intersects `q` (in cell order).
    func search(_ q: Envelope, _ visit: (Int) -> Void) {
        guard !items.isEmpty, !q.isEmpty else { return }
        let qx0 = cellX(q.minX), qx1 = cellX(q.maxX), qy0 = cellY(q.minY), qy1 = cellY(q.maxY)
        for gy in qy0...qy1 {
            for gx in qx0...qx1 {
                let k = gy * nx + gx
                for j in Int(cellStart[k])..<Int(cellStart[k + 1]) {
                    let i = Int(items[j])
                    if env.minX[i] > q.maxX || env.maxX[i] < q.minX || env.minY[i] > q.maxY || env.maxY[i] < q.minY {
                        continue
                    }
                    // Report in the first cell shared by the segment's cells and the query's.
                    if gx != max(qx0, cellX(env.minX[i])) || gy != max(qy0, cellY(env.minY[i])) { continue }
                    visit(i)
                }
            }
        }
    }
}
