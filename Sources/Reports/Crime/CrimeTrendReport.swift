import CityModel
import CrimeAnalysis
import Foundation
import GeoCore
import Staffing

/// Crime over time, camera impact and growth as tables, layers and summary members (written by
/// `covplan load` with --time-field, --cameras-installed or --housing).
///
/// Tables: `crime_by_period.csv` (`precinct_id, name, period, crimes, residents, per_10k`; the
/// city total as precinct `city`), `crime_change.csv` (`precinct_id, name, first_period,
/// last_period, first_per_10k, last_per_10k, change_percent`), `camera_impact.csv` and layer
/// `camera_impact` (`camera_id, installed, before_from, before_to, after_from, after_to, r_before,
/// r_after, d_before, d_after, c_before, c_after, success_measure, buffer_measure, wdq,
/// total_net_effect`), `growth.csv` (`precinct_id, name, inspectors, year, residents, over_norm`),
/// layer `growth` (precincts: `id, name, inspectors, residents_now, residents_end,
/// added_residents, complexes, over_now, crossing_year, inspectors_needed_end, deficit_end`) and
/// layer `new_precinct_points` (`id, precinct_id, year, residents, excess_residents,
/// inspectors_missing`).
public enum CrimeTrendReport {
    static func d(_ v: Double?) -> FieldValue { v.map { $0.isFinite ? .double($0) : .null } ?? .null }

    public static func byPeriodTable(_ t: CrimeTrend) -> ReportTable {
        var rows: [[FieldValue]] = []
        for s in t.precincts + [t.city] {
            for (k, p) in t.periods.enumerated() {
                rows.append([.string(s.id), s.name.map { .string($0) } ?? .null, .string(p.description), .int(Int64(s.counts[k])),
                             .double(s.residents), d(s.ratesPer10k[k])])
            }
        }
        return ReportTable(name: "crime_by_period", title: "crime_by_period",
                           columns: ["precinct_id", "name", "period", "crimes", "residents", "per_10k"], rows: rows)
    }

    public static func changeTable(_ t: CrimeTrend) -> ReportTable {
        let rows: [[FieldValue]] = (t.precincts + [t.city]).map { s in
            [.string(s.id), s.name.map { .string($0) } ?? .null, .string(t.periods.first!.description), .string(t.periods.last!.description),
             d(s.ratesPer10k.first ?? nil), d(s.ratesPer10k.last ?? nil), d(s.changePercent)]
        }
        return ReportTable(name: "crime_change", title: "crime_change",
                           columns: ["precinct_id", "name", "first_period", "last_period", "first_per_10k", "last_per_10k", "change_percent"], rows: rows)
    }

    public static func trendSummary(_ t: CrimeTrend, timeField: String) -> JSONValue {
        .object([
            ("time_field", .string(timeField)),
            ("period", .string(t.period.rawValue)),
            ("periods", .array(t.periods.map { .string($0.description) })),
            ("formula", .string("rate = crimes ÷ residents × 10,000; change % = (last − first) ÷ first × 100; residents: today's, the same in every period")),
            ("city_counts", .array(t.city.counts.map { .number(Double($0)) })),
            ("city_per_10k", .array(t.city.ratesPer10k.map { .num($0) })),
            ("city_change_percent", .num(t.city.changePercent)),
            ("incidents_outside", .number(Double(t.outside))),
            ("precincts", .array(t.precincts.map { s in
                .object([("id", .string(s.id)), ("first_per_10k", .num(s.ratesPer10k.first ?? nil)), ("last_per_10k", .num(s.ratesPer10k.last ?? nil)),
                         ("change_percent", .num(s.changePercent))])
            })),
        ])
    }

    public static let impactFields: [FieldDefinition] = [
        FieldDefinition("camera_id", .string), FieldDefinition("installed", .string),
        FieldDefinition("before_from", .string), FieldDefinition("before_to", .string),
        FieldDefinition("after_from", .string), FieldDefinition("after_to", .string),
        FieldDefinition("r_before", .int), FieldDefinition("r_after", .int), FieldDefinition("d_before", .int),
        FieldDefinition("d_after", .int), FieldDefinition("c_before", .int), FieldDefinition("c_after", .int),
        FieldDefinition("success_measure", .double), FieldDefinition("buffer_measure", .double),
        FieldDefinition("wdq", .double), FieldDefinition("total_net_effect", .double),
    ]

    public static func impactLayer(_ impacts: [CameraImpact], cameras: [InstalledCamera], crs: WorkingCRS) -> FeatureLayer {
        let features = zip(impacts, cameras).map { i, cam in
            let c = i.counts
            return Feature(id: i.id, geometry: .point(cam.point), values: [
                .string(i.id), .string(i.installed.description), .string(i.before.lowerBound.description), .string(i.before.upperBound.description),
                .string(i.after.lowerBound.description), .string(i.after.upperBound.description),
                .int(Int64(c.responseBefore)), .int(Int64(c.responseAfter)), .int(Int64(c.bufferBefore)), .int(Int64(c.bufferAfter)),
                .int(Int64(c.controlBefore)), .int(Int64(c.controlAfter)),
                d(c.successMeasure), d(c.bufferMeasure), d(c.wdq), d(c.totalNetEffect),
            ])
        }
        return FeatureLayer(name: "camera_impact", fields: impactFields, crs: crs.identifier, features: features, geometryKind: .point)
    }

    public static func impactSummary(_ impacts: [CameraImpact], options: CameraImpactOptions, undated: Int) -> JSONValue {
        let withQ = impacts.compactMap(\.counts.wdq)
        return .object([
            ("method", .string("weighted displacement quotient (Bowers & Johnson 2003): WDQ = (Da/Ca − Db/Cb) ÷ (Ra/Ca − Rb/Cb); total net effect = [Rb·Ca/Cb − Ra] + [Db·Ca/Cb − Da]")),
            ("response_radius_m", .number(options.radiusMeters)),
            ("buffer_m", .number(options.bufferMeters)),
            ("window_periods", .number(Double(options.windowPeriods))),
            ("period", .string(options.period.rawValue)),
            ("cameras", .number(Double(impacts.count))),
            ("cameras_undated", .number(Double(undated))),
            ("cameras_with_success", .number(Double(withQ.count))),
            ("diffusion_of_benefit", .number(Double(withQ.filter { $0 > 0 }.count))),
            ("displacement", .number(Double(withQ.filter { $0 < 0 }.count))),
            ("total_net_effect", .num(impacts.compactMap(\.counts.totalNetEffect).reduce(0, +))),
        ])
    }

    public static let growthFields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("inspectors", .int),
        FieldDefinition("residents_now", .double), FieldDefinition("residents_end", .double), FieldDefinition("added_residents", .double),
        FieldDefinition("complexes", .int), FieldDefinition("over_now", .bool), FieldDefinition("crossing_year", .int),
        FieldDefinition("inspectors_needed_end", .int), FieldDefinition("deficit_end", .int),
    ]

    public static func growthLayer(_ g: GrowthProjection, precincts: [Precinct], crs: WorkingCRS) -> FeatureLayer {
        let features = zip(g.precincts, precincts).map { s, p in
            Feature(id: s.id, geometry: .multiPolygon(p.polygons), values: [
                .string(s.id), s.name.map { .string($0) } ?? .null, .int(Int64(s.inspectors)), .double(s.residentsNow),
                .double(s.residentsByYear.last ?? s.residentsNow), .double(s.addedResidents), .int(Int64(s.complexes)), .bool(s.overNow),
                s.crossingYear.map { .int(Int64($0)) } ?? .null, .int(Int64(s.inspectorsNeededAtEnd)), .int(Int64(s.deficitAtEnd)),
            ])
        }
        return FeatureLayer(name: "growth", fields: growthFields, crs: crs.identifier, features: features, geometryKind: .multiPolygon)
    }

    public static let pointFields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("precinct_id", .string), FieldDefinition("year", .int),
        FieldDefinition("residents", .double), FieldDefinition("excess_residents", .double), FieldDefinition("inspectors_missing", .int),
    ]

    public static func newPointsLayer(_ g: GrowthProjection, crs: WorkingCRS) -> FeatureLayer {
        let features = g.newPoints.map { n in
            Feature(id: n.id, geometry: .point(n.point), values: [
                .string(n.id), .string(n.precinctId), .int(Int64(n.year)), .double(n.residents), .double(n.excessResidents),
                .int(Int64(n.inspectorsMissing)),
            ])
        }
        return FeatureLayer(name: "new_precinct_points", fields: pointFields, crs: crs.identifier, features: features, geometryKind: .point)
    }

    public static func growthTable(_ g: GrowthProjection) -> ReportTable {
        var rows: [[FieldValue]] = []
        for s in g.precincts {
            for (k, y) in g.years.enumerated() {
                let r = s.residentsByYear[k]
                rows.append([.string(s.id), s.name.map { .string($0) } ?? .null, .int(Int64(s.inspectors)), .int(Int64(y)), .double(r),
                             .bool(s.inspectors > 0 ? r > g.norm * Double(s.inspectors) : r > 0)])
            }
        }
        return ReportTable(name: "growth", title: "growth", columns: ["precinct_id", "name", "inspectors", "year", "residents", "over_norm"], rows: rows)
    }

    public static func growthSummary(_ g: GrowthProjection, housingSource: String) -> JSONValue {
        let crossings: [JSONValue] = g.precincts.compactMap { s -> JSONValue? in
            guard let y = s.crossingYear else { return nil }
            return .object([("id", .string(s.id)), ("year", .number(Double(y)))])
        }
        let needed: Int = g.precincts.reduce(0) { $0 + $1.inspectorsNeededAtEnd }
        let deficit: Int = g.precincts.reduce(0) { $0 + $1.deficitAtEnd }
        let planned: Double = g.housingResidents.reduce(0, +)
        let lastYear: Int = g.years.last ?? g.baseYear
        var m: [(String, JSONValue)] = []
        m.append(("housing", .string(housingSource)))
        m.append(("base_year", .number(Double(g.baseYear))))
        m.append(("last_year", .number(Double(lastYear))))
        m.append(("norm", .number(g.norm)))
        m.append(("planned_complexes", .number(Double(g.housingResidents.count))))
        m.append(("planned_residents", .number(planned)))
        m.append(("unassigned_residents", .number(g.unassignedResidents)))
        m.append(("unassigned_complexes", .array(g.unassignedIds.map { JSONValue.string($0) })))
        m.append(("over_norm_now", .number(Double(g.overNow))))
        m.append(("over_norm_end", .number(Double(g.overAtEnd))))
        m.append(("crossings", .array(crossings)))
        m.append(("new_precinct_points", .number(Double(g.newPoints.count))))
        m.append(("inspectors_needed_end", .number(Double(needed))))
        m.append(("deficit_end", .number(Double(deficit))))
        return .object(m)
    }
}

/// What `covplan load` adds to its outputs when crime-over-time, camera-impact or growth inputs
/// are given.
public struct PrecinctLoadExtras: Sendable {
    public var trend: (CrimeTrend, timeField: String)?
    public var impact: (impacts: [CameraImpact], cameras: [InstalledCamera], options: CameraImpactOptions, undated: Int)?
    public var growth: (GrowthProjection, housingSource: String)?

    public init() {}

    public var isEmpty: Bool { trend == nil && impact == nil && growth == nil }

    /// The load summary with `crime_trend`, `camera_impact` and `growth` members appended.
    public func summary(_ base: JSONValue) -> JSONValue {
        guard case .object(var m) = base else { return base }
        if let (t, f) = trend { m.append(("crime_trend", CrimeTrendReport.trendSummary(t, timeField: f))) }
        if let i = impact { m.append(("camera_impact", CrimeTrendReport.impactSummary(i.impacts, options: i.options, undated: i.undated))) }
        if let (g, src) = growth { m.append(("growth", CrimeTrendReport.growthSummary(g, housingSource: src))) }
        return .object(m)
    }

    /// Writes the load outputs (as `PrecinctLoadReport.write`) plus the extra tables and layers.
    public func write(_ r: PrecinctLoadResult, crs: WorkingCRS, inputs: [(String, JSONValue)], to dir: String, overwrite: Bool,
                      finish: (JSONValue) -> JSONValue) throws {
        let layer = PrecinctLoadReport.layer(r, crs: crs)
        var folder = AnalysisFolder(summary: finish(summary(PrecinctLoadReport.summary(r, inputs: inputs))),
                                    entries: [.layer("precincts", layer), .attributeCSV("precincts", layer)])
        if let (t, _) = trend {
            folder.entries += [.table("crime_by_period", CrimeTrendReport.byPeriodTable(t)), .table("crime_change", CrimeTrendReport.changeTable(t))]
        }
        if let i = impact {
            let l = CrimeTrendReport.impactLayer(i.impacts, cameras: i.cameras, crs: crs)
            folder.entries += [.layer("camera_impact", l), .attributeCSV("camera_impact", l)]
        }
        if let (g, _) = growth {
            folder.entries += [.layer("growth", CrimeTrendReport.growthLayer(g, precincts: r.precincts, crs: crs)),
                               .layer("new_precinct_points", CrimeTrendReport.newPointsLayer(g, crs: crs)),
                               .table("growth", CrimeTrendReport.growthTable(g))]
        }
        try folder.write(to: dir, overwrite: overwrite)
    }
}
