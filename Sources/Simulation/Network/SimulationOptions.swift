import CityModel
import GeoCore

/// Where the simulation's residents come from.
public enum SimulationPopulation: Sendable {
    /// Building footprints by a residents model (footprint × levels × use share ÷ living space),
    /// optionally scaled to a known total.
    case buildings(ResidentsModel, totalPopulation: Double?)
    /// Resident points given directly (e.g. a `PopulationSurface`'s building points, or the
    /// residents a scenario's precinct load used).
    case points(ResidentPoints)

    /// The default: buildings with `ResidentsModel()`, unscaled.
    public static let standard = SimulationPopulation.buildings(ResidentsModel(), totalPopulation: nil)

    /// The resident points of `city` under this choice.
    /// Throws `.dataError` when the city has no buildings (for `.buildings`), `.usage` for a bad model.
    public func residentPoints(for city: City) throws -> ResidentPoints {
        switch self {
        case .points(let p): return p
        case .buildings(let model, let total):
            guard !city.buildings.isEmpty else {
                throw CovplanError(.dataError, layer: "buildings", "no buildings: residents (where incidents happen) are estimated from building footprints; give resident points instead")
            }
            return try ResidentPoints.buildings(city.buildings, model: model.validated(), totalPopulation: total)
        }
    }
}

/// Settings of the camera–vehicle ("Korgau") part of a simulation run.
public struct KorgauOptions: Sendable, Hashable {
    /// Trip counts and shares; in a `SimulationRun` its `seed` is replaced by one derived from
    /// `SimulationOptions.seed` (one seed per run).
    public var trips: TripSettings
    /// Camera detection → officer's tablet, seconds.
    public var alertDelaySeconds: Double
    /// The unit must be at the intercept node this long before the vehicle, seconds.
    public var interceptMarginSeconds: Double
    /// Width of the band along the city's edge where street ends count as city entries, metres.
    public var entryBandMeters: Double
    /// Units are busy with their simulated utilisation when an alert comes (drawn independently
    /// per alert); false: every unit is free.
    public var useSimulatedAvailability: Bool

    public init(trips: TripSettings = TripSettings(), alertDelaySeconds: Double = 30, interceptMarginSeconds: Double = 0,
                entryBandMeters: Double = 60, useSimulatedAvailability: Bool = true) {
        self.trips = trips
        self.alertDelaySeconds = alertDelaySeconds
        self.interceptMarginSeconds = interceptMarginSeconds
        self.entryBandMeters = entryBandMeters
        self.useSimulatedAvailability = useSimulatedAvailability
    }

    /// Throws `CovplanError(.usage)` naming the first impossible value.
    public func validate() throws {
        try trips.validate()
        guard alertDelaySeconds.isFinite, alertDelaySeconds >= 0 else {
            throw CovplanError(.usage, "alert delay must be ≥ 0 seconds, got \(alertDelaySeconds)")
        }
        guard interceptMarginSeconds.isFinite, interceptMarginSeconds >= 0 else {
            throw CovplanError(.usage, "intercept margin must be ≥ 0 seconds, got \(interceptMarginSeconds)")
        }
        guard entryBandMeters.isFinite, entryBandMeters >= 0 else {
            throw CovplanError(.usage, "city entry band must be ≥ 0 metres, got \(entryBandMeters)")
        }
    }
}

/// Everything a simulation run can be told (plain values; defaults are documented planning
/// assumptions).
public struct SimulationOptions: Sendable {
    /// Seed of every random draw (incidents, on-scene times, trips, unit availability).
    public var seed: UInt64
    /// Simulated days; nil = 30 for generated incidents, or the whole days covering the last
    /// supplied call.
    public var days: Double?
    /// Mean incidents per day for generated incidents (ignored with `calls`).
    public var incidentsPerDay: Double
    /// Mean generated incidents per day when nothing else is said (CLI and scenario alike).
    public static let defaultIncidentsPerDay = 100.0
    /// Simulated days when nothing else is said and no calls fix the period.
    public static let defaultDays = 30.0
    /// Real calls for service; when given, no incidents are generated.
    public var calls: [CallRecord]?
    /// Hour-of-day / day-of-week shape of generated incidents.
    public var profile: DemandProfile
    /// Incident types; nil = `IncidentType.defaultMix` (panic alarms placed at schools; their
    /// share is 0 when the city has no school on the network). Custom types must not carry atom
    /// weights (atoms are made by the run).
    public var types: [IncidentType]?
    /// Response-time target for every type, minutes; nil keeps each type's own target.
    public var targetMinutes: Double?
    public var afterService: AfterService
    /// Days simulated before counting starts (removes the empty-start bias), < days.
    public var warmupDays: Double
    public var population: SimulationPopulation
    public var hotSpots: HotSpots?
    public var network: NetworkStudyOptions
    public var korgau: KorgauOptions

    public init(seed: UInt64 = 1, days: Double? = nil, incidentsPerDay: Double = SimulationOptions.defaultIncidentsPerDay, calls: [CallRecord]? = nil,
                profile: DemandProfile = .typicalUrbanPolice, types: [IncidentType]? = nil, targetMinutes: Double? = nil,
                afterService: AfterService = .returnHome, warmupDays: Double = 0,
                population: SimulationPopulation = .standard, hotSpots: HotSpots? = nil,
                network: NetworkStudyOptions = NetworkStudyOptions(), korgau: KorgauOptions = KorgauOptions()) {
        self.seed = seed
        self.days = days
        self.incidentsPerDay = incidentsPerDay
        self.calls = calls
        self.profile = profile
        self.types = types
        self.targetMinutes = targetMinutes
        self.afterService = afterService
        self.warmupDays = warmupDays
        self.population = population
        self.hotSpots = hotSpots
        self.network = network
        self.korgau = korgau
    }

    /// Throws `CovplanError(.usage)` naming the first impossible value (negative rate or
    /// duration, warm-up not shorter than the period, bad target, profile, types or sub-options).
    public func validate() throws {
        if let d = days {
            guard d.isFinite, d > 0 else { throw CovplanError(.usage, "days must be a positive number, got \(d)") }
        }
        guard incidentsPerDay.isFinite, incidentsPerDay >= 0 else {
            throw CovplanError(.usage, "incidents per day must be a finite number ≥ 0, got \(incidentsPerDay)")
        }
        try checkSize()
        guard warmupDays.isFinite, warmupDays >= 0 else {
            throw CovplanError(.usage, "warm-up must be ≥ 0 days, got \(warmupDays)")
        }
        if let d = days, warmupDays >= d {
            throw CovplanError(.usage, "warm-up (\(warmupDays) days) must be shorter than the simulated \(d) days")
        }
        if let t = targetMinutes {
            guard t.isFinite, t > 0 else { throw CovplanError(.usage, "target must be a positive number of minutes, got \(t)") }
            try InputLimits.check(t, max: InputLimits.maxMinutes, "response-time target (minutes)", why: "one day")
        }
        try profile.validate()
        if let types {
            guard !types.isEmpty else { throw CovplanError(.usage, "no incident types given") }
            for t in types {
                try t.validate()
                guard t.atomWeights == nil else {
                    throw CovplanError(.usage, "incident type '\(t.name)': atom weights cannot be given to a network simulation (atoms are made by the run)")
                }
            }
        }
        try network.validate()
        try korgau.validate()
    }

    /// Throws `CovplanError(.usage)` when the run would generate more incidents than memory
    /// allows: days ≤ `InputLimits.maxDays`, incidents per day ≤ `InputLimits.maxIncidentsPerDay`,
    /// days × incidents per day ≤ `InputLimits.maxIncidents` (≈ 400 bytes per incident).
    public func checkSize() throws {
        try Self.checkSize(days: days, incidentsPerDay: calls == nil ? incidentsPerDay : 0)
    }

    /// `checkSize` for plain values (`days` nil = 30, the default period).
    public static func checkSize(days: Double?, incidentsPerDay: Double) throws(CovplanError) {
        let d = days ?? 30
        try InputLimits.check(d, max: InputLimits.maxDays, "simulated days", why: "ten years")
        try InputLimits.check(incidentsPerDay, max: InputLimits.maxIncidentsPerDay, "incidents per day",
                              why: "a city of 20 million residents")
        let total = d * incidentsPerDay
        if total > InputLimits.maxIncidents {
            throw CovplanError(.usage, "days × incidents per day = \(InputLimits.text(d)) × \(InputLimits.text(incidentsPerDay)) = \(InputLimits.text(total.rounded())) incidents exceeds the limit of \(InputLimits.text(InputLimits.maxIncidents)) (≈ 400 bytes each: about 4 GiB of memory)")
        }
    }

    /// The incident types of a run on `study` (see `types`), with `targetMinutes` applied, and a
    /// note when panic alarms were switched off for want of schools.
    func resolvedTypes(_ study: NetworkStudy) -> (types: [IncidentType], note: String?) {
        var note: String?
        var list: [IncidentType]
        if let types {
            list = types
        } else {
            list = IncidentType.defaultMix(schoolAtomWeights: study.schoolAtomWeights)
            if study.schoolAtomWeights == nil, calls == nil {
                for i in list.indices where list[i].name == "school-panic-alarm" { list[i].share = 0 }
                note = "no school on the network: no school panic-button alarms generated"
            }
        }
        if let t = targetMinutes { for i in list.indices { list[i].targetSeconds = t * 60 } }
        return (list, note)
    }
}
