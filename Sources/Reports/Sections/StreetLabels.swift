import CityModel
import GeoCore

/// Street-name labels for report maps, for orientation: the `count` named streets with the most
/// length, each at the middle of its longest line (working CRS). Ties go by name, so the same
/// city gives the same labels.
enum StreetLabels {
    static func top(_ city: City, count: Int = 12, priority: Int = 0) -> [MapLabel] {
        top(city.streets.compactMap { s in s.name.map { ($0, s.points) } }, count: count, priority: priority)
    }

    /// The same from a `streets` layer (its `name` field), e.g. read back from a run folder.
    static func top(_ layer: FeatureLayer, count: Int = 12, priority: Int = 0) -> [MapLabel] {
        guard let ni = layer.fieldIndex("name") else { return [] }
        return top(layer.features.flatMap { f -> [(String, [Point])] in
            guard ni < f.values.count, let n = f.values[ni].text, let g = f.geometry else { return [] }
            return g.lineStrings.map { (n, $0) }
        }, count: count, priority: priority)
    }

    static func top(_ lines: [(name: String, points: [Point])], count: Int, priority: Int) -> [MapLabel] {
        var total: [String: Double] = [:]
        var longest: [String: (Double, [Point])] = [:]
        for (name, pts) in lines {
            guard !name.isEmpty, pts.count > 1 else { continue }
            let len = Planar.length(pts)
            total[name, default: 0] += len
            if len > (longest[name]?.0 ?? -1) { longest[name] = (len, pts) }
        }
        let names = total.keys.sorted { total[$0]! != total[$1]! ? total[$0]! > total[$1]! : $0 < $1 }.prefix(count)
        return names.compactMap { n in
            guard let (len, pts) = longest[n] else { return nil }
            return MapLabel(text: n, at: Planar.point(along: pts, at: len / 2), priority: priority)
        }
    }
}
