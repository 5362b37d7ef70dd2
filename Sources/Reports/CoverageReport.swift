import CityModel
import Coverage
import Foundation
import GeoCore

/// Outputs of `covplan coverage`: `summary.json` and GeoJSON layers of covered pieces, gaps,
/// viewsheds and resolved cameras.
public enum CoverageReport {
    /// Lengths in the outputs are rounded to the millimetre, fractions to 6 decimals.
    static func m(_ v: Double) -> JSONValue { .num((v * 1000).rounded() / 1000) }

    /// The summary as ordered JSON. Keys: `street_length_m`, `covered_length_m`,
    /// `covered_fraction`, `by_class` {class: {length_m, covered_m, covered_fraction}} (major
    /// classes first), `by_district` and `outside_districts_m` (when districts were given),
    /// `multiplicity_m` {"0", "1", "2", "3+"}, `gaps_count`, `gaps_length_m`, `min_gap_m`,
    /// `top_gaps` (ranked), `cameras`, `cameras_skipped`, `cameras_heading_unknown`,
    /// `cameras_snapped`, `cameras_inside_building`, `occlusion`, `schools` {count, seen,
    /// not_seen, mean_covered_fraction, list}, `skipped_cameras` [{id, problem}], `working_crs`.
    public static func summaryJSON(_ r: CoverageResult, crs: WorkingCRS) -> JSONValue {
        let s = r.summary
        func pair(_ p: CoverageSummary.LengthPair) -> JSONValue {
            var members: [(String, JSONValue)] = [("length_m", m(p.lengthMeters)), ("covered_m", m(p.coveredMeters)),
                                                  ("covered_fraction", frac(p.coveredFraction))]
            if let n = p.name { members.append(("name", .string(n))) }
            if let l = p.byLevel { members.append(("by_level", levels(l))) }
            return .object(members)
        }
        func levels(_ l: CoverageSummary.LevelMeters) -> JSONValue {
            .object(DoriLevel.allCases.map { ($0.rawValue, m(l[$0])) })
        }
        let classes = s.byClass.keys.sorted { RoadClass.sortKey($0) < RoadClass.sortKey($1) }
        var members: [(String, JSONValue)] = [
            ("street_length_m", m(s.streetLengthMeters)),
            ("covered_length_m", m(s.coveredLengthMeters)),
            ("covered_fraction", frac(s.coveredFraction)),
            ("by_class", .object(classes.map { ($0, pair(s.byClass[$0]!)) })),
        ]
        if let d = s.byDistrict {
            members.append(("by_district", .object(d.keys.sorted().map { ($0, pair(d[$0]!)) })))
            members.append(("outside_districts_m", m(s.outsideDistrictsMeters ?? 0)))
        }
        let mu = s.multiplicityMeters
        members += [
            ("multiplicity_m", .object([("0", m(mu.zero)), ("1", m(mu.one)), ("2", m(mu.two)), ("3+", m(mu.threeOrMore))])),
            ("gaps_count", .number(Double(s.gapsCount))),
            ("gaps_length_m", m(s.gapsLengthMeters)),
            ("min_gap_m", .num(s.minGapMeters)),
            ("top_gaps", .array(s.topGaps.map { g in
                .object([("rank", .number(Double(g.rank))), ("street_id", .string(g.streetId)),
                         ("street_name", .str(g.streetName)), ("road_class", .string(g.roadClass)),
                         ("district", .str(g.district)), ("length_m", m(g.lengthMeters)), ("score", m(g.score))])
            })),
            ("cameras", .number(Double(s.cameras))),
            ("cameras_skipped", .number(Double(s.camerasSkipped))),
            ("cameras_heading_unknown", .number(Double(s.camerasHeadingUnknown))),
            ("cameras_snapped", .number(Double(s.camerasSnapped))),
            ("cameras_inside_building", .number(Double(s.camerasInsideBuilding))),
            ("occlusion", .bool(s.occlusion)),
        ]
        if let l = s.coveredLevel { members.append(("covered_level", .string(l.rawValue))) }
        if let h = s.headingAssumption { members.append(("heading_assumption", .string(h))) }
        if let l = s.byLevel { members.append(("by_level", levels(l))) }
        if let l = s.byLevelNight { members.append(("by_level_night", levels(l))) }
        if let n = s.nightCoveredMeters { members.append(("night_covered_m", m(n))) }
        if let n = s.nightCoveredFraction { members.append(("night_covered_fraction", frac(n))) }
        if let h = s.headingRange {
            members.append(("heading_range", .object([("low_m", m(h.lowMeters)), ("high_m", m(h.highMeters)),
                                                      ("low_fraction", frac(h.lowFraction)), ("high_fraction", frac(h.highFraction))])))
        }
        if !r.headingSurvey.isEmpty {
            members.append(("heading_survey", .array(r.headingSurvey.prefix(surveySummaryCount).map { e in
                .object([("rank", .number(Double(e.rank))), ("camera_id", .string(e.cameraId)), ("type", .string(e.type)),
                         ("swing_m", m(e.swingMeters)), ("all_round_m", m(e.allRoundMeters)),
                         ("nearest_street_m", m(e.nearestStreetMeters))])
            })))
        }
        if let sc = s.schools {
            let list: [JSONValue] = r.facilities.filter { $0.kind == FacilityKind.school.rawValue }.map { f in
                .object([("id", .string(f.facilityId)), ("name", .str(f.name)), ("seen", .bool(f.isSeen)),
                         ("covered_fraction", frac(f.coveredFraction)), ("outline_m", m(f.outlineMeters)),
                         ("surroundings", .string(f.surroundings)), ("cameras", .array(f.cameraIds.map { .string($0) }))])
            }
            members.append(("schools", .object([
                ("count", .number(Double(sc.count))), ("seen", .number(Double(sc.seen))),
                ("not_seen", .number(Double(sc.notSeen))), ("mean_covered_fraction", frac(sc.meanCoveredFraction)),
                ("list", .array(list)),
            ])))
        }
        members.append(("skipped_cameras", .array(r.skippedCameras.map {
            .object([("id", .string($0.id)), ("problem", .string($0.problem))])
        })))
        members.append(("working_crs", .string(crs.identifier)))
        return .object(members)
    }

    /// Covered pieces: one line feature per stretch with a constant camera count.
    public static func coverageLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        let fields = [FieldDefinition("street_id", .string), FieldDefinition("street_name", .string),
                      FieldDefinition("road_class", .string), FieldDefinition("district", .string),
                      FieldDefinition("from_m", .double), FieldDefinition("to_m", .double),
                      FieldDefinition("length_m", .double), FieldDefinition("camera_count", .int)]
        var layer = FeatureLayer(name: "coverage", fields: fields, crs: crs.identifier, geometryKind: .lineString)
        layer.features = r.coveredPieces.enumerated().map { i, p in
            Feature(id: "coverage/\(i + 1)", geometry: .lineString(p.points), values: [
                .string(p.streetId), p.streetName.map(FieldValue.string) ?? .null, .string(p.roadClass),
                p.district.map(FieldValue.string) ?? .null, .double(r3(p.fromMeters)), .double(r3(p.toMeters)),
                .double(r3(p.lengthMeters)), .int(Int64(p.cameraCount)),
            ])
        }
        return layer
    }

    /// Gaps, best rank first.
    public static func gapsLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        let fields = [FieldDefinition("rank", .int), FieldDefinition("street_id", .string),
                      FieldDefinition("street_name", .string), FieldDefinition("road_class", .string),
                      FieldDefinition("district", .string), FieldDefinition("from_m", .double),
                      FieldDefinition("to_m", .double), FieldDefinition("length_m", .double),
                      FieldDefinition("weight", .double), FieldDefinition("score", .double)]
        var layer = FeatureLayer(name: "gaps", fields: fields, crs: crs.identifier, geometryKind: .lineString)
        layer.features = r.gaps.map { g in
            Feature(id: "gap/\(g.rank)", geometry: .lineString(g.points), values: [
                .int(Int64(g.rank)), .string(g.streetId), g.streetName.map(FieldValue.string) ?? .null,
                .string(g.roadClass), g.district.map(FieldValue.string) ?? .null, .double(r3(g.fromMeters)),
                .double(r3(g.toMeters)), .double(r3(g.lengthMeters)), .double(g.weight), .double(r3(g.score)),
            ])
        }
        return layer
    }

    /// Cameras as used. The optical fields carry the names the camera loader reads
    /// (`resolution_px`, `lens_fov_deg`, `height_m`, `tilt_deg`, `vfov_deg`, `ir_range_m`);
    /// `detect_m` ... `identify_m` are the horizontal distances out to which the camera delivers
    /// each DORI level by day (range and ground limits applied; null where it delivers it nowhere).
    static let cameraFields = [
        FieldDefinition("camera_id", .string), FieldDefinition("type", .string), FieldDefinition("heading_deg", .double),
        FieldDefinition("fov_deg", .double), FieldDefinition("range_m", .double), FieldDefinition("min_range_m", .double),
        FieldDefinition("heading_source", .string), FieldDefinition("snapped", .bool),
        FieldDefinition("resolution_px", .double), FieldDefinition("lens_fov_deg", .double), FieldDefinition("height_m", .double),
        FieldDefinition("tilt_deg", .double), FieldDefinition("vfov_deg", .double), FieldDefinition("ir_range_m", .double),
    ] + DoriLevel.allCases.map { FieldDefinition("\($0.rawValue)_m", .double) }

    static func cameraValues(_ c: Camera) -> [FieldValue] {
        func num(_ v: Double?) -> FieldValue { v.map { .double(r3($0)) } ?? .null }
        let o = c.optics
        return [.string(c.id), .string(c.type), .double(c.headingDeg), .double(c.fovDeg), .double(c.rangeMeters),
                .double(c.minRangeMeters), .string(c.headingSource.rawValue), .bool(c.wasSnapped),
                num(o?.resolutionPx), num(o?.lensFovDeg), num(o?.heightMeters), num(o?.tiltDeg), num(o?.vfovDeg),
                num(o?.irRangeMeters)]
            + DoriLevel.allCases.map { num(c.band(at: $0)?.farMeters) }
    }

    /// How many survey rows `summary.json` lists (the layer and CSV hold them all).
    public static let surveySummaryCount = 20

    static let surveyFields = [
        FieldDefinition("rank", .int), FieldDefinition("camera_id", .string), FieldDefinition("type", .string),
        FieldDefinition("nearest_street_heading_deg", .double), FieldDefinition("all_round_m", .double),
        FieldDefinition("nearest_street_m", .double), FieldDefinition("swing_m", .double),
        FieldDefinition("swing_others_all_round_m", .double), FieldDefinition("swing_others_nearest_m", .double),
    ]

    static func surveyValues(_ e: HeadingSurveyEntry) -> [FieldValue] {
        [.int(Int64(e.rank)), .string(e.cameraId), .string(e.type),
         e.nearestStreetHeadingDeg.map { .double(r3($0)) } ?? .null, .double(r3(e.allRoundMeters)),
         .double(r3(e.nearestStreetMeters)), .double(r3(e.swingMeters)), .double(r3(e.swingOthersAllRoundMeters)),
         .double(r3(e.swingOthersNearestMeters))]
    }

    /// The field-survey list: cameras without a heading, ranked by how many metres of the
    /// headline figure depend on where they point (`swing_m`; see `HeadingSurveyEntry`).
    public static func headingSurveyLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        var layer = FeatureLayer(name: "heading_survey", fields: surveyFields, crs: crs.identifier, geometryKind: .point)
        layer.features = r.headingSurvey.map { Feature(id: $0.cameraId, geometry: .point($0.position), values: surveyValues($0)) }
        return layer
    }

    /// The same list as a table (all rows; reports show the first `surveySummaryCount`).
    public static func headingSurveyTable(_ r: CoverageResult, title: String) -> ReportTable {
        var t = ReportTable(name: "heading_survey", title: title, columns: surveyFields.map(\.name),
                            rows: r.headingSurvey.map(surveyValues))
        t.reportRows = surveySummaryCount
        // Readers find the camera by rank on the report's map and in the CSV/layer, which keep
        // the id; the report itself shows no internal ids.
        t.reportHidden = ["camera_id"]
        return t
    }

    /// Street stretches by the highest DORI level at which they are seen, day and night
    /// (`light`); for each light, the stretches with level ≥ L add up to `by_level[L]`.
    public static func levelLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        let fields = [FieldDefinition("street_id", .string), FieldDefinition("street_name", .string),
                      FieldDefinition("road_class", .string), FieldDefinition("district", .string),
                      FieldDefinition("from_m", .double), FieldDefinition("to_m", .double),
                      FieldDefinition("length_m", .double), FieldDefinition("light", .string),
                      FieldDefinition("level", .string), FieldDefinition("px_per_m", .double)]
        var layer = FeatureLayer(name: "coverage_by_level", fields: fields, crs: crs.identifier, geometryKind: .lineString)
        layer.features = r.levelPieces.enumerated().map { i, p in
            Feature(id: "coverage_by_level/\(i + 1)", geometry: .lineString(p.points), values: [
                .string(p.streetId), p.streetName.map(FieldValue.string) ?? .null, .string(p.roadClass),
                p.district.map(FieldValue.string) ?? .null, .double(r3(p.fromMeters)), .double(r3(p.toMeters)),
                .double(r3(p.lengthMeters)), .string(p.light.rawValue), .string(p.level.rawValue),
                .double(p.level.pixelsPerMeter),
            ])
        }
        return layer
    }

    /// Each camera's visibility polygons (null geometry when it sees nothing).
    public static func viewshedsLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        var layer = FeatureLayer(name: "viewsheds", fields: cameraFields + [FieldDefinition("area_m2", .double)],
                                 crs: crs.identifier, geometryKind: .multiPolygon)
        layer.features = r.viewsheds.map { v in
            let c = r.cameras[v.cameraIndex]
            return Feature(id: c.id, geometry: v.polygons.isEmpty ? nil : .multiPolygon(v.polygons),
                           values: cameraValues(c) + [.double(r3(v.areaM2))])
        }
        return layer
    }

    /// The cameras as used: resolved values and where the heading came from.
    public static func camerasLayer(_ r: CoverageResult, crs: WorkingCRS) -> FeatureLayer {
        var layer = FeatureLayer(name: "cameras", fields: cameraFields, crs: crs.identifier, geometryKind: .point)
        layer.features = r.cameras.map { Feature(id: $0.id, geometry: .point($0.position), values: cameraValues($0)) }
        return layer
    }

    /// Writes `dir/summary.json`, `coverage.geojson`, `gaps.geojson`, `viewsheds.geojson` (when
    /// computed), `cameras.geojson`, `coverage_by_level.geojson` (when levels were computed) and
    /// `heading_survey.geojson` (when some camera has no heading), all or nothing (a temporary folder renamed on success).
    /// Throws `.cannotCreate` when `dir` exists without `overwrite`.
    /// With `layers == false` only `summary.json` is written.
    public static func write(_ r: CoverageResult, crs: WorkingCRS, to dir: String, overwrite: Bool,
                             viewsheds: Bool = true, layers writeLayers: Bool = true,
                             finish: (JSONValue) -> JSONValue = { $0 }) throws {
        var folder = AnalysisFolder(summary: finish(summaryJSON(r, crs: crs)))
        if writeLayers {
            folder.entries = [.layer("coverage", coverageLayer(r, crs: crs)), .layer("gaps", gapsLayer(r, crs: crs)),
                              .layer("cameras", camerasLayer(r, crs: crs))]
            if viewsheds { folder.entries.append(.layer("viewsheds", viewshedsLayer(r, crs: crs))) }
            if !r.levelPieces.isEmpty { folder.entries.append(.layer("coverage_by_level", levelLayer(r, crs: crs))) }
            if !r.headingSurvey.isEmpty { folder.entries.append(.layer("heading_survey", headingSurveyLayer(r, crs: crs))) }
        }
        try folder.write(to: dir, overwrite: overwrite)
    }

}

extension CoverageReport {
    /// Camera records (e.g. from `RandomCameras`) as a point layer whose field names
    /// (`id`, `heading_deg`, `fov_deg`, `range_m`, `min_range_m`, `type`) the city loader reads
    /// back as cameras.
    public static func cameraRecordsLayer(_ records: [CameraRecord], crs: WorkingCRS) -> FeatureLayer {
        let fields = [FieldDefinition("id", .string), FieldDefinition("heading_deg", .double),
                      FieldDefinition("fov_deg", .double), FieldDefinition("range_m", .double),
                      FieldDefinition("min_range_m", .double), FieldDefinition("type", .string)]
        var layer = FeatureLayer(name: "cameras", fields: fields, crs: crs.identifier, geometryKind: .point)
        func num(_ v: Double?) -> FieldValue { v.map { .double($0) } ?? .null }
        layer.features = records.map { c in
            Feature(id: c.id, geometry: .point(c.position), values: [
                .string(c.id), num(c.headingDeg), num(c.fovDeg), num(c.rangeMeters), num(c.minRangeMeters),
                c.type.map(FieldValue.string) ?? .null,
            ])
        }
        return layer
    }
}
