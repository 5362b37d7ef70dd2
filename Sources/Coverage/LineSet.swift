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
        var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
        var owner: [Int32] = [], start: [Double] = [], len: [Double] = []
        var first: [Int32] = [0]
        var lineLen: [Double] = []
        let total = lines.reduce(0) { $0 + max(0, $1.count - 1) }
        ax.reserveCapacity(total); ay.reserveCapacity(total); bx.reserveCapacity(total); by.reserveCapacity(total)
        owner.reserveCapacity(total); start.reserveCapacity(total); len.reserveCapacity(total)
        for (l, pts) in lines.enumerated() {
            var acc = 0.0
            if pts.count > 1 {
                for i in 1..<pts.count {
                    let p = pts[i - 1], q = pts[i]
                    let d = p.distance(to: q)
                    ax.append(p.x); ay.append(p.y); bx.append(q.x); by.append(q.y)
                    owner.append(Int32(l)); start.append(acc); len.append(d)
                    acc += d
                }
            }
            lineLen.append(acc)
            first.append(Int32(ax.count))
        }
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
        self.line = owner
        self.startMeters = start
        self.lengthMeters = len
        self.lineFirstSegment = first
        self.lineLengthMeters = lineLen
        self.grid = SegmentGrid(ax: ax, ay: ay, bx: bx, by: by)
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
