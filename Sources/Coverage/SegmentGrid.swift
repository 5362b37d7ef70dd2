import GeoCore

/// A uniform grid over segment envelopes (compressed rows: `cellStart` offsets into `items`),
/// the street-segment index of coverage work.
///
/// Built in O(n + cells) by counting sort — faster than sorting millions of envelopes for an
/// R-tree, and camera queries (a square of side 2 × range) touch only a few cells. Each segment
/// is listed in every cell its envelope overlaps; a query reports it once (in the first cell of
/// the overlap of its envelope and the query). The cell size is `cellMeters`, enlarged when the
/// grid would have more than four cells per segment. Envelopes are not stored: they are taken
/// from the segment end points (arrays shared with the caller, not copied). Immutable and safe
/// to share between threads.
struct SegmentGrid: Sendable {
    let minX: Double, minY: Double, cell: Double
    let nx: Int, ny: Int
    let cellStart: [Int32]
    let items: [Int32]
    /// Segment end points, working CRS (metres).
    let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    /// Column and row of the first cell of each segment's envelope.
    let firstCellX: [Int32], firstCellY: [Int32]

    /// Cell ranges are computed in parallel; the cell lists are filled in segment order (so each
    /// cell lists its segments ascending).
    init(ax: [Double], ay: [Double], bx: [Double], by: [Double], cellMeters: Double = 64) {
        let n = ax.count
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
        var e = Envelope.empty
        for i in 0..<n {
            e.expand(by: Envelope(minX: min(ax[i], bx[i]), minY: min(ay[i], by[i]),
                                  maxX: max(ax[i], bx[i]), maxY: max(ay[i], by[i])))
        }
        if n == 0 { e = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        var c = max(cellMeters, 1e-3)
        let maxCells = Double(4 * n + 1024)
        if (e.width / c + 1) * (e.height / c + 1) > maxCells {
            c = max(c, ((e.width + 1) * (e.height + 1) / maxCells).squareRoot() * 1.01 + 1)
        }
        minX = e.minX; minY = e.minY; cell = c
        nx = max(1, Int(e.width / c) + 1); ny = max(1, Int(e.height / c) + 1)
        let (x0, y0, cs, nxx, nyy) = (e.minX, e.minY, c, nx, ny)
        @Sendable @inline(__always) func ix(_ x: Double) -> Int32 { Int32(min(nxx - 1, max(0, Int((x - x0) / cs)))) }
        @Sendable @inline(__always) func iy(_ y: Double) -> Int32 { Int32(min(nyy - 1, max(0, Int((y - y0) / cs)))) }
        let chunk = 65536
        let cx0 = ParallelChunks.array(count: n, chunkSize: chunk) { ix(min(ax[$0], bx[$0])) }
        let cy0 = ParallelChunks.array(count: n, chunkSize: chunk) { iy(min(ay[$0], by[$0])) }
        let cx1 = ParallelChunks.array(count: n, chunkSize: chunk) { ix(max(ax[$0], bx[$0])) }
        let cy1 = ParallelChunks.array(count: n, chunkSize: chunk) { iy(max(ay[$0], by[$0])) }
        // Counting sort: count per cell, prefix sums, then place each segment at its cells'
        // fill positions, which end as the next cells' starts (so no separate fill array).
        var start = [Int32](repeating: 0, count: nx * ny + 1)
        for i in 0..<n {
            for gy in Int(cy0[i])...Int(cy1[i]) {
                for gx in Int(cx0[i])...Int(cx1[i]) { start[gy * nxx + gx + 1] += 1 }
            }
        }
        for k in 0..<(nx * ny) { start[k + 1] += start[k] }
        var items = [Int32](repeating: 0, count: Int(start[nx * ny]))
        for i in 0..<n {
            for gy in Int(cy0[i])...Int(cy1[i]) {
                for gx in Int(cx0[i])...Int(cx1[i]) {
                    let k = gy * nxx + gx
                    items[Int(start[k])] = Int32(i)
                    start[k] += 1
                }
            }
        }
        // start[k] is now the end of cell k, i.e. the start of cell k + 1: shift back.
        for k in stride(from: nx * ny, to: 0, by: -1) { start[k] = start[k - 1] }
        start[0] = 0
        cellStart = start
        self.items = items
        firstCellX = cx0
        firstCellY = cy0
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
                    if min(ax[i], bx[i]) > q.maxX || max(ax[i], bx[i]) < q.minX
                        || min(ay[i], by[i]) > q.maxY || max(ay[i], by[i]) < q.minY {
                        continue
                    }
                    // Report in the first cell shared by the segment's cells and the query's.
                    if gx != max(qx0, Int(firstCellX[i])) || gy != max(qy0, Int(firstCellY[i])) { continue }
                    visit(i)
                }
            }
        }
    }
}
