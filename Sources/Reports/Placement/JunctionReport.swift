import CityModel
import Coverage
import Foundation
import GeoCore
import PlacementModels

/// Outputs of `covplan junctions`: `summary.json` with a `junctions` block and `junctions.geojson`
/// (one point per junction: `id`, `approaches`, `seen`, `complete`, `degree`).
public enum JunctionReport {
    /// The `junctions` block: `level`, `directional`, `approach_m`, `seen_share`, `junctions`,
    /// `complete`, `complete_share`, `approaches`, `approaches_seen`, `approaches_seen_share`,
    /// `by_approach_count` (junctions with k approaches: total and complete).
    public static func block(_ r: JunctionCompletenessResult) -> JSONValue {
        var byK: [Int: (Int, Int)] = [:]
        for j in r.junctions {
            var e = byK[j.approachCount] ?? (0, 0)
            e.0 += 1
            if j.isComplete { e.1 += 1 }
            byK[j.approachCount] = e
        }
        let n = r.junctionCount, a = r.approachCount
        return .object([
            ("level", .string(r.options.rule.level.rawValue)),
            ("directional", .bool(r.options.rule.directional)),
            ("heading_tolerance_deg", r.options.rule.directional ? .num(r.options.rule.headingToleranceDeg) : .null),
            ("approach_m", .num(r.options.approachMeters)),
            ("seen_share", .num(r.options.seenShare)),
            ("road_classes", .array(r.options.classes.sorted().map { .string($0) })),
            ("junctions", .number(Double(n))),
            ("complete", .number(Double(r.completeCount))),
            ("complete_share", frac(n > 0 ? Double(r.completeCount) / Double(n) : 0)),
            ("approaches", .number(Double(a))),
            ("approaches_seen", .number(Double(r.seenApproachCount))),
            ("approaches_seen_share", frac(a > 0 ? Double(r.seenApproachCount) / Double(a) : 0)),
            ("by_approach_count", .array(byK.keys.sorted().map { k in
                .object([("approaches", .number(Double(k))), ("junctions", .number(Double(byK[k]!.0))),
                         ("complete", .number(Double(byK[k]!.1)))])
            })),
        ])
    }

    /// The summary: `junctions` block, `cameras` (resolved), `working_crs`.
    public static func summaryJSON(_ r: JunctionCompletenessResult, cameras: Int, crs: WorkingCRS) -> JSONValue {
        .object([("junctions", block(r)), ("cameras", .number(Double(cameras))), ("working_crs", .string(crs.identifier))])
    }

    /// One point per junction.
    public static func layer(_ r: JunctionCompletenessResult, crs: WorkingCRS) -> FeatureLayer {
        let fields = [FieldDefinition("id", .string), FieldDefinition("approaches", .int), FieldDefinition("seen", .int),
                      FieldDefinition("complete", .bool), FieldDefinition("degree", .int), FieldDefinition("seen_m", .string)]
        var layer = FeatureLayer(name: "junctions", fields: fields, crs: crs.identifier, geometryKind: .point)
        layer.features = r.junctions.map { j in
            Feature(id: j.junction.id, geometry: .point(j.junction.point), values: [
                .string(j.junction.id), .int(Int64(j.approachCount)), .int(Int64(j.seenCount)), .bool(j.isComplete),
                .int(Int64(j.junction.degree)),
                .string(j.seenMeters.map { String(format: "%.1f", $0) }.joined(separator: ";")),
            ])
        }
        return layer
    }

    /// Writes `dir/summary.json` and `dir/junctions.geojson`, all or nothing.
    public static func write(_ r: JunctionCompletenessResult, summary: JSONValue, crs: WorkingCRS, to dir: String, overwrite: Bool) throws {
        try AnalysisFolder(summary: summary, entries: [.layer("junctions", layer(r, crs: crs))]).write(to: dir, overwrite: overwrite)
    }
}
