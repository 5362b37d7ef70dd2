import CityModel
import GeoCore
import StreetGraph

/// A response unit as a planner gives it: an id and a home position (post, base, beat centre).
public struct UnitSite: Sendable, Hashable {
    /// Stable identifier (used in outputs and error messages).
    public var id: String
    /// Home position in the working CRS (metres).
    public var location: Point
    /// Travel mode of the unit (patrol car: drive, foot patrol: walk); nil = the primary
    /// graph's mode.
    public var mode: TravelMode?
    /// Free-text kind for outputs (`patrol_car`, `foot_patrol`, `modular_post`, ...).
    public var kind: String?

    public init(id: String, location: Point, mode: TravelMode? = nil, kind: String? = nil) {
        self.id = id
        self.location = location
        self.mode = mode
        self.kind = kind
    }
}

/// Weighted points that attract incidents beyond where residents live: hot spots (crowded
/// places, night-life streets) or an incident-history layer (one point per past incident).
public struct HotSpots: Sendable, Hashable {
    public var ids: [String]
    /// Locations in the working CRS (metres).
    public var points: [Point]
    /// Relative weights (≥ 0; 1 per point for an incident history).
    public var weights: [Double]

    public init(ids: [String], points: [Point], weights: [Double]? = nil) {
        self.ids = ids
        self.points = points
        self.weights = weights ?? Array(repeating: 1, count: points.count)
    }

    /// Throws `CovplanError(.dataError)` naming the point for a negative/NaN weight or a count
    /// mismatch.
    public func validate() throws {
        guard ids.count == points.count, weights.count == points.count else {
            throw CovplanError(.software, "hot spots: ids, points and weights differ in count")
        }
        for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw CovplanError(.dataError, layer: "hot spots", feature: ids[i], "weight must be a number ≥ 0, got \(w)")
        }
    }
}

/// Where residents live, as weighted points in the working CRS (building centroids with their
/// estimated residents, or any other point population).
public struct ResidentPoints: Sendable {
    public var points: [Point]
    /// Residents at each point (≥ 0).
    public var residents: [Double]
    /// How the numbers were made, for outputs.
    public var method: String

    public init(points: [Point], residents: [Double], method: String) {
        self.points = points
        self.residents = residents
        self.method = method
    }

    /// Residents of `buildings` by `model` (footprint × levels × use share ÷ living space), each at
    /// its footprint centroid; with `totalPopulation` every building is scaled so the sum equals
    /// it. Throws `.dataError` when scaling is asked but no building is residential.
    public static func buildings(_ buildings: [Building], model: ResidentsModel = ResidentsModel(),
                                 totalPopulation: Double? = nil) throws -> ResidentPoints {
        try surface(PopulationSurface.buildings(buildings, model: model, totalPopulation: totalPopulation))
    }

    /// The points of a population surface (buildings, or census counts spread over buildings).
    /// Throws `CovplanError(.usage)` for a surface that has areal zones or a raster, which this
    /// network model cannot place on streets.
    public static func surface(_ s: PopulationSurface) throws -> ResidentPoints {
        guard s.zones.isEmpty, s.raster == nil else {
            throw CovplanError(.usage, "simulation: the population method '\(s.method)' has areal zones or a raster; use building-based residents (or census spread over buildings)")
        }
        return ResidentPoints(points: s.points, residents: s.pointResidents, method: s.method)
    }

    /// Throws `CovplanError(.dataError)` for a count mismatch or a negative/NaN resident count.
    public func validate() throws {
        guard points.count == residents.count else {
            throw CovplanError(.software, "residents: \(points.count) points but \(residents.count) counts")
        }
        for (i, r) in residents.enumerated() where !(r.isFinite && r >= 0) {
            throw CovplanError(.dataError, feature: "resident point \(i)", "residents must be ≥ 0, got \(r)")
        }
    }
}

/// A real call for service read from a layer.
public struct CallRecord: Sendable, Hashable {
    public var id: String
    /// Location in the working CRS (metres).
    public var location: Point
    /// Seconds from the start of the study period; nil when the source had no time (an error).
    public var timeSeconds: Double?
    /// Incident type name (matched case-insensitively against the type list); nil = default type.
    public var type: String?
    /// Recorded on-scene time in seconds; nil = drawn from the type's distribution.
    public var onSceneSeconds: Double?

    public init(id: String, location: Point, timeSeconds: Double?, type: String? = nil, onSceneSeconds: Double? = nil) {
        self.id = id
        self.location = location
        self.timeSeconds = timeSeconds
        self.type = type
        self.onSceneSeconds = onSceneSeconds
    }
}
