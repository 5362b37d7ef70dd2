import GeoCore

/// Each segment of a line set cut into runs of constant camera count (and district):
/// runs of segment `s` are `first[s] ..< first[s + 1]`, with parameters `t0 < t1` in [0, 1],
/// contiguous from 0 to 1.
struct SegmentRuns: Sendable {
    var first: [Int32] = [0]
    var t0: [Double] = []
    var t1: [Double] = []
    var count: [Int32] = []
    var district: [Int32] = []

    /// The runs of every segment of `lines` (see `Sweep`). Parallel over fixed segment chunks.
    /// O(S + N log N) for S segments and N records.
    static func build(records: IntervalRecords, lines: LineSet, splitter: DistrictSplitter?) -> SegmentRuns {
        let nSeg = lines.segmentCount
        let grouped = RecordsBySegment(records, segmentCount: nSeg)
        let chunkSize = 4096
        let chunks = ParallelChunks.ranges(count: nSeg, chunkSize: chunkSize)
        let parts = ParallelChunks.map(chunks) { range -> SegmentRuns in
            var out = SegmentRuns()
            out.first = []
            out.first.reserveCapacity(range.count)
            out.reserve(range.count + 2 * Int(grouped.offsets[range.upperBound] - grouped.offsets[range.lowerBound]))
            var sweep = Sweep(records: records, grouped: grouped, lines: lines, splitter: splitter)
            for s in range { sweep.appendRuns(of: s, to: &out) }
            return out
        }
        // Join the parts: each copied concurrently into its place.
        var base = [Int32](repeating: 0, count: parts.count + 1)
        for (i, p) in parts.enumerated() { base[i + 1] = base[i] + Int32(p.t0.count) }
        var all = SegmentRuns()
        all.first = ParallelChunks.array(count: nSeg + 1, chunkSize: chunkSize) { s in
            s == nSeg ? base[parts.count] : parts[s / chunkSize].first[s % chunkSize] + base[s / chunkSize]
        }
        all.t0 = ParallelChunks.concat(parts.map(\.t0))
        all.t1 = ParallelChunks.concat(parts.map(\.t1))
        all.count = ParallelChunks.concat(parts.map(\.count))
        all.district = ParallelChunks.concat(parts.map(\.district))
        return all
    }

    mutating func reserve(_ n: Int) {
        t0.reserveCapacity(n); t1.reserveCapacity(n); count.reserveCapacity(n); district.reserveCapacity(n)
    }

    /// Appends a run, joining it to the previous one of the same segment when count and
    /// district agree.
    mutating func add(_ a: Double, _ b: Double, _ c: Int32, _ d: Int32) {
        let segStart = Int(first.last ?? 0)
        if count.count > segStart, count[count.count - 1] == c, district[district.count - 1] == d,
           t1[t1.count - 1] == a {
            t1[t1.count - 1] = b
            return
        }
        t0.append(a); t1.append(b); count.append(c); district.append(d)
    }

    /// The sweep of one segment's interval endpoints: the count on a run is the number of
    /// records spanning it, which is the number of distinct cameras because each camera's
    /// intervals on a segment are disjoint. District breakpoints from `splitter` cut runs
    /// further. Holds scratch space: one per worker.
    struct Sweep {
        let records: IntervalRecords
        let grouped: RecordsBySegment
        let lines: LineSet
        let splitter: DistrictSplitter?
        private var events: [(t: Double, d: Int32)] = []
        private let noBreaks: [(t: Double, district: Int32)] = [(0, -1)]

        init(records: IntervalRecords, grouped: RecordsBySegment, lines: LineSet, splitter: DistrictSplitter?) {
            self.records = records
            self.grouped = grouped
            self.lines = lines
            self.splitter = splitter
        }

        /// Appends the runs of segment `s` to `out` (starting a new segment in `out.first`).
        /// O(k log k) for k records on the segment.
        mutating func appendRuns(of s: Int, to out: inout SegmentRuns) {
            out.first.append(Int32(out.t0.count))
            forEachRun(of: s) { out.add($0, $1, $2, $3) }
        }

        /// Calls `body(t0, t1, count, district)` for each run of segment `s` in order, from
        /// t = 0 to 1; neighbouring runs may share count and district (`SegmentRuns.add`
        /// joins them). An unseen segment outside any district split is one run `(0, 1, 0, −1)`.
        /// O(k log k) for k records on the segment.
        @inline(__always)
        mutating func forEachRun(of s: Int, _ body: (Double, Double, Int32, Int32) -> Void) {
            let r0 = Int(grouped.offsets[s]), r1 = Int(grouped.offsets[s + 1])
            guard splitter != nil || r0 < r1 else {
                // Unseen and no districts: one run of count 0 (what the sweep below gives).
                body(0, 1, 0, -1)
                return
            }
            events.removeAll(keepingCapacity: true)
            for k in r0..<r1 {
                let r = Int(grouped.order[k])
                events.append((records.t0[r], 1))
                events.append((records.t1[r], -1))
            }
            events.sort { $0.t < $1.t || ($0.t == $1.t && $0.d < $1.d) }
            let breaks = splitter.map { $0.split(lines.a(s), lines.b(s)) } ?? noBreaks
            // Merge the two sorted streams of cut points.
            var level: Int32 = 0
            var e = 0, b = 1
            var district = breaks[0].district
            var t = 0.0
            while e < events.count && events[e].t <= 0 { level += events[e].d; e += 1 }
            while t < 1 {
                let nextE = e < events.count ? events[e].t : 1
                let nextB = b < breaks.count ? breaks[b].t : 1
                let next = min(1, min(nextE, nextB))
                if next > t { body(t, next, level, district) }
                t = next
                while e < events.count && events[e].t <= t { level += events[e].d; e += 1 }
                while b < breaks.count && breaks[b].t <= t { district = breaks[b].district; b += 1 }
                if next >= 1 { break }
            }
        }
    }
}

/// Interval records grouped by segment (stable counting sort): the records of segment `s` are
/// `order[offsets[s] ..< offsets[s + 1]]`, in record order. O(S + N).
struct RecordsBySegment: Sendable {
    let offsets: [Int32]
    let order: [Int32]

    init(_ records: IntervalRecords, segmentCount nSeg: Int) {
        var offsets = [Int32](repeating: 0, count: nSeg + 1)
        for s in records.segment { offsets[Int(s) + 1] += 1 }
        for i in 0..<nSeg { offsets[i + 1] += offsets[i] }
        var order = [Int32](repeating: 0, count: records.count)
        var fill = offsets
        for (r, s) in records.segment.enumerated() {
            order[Int(fill[Int(s)])] = Int32(r)
            fill[Int(s)] += 1
        }
        self.offsets = offsets
        self.order = order
    }
}
