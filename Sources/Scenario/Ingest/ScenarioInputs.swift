import Budget
import CityIngest
import CityModel
import Coverage
import CrimeAnalysis
import GeoCore
import PlacementModels
import Simulation
import Staffing
import StreetGraph

/// Posts (or unit bases) as ids and points in the working CRS (metres), in order.
public struct PostSites: Sendable, Equatable {
    public var ids: [String]
    public var points: [Point]
    public init(ids: [String] = [], points: [Point] = []) {
        self.ids = ids
        self.points = points
    }
}

/// Everything a scenario names besides the city, read and checked before any analysis runs:
/// the runner's single ingest step. Analyses then see only these values (no file is opened
/// after `read` returns), so a bad input file stops the run before minutes of computing.
///
/// All geometry is in the city's working CRS (metres). Precincts generated as stand-ins
/// (`precincts.generate`) are assembled here too: they stand in for a layer the planner lacks.
public struct ScenarioInputs: Sendable {
    /// The city as read.
    public var city: City
    /// The city's ingest report extended with what the camera sources skipped and warned
    /// (what a run reports as its `ingest`).
    public var ingest: IngestReport
    /// The `population` section (the residents model and where residents come from).
    public var population: PopulationRequest
    /// Camera types: the built-in table (or `cameras.defaults_file`) overlaid with `cameras.types`.
    public var cameraDefaults: CameraDefaults
    /// The camera inventory: mapped cameras (unless `include_mapped: false`) plus `cameras.sources`.
    public var cameras: [CameraRecord]
    /// Warnings the camera sources added to the city's report, in order.
    public var cameraWarnings: [String]
    /// `districts` polygons for totals by district (empty without the section).
    public var districts: [DistrictArea]
    /// The precincts (`precincts` section), read or generated; nil without the section.
    public var precincts: PrecinctSet?
    public var precinctsGenerated = false
    /// Residents for the precincts (nil without precincts).
    public var populationInput: PopulationInput?
    /// The posts (`posts` section, or the city's police stations for a simulation without one);
    /// nil when neither section asks for posts.
    public var posts: PostSites?
    /// `posts.speeds`: the speed table of the posts' travel mode.
    public var speeds: SpeedTable?
    /// `crime.incidents`, with the path for error messages.
    public var incidents: (layer: IncidentLayer, path: String)?
    /// `crime.cameras_installed` (read only with `crime.time_field`).
    public var installedCameras: (cameras: [InstalledCamera], undated: Int, path: String)?
    /// `growth.housing`, with `path` or `path:layer` for outputs.
    public var housing: (list: [PlannedHousing], path: String, source: String)?
    /// `placement.cameras.costs_file`: unit costs per camera type (the built-in table overlaid).
    public var cameraCosts: CameraCostTable?
    /// `placement.cameras.incidents`: points raising the weight of nearby streets.
    public var cameraIncidents: [Point]?
    /// `placement.cameras.entries` given as a layer: the city entries of the ANPR entries objective, with the path.
    public var anprEntries: (ids: [String], points: [Point], path: String)?
    /// `placement.cameras.junctions`: the intersections of the ANPR junctions objective, with the path.
    public var anprJunctions: (ids: [String], points: [Point], path: String)?
    /// `placement.posts.hot_spots`: a hot-spot layer as demand of the post placement, with its path.
    public var postHotSpots: (spots: HotSpots, path: String)?
    /// `costs.file`, when given.
    public var costFile: (table: CostTable, path: String)?
    /// `connections.layer`: schools and other objects, with `path` or `path:layer` for outputs.
    public var connections: (objects: [ConnectionObject], points: [Point], source: String)?
    /// What the `simulation` section names besides the city (units layer, hot spots, calls, ...).
    public var simulation: NetworkModelInputs?
    /// What the `hypercube` section names besides the city (units layer, hot spots, speeds).
    public var hypercube: NetworkModelInputs?

    /// Reads every input the scenario names, in the order the runner uses them.
    /// - Parameter log: warnings for stderr (camera sources outside the streets, ...).
    /// - Throws: the readers' `CovplanError`s (file, layer, feature and problem) and the
    ///   schema errors of sections that lack what they need (with the YAML location).
    public static func read(_ doc: ScenarioDocument, city: City, log: (String) -> Void = { _ in }) throws -> ScenarioInputs {
        let opts = doc.cityReadOptions()
        let population = try ScenarioPopulation.request(doc)
        var report = city.ingest
        let cameras = try ScenarioLayers.inventory(doc, city: city, report: &report)
        let cameraWarnings = report.warnings.filter { !city.ingest.warnings.contains($0) }
        for w in cameraWarnings { log("warning: \(w)") }
        var inputs = ScenarioInputs(city: city, ingest: report, population: population, cameraDefaults: try ScenarioCoverage.defaults(doc, base: try doc.root.at("cameras.defaults_file")?.resolvedPath
                                        .map { try CameraDefaults.load(path: $0) } ?? .builtIn),
                                    cameras: cameras, cameraWarnings: cameraWarnings,
                                    districts: try ScenarioLayers.districts(doc, city: city))
        if doc.root.at("precincts") != nil {
            let (set, generated) = try ScenarioPrecincts.precincts(doc, city: city, model: population.model)
            inputs.precincts = set
            inputs.precinctsGenerated = generated
            inputs.populationInput = try population.resolve(city: city, precincts: set, sourceCRS: opts.sourceCRS,
                                                            makeValid: opts.makeValid)
        }
        let unitsFromPosts = ["simulation", "hypercube"].contains { doc.root.at($0) != nil && (doc.root.at("\($0).units_from")?.text ?? "posts") == "posts" }
        if doc.root.at("posts") != nil || unitsFromPosts {
            let p = try ScenarioLayers.posts(doc, city: city)
            inputs.posts = PostSites(ids: p.ids, points: p.points)
        }
        if let path = doc.root.at("posts.speeds")?.resolvedPath {
            inputs.speeds = try SpeedTable.load(ScenarioReach.mode(doc), path: path)
        }
        if let c = doc.root.at("crime"), let ref = c["incidents"].flatMap(ScenarioDocument.layerSource) {
            let timeField = c["time_field"]?.text
            inputs.incidents = (try IncidentSource.load(path: ref.path, layer: ref.layer, filter: ref.filter, weightField: c["weight_field"]?.text,
                                                        timeField: timeField, workingCRS: city.crs, sourceCRS: opts.sourceCRS,
                                                        forceSourceCRS: opts.forceSourceCRS), ref.path)
            if timeField != nil, let cam = c["cameras_installed"], let cref = ScenarioDocument.layerSource(cam) {
                let (cams, undated) = try InstalledCameraSource.load(path: cref.path, layer: cref.layer, filter: cref.filter,
                                                                     dateField: cam["install_field"]?.text, workingCRS: city.crs,
                                                                     sourceCRS: opts.sourceCRS, forceSourceCRS: opts.forceSourceCRS)
                inputs.installedCameras = (cams, undated, cref.path)
            }
        }
        if let g = doc.root.at("growth"), let ref = g["housing"].flatMap(ScenarioDocument.layerSource) {
            guard doc.root.at("precincts") != nil else {
                throw SchemaValidator.error(g.location, "growth needs a precincts section (the norm is per precinct)")
            }
            let h = g["housing"]!
            let list = try PlannedHousingSource.load(path: ref.path, layer: ref.layer, filter: ref.filter, residentsField: h["residents_field"]?.text,
                                                     yearField: h["year_field"]?.text, workingCRS: city.crs,
                                                     sourceCRS: opts.sourceCRS, forceSourceCRS: opts.forceSourceCRS)
            inputs.housing = (list, ref.path, ref.layer.map { "\(ref.path):\($0)" } ?? ref.path)
        }
        if let path = doc.root.at("placement.cameras.costs_file")?.resolvedPath {
            inputs.cameraCosts = try CameraCostTable.load(path: path)
        }
        if let ref = doc.root.at("placement.cameras.incidents").flatMap(ScenarioDocument.layerSource) {
            inputs.cameraIncidents = try IncidentSource.load(path: ref.path, layer: ref.layer, filter: ref.filter, workingCRS: city.crs,
                                                             sourceCRS: opts.sourceCRS, forceSourceCRS: opts.forceSourceCRS).points
        }
        if let ref = doc.root.at("placement.cameras.entries").flatMap(ScenarioDocument.layerSource) {
            let p = try ScenarioLayers.points(ref, doc: doc, city: city, defaultNames: ["entries"], idAliases: ["id"], what: "entry")
            inputs.anprEntries = (p.ids, p.points, ref.path)
        }
        if let ref = doc.root.at("placement.cameras.junctions").flatMap(ScenarioDocument.layerSource) {
            let p = try ScenarioLayers.points(ref, doc: doc, city: city, defaultNames: ["junctions"], idAliases: ["id"], what: "junction")
            inputs.anprJunctions = (p.ids, p.points, ref.path)
        }
        if let ref = doc.root.at("placement.posts.hot_spots").flatMap(ScenarioDocument.layerSource) {
            let spots = try HotSpotSource.load(path: ref.path, layer: ref.layer, weightField: nil, city: city, sourceCRS: opts.sourceCRS)
            guard spots.weights.contains(where: { $0 > 0 }) else {
                throw CovplanError(.dataError, file: ref.path, "no hot spot with a positive weight (no hot cell): nothing to place posts for")
            }
            inputs.postHotSpots = (spots, ref.path)
        }
        if let path = doc.root.at("costs.file")?.resolvedPath {
            inputs.costFile = (try CostTable.load(path: path), path)
        }
        if let c = doc.root.at("connections") {
            guard let ref = c["layer"].flatMap(ScenarioDocument.layerSource) else {
                throw SchemaValidator.error(c.location, "connections needs 'layer: {source: FILE}'")
            }
            let (objects, points) = try ConnectionSource.load(path: ref.path, layer: ref.layer, city: city, sourceCRS: opts.sourceCRS)
            inputs.connections = (objects, points, ref.layer.map { "\(ref.path):\($0)" } ?? ref.path)
        }
        if let section = doc.root.at("simulation") {
            inputs.simulation = try NetworkModelInputs.read(section, doc: doc, city: city, sourceCRS: opts.sourceCRS)
        }
        if let section = doc.root.at("hypercube") {
            inputs.hypercube = try NetworkModelInputs.read(section, doc: doc, city: city, sourceCRS: opts.sourceCRS)
        }
        return inputs
    }
}
