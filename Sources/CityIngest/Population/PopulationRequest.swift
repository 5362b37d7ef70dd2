import CityModel
import Staffing
import GeoCore

/// Where residents come from, as a planner states it (CLI flags or a scenario's `population`
/// section), resolved against a loaded city and precinct set into a `PopulationInput`.
public struct PopulationRequest: Sendable {
    public enum Source: Sendable, Hashable {
        /// Footprint × levels × use share ÷ living space per person (the default).
        case buildings
        /// A residents field on the precinct layer.
        case field(String)
        /// A population raster (residents per pixel), summed with exact pixel fractions.
        case raster(path: String, band: Int)
        /// Census zones with a count field, spread by area or residential floor area.
        case census(path: String, layer: String?, countField: String, method: CensusMethod)
    }

    public var source: Source
    /// Scale the estimate so the source total equals this (not for `.field`).
    public var totalPopulation: Double?
    public var model: ResidentsModel

    public init(source: Source = .buildings, totalPopulation: Double? = nil, model: ResidentsModel = ResidentsModel()) {
        self.source = source
        self.totalPopulation = totalPopulation
        self.model = model
    }

    /// Checks the values before any work (`.usage` errors).
    public func check() throws {
        if let t = totalPopulation, !(t > 0 && t.isFinite) {
            throw CovplanError(.usage, "total population must be positive (got \(t))")
        }
        if case .field = source, totalPopulation != nil {
            throw CovplanError(.usage, "a total population does not apply to a residents field on the precinct layer")
        }
        _ = try model.validated()
    }

    /// The method name written into outputs.
    public var methodName: String {
        switch source {
        case .buildings: "buildings"
        case .field: "field"
        case .raster: "raster"
        case .census(_, _, _, let m): "census_\(m.rawValue)"
        }
    }

    /// Resolves the request for a city and its precincts (rasters are read over the precincts).
    public func resolve(city: City, precincts: PrecinctSet, sourceCRS: String?, makeValid: Bool) throws -> PopulationInput {
        let model = try model.validated()
        switch source {
        case .field(let f):
            return .field(f)
        case .raster(let path, let band):
            return .surface(try PopulationSurface.raster(path: path, band: band, totalPopulation: totalPopulation,
                                                         precincts: precincts.precincts.map(\.polygons), crs: city.crs))
        case .census(let path, let layer, let field, let method):
            let zones = try CensusZones.load(path: path, layer: layer, field: field, workingCRS: city.crs, sourceCRS: sourceCRS,
                                             makeValid: makeValid)
            if method == .dasymetric, city.buildings.isEmpty {
                throw CovplanError(.usage, "dasymetric census apportioning needs buildings in the city; use the area method")
            }
            return .surface(try PopulationSurface.census(zones, method: method, buildings: city.buildings, model: model,
                                                         totalPopulation: totalPopulation))
        case .buildings:
            if let figures = city.buildingFigures, !figures.isEmpty {
                return .surface(try PopulationSurface.buildings(figures, model: model, totalPopulation: totalPopulation))
            }
            guard !city.buildings.isEmpty else {
                throw CovplanError(.dataError, "no buildings in the city and no residents field, population raster or census: nothing to count residents from")
            }
            return .surface(try PopulationSurface.buildings(city.buildings, model: model, totalPopulation: totalPopulation))
        }
    }
}
