import GeoCore

/// The kinds of layer a city is made of.
public enum CityLayerKind: String, Sendable, Hashable, CaseIterable, Codable {
    case streets, buildings, schools, police, cameras

    /// A context layer is bulk data the user did not author (OSM streets, building footprints,
    /// mapped schools and police stations): its invalid features are repaired with GEOS
    /// make-valid, or skipped when beyond repair, and reported, unless `CityReadOptions.strict`.
    /// Cameras are the user's inventory, a decision layer: an invalid camera stops the run.
    public var isContext: Bool { self != .cameras }
}

/// Where one city layer comes from when it is not the primary source's default.
public struct LayerSource: Sendable, Hashable {
    /// Any GDAL-readable vector source.
    public var path: String
    /// GDAL layer name; nil picks the layer named like the kind (`streets`, `roads`, ...) or the
    /// only layer of a single-layer source.
    public var layer: String?
    /// OGR SQL attribute filter (`WHERE` clause), e.g. `"fclass NOT IN ('footway')"`.
    public var filter: String?
    /// Canonical attribute name → the source's field name, e.g. `["highway": "fclass"]`.
    /// Canonical names per kind are listed in `AttributeAliases`.
    public var fields: [String: String]

    public init(path: String, layer: String? = nil, filter: String? = nil, fields: [String: String] = [:]) {
        self.path = path
        self.layer = layer
        self.filter = filter
        self.fields = fields
    }
}

/// What to load and how.
public struct CityReadOptions: Sendable, Hashable {
    /// The primary source: an OSM PBF/XML extract, or a multi-layer dataset (GeoPackage, ...)
    /// with layers named after `CityLayerKind`s. May be nil when every kind has a `LayerSource`.
    public var primary: String?
    /// Per-kind sources that replace the primary source for that kind.
    public var layers: [CityLayerKind: LayerSource]
    /// Which kinds to load (all by default). Unlisted kinds stay empty.
    public var kinds: Set<CityLayerKind>
    /// The working CRS (`"EPSG:32643"`); nil picks the UTM zone of the data's centre. Must be a
    /// projected CRS in metres.
    public var workingCRS: String?
    /// The CRS to assume for sources that state none (CSV, some GeoJSON, a shapefile without
    /// .prj). A source that states a CRS keeps it unless `forceSourceCRS`.
    public var sourceCRS: String?
    /// `sourceCRS` replaces the CRS a source states (like ogr2ogr's `-s_srs`).
    public var forceSourceCRS: Bool
    /// Accept a given `workingCRS` whose length scale error over the data's extent exceeds
    /// 0.5 % (`WorkingCRSChoice.maxScaleError`); refused otherwise.
    public var allowDistortion: Bool
    /// Repair invalid polygons with GEOS make-valid (each repair is reported).
    public var makeValid: Bool
    /// Skip invalid features (each one is reported with its id and reason) instead of failing.
    public var skipInvalid: Bool
    /// Treat context layers like decision layers: the first invalid feature of any layer is an
    /// error (unless `makeValid` or `skipInvalid`). Off by default: invalid polygons of context
    /// layers (`CityLayerKind.isContext`) are repaired, unusable features skipped, all reported.
    public var strict: Bool
    /// The city checksum the sources must have (hex SHA-256, or a prefix of at least 8 digits;
    /// `covplan prepare` and `inspect` print it): a prepared city made from other files, or a
    /// source whose content differs, is refused. Nil: not checked.
    public var cityChecksum: String?
    /// Read buildings only for residents (`City.buildingFigures`: footprint centroid, area, levels
    /// and use) and leave `City.buildings` empty: for a command whose only use of buildings is
    /// the residents model (`covplan load` with residents from buildings). The ingest report
    /// (repairs, skips, errors) is the same as for a full read. A prepared city ignores it.
    public var buildingsForResidentsOnly = false
    /// Read streets only for the default travel graphs (drive and walk, default speeds, exact
    /// noding): a prepared city that stores both leaves `City.streets` empty and sets
    /// `City.streetsInStore` (ids and extent), and `GraphBuilder.build(streetsOf:)` gives its
    /// stored graphs. For a command whose only use of streets is such a graph (`covplan reach`
    /// without a speeds file or snap tolerance). Ingest report and camera warnings are the same
    /// as for a full read. Other sources, and a prepared city without stored graphs, ignore it.
    public var streetsForStoredGraphsOnly = false
    /// Read buildings only for their residents figures and the snaps a prepared city stores with
    /// its default graphs: a prepared city that stores building snaps for both graphs leaves
    /// `City.buildings` empty and sets `City.buildingFigures` (as `buildingsForResidentsOnly`),
    /// with its stored building snaps registered under `buildingFigures.centroids` for
    /// `PreparedReach`. For `covplan reach` at the default snap distance. Other sources, and a
    /// prepared city without stored snaps, ignore it.
    public var buildingsForStoredSnapsOnly = false

    public init(primary: String? = nil, layers: [CityLayerKind: LayerSource] = [:],
                kinds: Set<CityLayerKind> = Set(CityLayerKind.allCases), workingCRS: String? = nil,
                sourceCRS: String? = nil, makeValid: Bool = false, skipInvalid: Bool = false, strict: Bool = false,
                forceSourceCRS: Bool = false, allowDistortion: Bool = false, cityChecksum: String? = nil) {
        self.cityChecksum = cityChecksum
        self.forceSourceCRS = forceSourceCRS
        self.allowDistortion = allowDistortion
        self.primary = primary
        self.layers = layers
        self.kinds = kinds
        self.workingCRS = workingCRS
        self.sourceCRS = sourceCRS
        self.makeValid = makeValid
        self.skipInvalid = skipInvalid
        self.strict = strict
    }

    /// Whether invalid features of `kind` are repaired or skipped (and reported) rather than
    /// fatal without an explicit `makeValid`/`skipInvalid`.
    public func isLenient(_ kind: CityLayerKind) -> Bool { !strict && kind.isContext }
}

/// Accepted field names for each canonical attribute in generic (non-OSM) layers, first match
/// wins (case-insensitive). An explicit `LayerSource.fields` mapping takes precedence.
public enum AttributeAliases {
    public static let table: [CityLayerKind: [String: [String]]] = [
        .streets: [
            "id": ["id", "osm_id", "fid_source", "street_id"],
            "highway": ["highway", "class", "fclass", "road_class", "type"],
            "name": ["name", "street", "street_name"],
            "oneway": ["oneway", "one_way"],
            "maxspeed": ["maxspeed", "max_speed", "speed_kmh", "maxspeed_kmh"],
            "junction": ["junction"],
        ],
        .buildings: [
            "id": ["id", "osm_id", "building_id"],
            "building": ["building", "building_type", "type", "use"],
            "building:levels": ["building:levels", "levels", "building_levels", "floors", "storeys"],
        ],
        .schools: ["id": ["id", "osm_id"], "name": ["name"]],
        .police: ["id": ["id", "osm_id"], "name": ["name"]],
        .cameras: [
            "id": ["id", "osm_id", "camera_id"],
            "heading_deg": ["heading_deg", "camera:direction", "direction", "heading", "azimuth"],
            "fov_deg": ["fov_deg", "camera:fov", "fov", "camera:angle"],
            "range_m": ["range_m", "range", "camera:range"],
            "min_range_m": ["min_range_m"],
            "resolution_px": ["resolution_px", "resolution", "width_px", "camera:resolution"],
            "lens_fov_deg": ["lens_fov_deg", "lens_fov"],
            "focal_length_mm": ["focal_length_mm", "focal_length", "camera:focal_length"],
            "sensor_width_mm": ["sensor_width_mm", "sensor_width"],
            "height_m": ["height_m", "height", "camera:height", "mount_height"],
            "tilt_deg": ["tilt_deg", "tilt", "camera:tilt"],
            "vfov_deg": ["vfov_deg", "vertical_fov"],
            "ir_range_m": ["ir_range_m", "ir_range", "camera:ir_range"],
            "type": ["type", "camera:type", "camera_type"],
            "surveillance": ["surveillance", "surveillance:type"],
        ],
    ]
}
