import Coverage
import GeoCore

/// How much one metre of unwatched street is worth to the camera-placement objective.
///
/// The weight of a street piece is
///
///     length (m) × road-class weight × school factor × incident factor
///
/// - **Road-class weight**: `RoadClassWeights` (the gap-ranking table of the coverage module:
///   1.0 for trunk/primary down to 0.2 for tracks). With `RoadClassWeights.uniform` every metre
///   counts the same and the objective is plain street metres newly seen.
/// - **School factor** (optional): pieces whose midpoint lies within `schoolRadiusMeters` of a
///   school's location get `schoolFactor` (e.g. 2: the approaches to a school count double —
///   the "safe way to school" programmes). Street segments are cut exactly where they cross a
///   school's circle, so the factor applies to exactly the metres inside it. Default 1 (off).
/// - **Incident factor** (optional): with incident points (e.g. last year's calls or offences),
///   a piece gets `1 + incidentWeight × n / n̄`, where `n` is the number of incidents within
///   `incidentRadiusMeters` of the piece's midpoint and `n̄` the length-weighted mean of `n`
///   over all pieces evaluated (so a street with the average incident density counts
///   `1 + incidentWeight` times a street with none, independent of how many years the file
///   holds). Evaluated at midpoints: pieces are short (cut at every candidate's view limits),
///   so this samples the density every few metres. Default weight 1; no incidents, no factor.
///
/// Only streets of `demandClasses` (all when nil) are demand; the covered fractions of a
/// placement are then fractions of those streets' length.
public struct StreetDemandWeighting: Sendable, Hashable {
    /// Road-class weights (default: the coverage module's documented table).
    public var roadClassWeights: RoadClassWeights
    /// Multiplier within `schoolRadiusMeters` of a school (≥ 0; 1 = no effect).
    public var schoolFactor: Double
    /// Radius around a school's location, metres (> 0).
    public var schoolRadiusMeters: Double
    /// Incident locations in the working CRS (empty: no incident factor).
    public var incidents: [Point]
    /// Radius of the incident count, metres (> 0).
    public var incidentRadiusMeters: Double
    /// Weight of the relative incident density (≥ 0).
    public var incidentWeight: Double
    /// OSM `highway` classes that are demand; nil = every street.
    public var demandClasses: Set<String>?

    public init(roadClassWeights: RoadClassWeights = .builtIn, schoolFactor: Double = 1, schoolRadiusMeters: Double = 150,
                incidents: [Point] = [], incidentRadiusMeters: Double = 100, incidentWeight: Double = 1,
                demandClasses: Set<String>? = nil) {
        self.roadClassWeights = roadClassWeights
        self.schoolFactor = schoolFactor
        self.schoolRadiusMeters = schoolRadiusMeters
        self.incidents = incidents
        self.incidentRadiusMeters = incidentRadiusMeters
        self.incidentWeight = incidentWeight
        self.demandClasses = demandClasses
    }

    /// Throws `CovplanError(.usage)` naming the first impossible setting.
    public func validate() throws {
        func bad(_ what: String, _ v: Double, _ rule: String) -> CovplanError {
            CovplanError(.usage, "\(what) is \(v) (must be \(rule))")
        }
        if !schoolFactor.isFinite || schoolFactor < 0 { throw bad("school weight factor", schoolFactor, "≥ 0") }
        if !schoolRadiusMeters.isFinite || schoolRadiusMeters <= 0 { throw bad("school radius (m)", schoolRadiusMeters, "> 0") }
        if !incidentRadiusMeters.isFinite || incidentRadiusMeters <= 0 {
            throw bad("incident radius (m)", incidentRadiusMeters, "> 0")
        }
        if !incidentWeight.isFinite || incidentWeight < 0 { throw bad("incident weight", incidentWeight, "≥ 0") }
        for (k, w) in roadClassWeights.weights.sorted(by: { $0.key < $1.key }) where !w.isFinite || w < 0 {
            throw CovplanError(.usage, "road class weight of '\(k)' is \(w) (must be ≥ 0)")
        }
        if !roadClassWeights.otherWeight.isFinite || roadClassWeights.otherWeight < 0 {
            throw bad("default road class weight", roadClassWeights.otherWeight, "≥ 0")
        }
        if let c = demandClasses, c.isEmpty { throw CovplanError(.usage, "the list of demand road classes is empty") }
        for p in incidents where !p.isFinite {
            throw CovplanError(.dataError, layer: "incidents", "incident with non-finite coordinates \(p)")
        }
    }
}

extension RoadClassWeights {
    /// Every class weighs 1: the placement objective is plain street metres newly seen.
    public static let uniform = RoadClassWeights(weights: [:], otherWeight: 1)
}
