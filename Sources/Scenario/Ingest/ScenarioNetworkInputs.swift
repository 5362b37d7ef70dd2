import CityIngest
import CityModel
import GeoCore
import Simulation
import StreetGraph

/// What a `simulation` or `hypercube` section names besides the city (its units layer, hot
/// spots, speed table, real calls and covered stretches), read with the scenario's other inputs
/// before any analysis. Geometry in the city's working CRS (metres).
public struct NetworkModelInputs: Sendable {
    /// `units_layer` (`units_from: layer`): unit points with their travel mode and kind.
    public var unitsLayer: [UnitSite]?
    /// `hot_spots`: points and weights.
    public var hotSpots: HotSpots?
    /// `speeds` (else, with a `posts` section, `posts.speeds`) applied to each travel mode;
    /// a file whose section of one mode is bad keeps that error, thrown only when a graph of
    /// that mode is built (as the command line did).
    public var speeds: [TravelMode: SpeedTable] = [:]
    public var speedErrors: [TravelMode: CovplanError] = [:]
    /// `calls` (simulation only): the real calls, with the time origin their times count from.
    public var calls: (records: [CallRecord], origin: String)?
    /// `korgau.covered` and `korgau.cordon_covered` (simulation only).
    public var covered: StreetCoverage?

    /// Reads what `section` (the `simulation` or `hypercube` node) names.
    /// - Throws: the readers' `CovplanError`s (file, layer, feature and problem); a schema error
    ///   at the key for settings that contradict each other (`units_layer` without
    ///   `units_from: layer`, `cordon_covered` without `covered`, hot spots given twice).
    static func read(_ section: ConfigNode, doc: ScenarioDocument, city: City, sourceCRS: String?) throws -> NetworkModelInputs {
        try NetworkModelSettings.check(section, doc: doc)
        var out = NetworkModelInputs()
        if let ref = section["units_layer"], let path = ref["source"]?.resolvedPath {
            out.unitsLayer = try UnitSource.load(path: path, layer: ref["layer"]?.text, city: city, sourceCRS: sourceCRS)
        }
        if let ref = section["hot_spots"], let path = ref["source"]?.resolvedPath {
            out.hotSpots = try HotSpotSource.load(path: path, layer: ref["layer"]?.text, weightField: ref["weight_field"]?.text,
                                                  city: city, sourceCRS: sourceCRS)
        }
        if let path = (section["speeds"] ?? (doc.root.at("posts") != nil ? doc.root.at("posts.speeds") : nil))?.resolvedPath {
            for mode in TravelMode.allCases {
                do { out.speeds[mode] = try SpeedTable.load(mode, path: path) } catch let e as CovplanError { out.speedErrors[mode] = e }
            }
        }
        if let ref = section["calls"], let path = ref["source"]?.resolvedPath {
            out.calls = try CallSource.load(path, layer: ref["layer"]?.text, timeField: ref["time_field"]?.text,
                                            typeField: ref["type_field"]?.text, city: city, sourceCRS: sourceCRS)
        }
        if let ref = section.at("korgau.covered"), let path = ref["source"]?.resolvedPath {
            let cordon = section.at("korgau.cordon_covered")
            out.covered = StreetCoverage(
                covered: try CoveredStretchSource.intervals(path, layer: ref["layer"]?.text, city: city, sourceCRS: sourceCRS),
                cordon: try cordon.flatMap { c in
                    try c["source"]?.resolvedPath.map { try CoveredStretchSource.intervals($0, layer: c["layer"]?.text, city: city, sourceCRS: sourceCRS) }
                } ?? [])
        }
        return out
    }
}

/// The settings of a `simulation` or `hypercube` section that decide units, graphs and demand
/// atoms, with their defaults (the schema's).
enum NetworkModelSettings {
    /// The main graph's travel mode without a `posts` section: the section's `mode`, else drive.
    static func mode(_ section: ConfigNode) -> TravelMode {
        section["mode"]?.text.flatMap(TravelMode.init(rawValue:)) ?? .drive
    }

    /// Settings that contradict each other, refused at the key.
    static func check(_ section: ConfigNode, doc: ScenarioDocument) throws {
        let from = section["units_from"]?.text ?? "posts"
        if let u = section["units_layer"], from != "layer" {
            throw SchemaValidator.error(u.location, "'units_layer' is read only with 'units_from: layer'")
        }
        if from == "layer", section["units_layer"] == nil {
            throw SchemaValidator.error(section["units_from"]!.location, "'units_from: layer' needs 'units_layer: {source: FILE}'")
        }
        if from == "auto", section["units"] == nil {
            throw SchemaValidator.error(section["units_from"]!.location, "'units_from: auto' needs 'units': the number of stand-in units")
        }
        if let n = section["units"], from == "police" || from == "layer" {
            throw SchemaValidator.error(n.location, "'units' is a count for 'units_from: posts' or 'auto'; with '\(from)' every unit of the \(from == "police" ? "city's police stations" : "layer") is used")
        }
        if doc.root.at("posts") != nil {
            for key in ["mode", "speeds", "snap_tolerance_m"] {
                if let v = section[key] {
                    throw SchemaValidator.error(v.location, "with a 'posts' section the units drive on the posts' graph: set 'posts.\(key)' instead")
                }
            }
        }
        if let h = section["hot_spots"], doc.root.at("crime.hot_spots.simulation")?.bool == true {
            throw SchemaValidator.error(h.location, "hot spots given twice: 'hot_spots' here and 'crime.hot_spots.simulation: true'")
        }
        if let c = section.at("korgau.cordon_covered"), section.at("korgau.covered") == nil {
            throw SchemaValidator.error(c.location, "'cordon_covered' needs 'covered' (the stretches of every camera)")
        }
    }

    /// `NetworkStudyOptions` from the section (schema defaults for what it leaves out).
    static func study(_ section: ConfigNode?) -> NetworkStudyOptions {
        let d = NetworkStudyOptions()
        return NetworkStudyOptions(atomSpacingMeters: section?["atom_spacing_m"]?.number ?? d.atomSpacingMeters,
                                   maxSnapMeters: section?["max_snap_m"]?.number ?? d.maxSnapMeters,
                                   unitMaxSnapMeters: section?["unit_max_snap_m"]?.number ?? d.unitMaxSnapMeters,
                                   hotSpotShare: section?["hot_spot_share"]?.number ?? d.hotSpotShare)
    }
}

extension NetworkModelSettings {
    /// The speed table of `mode`, nil without a `speeds` file. Throws the file's error for that mode.
    static func speeds(_ mode: TravelMode, _ inputs: NetworkModelInputs) throws -> SpeedTable? {
        if let e = inputs.speedErrors[mode] { throw e }
        return inputs.speeds[mode]
    }

    /// The graph of `mode` with the section's noding (`snap_tolerance_m`, else the posts'),
    /// refused when no street of the mode exists.
    static func graph(_ mode: TravelMode, _ section: ConfigNode, doc: ScenarioDocument, city: City,
                      inputs: NetworkModelInputs) throws -> RoadGraph {
        let tolerance = (section["snap_tolerance_m"] ?? doc.root.at("posts.snap_tolerance_m"))?.number ?? 0
        let noding = tolerance > 0 ? NodingOptions(snapToleranceMeters: tolerance, nodeCrossings: true) : .exact
        let graph = try GraphBuilder.build(streetsOf: city, mode: mode, speeds: try speeds(mode, inputs), noding: noding)
        guard graph.edgeCount > 0 else {
            throw CovplanError(.dataError, layer: "streets", "no \(mode.rawValue) streets: the \(mode.rawValue) graph is empty")
        }
        return graph
    }

    /// The main graph: reach's (the posts' graph) when it ran, the posts' mode with a `posts`
    /// section, else the section's `mode`.
    static func mainGraph(_ section: ConfigNode, doc: ScenarioDocument, city: City, reach: ReachResults?,
                          inputs: NetworkModelInputs) throws -> RoadGraph {
        if let reach { return reach.graph }
        let mode = doc.root.at("posts") != nil ? ScenarioReach.mode(doc) : self.mode(section)
        return try graph(mode, section, doc: doc, city: city, inputs: inputs)
    }

    /// One graph per travel mode that a unit uses besides the main graph's, in `TravelMode` order.
    static func extraGraphs(_ section: ConfigNode, doc: ScenarioDocument, city: City, primary: RoadGraph, units: [UnitSite],
                            inputs: NetworkModelInputs) throws -> [RoadGraph] {
        try TravelMode.allCases.filter { m in m != primary.mode && units.contains { $0.mode == m } }.map {
            try graph($0, section, doc: doc, city: city, inputs: inputs)
        }
    }

    /// The units (`units_from`): round-robin over the posts (reach's, with the proposed ones,
    /// when it ran), the city's police stations, the `units_layer`, or `units` stand-ins at
    /// residents-weighted nodes of `graph` (drawn with the scenario's seed).
    /// - Throws: `.dataError` naming the city when it has no police stations; a schema error at
    ///   `posts.from` when the posts are none.
    static func units(_ section: ConfigNode, doc: ScenarioDocument, city: City, graph: RoadGraph, reach: ReachResults?,
                      posts: PostSites, population: SimulationPopulation, study: NetworkStudyOptions,
                      inputs: NetworkModelInputs) throws -> [UnitSite] {
        switch section["units_from"]?.text ?? "posts" {
        case "police":
            guard !city.police.isEmpty else {
                throw CovplanError(.dataError, file: city.ingest.primarySource ?? "the city", "the city has no police stations to use as units")
            }
            return city.police.map { UnitSite(id: $0.id, location: $0.location, kind: "police_station") }
        case "layer":
            return inputs.unitsLayer ?? []
        case "auto":
            return try UnitPlacement.residentsWeighted(count: section["units"]!.integer!, graph: graph,
                                                       residents: try population.residentPoints(for: city),
                                                       maxSnapMeters: study.maxSnapMeters, seed: doc.seed)
        default:
            let ids = reach?.postIds ?? posts.ids
            let points = reach?.postPoints ?? posts.points
            guard !ids.isEmpty else {
                throw SchemaValidator.error(doc.root.at("posts.from")?.location ?? section.location,
                                            "the simulation's units start from the posts: 'posts.from: none' gives none")
            }
            let sites = zip(ids, points).map { UnitSite(id: $0.0, location: $0.1) }
            return try UnitPlacement.roundRobin(posts: sites, count: section["units"]?.integer ?? sites.count)
        }
    }
}
