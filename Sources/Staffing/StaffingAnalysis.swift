import CityModel
import GEOSBridge
import GeoCore

/// Where residents come from for a load analysis.
public enum PopulationInput: Sendable {
    /// A residents field on the precinct layer (named), used as is.
    case field(String)
    /// Buildings, census zones or a raster (see `PopulationSurface`).
    case surface(PopulationSurface)
}

/// A load analysis: per-precinct loads, city-wide summary, and how the residents were made.
public struct PrecinctLoadResult: Sendable {
    public var precincts: [Precinct]
    public var loads: [PrecinctLoad]
    public var summary: PrecinctLoadSummary
    public var norm: Double
    /// Short method name (`field`, `buildings`, `census-area`, `census-dasymetric`, `raster`).
    public var method: String
    public var methodDescription: String
    /// Notes: loader warnings, population fallbacks, incidents outside all precincts.
    public var notes: [String]
}

public enum StaffingAnalysis {
    /// Residents per precinct and the load against `norm`.
    ///
    /// Street km come from `city.streets` (`LineClip`: one sweep, exact clipping near boundaries; nil when the city has none); crimes
    /// from `incidents` points (nil when not given). Throws `CovplanError`.
    public static func precinctLoad(city: City, precincts set: PrecinctSet, population: PopulationInput,
                            norm: Double = PrecinctLoadAnalysis.defaultNorm, incidents: [Point]? = nil) throws -> PrecinctLoadResult {
        let precincts = set.precincts
        var notes = set.warnings
        let residents: [Double], unassigned: Double, total: Double
        let method: String, description: String
        switch population {
        case .field(let name):
            residents = precincts.map { $0.populationField ?? 0 }
            unassigned = 0
            total = residents.reduce(0, +)
            method = "field"
            description = "precinct layer field '\(name)' (\(set.source)), used as is"
        case .surface(let s):
            let a = try s.aggregate(to: precincts.map(\.polygons), crs: city.crs)
            residents = a.perTarget
            unassigned = a.unassigned
            total = a.total
            method = s.method
            description = s.description
            notes += s.notes + a.notes
        }
        var lengths: [Double]?
        if !city.streets.isEmpty {
            lengths = LineClip.lengthInside(city.streets.lazy.map(\.points), areas: precincts.map(\.polygons))
        }
        let loads = try PrecinctLoadAnalysis.compute(precincts, residents: residents, norm: norm, streetLengthsM: lengths)
        let result = PrecinctLoadResult(precincts: precincts, loads: loads,
                                        summary: PrecinctLoadSummary(loads, unassigned: unassigned, sourceTotal: total),
                                        norm: norm, method: method, methodDescription: description, notes: notes)
        return incidents.map { result.withCrimes(PrecinctCrimes.count($0, in: precincts)) } ?? result
    }
}

/// A rebalanced precinct plan.
public struct RebalanceResult: Sendable {
    public var blocks: StreetBlocks
    public var blockResidents: [Double]
    public var plan: RebalancePlan
    /// Proposed area of each precinct (union of its blocks), in precinct order.
    public var proposed: [[Polygon]]
    public var precincts: [Precinct]
    public var norm: Double
    public var method: String
    public var methodDescription: String
    public var notes: [String]

    /// Precincts over the norm (with their given inspectors) before and after.
    public var overBefore: Int { over(plan.loadsBefore) }
    public var overAfter: Int { over(plan.loadsAfter) }
    func over(_ loads: [Double]) -> Int {
        precincts.indices.filter { loads[$0] > norm * Double(precincts[$0].inspectors) + 1e-9 }.count
    }
    /// Highest residents per inspector (given inspectors; staffed precincts) before / after.
    public var maxLoadBefore: Double? { maxLoad(plan.loadsBefore, extra: false) }
    public var maxLoadAfter: Double? { maxLoad(plan.loadsAfter, extra: false) }
    /// After, counting the extra inspectors.
    public var maxLoadAfterWithExtra: Double? { maxLoad(plan.loadsAfter, extra: true) }
    func maxLoad(_ loads: [Double], extra: Bool) -> Double? {
        precincts.indices.compactMap { i -> Double? in
            let n = precincts[i].inspectors + (extra ? plan.extraInspectors[i] : 0)
            return n > 0 ? loads[i] / Double(n) : nil
        }.max()
    }
}

extension StaffingAnalysis {
    /// Builds street blocks, puts residents on them and rebalances (see `Rebalancer`).
    ///
    /// Block residents: a surface is summed over the blocks directly; a precinct residents
    /// field is spread over the precinct's blocks by residential floor area of the buildings in
    /// them (`model`), or by block area when the precinct has no residential building.
    public static func rebalance(city: City, precincts set: PrecinctSet, population: PopulationInput,
                                 norm: Double = PrecinctLoadAnalysis.defaultNorm, model: ResidentsModel = ResidentsModel()) throws
        -> RebalanceResult
    {
        guard norm > 0, norm.isFinite else { throw CovplanError(.usage, "the norm of residents per inspector (precincts.norm, --norm) must be a positive number (got \(norm))") }
        let precincts = set.precincts
        let blocks = try StreetBlocks.build(streets: city.streets, precincts: precincts)
        let areas = blocks.polygons.map { [$0] }
        var notes = set.warnings
        let residents: [Double], method: String, description: String
        switch population {
        case .surface(let s):
            let a = try s.aggregate(to: areas, crs: city.crs)
            residents = a.perTarget
            method = s.method
            description = s.description
            notes += s.notes + a.notes
        case .field(let name):
            residents = spreadField(precincts, blocks: blocks, buildings: city.buildings, model: model)
            method = "field"
            description = "precinct layer field '\(name)' (\(set.source)), spread over each precinct's street blocks by residential floor area of their buildings (\(model.floorAreaDescription)), by block area where a precinct has no residential building"
        }
        let adjacency = BlockAdjacency(blocks.polygons)
        let plan = Rebalancer.solve(RebalanceProblem(residents: residents, adjacency: adjacency, current: blocks.precinct,
                                                     inspectors: precincts.map(\.inspectors), norm: norm))
        let proposed = try unionByPrecinct(blocks.polygons, assignment: plan.assignment, count: precincts.count)
        return RebalanceResult(blocks: blocks, blockResidents: residents, plan: plan, proposed: proposed, precincts: precincts,
                               norm: norm, method: method, methodDescription: description, notes: notes)
    }

    /// The union of the blocks of each precinct (GEOS), in precinct order.
    public static func unionByPrecinct(_ blocks: [Polygon], assignment: [Int32], count: Int) throws -> [[Polygon]] {
        var members = [[Geometry]](repeating: [], count: count)
        for (b, p) in assignment.enumerated() { members[Int(p)].append(.polygon(blocks[b])) }
        var out = [[Polygon]](repeating: [], count: count)
        let engine: GEOSEngine
        do { engine = try GEOSEngine() } catch { throw CovplanError(.software, "\(error)") }
        for i in 0..<count where !members[i].isEmpty {
            do {
                out[i] = try engine.value(engine.union(members[i])).polygons
            } catch {
                throw CovplanError(.software, "union of the proposed precinct \(i) failed: \(error)")
            }
        }
        return out
    }

    static func spreadField(_ precincts: [Precinct], blocks: StreetBlocks, buildings: [Building], model: ResidentsModel) -> [Double] {
        let (points, floor) = PopulationSurface.buildingPoints(buildings, model: model)
        let index = PolygonIndex(blocks.polygons.map { [$0] })
        var blockFloor = [Double](repeating: 0, count: blocks.polygons.count)
        for (i, p) in points.enumerated() where floor[i] > 0 {
            if let b = index.locate(p) { blockFloor[b] += floor[i] }
        }
        var precinctFloor = [Double](repeating: 0, count: precincts.count)
        var precinctArea = [Double](repeating: 0, count: precincts.count)
        for (b, p) in blocks.precinct.enumerated() {
            precinctFloor[Int(p)] += blockFloor[b]
            precinctArea[Int(p)] += blocks.polygons[b].area
        }
        return blocks.precinct.enumerated().map { b, p in
            let k = Int(p), total = precincts[k].populationField ?? 0
            if precinctFloor[k] > 0 { return total * blockFloor[b] / precinctFloor[k] }
            return precinctArea[k] > 0 ? total * blocks.polygons[b].area / precinctArea[k] : 0
        }
    }
}
