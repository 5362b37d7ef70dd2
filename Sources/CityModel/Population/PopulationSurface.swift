import Dispatch
import GeoCore

/// Where residents are, in the working CRS, in a form that can be summed over any set of
/// non-overlapping areas (precincts, street blocks): weighted points (buildings), areal zones
/// apportioned by area, and/or a population raster summed with exact pixel fractions.
///
/// Build one with `PopulationSurface.buildings`, `.census` or `.raster`; sum it with
/// `aggregate(to:)`. `method` and `description` go into every output.
public struct PopulationSurface: Sendable {
    /// Short method name: `buildings`, `census-area`, `census-dasymetric`, `raster`.
    public var method: String
    /// One-paragraph description of how the numbers were made.
    public var description: String
    /// Weighted points (building footprint centroids) and their residents (already scaled).
    public var points: [Point]
    public var pointResidents: [Double]
    /// Zones apportioned by area and their residents (already scaled).
    public var zones: [[Polygon]]
    public var zoneResidents: [Double]
    /// A population raster (counts per pixel) and the factor its values are multiplied by.
    public var raster: (any AreaPopulation)?
    /// Factor applied to reach `--total-population` (1 when not scaled).
    public var scale: Double
    /// Notes for the summary (fallbacks used, pixels skipped, ...).
    public var notes: [String]

    public init(method: String, description: String, points: [Point] = [], pointResidents: [Double] = [],
                zones: [[Polygon]] = [], zoneResidents: [Double] = [], raster: (any AreaPopulation)? = nil,
                scale: Double = 1, notes: [String] = []) {
        self.method = method
        self.description = description
        self.points = points
        self.pointResidents = pointResidents
        self.zones = zones
        self.zoneResidents = zoneResidents
        self.raster = raster
        self.scale = scale
        self.notes = notes
    }

    /// Total residents of the points and zones (the raster's total depends on the window and
    /// is reported by `aggregate`).
    public var vectorTotal: Double { pointResidents.reduce(0, +) + zoneResidents.reduce(0, +) }
}

/// Residents summed over a set of areas.
public struct PopulationAggregate: Sendable, Equatable {
    /// Residents per target area, in target order.
    public var perTarget: [Double]
    /// Residents outside every target (reported, never lost).
    public var unassigned: Double
    /// The source total the sums come from: perTarget.sum + unassigned (up to rounding).
    public var total: Double
    public var notes: [String]
}

extension PopulationSurface {
    /// Sums the surface over `targets` (non-overlapping areas in the working CRS `crs`).
    ///
    /// Points count in the lowest-index target containing them; zones add their count times
    /// the share of their area inside each target (GEOS intersection areas); raster pixels
    /// add value × exact covered fraction. Conservation: `total = Σ perTarget + unassigned`,
    /// where unassigned is what falls outside all targets. Throws `CovplanError` for raster
    /// problems (no CRS, unreadable, negative values).
    public func aggregate(to targets: [[Polygon]], crs: WorkingCRS) throws -> PopulationAggregate {
        var sums = [Double](repeating: 0, count: targets.count)
        var unassigned = 0.0
        var total = 0.0
        var notes: [String] = []
        if !points.isEmpty {
            let index = PolygonIndex(targets)
            let located = PopulationSurface.locateAll(points, in: index)
            for (i, t) in located.enumerated() {
                let r = pointResidents[i]
                total += r
                if t >= 0 { sums[Int(t)] += r } else { unassigned += r }
            }
        }
        if !zones.isEmpty {
            let z = try ZoneApportionment.apportion(zones: zones, residents: zoneResidents, to: targets)
            for i in sums.indices { sums[i] += z.perTarget[i] }
            unassigned += z.unassigned
            total += z.total
        }
        if let raster {
            let r = try raster.sum(over: targets, crs: crs)
            for i in sums.indices { sums[i] += r.perTarget[i] }
            unassigned += r.unassigned
            total += r.total
            notes += r.notes
        }
        return PopulationAggregate(perTarget: sums, unassigned: unassigned, total: total, notes: notes)
    }

    /// Target index (−1 for none) of every point, in parallel over a fixed number of chunks.
    static func locateAll(_ points: [Point], in index: PolygonIndex) -> [Int32] {
        let n = points.count
        var out = [Int32](repeating: -1, count: n)
        let chunks = n < 4096 ? 1 : 16
        let size = (n + chunks - 1) / chunks
        out.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let results = buf
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * size, hi = min(n, lo + size)
                guard lo < hi else { return }
                for i in lo..<hi { results[i] = index.locate(points[i]).map(Int32.init) ?? -1 }
            }
        }
        return out
    }
}

extension PopulationSurface {
    /// Residents from building footprints alone (see `ResidentsModel`), each building as a
    /// point at its footprint centroid. With `totalPopulation`, every building is scaled by
    /// totalPopulation ÷ Σ residents (over all buildings, inside precincts or not).
    /// Throws `.dataError` when scaling is asked but no building is residential.
    public static func buildings(_ buildings: [Building], model: ResidentsModel, totalPopulation: Double? = nil) throws
        -> PopulationSurface
    {
        let (points, residents) = buildingPoints(buildings, model: model)
        return try fromBuildingPoints(points, residents: residents, model: model, totalPopulation: totalPopulation)
    }

    /// The same surface as `buildings(_:model:totalPopulation:)` from the buildings' residents
    /// figures (a city read for residents alone), equal to the last bit.
    public static func buildings(_ figures: BuildingFigures, model: ResidentsModel, totalPopulation: Double? = nil) throws
        -> PopulationSurface
    {
        let residents = figures.footprintAreasM2.indices.map {
            model.residents(footprintAreaM2: figures.footprintAreasM2[$0], levels: figures.levels[$0], use: figures.uses[$0])
        }
        return try fromBuildingPoints(figures.centroids, residents: residents, model: model, totalPopulation: totalPopulation)
    }

    /// The surface of building centroids `points` with their unscaled `residents`.
    static func fromBuildingPoints(_ points: [Point], residents: [Double], model: ResidentsModel, totalPopulation: Double?) throws
        -> PopulationSurface
    {
        var scale = 1.0
        let raw = residents.reduce(0, +)
        if let totalPopulation {
            guard raw > 0 else {
                throw CovplanError(.dataError, "total population (population.total, --total-population): no residential floor area in the buildings to scale")
            }
            scale = totalPopulation / raw
        }
        var desc = "buildings (\(points.count)): residents = \(model.description); each building counts in the precinct holding its footprint centroid"
        if totalPopulation != nil {
            desc += "; scaled by \(fmt(scale)) to the given total of \(fmt(totalPopulation!)) residents"
        }
        return PopulationSurface(method: "buildings", description: desc, points: points,
                                 pointResidents: scale == 1 ? residents : residents.map { $0 * scale }, scale: scale)
    }

    /// Footprint centroids and unscaled residents of buildings (parallel, deterministic), in
    /// building order.
    public static func buildingPoints(_ buildings: [Building], model: ResidentsModel) -> ([Point], [Double]) {
        let n = buildings.count
        var pts = [Point](repeating: Point(0, 0), count: n)
        var res = [Double](repeating: 0, count: n)
        let chunks = n < 4096 ? 1 : 16
        let size = (n + chunks - 1) / chunks
        pts.withUnsafeMutableBufferPointer { pb in
            res.withUnsafeMutableBufferPointer { rb in
                nonisolated(unsafe) let p = pb, r = rb
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lo = c * size, hi = min(n, lo + size)
                    guard lo < hi else { return }
                    for i in lo..<hi {
                        let b = buildings[i]
                        p[i] = Centroid.of(b.footprint) ?? Point(0, 0)
                        r[i] = model.residents(b)
                    }
                }
            }
        }
        return (pts, res)
    }

    /// A number for population texts: whole numbers without a decimal point, others to 4 decimals.
    public static func fmt(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String((v * 10_000).rounded() / 10_000)
    }
}
