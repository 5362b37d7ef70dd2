import GeoCore

/// A working CRS: a projected metric CRS identified by EPSG code.
public struct WorkingCRS: Sendable, Hashable, CustomStringConvertible {
    public let epsg: Int

    public init(epsg: Int) { self.epsg = epsg }

    /// `"EPSG:32635"`.
    public var identifier: String { "EPSG:\(epsg)" }
    public var description: String { identifier }
}

/// A city's streets, buildings, facilities and cameras, all in one metric working CRS.
///
/// Produced by `CityReader`; every analysis takes it (or parts of it) as a plain value.
public struct City: Sendable {
    public var crs: WorkingCRS
    public var streets: [Street]
    public var buildings: [Building]
    public var schools: [Facility]
    public var police: [Facility]
    public var cameras: [CameraRecord]
    /// What happened on ingest: invalid geometries, repairs, skipped features.
    public var ingest: IngestReport
    /// Set only for a city read for residents alone (`CityReadOptions.buildingsForResidentsOnly`):
    /// then `buildings` is empty and this holds every building's residents figures, in order.
    public var buildingFigures: BuildingFigures?
    /// Set only for a prepared city read with `CityReadOptions.streetsForStoredGraphsOnly` whose
    /// file stores the default graphs: then `streets` is empty and the streets stay in the file.
    public var streetsInStore: StreetsInStore?

    /// The residents figures of buildings a prepared city left in its file
    /// (`CityReadOptions.buildingsForStoredSnapsOnly`): `buildingFigures` when `buildings` is
    /// empty and they are not; nil otherwise.
    public var buildingsLeftInStore: BuildingFigures? {
        guard buildings.isEmpty, let f = buildingFigures, !f.isEmpty else { return nil }
        return f
    }

    public init(crs: WorkingCRS, streets: [Street] = [], buildings: [Building] = [], schools: [Facility] = [],
                police: [Facility] = [], cameras: [CameraRecord] = [], ingest: IngestReport = IngestReport()) {
        self.crs = crs
        self.streets = streets
        self.buildings = buildings
        self.schools = schools
        self.police = police
        self.cameras = cameras
        self.ingest = ingest
    }

    /// Extent of everything in the working CRS.
    public var extent: Envelope {
        var e = Envelope.empty
        for s in streets { e.expand(by: s.envelope) }
        if let s = streetsInStore { e.expand(by: s.extent) }
        for b in buildings { e.expand(by: b.envelope) }
        for f in schools + police { e.expand(by: f.location) }
        for c in cameras { e.expand(by: c.position) }
        return e
    }

    /// Total street centre-line length in metres (every class).
    public var streetLengthMeters: Double { streets.reduce(0) { $0 + $1.lengthMeters } }
    /// Drivable street length in metres.
    public var drivableLengthMeters: Double { streets.filter(\.isDrivable).reduce(0) { $0 + $1.lengthMeters } }
}

/// Notes from loading a city: nothing is dropped without a count and the ids.
public struct IngestReport: Sendable, Hashable {
    /// One problem with one feature.
    public struct Item: Sendable, Hashable {
        public var layer: String
        public var feature: String
        public var problem: String
        public init(layer: String, feature: String, problem: String) {
            self.layer = layer
            self.feature = feature
            self.problem = problem
        }
    }

    /// Invalid polygons repaired with GEOS make-valid (context layers by default, any layer
    /// under `makeValid`).
    public var repaired: [Item] = []
    /// Features skipped with the reason: unusable features of context layers (nothing left
    /// after repair, degenerate lines) and, under `skipInvalid`, any invalid feature.
    public var skipped: [Item] = []
    /// Non-fatal messages: first those of the reader (e.g. GDAL closing an unclosed OSM ring;
    /// `readerWarnings` of them), then covplan's own checks (a working CRS over several UTM
    /// zones, cameras far outside the streets), which are also printed on stderr.
    public var warnings: [String] = []
    /// How many of `warnings`, at the start, come from the GDAL reader.
    public var readerWarnings = 0
    /// The primary source as given to the loader; for a prepared city, the source it was
    /// prepared from (reports name the data the figures rest on, so they are the same either way).
    public var primarySource: String?

    public init() {}
}
