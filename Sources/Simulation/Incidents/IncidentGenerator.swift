import GeoCore

/// Settings of the synthetic incident generator.
public struct IncidentGeneratorSettings: Sendable, Hashable {
    /// Mean number of incidents per day over a week (≥ 0).
    public var incidentsPerDay: Double
    /// Length of the study period in days (> 0; fractions allowed).
    public var days: Double
    /// Time-of-day / day-of-week shape of the rate.
    public var profile: DemandProfile
    /// Incident types with their shares.
    public var types: [IncidentType]
    /// Spatial weight per resident; an atom's weight is `residents × residentWeight + hotSpotWeight`.
    public var residentWeight: Double
    /// Seed of the generator's own PRNG (xoshiro256**).
    public var seed: UInt64

    public init(incidentsPerDay: Double, days: Double, profile: DemandProfile = .flat,
                types: [IncidentType] = IncidentType.defaultMix(), residentWeight: Double = 1,
                seed: UInt64 = 1) {
        self.incidentsPerDay = incidentsPerDay
        self.days = days
        self.profile = profile
        self.types = types
        self.residentWeight = residentWeight
        self.seed = seed
    }
}

/// Seeded synthetic incidents: a non-homogeneous Poisson process in time, atoms in proportion to
/// residents plus hot-spot weights.
public enum IncidentGenerator {
    /// Generates incidents over `settings.days`.
    ///
    /// Time: the rate is the piecewise-constant weekly profile (`DemandProfile`) scaled to
    /// `incidentsPerDay`; arrivals are drawn by thinning (Lewis & Shedler 1979): candidate events
    /// from a homogeneous process at the peak rate, each kept with probability rate(t)/peak.
    /// Space: each incident's type is drawn by `share`, then its atom from the type's
    /// `atomWeights` or else from `residents × residentWeight + hotSpotWeight` (alias tables,
    /// O(1) per draw). On-scene times are drawn from the type's distribution.
    ///
    /// Deterministic for a given seed. O(expected incidents × peak/mean rate) time, O(n) memory.
    /// - Throws: `CovplanError(.usage)` for a negative or NaN rate, a non-positive period, bad
    ///   profile or types; `CovplanError(.dataError)` when no atom has positive weight.
    public static func generate(area: StudyArea, settings s: IncidentGeneratorSettings) throws -> IncidentStream {
        try area.validate()
        try s.profile.validate()
        guard s.incidentsPerDay.isFinite, s.incidentsPerDay >= 0 else {
            throw CovplanError(.usage, "incident rate must be a finite number ≥ 0 per day, got \(s.incidentsPerDay)")
        }
        guard s.days.isFinite, s.days > 0 else {
            throw CovplanError(.usage, "study period must be > 0 days, got \(s.days)")
        }
        guard s.residentWeight.isFinite, s.residentWeight >= 0 else {
            throw CovplanError(.usage, "resident weight must be ≥ 0, got \(s.residentWeight)")
        }
        guard !s.types.isEmpty else { throw CovplanError(.usage, "no incident types given") }
        for t in s.types { try t.validate() }
        guard let typeTable = AliasTable(weights: s.types.map(\.share)) else {
            throw CovplanError(.usage, "incident type shares must not all be zero")
        }
        let atomCount = area.atoms.count
        let baseWeights = area.atoms.map { $0.residents * s.residentWeight + $0.hotSpotWeight }
        let baseTable = AliasTable(weights: baseWeights)
        var spatial: [AliasTable?] = []
        for t in s.types {
            if let w = t.atomWeights {
                guard w.count == atomCount else {
                    throw CovplanError(.usage, "incident type '\(t.name)': \(w.count) atom weights for \(atomCount) atoms")
                }
                guard let table = AliasTable(weights: w) else {
                    if t.share == 0 { spatial.append(nil); continue }
                    throw CovplanError(.dataError, "incident type '\(t.name)': atom weights must be ≥ 0 with a positive sum")
                }
                spatial.append(table)
            } else {
                if baseTable == nil && t.share > 0 {
                    throw CovplanError(.dataError,
                                       "no atom has residents or hot-spot weight: cannot place incidents of type '\(t.name)'")
                }
                spatial.append(baseTable)
            }
        }

        let horizon = s.days * 86_400
        let multipliers = s.profile.weeklyMultipliers()
        let peak = multipliers.max()!
        let meanRatePerSecond = s.incidentsPerDay / 86_400
        let peakRate = meanRatePerSecond * peak
        var rng = Xoshiro256StarStar(seed: s.seed)
        let expected = Int(min(meanRatePerSecond * horizon * 1.05 + 16, 1e8))
        var times: [Double] = []
        var atoms: [Int32] = []
        var types: [Int32] = []
        var scene: [Double] = []
        times.reserveCapacity(expected)
        atoms.reserveCapacity(expected)
        types.reserveCapacity(expected)
        scene.reserveCapacity(expected)
        if peakRate > 0 {
            let meanGap = 1 / peakRate
            var t = 0.0
            while true {
                t += rng.nextExponential(mean: meanGap)
                if t >= horizon { break }
                let hourOfWeek = Int(t / 3600) % 168
                if rng.nextUnit() * peak >= multipliers[hourOfWeek] { continue }
                let k = typeTable.sample(&rng)
                guard let table = spatial[k] else { continue }  // share 0 types are never drawn
                times.append(t)
                types.append(Int32(k))
                atoms.append(Int32(table.sample(&rng)))
                scene.append(s.types[k].onScene.sample(&rng))
            }
        }
        return IncidentStream(timeSeconds: times, atom: atoms, type: types, onSceneSeconds: scene,
                              types: s.types, horizonSeconds: horizon)
    }
}
