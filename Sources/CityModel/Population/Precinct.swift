import GeoCore

/// A police precinct (участок): its area and its staff.
public struct Precinct: Sendable, Hashable {
    /// Unique id as in the source (the id field, else `fid/<OGR FID>`).
    public var id: String
    public var name: String?
    /// The precinct's area in the working CRS (metres); several parts for a multipolygon.
    public var polygons: [Polygon]
    /// Precinct inspectors (участковые инспекторы); 0 means unstaffed.
    public var inspectors: Int
    /// Assistant inspectors (помощники).
    public var assistants: Int
    /// Residents from a population field on the precinct layer, when one was read.
    public var populationField: Double?

    public init(id: String, name: String? = nil, polygons: [Polygon], inspectors: Int = 0, assistants: Int = 0,
                populationField: Double? = nil) {
        self.id = id
        self.name = name
        self.polygons = polygons
        self.inspectors = inspectors
        self.assistants = assistants
        self.populationField = populationField
    }

    /// Area in m².
    public var areaM2: Double { polygons.reduce(0) { $0 + $1.area } }
    public var envelope: Envelope {
        var e = Envelope.empty
        for p in polygons { e.expand(by: p.envelope) }
        return e
    }

    /// Point-in-precinct (crossing number; boundary points may go either way).
    public func contains(_ p: Point) -> Bool { polygons.contains { $0.contains(p) } }
}

/// Precincts as loaded, with what the loader noticed (never silently dropped).
public struct PrecinctSet: Sendable {
    public var precincts: [Precinct]
    /// Where they came from (`path` or `path:layer`), for outputs.
    public var source: String
    /// Non-fatal notes: precincts without a staff row, null staff values, small overlaps.
    public var warnings: [String]
    /// Overlaps under the tolerance (larger ones are errors).
    public var overlaps: [PrecinctOverlap]

    public init(precincts: [Precinct], source: String, warnings: [String] = [], overlaps: [PrecinctOverlap] = []) {
        self.precincts = precincts
        self.source = source
        self.warnings = warnings
        self.overlaps = overlaps
    }
}
