import GeoCore

/// A p-median / p-center instance: weighted demand points, candidate sites with travel times (in
/// seconds, e.g. over the street graph) to the demand points they reach, installed sites, and
/// the number of new sites.
///
/// Travel times are stored per candidate in compressed sparse row (CSR) layout: candidate `j`
/// reaches demand `demandIndices[k]` in `seconds[k]` for `k` in `offsets[j] ..< offsets[j + 1]`
/// (demand indices strictly increasing). A missing pair means "not reachable" (e.g. beyond the
/// reach cutoff). A demand point that no open site reaches is charged `unservedSeconds` — the
/// time of a demand point is min(unservedSeconds, nearest open site), so `unservedSeconds` also
/// caps longer times. With `unservedSeconds = +∞` every candidate must reach every demand point
/// of positive weight (a complete matrix). Memory O(demand + candidates + pairs).
public struct FacilityInstance: Sendable, Equatable {
    /// Weight of each demand point (residents, incidents; finite, ≥ 0).
    public private(set) var demandWeights: [Double]
    /// Unique candidate ids.
    public private(set) var candidateIDs: [String]
    /// Candidate types ("" when unknown).
    public private(set) var candidateTypes: [String]
    /// Candidate costs in tenge (informational for p-median / p-center).
    public private(set) var candidateCosts: [Double]
    /// CSR offsets per candidate (`candidateCount + 1` entries).
    public private(set) var offsets: [Int]
    /// CSR demand indices, strictly increasing per candidate.
    public private(set) var demandIndices: [Int32]
    /// CSR travel times in seconds (finite, ≥ 0).
    public private(set) var seconds: [Double]
    /// Installed sites (sorted candidate indices): always open, never removed.
    public private(set) var fixed: [Int32]
    /// Number of new sites to open.
    public var count: Int
    /// Seconds charged to a demand point that no open site reaches (> 0, may be +∞ for a complete
    /// matrix).
    public private(set) var unservedSeconds: Double

    @inlinable public var demandCount: Int { demandWeights.count }
    @inlinable public var candidateCount: Int { candidateIDs.count }

    /// Builds and validates an instance from CSR travel times.
    ///
    /// - Throws: `CovplanError(.dataError)` for negative or non-finite weights or times, malformed
    ///   offsets, out-of-range or unsorted demand indices, empty or repeated ids, bad fixed
    ///   indices; `CovplanError(.usage)` for a negative count, an `unservedSeconds` that is NaN or
    ///   not positive, or an infinite `unservedSeconds` with a matrix that misses pairs (the
    ///   message says to give a penalty time such as the reach cutoff). O(pairs + candidates).
    public init(demandWeights: [Double], candidateIDs: [String], candidateTypes: [String]? = nil,
                candidateCosts: [Double]? = nil, offsets: [Int], demandIndices: [Int32], seconds: [Double],
                fixed: [Int32] = [], count: Int, unservedSeconds: Double = .infinity) throws {
        let m = candidateIDs.count
        let n = demandWeights.count
        for (i, w) in demandWeights.enumerated() where !(w.isFinite && w >= 0) {
            throw CovplanError(.dataError, "demand point \(i) has weight \(w); weights must be finite and ≥ 0")
        }
        let types = candidateTypes ?? Array(repeating: "", count: m)
        let costs = candidateCosts ?? Array(repeating: 0, count: m)
        guard types.count == m, costs.count == m else {
            throw CovplanError(.dataError, "candidate arrays disagree: \(m) ids, \(types.count) types, \(costs.count) costs")
        }
        guard offsets.count == m + 1, offsets.first == 0, offsets.last == demandIndices.count,
              seconds.count == demandIndices.count else {
            throw CovplanError(.dataError, "travel-time offsets must have \(m + 1) entries from 0 to \(demandIndices.count), with one time per pair")
        }
        var ids = Set<String>()
        for j in 0 ..< m {
            let id = candidateIDs[j]
            guard !id.isEmpty else { throw CovplanError(.dataError, feature: "#\(j)", "candidate id is empty") }
            guard ids.insert(id).inserted else { throw CovplanError(.dataError, feature: "'\(id)'", "candidate id is repeated") }
            guard costs[j].isFinite, costs[j] >= 0 else {
                throw CovplanError(.dataError, feature: "'\(id)'", "candidate cost \(costs[j]) tenge; costs must be finite and ≥ 0")
            }
            guard offsets[j] <= offsets[j + 1] else { throw CovplanError(.dataError, feature: "'\(id)'", "offsets decrease") }
            var previous: Int32 = -1
            for k in offsets[j] ..< offsets[j + 1] {
                let d = demandIndices[k]
                guard d >= 0, Int(d) < n else {
                    throw CovplanError(.dataError, feature: "'\(id)'", "reaches demand index \(d), but demand indices run from 0 to \(n - 1)")
                }
                guard d > previous else {
                    throw CovplanError(.dataError, feature: "'\(id)'", "demand indices must be strictly increasing (\(previous) then \(d))")
                }
                previous = d
                let t = seconds[k]
                guard t.isFinite, t >= 0 else {
                    throw CovplanError(.dataError, feature: "'\(id)'", "travel time \(t) s to demand \(d); times must be finite and ≥ 0")
                }
            }
        }
        let sortedFixed = fixed.sorted()
        for (k, f) in sortedFixed.enumerated() {
            guard f >= 0, Int(f) < m else { throw CovplanError(.dataError, "fixed candidate index \(f) is out of range 0..<\(m)") }
            if k > 0, sortedFixed[k - 1] == f {
                throw CovplanError(.dataError, feature: "'\(candidateIDs[Int(f)])'", "fixed candidate listed twice")
            }
        }
        guard count >= 0 else { throw CovplanError(.usage, "count \(count) is negative; give 0 or more new sites") }
        guard !unservedSeconds.isNaN, unservedSeconds > 0 else {
            throw CovplanError(.usage, "unserved time \(unservedSeconds) s must be positive (or infinite for a complete matrix)")
        }
        if unservedSeconds == .infinity {
            let positive = demandWeights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            for j in 0 ..< m {
                var reached = 0
                for k in offsets[j] ..< offsets[j + 1] where demandWeights[Int(demandIndices[k])] > 0 { reached += 1 }
                if reached < positive {
                    throw CovplanError(.usage, feature: "'\(candidateIDs[j])'", "reaches \(reached) of \(positive) demand points; with unreachable pairs give the time charged to unreached demand (unserved seconds, e.g. the reach cutoff)")
                }
            }
        }
        self.demandWeights = demandWeights
        self.candidateIDs = candidateIDs
        self.candidateTypes = types
        self.candidateCosts = costs
        self.offsets = offsets
        self.demandIndices = demandIndices
        self.seconds = seconds
        self.fixed = sortedFixed
        self.count = count
        self.unservedSeconds = unservedSeconds
    }

    /// Builds an instance from a dense matrix, one row per candidate and one column per demand
    /// point; `+∞` marks an unreachable pair. Throws like the CSR initializer (plus a row-length
    /// check). O(candidates · demand).
    public init(demandWeights: [Double], candidateIDs: [String], denseSeconds: [[Double]], fixed: [Int32] = [],
                count: Int, unservedSeconds: Double = .infinity) throws {
        let n = demandWeights.count
        guard denseSeconds.count == candidateIDs.count else {
            throw CovplanError(.dataError, "travel-time matrix has \(denseSeconds.count) rows for \(candidateIDs.count) candidates")
        }
        var offsets = [0]
        var indices: [Int32] = []
        var secs: [Double] = []
        for (j, row) in denseSeconds.enumerated() {
            guard row.count == n else {
                throw CovplanError(.dataError, feature: "'\(candidateIDs[j])'", "travel-time row has \(row.count) entries for \(n) demand points")
            }
            for (i, t) in row.enumerated() where t != .infinity {
                indices.append(Int32(i))
                secs.append(t)
            }
            offsets.append(indices.count)
        }
        try self.init(demandWeights: demandWeights, candidateIDs: candidateIDs, offsets: offsets,
                      demandIndices: indices, seconds: secs, fixed: fixed, count: count, unservedSeconds: unservedSeconds)
    }

    /// The travel time from candidate `j` to demand `i` (+∞ when unreachable). O(log reach).
    public func seconds(from j: Int, to i: Int) -> Double {
        var lo = offsets[j], hi = offsets[j + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if demandIndices[mid] < Int32(i) { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[j + 1] && demandIndices[lo] == Int32(i) ? seconds[lo] : .infinity
    }
}
