import CityModel
import CrimeAnalysis
import Foundation
import GeoCore

/// The outputs of `covplan hotspots --on streets`: `summary.json`, `hot_spots.geojson`,
/// `hot_spots.csv`, one street segment (line) per feature: `id` (`street#piece`), `street_id`,
/// `length_m`, `count`, `count_per_km`, `density` (per km² at the midpoint), `gi_z`, `p`,
/// `p_fdr`, `class` and `weight` (= count of hot segments, 0 otherwise).
public enum SegmentHotSpotReport {
    public static let fields: [FieldDefinition] = [
        FieldDefinition("id", .string), FieldDefinition("street_id", .string), FieldDefinition("length_m", .double),
        FieldDefinition("count", .double), FieldDefinition("count_per_km", .double), FieldDefinition("density", .double),
        FieldDefinition("gi_z", .double), FieldDefinition("p", .double), FieldDefinition("p_fdr", .double),
        FieldDefinition("class", .string), FieldDefinition("weight", .double),
    ]

    public static func layer(_ r: SegmentHotSpotResult, crs: WorkingCRS) -> FeatureLayer {
        let features = r.segments.map { s in
            Feature(id: s.id, geometry: .lineString(s.points), values: [
                .string(s.id), .string(s.streetId), .double(s.lengthMeters), .double(s.count), .double(s.countPerKm),
                .double(s.densityPerKm2), .double(s.giZ), .double(s.p), .double(s.pFDR), .string(s.hotSpotClass.rawValue),
                .double(s.hotSpotClass == .hot ? s.count : 0),
            ])
        }
        return FeatureLayer(name: "hot_spots", fields: fields, crs: crs.identifier, features: features, geometryKind: .lineString)
    }

    public static func summary(_ r: SegmentHotSpotResult, inputs: [(String, JSONValue)]) -> JSONValue {
        let o = r.options
        var neighbours: [(String, JSONValue)] = []
        switch o.effectiveNeighbours {
        case .band(let m): neighbours = [("kind", .string("distance_band")), ("band_m", .number(m))]
        case .nearest(let k): neighbours = [("kind", .string("k_nearest")), ("k", .number(Double(k)))]
        }
        var m: [(String, JSONValue)] = []
        m.append(("method", .string("street segments: quartic kernel density at midpoints, Getis–Ord Gi* with binary weights over midpoints including the segment, two-sided normal p, Benjamini–Hochberg false-discovery rate")))
        m.append(("units", .string("street_segments")))
        m.append(("segment_m", .number(o.segmentMeters)))
        m.append(("max_snap_m", .number(o.maxSnapMeters)))
        m.append(("bandwidth_m", .number(o.bandwidthMeters)))
        m.append(("neighbours", .object(neighbours)))
        m.append(("alpha", .number(o.alpha)))
        m.append(("segments", .number(Double(r.segments.count))))
        m.append(("incidents", .number(Double(r.incidentCount))))
        m.append(("incident_weight", .number(r.totalWeight)))
        m.append(("incidents_unattached", .number(Double(r.unattached))))
        m.append(("hot_segments", .number(Double(r.count(.hot)))))
        m.append(("cold_segments", .number(Double(r.count(.cold)))))
        m.append(("ns_segments", .number(Double(r.count(.ns)))))
        m.append(("weight_in_hot_segments", .number(r.weightInHot)))
        m.append(("inputs", .object(inputs)))
        return .object(m)
    }

    public static func write(_ r: SegmentHotSpotResult, crs: WorkingCRS, inputs: [(String, JSONValue)], to dir: String,
                             overwrite: Bool, finish: (JSONValue) -> JSONValue) throws {
        let layer = layer(r, crs: crs)
        try AnalysisFolder(summary: finish(summary(r, inputs: inputs)), entries: [.layer("hot_spots", layer), .attributeCSV("hot_spots", layer)])
            .write(to: dir, overwrite: overwrite)
    }
}
