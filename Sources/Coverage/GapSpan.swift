/// An uncovered stretch of one street before it becomes a `CoverageGap`: plain numbers only
/// (street and district by index), cheap to collect, merge and sort in the millions.
struct GapSpan: Sendable {
    /// Index into the street list.
    var street: Int
    /// Index into the district list holding most of the length, −1 outside districts.
    var district: Int
    /// Start and end, metres from the street line's first vertex; length in metres (the sum of
    /// the runs joined, not `toMeters − fromMeters`).
    var fromMeters: Double, toMeters: Double, lengthMeters: Double
    /// The road-class weight; `score = lengthMeters × weight`.
    var weight: Double, score: Double

    /// Appends the maximal uncovered stretches of street `street` (its `runs`, in order, joined
    /// across district cuts when closer than `options.mergeToleranceMeters`) of at least
    /// `options.minGapMeters` (every stretch of positive length when it is 0) to `out`.
    static func find(street: Int, runs: [CoverageRun], weight: Double, districted: Bool, options: CoverageOptions,
                     into out: inout [GapSpan]) {
        var i = 0
        while i < runs.count {
            guard runs[i].cameraCount == 0 else { i += 1; continue }
            var j = i
            var share: [Int: Double] = [:]
            var length = 0.0
            while j < runs.count, runs[j].cameraCount == 0,
                  j == i || abs(runs[j].fromMeters - runs[j - 1].toMeters) <= options.mergeToleranceMeters {
                if districted { share[runs[j].districtIndex, default: 0] += runs[j].lengthMeters }
                length += runs[j].lengthMeters
                j += 1
            }
            if length > 0, length >= options.minGapMeters {
                let d = share.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? -1
                out.append(GapSpan(street: street, district: d, fromMeters: runs[i].fromMeters,
                                   toMeters: runs[j - 1].toMeters, lengthMeters: length, weight: weight,
                                   score: length * weight))
            }
            i = j
        }
    }

    /// Ranking: score descending, then street, then position along it (a total order: spans of
    /// one street never start at the same place).
    @inline(__always) static func ranksBefore(_ a: GapSpan, _ b: GapSpan) -> Bool {
        a.score != b.score ? a.score > b.score : (a.street != b.street ? a.street < b.street : a.fromMeters < b.fromMeters)
    }

    /// `spans` in rank order.
    static func ranked(_ spans: [GapSpan]) -> [GapSpan] {
        spans.sorted(by: ranksBefore)
    }

    /// The first `k` of `spans` in rank order — the same as `ranked(spans).prefix(k)`, since
    /// `ranksBefore` is a total order — in one pass keeping a sorted list of at most `k`.
    static func top(_ k: Int, of spans: [GapSpan]) -> [GapSpan] {
        guard k > 0 else { return [] }
        var best: [GapSpan] = []
        best.reserveCapacity(k + 1)
        for s in spans {
            if best.count == k, !ranksBefore(s, best[k - 1]) { continue }
            var i = best.count
            while i > 0, ranksBefore(s, best[i - 1]) { i -= 1 }
            best.insert(s, at: i)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
