import GeoCore

/// Input of Larson's hypercube queueing model (infinite line capacity).
///
/// Model: J atoms, each an independent Poisson source of calls with rate λ_j (per second);
/// N units, unit n with exponential service (total unavailable time, travel included) of mean
/// 1/μ_n seconds; fixed-preference dispatch — a call from atom j goes to the first *available*
/// unit on j's list, which must rank **all** N units; a call that finds all units busy waits in
/// one FCFS queue of unlimited length and is served by the next unit to become free (from that
/// unit's home, for travel-time figures). Steady state requires λ < Σ μ_n.
public struct HypercubeProblem: Sendable, Hashable {
    /// λ_j: calls per second from each atom (≥ 0, positive sum).
    public var arrivalRatesPerSecond: [Double]
    /// 1/μ_n: mean service time of each unit in seconds (> 0).
    public var meanServiceSeconds: [Double]
    /// Per atom: all unit indices 0..<N, most preferred first.
    public var preferences: [[Int]]
    /// Optional t_nj, row-major `[n * atomCount + j]`: seconds from unit n's home to atom j, for
    /// travel-time figures.
    public var travelSeconds: [Double]?
    /// Optional district owner per atom (for the interdistrict share); default: first preference.
    public var primaryUnit: [Int]?

    public init(arrivalRatesPerSecond: [Double], meanServiceSeconds: [Double], preferences: [[Int]],
                travelSeconds: [Double]? = nil, primaryUnit: [Int]? = nil) {
        self.arrivalRatesPerSecond = arrivalRatesPerSecond
        self.meanServiceSeconds = meanServiceSeconds
        self.preferences = preferences
        self.travelSeconds = travelSeconds
        self.primaryUnit = primaryUnit
    }

    public var atomCount: Int { arrivalRatesPerSecond.count }
    public var unitCount: Int { meanServiceSeconds.count }
    /// λ: total call rate per second.
    public var totalArrivalRate: Double { arrivalRatesPerSecond.reduce(0, +) }

    /// Throws `CovplanError` (`.dataError`) for zero units or atoms, a negative/NaN rate, a
    /// non-positive service time, a preference list that is not a permutation of all units,
    /// a malformed travel table or primary unit; and when λ ≥ Σμ (no steady state). O(J·N).
    public func validate() throws {
        let N = unitCount, J = atomCount
        guard N > 0 else { throw CovplanError(.dataError, "hypercube: no response units") }
        guard J > 0 else { throw CovplanError(.dataError, "hypercube: no demand atoms") }
        for (j, r) in arrivalRatesPerSecond.enumerated() where !(r.isFinite && r >= 0) {
            throw CovplanError(.dataError, feature: "atom \(j)", "hypercube: call rate must be ≥ 0, got \(r)")
        }
        guard totalArrivalRate > 0 else { throw CovplanError(.dataError, "hypercube: total call rate is zero") }
        for (n, s) in meanServiceSeconds.enumerated() where !(s.isFinite && s > 0) {
            throw CovplanError(.dataError, feature: "unit \(n)", "hypercube: mean service time must be > 0 seconds, got \(s)")
        }
        guard preferences.count == J else {
            throw CovplanError(.dataError, "hypercube: \(preferences.count) preference lists for \(J) atoms")
        }
        for (j, list) in preferences.enumerated() {
            var seen = [Bool](repeating: false, count: N)
            guard list.count == N else {
                throw CovplanError(.dataError, feature: "atom \(j)",
                                   "hypercube: preference list ranks \(list.count) units, must rank all \(N)")
            }
            for n in list {
                guard n >= 0, n < N, !seen[n] else {
                    throw CovplanError(.dataError, feature: "atom \(j)",
                                       "hypercube: preference list is not a permutation of the units (unit \(n))")
                }
                seen[n] = true
            }
        }
        if let t = travelSeconds {
            guard t.count == N * J else {
                throw CovplanError(.dataError, "hypercube: travel table has \(t.count) values, expected \(N)×\(J)")
            }
            for v in t where !(v.isFinite && v >= 0) {
                throw CovplanError(.dataError, "hypercube: travel times must be finite and ≥ 0 seconds, got \(v)")
            }
        }
        if let p = primaryUnit {
            guard p.count == J, p.allSatisfy({ $0 >= 0 && $0 < N }) else {
                throw CovplanError(.dataError, "hypercube: primary units must be one unit index per atom")
            }
        }
        let capacity = meanServiceSeconds.reduce(0) { $0 + 1 / $1 }
        guard totalArrivalRate < capacity else {
            throw CovplanError(.dataError,
                               "hypercube: \(String(format: "%.1f", totalArrivalRate * 86_400)) incidents a day is more than \(N) unit(s) can serve, \(String(format: "%.1f", capacity * 86_400)) a day at their mean service times (travel included): the queue grows without bound (no steady state); give fewer incidents a day, a shorter service time or more units")
        }
    }

    /// District owner of atom j.
    func primary(_ j: Int) -> Int { primaryUnit?[j] ?? preferences[j][0] }

    /// Distinct preference lists and the summed rate of the atoms using each, plus the group of
    /// each atom (first-seen order, deterministic).
    func preferenceGroups() -> (lists: [[Int]], rates: [Double], groupOfAtom: [Int]) {
        var index: [[Int]: Int] = [:]
        var lists: [[Int]] = []
        var rates: [Double] = []
        var group = [Int](repeating: 0, count: atomCount)
        for j in 0..<atomCount {
            let key = preferences[j]
            if let g = index[key] {
                rates[g] += arrivalRatesPerSecond[j]
                group[j] = g
            } else {
                index[key] = lists.count
                group[j] = lists.count
                lists.append(key)
                rates.append(arrivalRatesPerSecond[j])
            }
        }
        return (lists, rates, group)
    }
}

extension HypercubeProblem {
    /// A problem whose preference lists rank units by travel time from their home atoms to each
    /// atom (ties: lower unit index) — the same rule as the simulation's `nearestAvailable` for
    /// units waiting at home — with travel times filled in.
    ///
    /// - Parameters:
    ///   - arrivalRatesPerSecond: λ_j per atom.
    ///   - units: units with home atoms; `travel[unit.travelMode]` gives their travel times.
    ///   - meanServiceSeconds: one value for all units.
    /// - Throws: `CovplanError(.dataError)` for bad homes, modes or unreachable atoms. O(J·N log N).
    public static func nearestFirst(arrivalRatesPerSecond: [Double], units: [ResponseUnit],
                                    travel: [any TravelTimeProvider], meanServiceSeconds: Double) throws -> HypercubeProblem {
        let J = arrivalRatesPerSecond.count
        let table = try PreferenceLists.homeTravelTable(units: units, travel: travel, atomCount: J)
        let prefs = PreferenceLists.nearestFirst(homeTravel: table, unitCount: units.count, atomCount: J)
        return HypercubeProblem(arrivalRatesPerSecond: arrivalRatesPerSecond,
                                meanServiceSeconds: Array(repeating: meanServiceSeconds, count: units.count),
                                preferences: prefs, travelSeconds: table)
    }
}

/// Building dispatch preference lists.
public enum PreferenceLists {
    /// Row-major `[n * atomCount + j]` seconds from unit n's home to atom j.
    /// Throws `CovplanError(.dataError)` for an out-of-range home or mode, or an unreachable atom.
    public static func homeTravelTable(units: [ResponseUnit], travel: [any TravelTimeProvider],
                                       atomCount J: Int) throws -> [Double] {
        var table = [Double](repeating: 0, count: units.count * J)
        for (n, u) in units.enumerated() {
            guard u.travelMode >= 0, u.travelMode < travel.count, travel[u.travelMode].atomCount == J else {
                throw CovplanError(.dataError, feature: "unit \(u.id)", "travel mode \(u.travelMode) is not defined for \(J) atoms")
            }
            guard u.homeAtom >= 0, u.homeAtom < J else {
                throw CovplanError(.dataError, feature: "unit \(u.id)", "home atom \(u.homeAtom) is outside 0..<\(J)")
            }
            for j in 0..<J {
                let t = travel[u.travelMode].seconds(from: u.homeAtom, to: j)
                guard t.isFinite, t >= 0 else {
                    throw CovplanError(.dataError, feature: "unit \(u.id)", "cannot reach atom \(j) (unit off the network?)")
                }
                table[n * J + j] = t
            }
        }
        return table
    }

    /// For each atom, all units sorted by `homeTravel[n * atomCount + j]` ascending, ties by
    /// lower unit index — the order in which the simulation's `nearestAvailable` picks units
    /// waiting at home.
    public static func nearestFirst(homeTravel: [Double], unitCount N: Int, atomCount J: Int) -> [[Int]] {
        (0..<J).map { j in
            (0..<N).sorted { a, b in
                let ta = homeTravel[a * J + j], tb = homeTravel[b * J + j]
                return ta < tb || (ta == tb && a < b)
            }
        }
    }
}
