import CityModel
import GeoCore

/// The length of a period of a crime series.
public enum CrimePeriod: String, Sendable, Hashable, CaseIterable {
    case year, month
}

/// A calendar period: a year, or a month of a year.
public struct PeriodKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1…12, or nil for a whole year.
    public var month: Int?

    public init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    /// Earliest and latest year accepted in an incident or housing time field.
    public static let firstYear = 1950
    public static let lastYear = 2100

    /// `2021` or `2021-03`.
    public var description: String {
        guard let month else { return String(year) }
        return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    public static func < (a: PeriodKey, b: PeriodKey) -> Bool { (a.year, a.month ?? 0) < (b.year, b.month ?? 0) }

    /// The same date at the coarser `period` (a month key keeps its year for `.year`).
    public func at(_ period: CrimePeriod) -> PeriodKey { period == .year ? PeriodKey(year: year) : self }

    /// The next period of the same kind.
    public var next: PeriodKey {
        guard let month else { return PeriodKey(year: year + 1) }
        return month == 12 ? PeriodKey(year: year + 1, month: 1) : PeriodKey(year: year, month: month + 1)
    }
}

/// Crimes and rates of one precinct (or of the whole city) by period.
public struct PrecinctCrimeSeries: Sendable, Hashable {
    public var id: String
    public var name: String?
    /// Residents the rates rest on (the load analysis's residents).
    public var residents: Double
    /// Incidents per period, in `CrimeTrend.periods` order.
    public var counts: [Int]
    /// counts ÷ residents × 10,000 (nil when there are no residents).
    public var ratesPer10k: [Double?]
    /// (last − first) ÷ first × 100 over the first and last period, percent (nil when the first
    /// rate is zero or missing).
    public var changePercent: Double?
}

/// Crime rates per 10,000 residents per precinct by year or month, and their change.
public struct CrimeTrend: Sendable, Hashable {
    public var period: CrimePeriod
    /// Every period from the first to the last incident, gaps included (a period without
    /// incidents counts 0).
    public var periods: [PeriodKey]
    public var precincts: [PrecinctCrimeSeries]
    /// All precincts together (residents summed; incidents outside every precinct not counted).
    public var city: PrecinctCrimeSeries
    /// Incidents outside every precinct.
    public var outside: Int
}

/// Crime over time: counts per precinct and period, rates per 10,000 residents, change between
/// the first and the last period.
///
///     rate = crimes ÷ residents × 10,000,   change % = (rate_last − rate_first) ÷ rate_first × 100
///
/// Residents are one figure per precinct (today's population, the same for every period), so the
/// change of the rate equals the change of the count.
public enum CrimeTrendAnalysis {
    /// The most periods a series may have (a century of months).
    public static let maxPeriods = 1_200

    /// - Parameters:
    ///   - times: the period of each incident (any resolution; brought to `period`).
    ///   - precinctOf: the precinct index of each incident, nil when outside every precinct.
    ///   - residents: per precinct, in precinct order.
    /// - Throws: `.dataError` when there is no incident, `.usage` when the span is more than
    ///   `maxPeriods` periods or a month series gets keys without a month.
    public static func compute(times: [PeriodKey], precinctOf: [Int?], precincts: [(id: String, name: String?)],
                               residents: [Double], period: CrimePeriod) throws(CovplanError) -> CrimeTrend {
        guard times.count == precinctOf.count, residents.count == precincts.count else {
            throw CovplanError(.software, "crime trend: counts differ (times \(times.count), precincts of incidents \(precinctOf.count), precincts \(precincts.count), residents \(residents.count))")
        }
        guard !times.isEmpty else { throw CovplanError(.dataError, "crime trend: no incident with a time") }
        let keys = times.map { $0.at(period) }
        if period == .month, keys.contains(where: { $0.month == nil }) {
            throw CovplanError(.usage, "crime trend by month: some incident times give only a year; use yearly periods (crime.period: year, --period year)")
        }
        let first = keys.min()!, last = keys.max()!
        var periods: [PeriodKey] = [first]
        while periods.last! < last {
            periods.append(periods.last!.next)
            if periods.count > maxPeriods {
                throw CovplanError(.usage, "crime trend: incidents span more than \(maxPeriods) \(period.rawValue)s (\(first) to \(last))")
            }
        }
        let index = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: periods.count), count: precincts.count)
        var outside = 0
        for (i, k) in keys.enumerated() {
            guard let p = precinctOf[i] else { outside += 1; continue }
            counts[p][index[k]!] += 1
        }
        let perPrecinct = precincts.indices.map {
            Self.series(id: precincts[$0].id, name: precincts[$0].name, residents: residents[$0], counts: counts[$0])
        }
        let cityCounts = periods.indices.map { t in counts.reduce(0) { $0 + $1[t] } }
        let city = Self.series(id: "city", name: nil, residents: residents.reduce(0, +), counts: cityCounts)
        return CrimeTrend(period: period, periods: periods, precincts: perPrecinct, city: city, outside: outside)
    }

    /// One series: rates per 10,000 and the change from the first to the last period.
    public static func series(id: String, name: String?, residents: Double, counts: [Int]) -> PrecinctCrimeSeries {
        let rates: [Double?] = counts.map { residents > 0 ? Double($0) * 10_000 / residents : nil }
        var change: Double?
        if let a = rates.first ?? nil, let b = rates.last ?? nil, a > 0 { change = (b - a) / a * 100 }
        return PrecinctCrimeSeries(id: id, name: name, residents: residents, counts: counts, ratesPer10k: rates, changePercent: change)
    }

    /// The precinct of each point (`PolygonIndex`, first precinct containing it), nil outside.
    public static func locate(_ points: [Point], in precincts: [[Polygon]]) -> [Int?] {
        let index = PolygonIndex(precincts)
        return points.map { index.locate($0) }
    }
}
