import CityModel
import GeoCore
import StreetGraph

/// Which hypercube solver to use.
public enum HypercubeMethod: String, Sendable, Hashable, CaseIterable {
    /// Exact for up to `HypercubeRun.autoExactLimit` units, the A-hypercube beyond.
    case auto
    case exact
    case approximate
}

/// Settings of a hypercube run on a city.
public struct HypercubeOptions: Sendable {
    /// Mean calls per day over the whole city (spread over atoms like generated incidents).
    public var incidentsPerDay: Double
    /// Mean busy time per dispatch (travel there, on scene, back), seconds; nil = the incident
    /// mix's mean on-scene time plus the demand-weighted mean round trip from each atom's
    /// nearest unit home.
    public var meanServiceSeconds: Double?
    public var method: HypercubeMethod
    /// Incident types (for the default service time); nil = `IncidentType.defaultMix()`.
    public var types: [IncidentType]?
    public var population: SimulationPopulation
    public var hotSpots: HotSpots?
    public var network: NetworkStudyOptions

    public init(incidentsPerDay: Double = SimulationOptions.defaultIncidentsPerDay, meanServiceSeconds: Double? = nil, method: HypercubeMethod = .auto,
                types: [IncidentType]? = nil, population: SimulationPopulation = .standard, hotSpots: HotSpots? = nil,
                network: NetworkStudyOptions = NetworkStudyOptions()) {
        self.incidentsPerDay = incidentsPerDay
        self.meanServiceSeconds = meanServiceSeconds
        self.method = method
        self.types = types
        self.population = population
        self.hotSpots = hotSpots
        self.network = network
    }

    /// Throws `CovplanError(.usage)` for a negative or zero rate or a non-positive service time.
    public func validate() throws {
        guard incidentsPerDay.isFinite, incidentsPerDay > 0 else {
            throw CovplanError(.usage, "incidents per day must be a positive number, got \(incidentsPerDay)")
        }
        if let s = meanServiceSeconds {
            guard s.isFinite, s > 0 else { throw CovplanError(.usage, "mean service time must be positive, got \(s) s") }
        }
        try types?.forEach { try $0.validate() }
        try network.validate()
    }
}

/// The hypercube model's outputs on a city.
public struct HypercubeOutcome: Sendable {
    public var study: NetworkStudy
    public var problem: HypercubeProblem
    public var result: HypercubeResult
    public var meanServiceSeconds: Double
    /// How the service time was set (`given` or how it was derived).
    public var serviceSource: String
    public var incidentsPerDay: Double
    public var notes: [String]
    public var timings: [(phase: String, seconds: Double)]
}

/// The library entry point of `covplan hypercube`.
public enum HypercubeRun {
    /// Units up to which `.auto` solves the exact model (2^N states).
    public static let autoExactLimit = 12

    /// Larson's hypercube model on the city's atoms: call rates λ_j = incidents per day × the
    /// atom's demand weight (residents and hot spots, as for generated incidents), units ranked
    /// per atom by travel time from their homes (nearest first: the simulation's rule for units
    /// waiting at home), one mean service time for all units.
    ///
    /// - Throws: `CovplanError` — `.usage` for bad options, the exact method beyond
    ///   `ExactHypercube.maxUnits`; `.dataError` for no units, a unit off the network, no
    ///   residents, or a load at or above capacity (no steady state: more units or fewer calls).
    public static func run(city: City, graph: RoadGraph, extraGraphs: [RoadGraph] = [], units: [UnitSite],
                           precincts: PrecinctSet? = nil, options: HypercubeOptions = HypercubeOptions()) throws -> HypercubeOutcome {
        try options.validate()
        var clock = PhaseClock()
        let setup = try NetworkSetup(city: city, graph: graph, extraGraphs: extraGraphs, units: units, precincts: precincts,
                                     population: options.population, hotSpots: options.hotSpots, calls: [],
                                     network: options.network, intercepts: false, clock: &clock)
        let study = setup.study
        let weights = study.demandWeights()
        let total = weights.reduce(0, +)
        guard total > 0 else {
            throw CovplanError(.dataError, "no residents or hot spots on the network: no calls to model")
        }
        let rates = weights.map { $0 / total * options.incidentsPerDay / 86_400 }
        let N = study.units.count, J = study.atomCount
        let table = try PreferenceLists.homeTravelTable(units: study.units, travel: setup.providers, atomCount: J)

        let service: Double
        let serviceSource: String
        if let s = options.meanServiceSeconds {
            service = s
            serviceSource = "given"
        } else {
            let types = (options.types ?? IncidentType.defaultMix()).filter { $0.share > 0 }
            let shares = types.reduce(0) { $0 + $1.share }
            let onScene = shares > 0 ? types.reduce(0) { $0 + $1.share * $1.onScene.meanSeconds } / shares : 0
            var roundTrip = 0.0
            for j in 0..<J where rates[j] > 0 {
                var best = 0
                for n in 1..<N where table[n * J + j] < table[best * J + j] { best = n }
                let home = study.units[best].homeAtom
                let p = setup.providers[study.units[best].travelMode]
                roundTrip += rates[j] * (table[best * J + j] + p.seconds(from: j, to: home))
            }
            roundTrip /= rates.reduce(0, +)
            service = onScene + roundTrip
            serviceSource = String(format: "mean on-scene time of the incident mix (%.0f s) + demand-weighted round trip from the nearest unit (%.0f s)", onScene, roundTrip)
        }
        let problem = HypercubeProblem(arrivalRatesPerSecond: rates,
                                       meanServiceSeconds: Array(repeating: service, count: N),
                                       preferences: PreferenceLists.nearestFirst(homeTravel: table, unitCount: N, atomCount: J),
                                       travelSeconds: table)
        clock.lap("problem")
        let exact: Bool
        switch options.method {
        case .auto: exact = N <= autoExactLimit
        case .exact: exact = true
        case .approximate: exact = false
        }
        let result = exact ? try ExactHypercube.solve(problem) : try ApproximateHypercube.solve(problem)
        clock.lap(exact ? "exact hypercube" : "approximate hypercube")
        return HypercubeOutcome(study: study, problem: problem, result: result, meanServiceSeconds: service,
                                serviceSource: serviceSource, incidentsPerDay: options.incidentsPerDay, notes: study.notes,
                                timings: clock.laps)
    }
}
