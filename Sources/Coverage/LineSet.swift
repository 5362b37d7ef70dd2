import GeoCore

/// Polylines (street centre lines, facility outlines) flattened into segments for coverage work.
///
/// Struct-of-arrays in the working CRS (metres): segment `s` runs from `(ax[s], ay[s])` to
/// `(bx[s], by[s])`, belongs to line `line[s]` and starts `startMeters[s]` metres along it.
/// Segments of line `l` are `lineFirstSegment[l] ..< lineFirstSegment[l + 1]`, in line order.
/// A uniform grid (`SegmentGrid`) indexes the segment envelopes. Building is O(n) in the segment
/// count; the value is immutable and safe to share between threads.
public struct LineSet: Sendable {
    public let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    /// Owning line of each segment.
    public let line: [Int32]
    /// Distance from the start of the owning line to the segment start, metres.
    public let startMeters: [Double]
    /// Segment length, metres.
    public let lengthMeters: [Double]
    /// Segment range of each line: `lineFirstSegment[l] ..< lineFirstSegment[l + 1]`.
    public let lineFirstSegment: [Int32]
    /// Length of each line, metres.
    public let lineLengthMeters: [Double]
    /// Grid over segment envelopes (ids are segment indices).
    let grid: SegmentGrid

    /// Number of segments.
    public var segmentCount: Int { ax.count }
    /// Number of lines.
    public var lineCount: Int { lineLengthMeters.count }

    /// Flattens `lines` (each a polyline in the working CRS; lines with fewer than two points get
    /// no segments and length 0). Coordinates must be finite — callers validate first.
    public init(lines: [[Point]]) {
        self.init(count: lines.count) { lines[$0] }
    }

    /// Flattens `count` polylines, line `l` being `points(l)` (as `init(lines:)`), in parallel
    /// over fixed chunks of lines, straight into the final arrays. `points` is called
    /// concurrently, twice per line.
    init(count n: Int, points: (Int) -> [Point]) {
        let chunks = ParallelChunks.ranges(count: n, chunkSize: 8192)
        let segmentCount = ParallelChunks.array(count: n, chunkSize: 8192) { Int32(max(0, points($0).count - 1)) }
        var first = [Int32](repeating: 0, count: n + 1)
        for l in 0..<n { first[l + 1] = first[l] + segmentCount[l] }
        let total = Int(first[n])
        let columns = ParallelChunks.columns(6, count: total, chunks: chunks) { (range, c: [UnsafeMutablePointer<Double>]) in
            let (ax, ay, bx, by, start, len) = (c[0], c[1], c[2], c[3], c[4], c[5])
            for l in range {
                var s = Int(first[l])
                var acc = 0.0
                points(l).withUnsafeBufferPointer { pts in
                    guard pts.count > 1 else { return }
                    for i in 1..<pts.count {
                        let p = pts[i - 1], q = pts[i]
                        let d = p.distance(to: q)
                        ax[s] = p.x; ay[s] = p.y; bx[s] = q.x; by[s] = q.y
                        start[s] = acc; len[s] = d
                        acc += d
                        s += 1
                    }
                }
            }
        }
        let owner = ParallelChunks.columns(1, count: total, chunks: chunks) { (range, c: [UnsafeMutablePointer<Int32>]) in
            for l in range {
                for s in Int(first[l])..<Int(first[l + 1]) { c[0][s] = Int32(l) }
            }
        }[0]
        let (start, len) = (columns[4], columns[5])
        // The line's length is its last segment's start plus length: the same sum, in the same order.
        lineLengthMeters = ParallelChunks.array(count: n, chunkSize: 8192) { l in
            let last = Int(first[l + 1]) - 1
            return last >= Int(first[l]) ? start[last] + len[last] : 0
        }
        ax = columns[0]; ay = columns[1]; bx = columns[2]; by = columns[3]
        line = owner
        startMeters = start
        lengthMeters = len
        lineFirstSegment = first
        grid = SegmentGrid(ax: ax, ay: ay, bx: bx, by: by)
    }

    /// Start point of segment `s`.
    @inlinable public func a(_ s: Int) -> Point { Point(ax[s], ay[s]) }
    /// End point of segment `s`.
    @inlinable public func b(_ s: Int) -> Point { Point(bx[s], by[s]) }

    /// Calls `visit` once with every segment whose envelope intersects `query`.
    public func search(_ query: Envelope, _ visit: (Int) -> Void) { grid.search(query, visit) }

    /// The nearest segment to `p` within `maxDistance` metres: its index, the parameter of the
    /// closest point and the distance (lowest index on ties); nil when none is that near.
    public func nearestSegment(to p: Point, maxDistance: Double) -> (segment: Int, t: Double, distance: Double)? {
        var best: (segment: Int, t: Double, d2: Double)?
        grid.search(Envelope(minX: p.x - maxDistance, minY: p.y - maxDistance,
                             maxX: p.x + maxDistance, maxY: p.y + maxDistance)) { s in
            let c = Planar.closestOnSegment(p, a(s), b(s))
            if c.distanceSquared <= maxDistance * maxDistance,
               best == nil || c.distanceSquared < best!.d2 || (c.distanceSquared == best!.d2 && s < best!.segment) {
                best = (s, c.t, c.distanceSquared)
            }
        }
        return best.map { ($0.segment, $0.t, $0.d2.squareRoot()) }
    }
}
