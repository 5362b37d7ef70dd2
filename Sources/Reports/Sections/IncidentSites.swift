import Foundation
import GeoCore

/// Simulated incidents gathered by place for the report map: many calls share a demand point,
/// so one dot per call hides how many there are. `all` has one point per place with the number
/// of counted incidents (`incidents`), `late` the places with late responses (`late`, and a
/// `label` "N late"), largest first. Map-only layers, never exported.
enum IncidentSites {
    static func layers(_ incidents: FeatureLayer, loc: Loc) -> (all: FeatureLayer, late: FeatureLayer) {
        let wi = incidents.fieldIndex("within_target"), ci = incidents.fieldIndex("counted")
        var order: [String] = []
        var at: [String: (Point, Int, Int)] = [:]
        for f in incidents.features {
            if let ci, case .bool(false) = f.values[ci] { continue }
            guard let p = f.geometry?.points.first else { continue }
            // One place per metre: incidents at a demand point share its exact coordinates.
            let key = "\(Int((p.x).rounded())) \(Int((p.y).rounded()))"
            var late = 0
            if let wi, case .bool(false) = f.values[wi] { late = 1 }
            if let v = at[key] { at[key] = (v.0, v.1 + 1, v.2 + late) } else { order.append(key); at[key] = (p, 1, late) }
        }
        let places = order.map { at[$0]! }
        let all = FeatureLayer(name: "incident_sites", fields: [FieldDefinition("incidents", .int)], crs: incidents.crs,
                               features: places.sorted { $0.1 > $1.1 }.enumerated().map { i, s in
                                   Feature(id: "site/\(i)", geometry: .point(s.0), values: [.int(Int64(s.1))])
                               })
        let late = FeatureLayer(name: "late_sites", fields: [FieldDefinition("late", .int), FieldDefinition("label", .string)], crs: incidents.crs,
                                features: places.filter { $0.2 > 0 }.sorted { $0.2 > $1.2 }.enumerated().map { i, s in
                                    Feature(id: "late/\(i)", geometry: .point(s.0), values: [.int(Int64(s.2)), .string(loc.t("map.late_n", loc.num(s.2)))])
                                })
        return (all, late)
    }

    /// Two or three round values up to `maxCount` for the size legend (1-2-5 steps).
    static func legendValues(_ maxCount: Double) -> [Double] {
        guard maxCount >= 1 else { return [1] }
        let nice = { (v: Double) -> Double in
            let m = pow(10, (log10(max(v, 1))).rounded(.down))
            return [1.0, 2, 5, 10].map { $0 * m }.last { $0 <= v } ?? m
        }
        var out = [nice(maxCount), nice(maxCount / 4)]
        if maxCount >= 20 { out.append(nice(maxCount / 20)) }
        return Array(Set(out)).sorted()
    }
}
