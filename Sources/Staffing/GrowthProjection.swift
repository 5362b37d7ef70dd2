import CityModel
import GeoCore

/// One precinct's residents as planned housing moves in.
public struct PrecinctGrowth: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var inspectors: Int
    /// Residents today (the load analysis's figure).
    public var residentsNow: Double
    /// Residents in each year of `GrowthProjection.years` (today's plus the housing of that year
    /// and earlier).
    public var residentsByYear: [Double]
    /// Planned residents added by the last year.
    public var addedResidents: Double
    /// Planned complexes in the precinct.
    public var complexes: Int
    /// The first year residents exceed norm × inspectors (nil: not within the horizon, or
    /// already over today — see `overNow`).
    public var crossingYear: Int?
    /// Over the norm already in the base year (residents > norm × inspectors; an unstaffed
    /// precinct with residents is over).
    public var overNow: Bool
    /// ceil(residents ÷ norm) in the last year, and the inspectors missing then.
    public var inspectorsNeededAtEnd: Int
    public var deficitAtEnd: Int
}

/// Where a new precinct point (участковый пункт полиции) is needed: the residents-weighted centre
/// of the planned housing that takes a precinct over the norm.
public struct NewPrecinctPoint: Sendable, Hashable {
    /// `new/<precinct id>`.
    public var id: String
    public var precinctId: String
    public var point: Point
    /// The year the precinct crosses the norm (the base year when it is over already).
    public var year: Int
    /// Planned residents the point is the centre of (housing from the crossing year on).
    public var residents: Double
    /// Residents above norm × inspectors in the last year.
    public var excessResidents: Double
    /// Inspectors the precinct lacks in the last year.
    public var inspectorsMissing: Int
}

/// Residents by year with planned housing, the year each precinct crosses the norm, and where a
/// new precinct point is needed.
public struct GrowthProjection: Sendable {
    public var baseYear: Int
    /// baseYear … last housing year (at least the base year).
    public var years: [Int]
    public var norm: Double
    public var precincts: [PrecinctGrowth]
    public var newPoints: [NewPrecinctPoint]
    /// Planned residents outside every precinct, and the ids of those complexes.
    public var unassignedResidents: Double
    public var unassignedIds: [String]
    /// Precinct index of each complex (nil: outside every precinct), and its residents.
    public var housingPrecinct: [Int?]
    public var housingResidents: [Double]

    /// Precincts over the norm in the base year and in the last year.
    public var overNow: Int { precincts.filter(\.overNow).count }
    public var overAtEnd: Int {
        precincts.filter { p in p.residentsByYear.last.map { $0 > norm * Double(p.inspectors) } ?? false }.count
    }
}

/// Planned housing added to today's residents per precinct.
///
/// A complex counts in the precinct containing its location (point, or footprint centroid) from
/// its year on; residents come from `ResidentsModel.residents(_:)`. A precinct crosses the norm
/// in the first year its residents exceed norm × inspectors. Its new precinct point is the
/// residents-weighted mean of the locations of its complexes from the crossing year on (all its
/// complexes when it is over already), for every precinct over the norm in the last year with
/// planned housing in it.
public enum GrowthAnalysis {
    /// The longest projection, years.
    public static let maxYears = 100

    /// - Parameters:
    ///   - residentsNow: today's residents per precinct, in precinct order.
    ///   - baseYear: the year `residentsNow` describes; complexes must be later.
    /// - Throws: `.usage` for a bad norm or a horizon over `maxYears`; `.dataError` naming a
    ///   complex dated in or before the base year, or with negative or non-finite residents.
    public static func project(precincts: [Precinct], residentsNow: [Double], housing: [PlannedHousing],
                               model: ResidentsModel = ResidentsModel(), baseYear: Int,
                               norm: Double = PrecinctLoadAnalysis.defaultNorm) throws(CovplanError) -> GrowthProjection {
        guard norm > 0, norm.isFinite else { throw CovplanError(.usage, "the norm of residents per inspector must be a positive number (got \(norm))") }
        guard residentsNow.count == precincts.count else {
            throw CovplanError(.software, "growth: \(precincts.count) precincts, \(residentsNow.count) residents")
        }
        var residents: [Double] = []
        for h in housing {
            guard h.year > baseYear else {
                throw CovplanError(.dataError, layer: "planned housing", feature: h.id,
                                   "year \(h.year) is not after the base year \(baseYear) (built housing is in today's residents; give a later year or an earlier base year: growth.base_year, --base-year)")
            }
            let r = model.residents(h)
            guard r.isFinite, r >= 0 else {
                throw CovplanError(.dataError, layer: "planned housing", feature: h.id, "residents must be a number ≥ 0 (got \(r))")
            }
            residents.append(r)
        }
        let lastYear = max(baseYear, housing.map(\.year).max() ?? baseYear)
        guard lastYear - baseYear <= maxYears else {
            throw CovplanError(.usage, "growth: planned housing reaches \(lastYear), more than \(maxYears) years after the base year \(baseYear)")
        }
        let years = Array(baseYear...lastYear)
        let index = PolygonIndex(precincts.map(\.polygons))
        let at = housing.map { index.locate($0.location) }
        var added = [[Double]](repeating: [Double](repeating: 0, count: years.count), count: precincts.count)
        var complexes = [Int](repeating: 0, count: precincts.count)
        var unassigned = 0.0, unassignedIds: [String] = []
        for (k, h) in housing.enumerated() {
            guard let p = at[k] else { unassigned += residents[k]; unassignedIds.append(h.id); continue }
            added[p][h.year - baseYear] += residents[k]
            complexes[p] += 1
        }
        var growth: [PrecinctGrowth] = [], points: [NewPrecinctPoint] = []
        for (i, pr) in precincts.enumerated() {
            var series: [Double] = [], running = residentsNow[i]
            for t in years.indices { running += added[i][t]; series.append(running) }
            let cap = norm * Double(pr.inspectors)
            let over: (Double) -> Bool = { pr.inspectors > 0 ? $0 > cap : $0 > 0 }
            let overNow = over(residentsNow[i])
            let crossing = overNow ? nil : years.indices.first { over(series[$0]) }.map { years[$0] }
            let end = series.last ?? residentsNow[i]
            let needed = end > 0 ? Int((end / norm).rounded(.up)) : 0
            growth.append(PrecinctGrowth(id: pr.id, name: pr.name, inspectors: pr.inspectors, residentsNow: residentsNow[i],
                                         residentsByYear: series, addedResidents: end - residentsNow[i], complexes: complexes[i],
                                         crossingYear: crossing, overNow: overNow, inspectorsNeededAtEnd: needed,
                                         deficitAtEnd: max(0, needed - pr.inspectors)))
            guard over(end), complexes[i] > 0 else { continue }
            let from = crossing ?? baseYear
            var sx = 0.0, sy = 0.0, sw = 0.0
            for (k, h) in housing.enumerated() where at[k] == i && h.year >= from && residents[k] > 0 {
                sx += h.location.x * residents[k]; sy += h.location.y * residents[k]; sw += residents[k]
            }
            guard sw > 0 else { continue }
            points.append(NewPrecinctPoint(id: "new/\(pr.id)", precinctId: pr.id, point: Point(x: sx / sw, y: sy / sw), year: from,
                                           residents: sw, excessResidents: max(0, end - cap),
                                           inspectorsMissing: max(0, needed - pr.inspectors)))
        }
        return GrowthProjection(baseYear: baseYear, years: years, norm: norm, precincts: growth, newPoints: points,
                                unassignedResidents: unassigned, unassignedIds: unassignedIds, housingPrecinct: at,
                                housingResidents: residents)
    }
}
