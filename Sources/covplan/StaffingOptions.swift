import CityIngest
import ArgumentParser
import CityModel
import GeoCore
import Reports
import Scenario
import Staffing

extension CensusMethod: ExpressibleByArgument {}

/// Flags shared by `covplan load` and `covplan rebalance`: precincts, staff, population source.
struct StaffingOptions: ParsableArguments {
    @Option(name: .customLong("precincts"), help: "Precinct polygons: any GDAL vector source (GeoPackage, Shapefile, GeoJSON, ...).")
    var precincts: String

    @Option(name: .customLong("precincts-layer"), help: "Layer of the precinct source (default: precincts/districts/beats or the only layer).")
    var precinctsLayer: String?

    @Option(name: .customLong("precincts-where"), help: "OGR SQL filter on the precinct layer.")
    var precinctsWhere: String?

    @Option(name: .customLong("precinct-id-field"), help: "Precinct id field (default: id, precinct_id, precinct, code; else the feature id).")
    var idField: String?

    @Option(name: .customLong("precinct-name-field"), help: "Precinct name field (default: name).")
    var nameField: String?

    @Option(name: .customLong("inspectors-field"), help: "Inspectors per precinct field (default: inspectors if present).")
    var inspectorsField: String?

    @Option(name: .customLong("assistants-field"), help: "Assistant inspectors field (default: assistants if present).")
    var assistantsField: String?

    @Option(name: .customLong("staff"), help: "Staff table (CSV): precinct_id, inspectors[, assistants]; replaces the staff fields. Unknown ids are an error.")
    var staff: String?

    @Option(name: .customLong("population-field"), help: "Residents field on the precinct layer (population method 'field').")
    var populationField: String?

    @Option(name: .customLong("population-raster"), help: "Population raster (residents per pixel, e.g. WorldPop counts), summed with exact pixel fractions.")
    var populationRaster: String?

    @Option(name: .customLong("raster-band"), help: "Band of the population raster.")
    var rasterBand = 1

    @Option(name: .customLong("census"), help: "Census/zone polygons with resident counts.")
    var census: String?

    @Option(name: .customLong("census-layer"), help: "Layer of the census source.")
    var censusLayer: String?

    @Option(name: .customLong("census-field"), help: "Resident count field of the census layer.")
    var censusField: String?

    @Option(name: .customLong("census-method"), help: "Spread census counts by 'area' or 'dasymetric' (residential floor area of buildings).")
    var censusMethod: CensusMethod = .dasymetric

    @Option(help: "Norm: residents per inspector.")
    var norm = PrecinctLoadAnalysis.defaultNorm

    @Option(name: .customLong("total-population"), help: "Scale the estimate so the source total equals this (e.g. the city's official population).")
    var totalPopulation: Double?

    @OptionGroup var residents: ResidentsModelOptions

    @Option(name: .customLong("overlap-tolerance-m2"), help: "Precinct overlaps up to this area (m²) are tolerated as slivers; larger ones are errors.")
    var overlapTolerance = PrecinctOverlaps.defaultToleranceM2

    var model: ResidentsModel {
        get throws { try residents.model }
    }

    func precinctSource() -> PrecinctSource {
        PrecinctSource(path: precincts, layer: precinctsLayer, filter: precinctsWhere, idField: idField, nameField: nameField,
                       inspectorsField: inspectorsField, assistantsField: assistantsField, populationField: populationField,
                       staffTable: staff, overlapToleranceM2: overlapTolerance)
    }

    /// Checks flag combinations before any work.
    func check() throws {
        let sources = [populationField != nil, populationRaster != nil, census != nil].filter { $0 }.count
        if sources > 1 {
            throw CovplanError(.usage, "give at most one of --population-field, --population-raster, --census")
        }
        if census != nil, censusField == nil { throw CovplanError(.usage, "--census needs --census-field (the resident count field)") }
        if census == nil, censusField != nil { throw CovplanError(.usage, "--census-field needs --census") }
        if staff != nil, inspectorsField != nil { throw CovplanError(.usage, "give either --inspectors-field or --staff, not both") }
        if let t = totalPopulation, !(t > 0 && t.isFinite) { throw CovplanError(.usage, "--total-population must be positive (got \(t))") }
        if populationField != nil, totalPopulation != nil { throw CovplanError(.usage, "--total-population does not apply to --population-field") }
        try populationRequest.check()
        guard norm > 0, norm.isFinite else { throw CovplanError(.usage, "--norm must be a positive number (got \(norm))") }
        guard overlapTolerance >= 0 else { throw CovplanError(.usage, "--overlap-tolerance-m2 must not be negative") }
        _ = try model
    }

    /// The population request these flags describe.
    var populationRequest: PopulationRequest {
        get throws {
            let source: PopulationRequest.Source
            if let f = populationField {
                source = .field(f)
            } else if let r = populationRaster {
                source = .raster(path: r, band: rasterBand)
            } else if let c = census, let f = censusField {
                source = .census(path: c, layer: censusLayer, countField: f, method: censusMethod)
            } else {
                source = .buildings
            }
            return PopulationRequest(source: source, totalPopulation: totalPopulation, model: try model)
        }
    }

    /// The population input these flags describe, resolved for a city and its precincts.
    func population(city: City, precincts: PrecinctSet, sourceCRS: String?, makeValid: Bool) throws -> PopulationInput {
        try populationRequest.resolve(city: city, precincts: precincts, sourceCRS: sourceCRS, makeValid: makeValid)
    }

    /// The plan's `precincts` section these flags state.
    /// - Parameters:
    ///   - streetKm: false for `precincts.street_km: false`.
    ///   - rebalance: true for `precincts.rebalance: true`.
    func precinctsSection(streetKm: Bool = true, rebalance: Bool = false) -> PlanValue {
        let fields: [(String, PlanValue?)] = [("id", idField.map(PlanValue.text)), ("name", nameField.map(PlanValue.text))]
        return .map([
            ("source", .path(precincts)),
            ("layer", precinctsLayer.map(PlanValue.text)),
            ("where", precinctsWhere.map(PlanValue.text)),
            ("fields", fields.contains { $0.1 != nil } ? .map(fields) : nil),
            ("inspectors_field", inspectorsField.map(PlanValue.text)),
            ("assistants_field", assistantsField.map(PlanValue.text)),
            ("staff", staff.map(PlanValue.path)),
            ("norm", .number(norm)),
            ("overlap_tolerance_m2", .number(overlapTolerance)),
            ("street_km", streetKm ? nil : .bool(false)),
            ("rebalance", rebalance ? .bool(true) : nil),
        ])
    }

    /// The plan's `population` section these flags state (the residents model included).
    var populationSection: PlanValue {
        get throws {
            var method: [(String, PlanValue?)] = []
            if let populationField {
                method = [("method", .text("field")), ("field", .text(populationField))]
            } else if let populationRaster {
                method = [("method", .text("raster")), ("raster", .path(populationRaster)), ("band", .number(Double(rasterBand)))]
            } else if let census, let censusField {
                method = [("method", .text("census")),
                          ("census", .map([("source", .path(census)), ("layer", censusLayer.map(PlanValue.text)),
                                           ("count_field", .text(censusField)), ("method", .text(censusMethod.rawValue))]))]
            }
            return .map(method + [("total", totalPopulation.map(PlanValue.number))] + (try residents.planEntries))
        }
    }

    /// The inputs, for summary.json.
    func inputs(city: String) -> [(String, JSONValue)] {
        [("city", .string(city)), ("precincts", .string(precincts)), ("staff", .str(staff)),
         ("inspectors_field", .str(inspectorsField)), ("population_field", .str(populationField)),
         ("population_raster", .str(populationRaster)), ("census", .str(census)), ("census_field", .str(censusField)),
         ("census_method", census == nil ? .null : .string(censusMethod.rawValue)),
         ("total_population", .num(totalPopulation))] + residents.inputs
    }
}
