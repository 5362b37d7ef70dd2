import CityModel
import GeoCore

/// Street-name labels for report maps, for orientation: the `count` named streets with the most
/// length, each at the middle of its longest line (working CRS). Ties go by name, so the same
/// city gives the same labels.
enum StreetLabels {
    static func top(_ city: City, count: Int = 12, priority: Int = 0) -> [MapLabel] {
        var total: [String: Double] = [:]
        var longest: [String: (Double, [Point])] = [:]
        for s in city.streets {
            guard let name = s.name, !name.isEmpty, s.points.count > 1 else { continue }
            let len = s.lengthMeters
            total[name, default: 0] += len
            if len > (longest[name]?.0 ?? -1) { longest[name] = (len, s.points) }
        }
        let names = total.keys.sorted { total[$0]! != total[$1]! ? total[$0]! > total[$1]! : $0 < $1 }.prefix(count)
        return names.compactMap { n in
            guard let (len, pts) = longest[n] else { return nil }
            return MapLabel(text: n, at: Planar.point(along: pts, at: len / 2), priority: priority)
        }
    }
}
