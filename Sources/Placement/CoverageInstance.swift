import GeoCore

/// What limits the new sites of a maximal-coverage problem.
public enum PlacementLimit: Sendable, Equatable, Hashable {
    /// At most `p` new sites (fixed, already installed sites are not counted).
    case count(Int)
    /// New sites whose summed cost, in tenge, is at most the budget (fixed sites cost nothing).
    case budget(Double)
}

/// A sparse coverage instance: weighted demand pieces, candidate sites that each cover a set of
/// demand pieces, sites that are already installed, and a count or budget for new sites.
///
/// The objective of every covering problem over it is the total weight of demand covered by at
/// least one chosen or fixed candidate (backup coverage: by at least two). Coverage sets are kept
/// in compressed sparse row (CSR) layout: the demand indices covered by candidate `j` are
/// `coverIndices[coverOffsets[j] ..< coverOffsets[j + 1]]`, strictly increasing `Int32`s.
///
/// Units: demand weights are whatever the caller measures (street metres, residents); costs are
/// tenge. The instance is independent of where the coverage sets come from (camera poses, post
/// reach). Memory O(demand + candidates + nonzeros).
public struct CoverageInstance: Sendable, Equatable {
    /// Weight of each demand piece (finite, ≥ 0).
    public private(set) var demandWeights: [Double]
    /// Stable identifier of each candidate (unique).
    public private(set) var candidateIDs: [String]
    /// Free-form type of each candidate (camera type, "post", "sos"); "" when unknown.
    public private(set) var candidateTypes: [String]
    /// Cost of each candidate in tenge (finite, ≥ 0).
    public private(set) var candidateCosts: [Double]
    /// CSR row offsets, `candidateCount + 1` entries, starting at 0.
    public private(set) var coverOffsets: [Int]
    /// CSR column indices: the demand pieces covered by each candidate, sorted, no duplicates.
    public private(set) var coverIndices: [Int32]
    /// Candidates that are already installed: always counted, never removed, never re-bought.
    /// Sorted candidate indices without duplicates.
    public private(set) var fixed: [Int32]
    /// Count `p` or budget `b` for the new sites; `nil` for problems that do not need one (LSCP).
    public var limit: PlacementLimit?

    /// Number of demand pieces.
    @inlinable public var demandCount: Int { demandWeights.count }
    /// Number of candidates, fixed ones included.
    @inlinable public var candidateCount: Int { candidateIDs.count }
    /// Number of (candidate, demand) coverage pairs.
    @inlinable public var nonzeroCount: Int { coverIndices.count }

    /// The demand indices covered by candidate `j` (a slice of `coverIndices`).
    @inlinable public func covers(_ j: Int) -> ArraySlice<Int32> {
        coverIndices[coverOffsets[j] ..< coverOffsets[j + 1]]
    }

    /// Builds and validates an instance from CSR arrays.
    ///
    /// - Throws: `CovplanError(.dataError)` naming the offending candidate when a weight or cost is
    ///   negative or not finite, an id is empty or repeated, offsets are malformed, cover indices
    ///   are out of range or not strictly increasing, a fixed index is out of range or repeated,
    ///   or the limit is negative. O(demand + candidates + nonzeros).
    public init(demandWeights: [Double], candidateIDs: [String], candidateTypes: [String]? = nil,
                candidateCosts: [Double], coverOffsets: [Int], coverIndices: [Int32],
                fixed: [Int32] = [], limit: PlacementLimit? = nil) throws {
        let m = candidateIDs.count
        let types = candidateTypes ?? Array(repeating: "", count: m)
        for (i, w) in demandWeights.enumerated() where !(w.isFinite && w >= 0) {
            throw CovplanError(.dataError, "demand piece \(i) has weight \(w); weights must be finite and ≥ 0")
        }
        guard types.count == m, candidateCosts.count == m else {
            throw CovplanError(.dataError, "candidate arrays disagree: \(m) ids, \(types.count) types, \(candidateCosts.count) costs")
        }
        guard coverOffsets.count == m + 1, coverOffsets.first == 0, coverOffsets.last == coverIndices.count else {
            throw CovplanError(.dataError, "cover offsets must have \(m + 1) entries from 0 to \(coverIndices.count)")
        }
        var seen = Set<String>()
        seen.reserveCapacity(m)
        let n = Int32(clamping: demandWeights.count)
        for j in 0 ..< m {
            let id = candidateIDs[j]
            guard !id.isEmpty else { throw CovplanError(.dataError, feature: "#\(j)", "candidate id is empty") }
            guard seen.insert(id).inserted else {
                throw CovplanError(.dataError, feature: "'\(id)'", "candidate id is repeated")
            }
            let c = candidateCosts[j]
            guard c.isFinite, c >= 0 else {
                throw CovplanError(.dataError, feature: "'\(id)'", "candidate cost \(c) tenge; costs must be finite and ≥ 0")
            }
            let lo = coverOffsets[j], hi = coverOffsets[j + 1]
            guard lo <= hi else { throw CovplanError(.dataError, feature: "'\(id)'", "cover offsets decrease") }
            var previous: Int32 = -1
            for k in lo ..< hi {
                let d = coverIndices[k]
                guard d >= 0, d < n else {
                    throw CovplanError(.dataError, feature: "'\(id)'",
                                       "covers demand index \(d), but demand indices run from 0 to \(Int(n) - 1)")
                }
                guard d > previous else {
                    throw CovplanError(.dataError, feature: "'\(id)'",
                                       "covered demand indices must be strictly increasing (\(previous) then \(d))")
                }
                previous = d
            }
        }
        let sortedFixed = fixed.sorted()
        for (k, f) in sortedFixed.enumerated() {
            guard f >= 0, Int(f) < m else {
                throw CovplanError(.dataError, "fixed candidate index \(f) is out of range 0..<\(m)")
            }
            if k > 0, sortedFixed[k - 1] == f {
                throw CovplanError(.dataError, feature: "'\(candidateIDs[Int(f)])'", "fixed candidate listed twice")
            }
        }
        switch limit {
        case .count(let p)? where p < 0:
            throw CovplanError(.usage, "count \(p) is negative; give 0 or more new sites")
        case .budget(let b)? where !(b.isFinite && b >= 0):
            throw CovplanError(.usage, "budget \(b) tenge is not a finite amount ≥ 0")
        default: break
        }
        self.demandWeights = demandWeights
        self.candidateIDs = candidateIDs
        self.candidateTypes = types
        self.candidateCosts = candidateCosts
        self.coverOffsets = coverOffsets
        self.coverIndices = coverIndices
        self.fixed = sortedFixed
        self.limit = limit
    }

    /// Index of the candidate with this id, or nil. O(candidates).
    public func candidateIndex(of id: String) -> Int? { candidateIDs.firstIndex(of: id) }

    /// Total weight of all demand. O(demand).
    public var totalDemandWeight: Double { demandWeights.reduce(0, +) }

    /// Weight of demand covered by at least `times` of the given candidates (fixed ones are NOT
    /// added implicitly). The reference evaluation used by results and tests.
    /// O(nonzeros of the given candidates + demand).
    public func coveredWeight(by candidates: [Int], times: Int = 1) -> Double {
        var count = [UInt16](repeating: 0, count: demandCount)
        for j in candidates {
            for d in covers(j) where count[Int(d)] < UInt16.max { count[Int(d)] += 1 }
        }
        var total = 0.0
        for i in 0 ..< demandCount where Int(count[i]) >= times { total += demandWeights[i] }
        return total
    }

    /// Total cost in tenge of the given candidates. O(k).
    public func cost(of candidates: [Int]) -> Double {
        candidates.reduce(0) { $0 + candidateCosts[$1] }
    }
}

extension CoverageInstance {
    /// Incremental construction of a `CoverageInstance`: candidates are appended one at a time
    /// with unsorted covers (sorted and de-duplicated here). `build()` validates.
    public struct Builder: Sendable {
        /// Weight of each demand piece.
        public var demandWeights: [Double]
        var ids: [String] = []
        var types: [String] = []
        var costs: [Double] = []
        var offsets: [Int] = [0]
        var indices: [Int32] = []
        var fixedIDs: [String] = []
        /// Count or budget of the instance being built.
        public var limit: PlacementLimit?

        /// Starts an instance over the given demand weights.
        public init(demandWeights: [Double], limit: PlacementLimit? = nil) {
            self.demandWeights = demandWeights
            self.limit = limit
        }

        /// Appends a candidate; `covers` may be unsorted and contain duplicates. O(k log k).
        public mutating func addCandidate(id: String, type: String = "", costTenge: Double,
                                          covers: some Sequence<Int>, fixed: Bool = false) {
            var c = covers.map { Int32(clamping: $0) }
            c.sort()
            var last: Int32? = nil
            for d in c where d != last {
                indices.append(d)
                last = d
            }
            ids.append(id)
            types.append(type)
            costs.append(costTenge)
            offsets.append(indices.count)
            if fixed { fixedIDs.append(id) }
        }

        /// Validates and returns the instance. Throws like `CoverageInstance.init`.
        public func build() throws -> CoverageInstance {
            var index: [String: Int32] = [:]
            for (j, id) in ids.enumerated() where index[id] == nil { index[id] = Int32(j) }
            let f = fixedIDs.map { index[$0]! }
            return try CoverageInstance(demandWeights: demandWeights, candidateIDs: ids, candidateTypes: types,
                                        candidateCosts: costs, coverOffsets: offsets, coverIndices: indices,
                                        fixed: f, limit: limit)
        }
    }
}
