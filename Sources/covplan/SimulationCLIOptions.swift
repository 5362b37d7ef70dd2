import CityIngest
import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports
import Scenario
import Simulation
import StreetGraph

/// Flags shared by `covplan simulate` and `covplan hypercube`: units, precincts, residents,
/// hot spots and how the city is cut into demand atoms.
struct NetworkModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Units: a point layer (fields id, optional mode drive|walk and kind), police for the city's police stations, or auto:N for N stand-in units at residents-weighted street nodes (N ≤ 100,000).", valueName: "source"))
    var units: String?

    /// `--units`, required for a city (a scenario names its own posts).
    var unitsSource: String {
        get throws {
            guard let units else { throw CovplanError(.usage, "--units is required: a point layer, police or auto:N") }
            return units
        }
    }

    @Option(name: .customLong("units-layer"), help: "Layer of the units source.")
    var unitsLayer: String?

    @Option(name: .customLong("precincts"), help: "Precinct polygons (any GDAL source) for per-precinct figures.")
    var precincts: String?

    @Option(name: .customLong("precincts-layer"), help: "Layer of the precinct source.")
    var precinctsLayer: String?

    @Option(name: .customLong("precinct-id-field"), help: "Precinct id field (default: id, precinct_id, precinct, code; else the feature id).")
    var precinctIdField: String?

    @Option(name: .customLong("hot-spots"), help: "Hot spots or incident history (points; optional weight field) that attract a share of the incidents.")
    var hotSpots: String?

    @Option(name: .customLong("hot-spots-layer"), help: "Layer of the hot-spot source.")
    var hotSpotsLayer: String?

    @Option(name: .customLong("hot-spot-weight-field"), help: "Weight field of the hot spots (default: weight if present, else 1 per point).")
    var hotSpotWeightField: String?

    @Option(name: .customLong("hot-spot-share"), help: "Share of incidents placed by the hot spots (0–1); the rest follows residents.")
    var hotSpotShare = NetworkStudyOptions().hotSpotShare

    @Option(name: .customLong("atom-spacing-m"), help: "Grid cell size grouping street nodes into demand atoms (metres).")
    var atomSpacingMeters = NetworkStudyOptions().atomSpacingMeters

    @Option(name: .customLong("max-snap-m"), help: "Buildings, hot spots, schools and calls farther than this from the main network are not attached (metres; calls: an error).")
    var maxSnapMeters = SnapDefaults.maxSnapMeters

    @Option(name: .customLong("unit-max-snap-m"), help: "A unit farther than this from the main network of its mode is an error (metres).")
    var unitMaxSnapMeters = SnapDefaults.maxSnapMeters

    @Option(name: .customLong("total-population"), help: "Scale building-based residents so they sum to this (e.g. the official population).")
    var totalPopulation: Double?

    @OptionGroup var residents: ResidentsModelOptions

    var network: NetworkStudyOptions {
        NetworkStudyOptions(atomSpacingMeters: atomSpacingMeters, maxSnapMeters: maxSnapMeters,
                            unitMaxSnapMeters: unitMaxSnapMeters, hotSpotShare: hotSpotShare)
    }

    var population: SimulationPopulation {
        get throws {
            .buildings(try residents.model, totalPopulation: totalPopulation)
        }
    }

    /// Usage checks before any work.
    func check() throws {
        try network.validate()
        _ = try population
        if let t = totalPopulation, !(t.isFinite && t > 0) {
            throw CovplanError(.usage, "--total-population must be positive (got \(t))")
        }
        let units = try unitsSource
        if units.hasPrefix("auto:") {
            guard let n = Int(units.dropFirst(5)), n >= 1 else {
                throw CovplanError(.usage, "--units auto:N needs a whole number N ≥ 1 (got '\(units)')")
            }
            try UnitPlacement.checkCount(n)
        }
    }

    /// The `simulation` (or `hypercube`) keys these flags state: units, graph and demand atoms.
    /// `--units police|auto:N` name the city's stations or stand-ins unless a file of that name exists.
    func planEntries(graph: GraphOptions) throws -> [(String, PlanValue?)] {
        let spec = try unitsSource
        let isFile = FileManager.default.fileExists(atPath: spec)
        var units: [(String, PlanValue?)]
        if spec.hasPrefix("auto:"), !isFile {
            units = [("units_from", .text("auto")), ("units", .number(Double(Int(spec.dropFirst(5)) ?? 0)))]
        } else if spec == "police", !isFile {
            units = [("units_from", .text("police"))]
        } else {
            units = [("units_from", .text("layer")),
                     ("units_layer", .map([("source", .path(spec)), ("layer", unitsLayer.map(PlanValue.text))]))]
        }
        return units + [
            ("mode", .text(graph.mode.rawValue)),
            ("speeds", graph.speedsFile.map(PlanValue.path)),
            ("snap_tolerance_m", graph.snapToleranceMeters > 0 ? .number(graph.snapToleranceMeters) : nil),
            ("hot_spots", hotSpots.map { .map([("source", .path($0)), ("layer", hotSpotsLayer.map(PlanValue.text)),
                                               ("weight_field", hotSpotWeightField.map(PlanValue.text))]) }),
            ("hot_spot_share", .number(hotSpotShare)),
            ("atom_spacing_m", .number(atomSpacingMeters)),
            ("max_snap_m", .number(maxSnapMeters)),
            ("unit_max_snap_m", .number(unitMaxSnapMeters)),
        ]
    }

    /// The plan's `population` section: the residents model and `--total-population`.
    var populationEntries: [(String, PlanValue?)] {
        get throws { try residents.planEntries + [("total", totalPopulation.map(PlanValue.number))] }
    }

    /// The plan's `precincts` section (`--precincts`), nil without it. Only the polygons are used.
    var precinctsSection: PlanValue? {
        precincts.map {
            .map([("source", .path($0)), ("layer", precinctsLayer.map(PlanValue.text)),
                  ("fields", precinctIdField.map { .map([("id", .text($0))]) })])
        }
    }

    /// The precinct ids, for outputs.
    func inputs(city: String) -> [(String, JSONValue)] {
        [("city", .string(city)), ("units", .str(units)), ("precincts", .str(precincts)), ("hot_spots", .str(hotSpots)),
         ("hot_spot_share", .number(hotSpotShare)), ("atom_spacing_m", .number(atomSpacingMeters)),
         ("max_snap_m", .number(maxSnapMeters)), ("unit_max_snap_m", .number(unitMaxSnapMeters)),
         ("total_population", .num(totalPopulation))] + residents.inputs
    }

    /// Units from `--units`.
    func loadUnits(city: City, cityOptions: CityOptions, primary: RoadGraph, seed: UInt64) throws -> [UnitSite] {
        let units = try unitsSource
        if units.hasPrefix("auto:"), !FileManager.default.fileExists(atPath: units) {
            let n = Int(units.dropFirst(5)) ?? 0
            return try UnitPlacement.residentsWeighted(count: n, graph: primary, residents: try population.residentPoints(for: city),
                                                       maxSnapMeters: maxSnapMeters, seed: seed)
        }
        if units == "police", !FileManager.default.fileExists(atPath: units) {
            guard !city.police.isEmpty else {
                throw CovplanError(.dataError, file: cityOptions.source, "the city has no police stations to use as units")
            }
            return city.police.map { UnitSite(id: $0.id, location: $0.location, kind: "police_station") }
        }
        return try UnitSource.load(path: units, layer: unitsLayer, city: city, sourceCRS: cityOptions.sourceCRS)
    }

    /// The graphs: `--mode`'s graph first, then one per other mode a unit uses.
    func graphs(city: City, options: GraphOptions, units: [UnitSite], primary: RoadGraph) throws -> (RoadGraph, [RoadGraph]) {
        var extra: [RoadGraph] = []
        for mode in TravelMode.allCases where mode != primary.mode && units.contains(where: { $0.mode == mode }) {
            var o = options
            o.mode = mode
            extra.append(try o.build(city))
        }
        return (primary, extra)
    }

    func loadPrecincts(city: City, cityOptions: CityOptions) throws -> PrecinctSet? {
        guard let precincts else { return nil }
        return try PrecinctReader.read(PrecinctSource(path: precincts, layer: precinctsLayer, idField: precinctIdField),
                                       workingCRS: city.crs, sourceCRS: cityOptions.sourceCRS, makeValid: cityOptions.makeValid)
    }

    func loadHotSpots(city: City, cityOptions: CityOptions) throws -> HotSpots? {
        guard let hotSpots else { return nil }
        return try HotSpotSource.load(path: hotSpots, layer: hotSpotsLayer, weightField: hotSpotWeightField, city: city,
                                      sourceCRS: cityOptions.sourceCRS)
    }
}
