import CityIngest
import CityModel
import Staffing

/// The scenario's `population` section as a `PopulationRequest`.
enum ScenarioPopulation {
    static func request(_ doc: ScenarioDocument) throws -> PopulationRequest {
        let p = doc.root.at("population")
        let model = ResidentsModel(livingM2PerPerson: doc.setting("population.living_m2_per_person")!.number!,
                                   defaultLevels: doc.setting("population.default_levels")!.number!,
                                   unknownShare: doc.setting("population.unknown_residential_share")!.number!)
        let method = p?["method"]?.text ?? "buildings"
        let source: PopulationRequest.Source
        switch method {
        case "raster":
            guard let path = p?["raster"]?.resolvedPath else {
                throw SchemaValidator.error(p!.location, "population method raster needs 'raster: FILE'")
            }
            source = .raster(path: path, band: doc.setting("population.band")!.integer!)
        case "census":
            guard let c = p?["census"], let ref = ScenarioDocument.layerSource(c), let field = c["count_field"]?.text else {
                throw SchemaValidator.error(p!.location, "population method census needs 'census: {source, count_field}'")
            }
            source = .census(path: ref.path, layer: ref.layer, countField: field, method: c["method"]?.text == "area" ? .area : .dasymetric)
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
