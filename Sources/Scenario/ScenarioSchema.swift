import Coverage
import CityModel
import CrimeAnalysis
import GeoCore
import PlacementModels
import Simulation
import Staffing
import StreetGraph

/// The scenario file schema: every key covplan accepts, its type and meaning. `SCHEMA.md` is
/// generated from this table (a test keeps the two equal), and the validator checks files
/// against it, so the documentation cannot drift from what is accepted.
public enum ScenarioSchema {
    /// The ANPR objectives of `placement.cameras.objective` by their setting names
    /// (`anpr_entries`, ...: the objective's command-line value with `_` for `-`).
    public static let anprObjectives: [String: TrafficObjective] = Dictionary(uniqueKeysWithValues: TrafficObjective.allCases.map {
        ($0.rawValue.replacingOccurrences(of: "-", with: "_"), $0)
    })
    static let layerRef: [SchemaField] = [
        SchemaField("source", .path, required: true, "Any GDAL-readable vector source (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV, OSM PBF)."),
        SchemaField("layer", .string, "Layer name within the source (default: by kind name, or the only layer)."),
        SchemaField("where", .string, "OGR SQL attribute filter, e.g. `fclass <> 'footway'`."),
        SchemaField("fields", .dictionary(.string), "Canonical attribute name → the source's field name, e.g. `highway: fclass`."),
    ]

    static let cameraType: [SchemaField] = [
        SchemaField("fov_deg", .number(min: 0, max: 360, exclusiveMin: true), "Horizontal field of view in degrees; 360 for an all-round dome."),
        SchemaField("range_m", .number(min: 0, exclusiveMin: true), "Horizontal range in metres beyond which the camera never counts; built-in types use the distance out to which they deliver their `level`."),
        SchemaField("min_range_m", .number(min: 0), "Blind zone below the camera, metres."),
        SchemaField("level", .choice(["detect", "observe", "recognize", "identify"]), "DORI level (IEC 62676-4: detect 25 px/m, observe 62.5, recognise 125, identify 250) the type is meant to deliver out to `range_m`."),
        SchemaField("resolution_px", .number(min: 0, max: 100_000, exclusiveMin: true), "Horizontal resolution in pixels (default 1920, 1080p)."),
        SchemaField("lens_fov_deg", .number(min: 0, max: 360, exclusiveMin: true), "Horizontal field of view of the lens for pixel density, degrees (default `fov_deg`; for a PTZ the working zoom)."),
        SchemaField("focal_length_mm", .number(min: 0, max: 10_000, exclusiveMin: true), "Lens focal length in millimetres; with `sensor_width_mm` gives the lens field of view."),
        SchemaField("sensor_width_mm", .number(min: 0, max: 1_000, exclusiveMin: true), "Sensor width in millimetres."),
        SchemaField("height_m", .number(min: 0, max: 1_000), "Mounting height above the street, metres: distances become 3-D slant distances."),
        SchemaField("tilt_deg", .number(min: -90, max: 90), "Tilt of the view axis below the horizontal, degrees; with `height_m` and `vfov_deg` gives the ground seen (blind zone under the camera)."),
        SchemaField("vfov_deg", .number(min: 0, max: 180, exclusiveMin: true), "Vertical field of view, degrees."),
        SchemaField("ir_range_m", .number(min: 0, max: InputLimits.maxMagnitude, exclusiveMin: true), "Infrared illuminator range at night, metres (none: the day range, lit streets)."),
        SchemaField("unit_cost_tenge", .number(min: 0, max: InputLimits.maxMagnitude), "Cost of one installed camera of this type, tenge."),
        SchemaField("match", .list(.string), "Mapped camera tags (`camera:type`, `surveillance:type`, layer `type`) that mean this type."),
        SchemaField("description", .string, "Free text for reports."),
    ]

    static let cameraSource: [SchemaField] = layerRef + [
        SchemaField("type", .reference(.cameraType), "Camera type for cameras of this source that name none."),
    ]

    /// A point (or line) layer read whole: the file and, for a multi-layer source, the layer.
    static let pointLayer: [SchemaField] = [
        SchemaField("source", .path, required: true, "Any GDAL-readable vector source."),
        SchemaField("layer", .string, "Layer name within the source (default: the only layer)."),
    ]

    /// How the simulation and the hypercube model turn the city into units and demand atoms
    /// (one list, so both sections accept the same keys with the same defaults).
    static let networkModel: [SchemaField] = [
        SchemaField("units", .integer(min: 1, max: InputLimits.maxUnits), "Units: with `units_from: posts` as many as this, taken round-robin over the posts (default one per post); with `units_from: auto` the number of stand-in units (required)."),
        SchemaField("units_from", .choice(["posts", "police", "layer", "auto"]), default: .text("posts"), "Where units are based: posts (the `posts` section's posts and proposed posts, else the city's police stations), police (the city's police stations), layer (`units_layer`), auto (`units` stand-in units at residents-weighted street nodes, drawn with `seed`)."),
        SchemaField("units_layer", .object(pointLayer), "With `units_from: layer`: unit points (fields id, optional mode drive|walk and kind)."),
        SchemaField("mode", .choice(TravelMode.allCases.map(\.rawValue)), "Travel mode of the main graph (default drive; with a `posts` section, the posts' `mode`). Units of another mode get their own graph."),
        SchemaField("speeds", .path, "JSON speed table overriding the default speeds (km/h), as `posts.speeds` (with a `posts` section, set it there)."),
        SchemaField("snap_tolerance_m", .number(min: 0, max: InputLimits.maxMeters), "Merge street vertices closer than this and node line crossings, metres (default 0: exact shared vertices; with a `posts` section, set it there)."),
        SchemaField("hot_spots", .object(pointLayer + [
            SchemaField("weight_field", .string, "Weight field (default: weight if present, else 1 per point)."),
        ]), "Hot spots or incident history (points) attracting `hot_spot_share` of the incidents (instead of `crime.hot_spots.simulation`)."),
        SchemaField("hot_spot_share", .number(min: 0, max: 1), default: .number(NetworkStudyOptions().hotSpotShare), "Share of incidents placed by the hot spots; the rest follows residents."),
        SchemaField("atom_spacing_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(NetworkStudyOptions().atomSpacingMeters), "Grid cell size grouping street nodes into demand atoms, metres."),
        SchemaField("max_snap_m", .number(min: 0, max: InputLimits.maxMeters), default: .number(NetworkStudyOptions().maxSnapMeters), "Buildings, hot spots, schools and calls farther than this from the main network are not attached (calls: an error), metres."),
        SchemaField("unit_max_snap_m", .number(min: 0, max: InputLimits.maxMeters), default: .number(NetworkStudyOptions().unitMaxSnapMeters), "A unit farther than this from the main network of its mode is an error, metres."),
    ]

    public static let root: [SchemaField] = [
        SchemaField("name", .string, required: true, "Scenario name shown in reports."),
        SchemaField("description", .string, "Free text for reports."),
        SchemaField("extends", .path, "Another scenario file this one overrides: maps merge key by key, other values are replaced."),
        SchemaField("seed", .integer(min: 0), default: .integer(1), "Seed for every random choice. Same scenario and seed, byte-identical outputs."),
        SchemaField("city", .object([
            SchemaField("source", .path, required: true, "The city: an OSM extract or a dataset with layers streets, buildings, schools, police, cameras."),
            SchemaField("crs", .crs, "Working CRS, projected in metres (default: the UTM zone of the data). Refused when it distorts lengths by more than 0.5 % over the data, unless `allow_distortion`."),
            SchemaField("allow_distortion", .bool, "Accept a `crs` whose length scale error over the data exceeds 0.5 % (default false)."),
            SchemaField("source_crs", .crs, "CRS for sources that state none; a source that states a CRS keeps it unless `force_source_crs`."),
            SchemaField("force_source_crs", .bool, "`source_crs` replaces the CRS every source states (default false)."),
            SchemaField("make_valid", .bool, "Repair invalid polygons of every layer, precincts and districts included (each repair is reported). Streets, buildings, schools and police stations are repaired without it."),
            SchemaField("skip_invalid", .bool, "Skip invalid features (each is reported)."),
            SchemaField("strict", .bool, "Stop at the first invalid feature of any layer (default false: invalid streets, buildings, schools and police stations are repaired or skipped and reported)."),
            SchemaField("layers", .object(["streets", "buildings", "schools", "police", "cameras"].map {
                SchemaField($0, .object(layerRef), "Take \($0) from this source instead of the city source.")
            }), "Per-kind sources replacing the city source."),
        ]), required: true, "Where the city's streets, buildings, schools, police stations and cameras come from."),
        SchemaField("cameras", .object([
            SchemaField("include_mapped", .bool, "Count the cameras mapped in the city source (default true)."),
            SchemaField("sources", .list(.object(cameraSource)), "Further camera inventories (layers of points)."),
            SchemaField("defaults_file", .path, "JSON table of per-type camera defaults replacing the built-in one (the format of `covplan coverage --camera-defaults`); `types` are laid over it."),
            SchemaField("types", .dictionary(.object(cameraType)), "Camera types with their view and unit cost."),
            SchemaField("default_type", .reference(.cameraType), "Type of mapped cameras that match no type."),
            SchemaField("occlusion", .bool, "Buildings block the view (default true)."),
            SchemaField("min_gap_m", .number(min: 0), default: .number(CoverageOptions().minGapMeters), "Shortest uncovered stretch reported as a gap, metres."),
            SchemaField("school_radius_m", .number(min: 0, exclusiveMin: true), default: .number(CoverageOptions().facilityRadiusMeters), "Radius around a school point counted as its surroundings, metres."),
            SchemaField("covered_level", .choice(["detect", "observe", "recognize", "identify", "any"]), "DORI level that defines \"covered\" in the headline figures, gaps and maps (default observe; `any`: the plan range whatever the pixel density)."),
            SchemaField("missing_heading", .choice(["all_round", "nearest_street"]), "Cameras without a heading: counted all round (an upper bound, default) or aimed at the nearest street."),
        ]), "Camera inventory, camera types and coverage settings."),
        SchemaField("districts", .object(layerRef), "District polygons for coverage by district."),
        SchemaField("junctions", .object([
            SchemaField("level", .choice(["detect", "observe", "recognize", "identify"]), default: .text(JunctionCompletenessOptions().rule.level.rawValue), "DORI level at which an approach counts as seen."),
            SchemaField("approach_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(JunctionCompletenessOptions().approachMeters), "Length of a junction approach (the last metres of a street piece entering it), metres."),
            SchemaField("seen_share", .number(min: 0, max: 1, exclusiveMin: true), default: .number(JunctionCompletenessOptions().seenShare), "Share of an approach's length the cameras must see for it to count as seen."),
            SchemaField("directional", .bool, "Count only cameras facing the traffic entering the junction (plate reading; default false)."),
            SchemaField("heading_tolerance_deg", .number(min: 0, max: 180), default: .number(DirectedReadingRule().headingToleranceDeg), "With `directional`: largest angle between a camera's heading and facing the oncoming traffic, degrees."),
        ]), "Intersection completeness: for each junction of the traffic network, the approaches the cameras (inventory and proposed) see at a DORI level, with occlusion as `cameras.occlusion` says."),
        SchemaField("precincts", .object(layerRef.map {
            SchemaField($0.name, $0.type, required: false, $0.doc)
        } + [
            SchemaField("generate", .object([
                SchemaField("count", .integer(min: 1, max: InputLimits.maxPrecincts), "Number of precincts to generate around offices (Voronoi, a stand-in for real boundaries)."),
                SchemaField("offices", .object(layerRef), "Precinct office points; default the city's police stations."),
                SchemaField("inspectors", .integer(min: 0), "Inspectors given to each generated precinct."),
            ]), "Generate stand-in precincts when no precinct layer exists."),
            SchemaField("inspectors_field", .string, "Field holding the number of inspectors."),
            SchemaField("assistants_field", .string, "Field holding the number of assistants."),
            SchemaField("staff", .path, "CSV with columns precinct id, inspectors, assistants."),
            SchemaField("norm", .number(min: 0, exclusiveMin: true), default: .number(PrecinctLoadAnalysis.defaultNorm), "Residents per inspector."),
            SchemaField("overlap_tolerance_m2", .number(min: 0, max: InputLimits.maxMagnitude), default: .number(PrecinctOverlaps.defaultToleranceM2), "Precinct overlaps up to this area (m²) are tolerated as digitising slivers (each counted once, for the precinct listed first); larger ones stop the run."),
            SchemaField("street_km", .bool, "Count street km per precinct and per inspector (default true; false leaves them empty, and a command that needs no streets otherwise does not read them)."),
            SchemaField("rebalance", .bool, "Also propose rebalanced precinct boundaries from street blocks."),
            SchemaField("moves", .list(.object([
                SchemaField("at", .list(.number()), required: true, "A point inside the street block, `[x, y]` in the working CRS (metres), among the blocks of the precincts as read or generated."),
                SchemaField("to", .string, required: true, "Id of the precinct the block joins."),
            ])), "Street blocks moved between precincts, in order, after the precincts are read or generated (what `covplan serve` exports); each move recounts the two precincts it changes."),
        ]), "Precincts and their staffing."),
        SchemaField("population", .object([
            SchemaField("method", .choice(["buildings", "raster", "census", "field"]), "Where residents come from (default buildings)."),
            SchemaField("raster", .path, "Population raster (GeoTIFF, WorldPop, ...): residents per pixel, summed with exact pixel fractions."),
            SchemaField("band", .integer(min: 1, max: 65_535), default: .integer(1), "Band of the population raster."),
            SchemaField("census", .object(layerRef + [
                SchemaField("count_field", .string, required: true, "Field with the zone's residents."),
                SchemaField("method", .choice(["dasymetric", "area"]), "Spread each zone's count by residential floor area of its buildings (dasymetric, default) or by area."),
            ]), "Census zones with resident counts."),
            SchemaField("field", .string, "Residents field on the precinct layer."),
            SchemaField("total", .number(min: 0), "Known city total to scale building-based estimates to."),
            SchemaField("living_m2_per_person", .number(min: 0, exclusiveMin: true), default: .number(ResidentsModel().livingM2PerPerson), "Residential floor area per resident."),
            SchemaField("default_levels", .number(min: 0, exclusiveMin: true), default: .number(ResidentsModel().defaultLevels), "Levels of buildings without building:levels."),
            SchemaField("unknown_residential_share", .number(min: 0, max: 1), default: .number(ResidentsModel().unknownShare), "Share of an untyped (building=yes) building's floor area taken as homes."),
        ]), "How residents are estimated."),
        SchemaField("posts", .object([
            SchemaField("from", .choice(["police", "layer", "schools", "cameras", "none"]), "Use the city's police stations (default), a layer, the city's schools or cameras, or none (posts only from `placement.posts`)."),
            SchemaField("layer", .object(layerRef), "Post / unit locations when from: layer."),
            SchemaField("mode", .choice(["drive", "walk"]), "Travel mode (default drive)."),
            SchemaField("max_snap_m", .number(min: 0, exclusiveMin: true), "Furthest a post may be from the street network, metres."),
            SchemaField("speeds", .path, "JSON speed table overriding the built-in speeds of the travel mode (km/h; the format of `--speeds`)."),
            SchemaField("snap_tolerance_m", .number(min: 0, max: InputLimits.maxMeters), "Merge street vertices closer than this and node line crossings, metres: for layers digitised without shared vertices (default 0: exact shared vertices, right for OSM)."),
        ]), "Police posts and patrol units."),
        SchemaField("response_minutes", .list(.number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true)), default: .numbers(ReachRequest.defaultMinutes), "Response-time thresholds in minutes."),
        SchemaField("placement", .object([
            SchemaField("cameras", .object([
                SchemaField("count", .integer(min: 1, max: InputLimits.maxPlacementCount), "Number of new cameras."),
                SchemaField("budget_tenge", .number(min: 0, max: InputLimits.maxMagnitude, exclusiveMin: true), "Budget for new cameras in tenge (instead of count)."),
                SchemaField("types", .list(.reference(.cameraType)), "Camera types that may be installed."),
                SchemaField("spacing_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(CameraPlacementRequest.defaultSpacingMeters), "Candidate spacing along streets, metres (street length ÷ spacing at most 2,000,000 sites)."),
                SchemaField("target_fraction", .number(min: 0, max: 1, exclusiveMin: true), "Covered share of street length to reach with the fewest cameras (instead of count or budget)."),
                SchemaField("target_basis", .choice(["length", "weighted"]), "With `target_fraction`: share of plain street length (default) or of the weighted street metres."),
                SchemaField("minimize", .choice(["count", "cost"]), "With `target_fraction`: minimise the number of cameras (default) or their cost in tenge."),
                SchemaField("costs_file", .path, "JSON unit costs in tenge per camera type, laid over the built-in table (the format of `covplan place cameras --costs`); `cameras.types` unit costs are laid over it."),
                SchemaField("junction_sites", .bool, "Candidate sites at street junctions (default true)."),
                SchemaField("corner_headings", .bool, "At junctions, also aim between the street arms (default true)."),
                SchemaField("uniform_weights", .bool, "Every street metre counts the same (default false: road-class weights)."),
                SchemaField("demand_classes", .list(.string), "Only streets of these OSM highway classes are demand (default every street)."),
                SchemaField("school_weight", .number(min: 0, max: InputLimits.maxMagnitude), default: .number(StreetDemandWeighting().schoolFactor), "Weight factor of street metres near schools (1: none)."),
                SchemaField("school_weight_radius_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(StreetDemandWeighting().schoolRadiusMeters), "Radius around schools for `school_weight`, metres."),
                SchemaField("incidents", .object(layerRef), "Incident points whose density raises the weight of nearby streets."),
                SchemaField("incident_radius_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(StreetDemandWeighting().incidentRadiusMeters), "Radius of the incident count, metres."),
                SchemaField("incident_weight", .number(min: 0, max: InputLimits.maxMagnitude), default: .number(StreetDemandWeighting().incidentWeight), "Weight of the relative incident density."),
                SchemaField("objective", .choice(["street"] + ScenarioSchema.anprObjectives.keys.sorted()), "street: the most street metres newly seen (default); anpr_entries (every city entry read both ways), anpr_junctions (every junction approach), anpr_speed (straight stretches both ways) or anpr_flow (the largest share of vehicle trips passing a camera that reads them): ANPR / Sergek cameras on the traffic network, by direction of travel. With an ANPR objective and no count, budget or target: every readable target with the fewest cameras; `target_fraction` is then a share of the targets' weight."),
                SchemaField("entries", .either(.choice(["auto"]), .object(layerRef)), "anpr_entries: the city entries, a point layer (one point per road entering the city), or auto (traffic-street ends at the edge of the city extract)."),
                SchemaField("junctions", .object(layerRef), "anpr_junctions: only these intersections, a point layer (each point picks the nearest junction within 150 m; default every junction)."),
                SchemaField("trip_count", .integer(min: 1, max: 1_000_000), default: .number(Double(TrafficPlacementRequest.defaultTripCount)), "anpr_flow: vehicle trips drawn by the simulation's trip generator (ends by residents of the population model, 20 % through city entries), each routed."),
                SchemaField("approach_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(TrafficPlacementRequest.defaultApproachMeters), "anpr_junctions: length of a junction approach, metres."),
                SchemaField("straight_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(TrafficPlacementRequest.defaultStraightMeters), "anpr_speed: shortest straight stretch for a speed point, metres."),
                SchemaField("entry_window_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(TrafficPlacementRequest.defaultEntryWindowMeters), "anpr_entries: the entry stretch reaches this far either side of the entry point, metres."),
                SchemaField("heading_tolerance_deg", .number(min: 0, max: 180), default: .number(DirectedReadingRule().headingToleranceDeg), "ANPR: a camera reads a direction of travel when its heading is within this many degrees of facing the oncoming vehicles."),
                SchemaField("read_level", .choice(DoriLevel.allCases.map(\.rawValue)), default: .text(DirectedReadingRule().level.rawValue), "ANPR: DORI level at which plates count as read."),
                SchemaField("anpr_spacing_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(TrafficPlacementRequest.defaultSpacingMeters), "ANPR: candidate sites every this many metres along the traffic streets, besides their nodes."),
            ]), "Where the next cameras go."),
            SchemaField("posts", .object([
                SchemaField("count", .integer(min: 1, max: InputLimits.maxPlacementCount), "Number of new posts / SOS terminals."),
                SchemaField("budget_tenge", .number(min: 0, max: InputLimits.maxMagnitude, exclusiveMin: true), "Budget for new posts in tenge (instead of count): as many posts as it buys at `unit_cost_tenge` each."),
                SchemaField("minutes", .number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true), "Coverage threshold in minutes (default: the first of `response_minutes`)."),
                SchemaField("unit_cost_tenge", .number(min: 0), "Cost of one post, tenge."),
                SchemaField("objective", .choice(["coverage", "p_median"]), "coverage: the most demand within `minutes` (default); p_median: the least demand-weighted travel time."),
                SchemaField("p_median_cutoff_minutes", .number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true), "p_median: travel times beyond this are charged this, minutes (default 3 × `minutes`)."),
                SchemaField("demand", .choice(["residents", "street", "incidents", "hot_spots"]), "What posts serve: residents (default), street metres, the incidents of `crime.incidents` (weighted by `crime.weight_field`), or hot spots (`hot_spots` below, else the hot cells of `crime.hot_spots`), weighted by their incidents."),
                SchemaField("hot_spots", .object(layerRef), "With `demand: hot_spots`: a hot-spot layer (hot_spots.geojson of `covplan hotspots`: hot cells weighted by their incidents) instead of `crime.hot_spots`."),
                SchemaField("street_piece_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(PostPlacementRequest.defaultStreetPieceMeters), "With `demand: street`: street pieces of at most this length, metres."),
                SchemaField("spacing_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(PostPlacementRequest.defaultSpacingMeters), "Candidate sites along streets every this many metres, besides graph nodes (street length ÷ spacing at most 2,000,000 sites)."),
                SchemaField("node_sites", .bool, "Candidate sites at graph nodes (default true)."),
                SchemaField("site_type", .string, default: .text(PostPlacementRequest.defaultSiteType), "Label of the new sites in outputs (post, sos, ...)."),
            ]), "Where the next modular posts go (existing posts: the `posts` section; `posts.from: none` for none)."),
        ]), "Placement requests."),
        SchemaField("report", .object([
            SchemaField("language", .choice(["en", "ru", "kk"]), "Language of report.html, report.md and compare: en (default), ru or kk; `--lang` overrides it."),
        ]), "How the report is written."),
        SchemaField("crime", .object([
            SchemaField("incidents", .object(layerRef), required: true, "Incident / crime points (synthetic in the bundled scenarios)."),
            SchemaField("time_field", .string, "Date field of the incidents (2021, 2021-03, 2021-03-14, 14.03.2021): crimes per 10,000 residents per precinct and period, and the change from the first to the last period (needs `precincts`)."),
            SchemaField("weight_field", .string, "Weight field of the incidents for hot spots (default 1 each)."),
            SchemaField("period", .choice(["year", "month"]), "Period of the crime series (default year)."),
            SchemaField("hot_spots", .object([
                SchemaField("cell_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(HotSpotOptions.defaultCellMeters), "Grid cell side, metres."),
                SchemaField("bandwidth_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(HotSpotOptions.defaultBandwidthMeters), "Quartic kernel bandwidth, metres."),
                SchemaField("band_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), "Gi* neighbourhood: cell centres within this distance, metres (default the bandwidth)."),
                SchemaField("alpha", .number(min: 0, max: 1, exclusiveMin: true), default: .number(HotSpotOptions.defaultAlpha), "False-discovery rate for hot / cold cells."),
                SchemaField("simulation", .bool, "Hot cells attract the simulation's hot-spot share of the incidents, weighted by their incidents (default false)."),
                SchemaField("on", .choice(["grid", "streets"]), "Units of the analysis: square grid cells (default) or street segments (incidents snapped to the nearest piece of street)."),
                SchemaField("segment_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(SegmentHotSpotOptions().segmentMeters), "With `on: streets`: streets cut into pieces of at most this length, metres."),
                SchemaField("max_snap_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(SegmentHotSpotOptions().maxSnapMeters), "With `on: streets`: incidents farther than this from every street are not attached, metres."),
                SchemaField("knn", .integer(min: 1, max: SegmentHotSpotOptions.maxNearestUnits), "With `on: streets`: Gi* over the k nearest segments instead of the distance band."),
            ]), "Hot spots: kernel density and Getis–Ord Gi* with Benjamini–Hochberg correction on a grid or on street segments."),
            SchemaField("cameras_installed", .object(layerRef + [
                SchemaField("install_field", .string, "Installation date field (default installed, install_date, installed_at, install_year)."),
                SchemaField("radius_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(CameraImpactOptions().radiusMeters), "Response area radius around each camera, metres."),
                SchemaField("buffer_m", .number(min: 0, max: InputLimits.maxMeters, exclusiveMin: true), default: .number(CameraImpactOptions().bufferMeters), "Width of the displacement buffer ring, metres."),
                SchemaField("window", .integer(min: 1, max: 1_200), default: .integer(CameraImpactOptions().windowPeriods), "Periods before and after the installation period compared."),
            ]), "Cameras with installation dates: impact by the weighted displacement quotient (Bowers & Johnson 2003; needs `time_field`)."),
        ]), "Crime analysis: hot spots, crime over time, camera impact."),
        SchemaField("growth", .object([
            SchemaField("housing", .object(layerRef + [
                SchemaField("residents_field", .string, "Residents field (default residents, population; polygons without it are estimated from footprint × levels)."),
                SchemaField("year_field", .string, "Move-in year field (default year, move_in_year, completion_year)."),
            ]), required: true, "Planned housing: points or polygons with residents and a move-in year."),
            SchemaField("base_year", .integer(min: 1950, max: 2100), "Year today's residents describe (default: the year before the earliest complex)."),
        ]), "Planned housing added to the residents: the year each precinct crosses the norm and where a new precinct point is needed (needs `precincts`)."),
        SchemaField("simulation", .object([
            SchemaField("days", .number(min: 0, max: InputLimits.maxDays, exclusiveMin: true), default: .number(SimulationOptions.defaultDays), "Simulated days (with `calls`, when not given: the whole days covering the last call); days × incidents_per_day at most 10,000,000 (≈ 400 bytes per incident)."),
            SchemaField("incidents_per_day", .number(min: 0, max: InputLimits.maxIncidentsPerDay, exclusiveMin: true), default: .number(SimulationOptions.defaultIncidentsPerDay), "Mean generated incidents per day (ignored with `calls`)."),
            SchemaField("calls", .object(pointLayer + [
                SchemaField("time_field", .string, "Time field: seconds, or ISO 8601 date-times (default: time, datetime, call_time, timestamp, time_s)."),
                SchemaField("type_field", .string, "Incident type field (default: type, incident_type, category if present)."),
            ]), "Real calls for service (points with a time field, optional type and on_scene_s / on_scene_min) instead of generated incidents."),
            SchemaField("target_minutes", .number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true), "Response-time target for every incident type, minutes (default: 5 / 10 / 15 by priority)."),
            SchemaField("after_service", .choice(AfterService.allCases.map(\.settingName)), default: .text(AfterService.returnHome.settingName), "What units do after a scene: return_home, return_home_available (available while driving home) or stay_at_scene."),
            SchemaField("warmup_days", .number(min: 0, max: InputLimits.maxDays), default: .number(0), "Days simulated before counting starts."),
            SchemaField("profile", .choice(["typical", "flat"]), default: .text("typical"), "Hour-of-week profile of generated incidents: typical (evening peak, Friday/Saturday +10 %) or flat."),
        ] + networkModel + [
            SchemaField("korgau", .object([
                SchemaField("covered", .object(pointLayer), "Street stretches seen by cameras (a line layer with street_id, from_m, to_m: coverage.geojson of `covplan coverage`) instead of the scenario's camera coverage."),
                SchemaField("cordon_covered", .object(pointLayer), "With `covered`: the stretches seen by city-entry (cordon) cameras, same fields."),
                SchemaField("trips", .integer(min: 0, max: TripSettings.maxTrips), default: .integer(TripSettings().trips), "Vehicle trips routed through the camera coverage."),
                SchemaField("dangerous_share", .number(min: 0, max: 1), default: .number(TripSettings().dangerousShare), "Share of trips by dangerous drivers (alert on detection)."),
                SchemaField("entry_share", .number(min: 0, max: 1), default: .number(TripSettings().entryShare), "Share of trips entering the city through an entry."),
                SchemaField("alert_delay_s", .number(min: 0, max: 86_400), default: .number(KorgauOptions().alertDelaySeconds), "Camera detection to the officer's tablet, seconds."),
            ]), "The camera–vehicle (Korgau) check: runs when cameras are covered (the scenario's cameras, or `covered`)."),
        ]), "Incident and dispatch simulation: incidents on the street graph, nearest available unit, queues, response times, workloads."),
        SchemaField("hypercube", .object([
            SchemaField("incidents_per_day", .number(min: 0, max: InputLimits.maxIncidentsPerDay, exclusiveMin: true), default: .number(SimulationOptions.defaultIncidentsPerDay), "Mean calls per day over the city."),
            SchemaField("mean_service_minutes", .number(min: 0, max: InputLimits.maxMinutes, exclusiveMin: true), "Mean busy time per dispatch (travel, on scene, return), minutes (default: the incident mix's mean on-scene time plus the demand-weighted round trip from the nearest unit)."),
            SchemaField("method", .choice(HypercubeMethod.allCases.map(\.rawValue)), default: .text(HypercubeMethod.auto.rawValue), "exact (the 2^N-state Markov chain, up to 18 units), approximate (the A-hypercube, any N) or auto (exact up to 12 units)."),
        ] + networkModel), "Larson's hypercube queueing model on the street network: unit workloads, interdistrict dispatches, mean response."),
    ] + moneyFields
}
