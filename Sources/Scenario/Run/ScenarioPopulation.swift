import CityIngest
import CityModel
import Staffing

/// The scenario's `population` section as a `PopulationRequest`.
enum ScenarioPopulation {
    static func request(_ doc: ScenarioDocument) throws -> PopulationRequest {
        let p = doc.root.at("population")
        let defaults = ResidentsModel()
        let model = ResidentsModel(livingM2PerPerson: p?["living_m2_per_person"]?.number ?? defaults.livingM2PerPerson,
                                   defaultLevels: p?["default_levels"]?.number ?? defaults.defaultLevels,
                                   unknownShare: p?["unknown_residential_share"]?.number ?? defaults.unknownShare)
        let method = p?["method"]?.text ?? "buildings"
        let source: PopulationRequest.Source
        switch method {
        case "raster":
            guard let path = p?["raster"]?.resolvedPath else {
                throw SchemaValidator.error(p!.location, "population method raster needs 'raster: FILE'")
            }
            source = .raster(path: path, band: 1)
        case "census":
            guard let c = p?["census"], let ref = ScenarioDocument.layerSource(c), let field = c["count_field"]?.text else {
                throw SchemaValidator.error(p!.location, "population method census needs 'census: {source, count_field}'")
            }
            source = .census(path: ref.path, layer: ref.layer, countField: field, method: .dasymetric)
        case "field":
            guard let f = p?["field"]?.text else {
                throw SchemaValidator.error(p!.location, "population method field needs 'field: NAME'")
            }
            source = .field(f)
        default:
            source = .buildings
        }
        let request = PopulationRequest(source: source, totalPopulation: p?["total"]?.number, model: model)
        try request.check()
        return request
    }
}
