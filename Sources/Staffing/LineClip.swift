import CityModel
import GeoCore

/// Length of lines inside polygonal areas, by exact segment clipping: each segment is cut at
/// its crossings with the area's rings and the pieces whose midpoints are inside count.
/// O(segments · candidate areas · ring vertices).
public enum LineClip {
    /// Metres of `lines` inside each area (areas in the same CRS, non-overlapping).
    public static func lengthInside(_ lines: [[Point]], areas: [[Polygon]]) -> [Double] {
        let index = PolygonIndex(areas)
        var out = [Double](repeating: 0, count: areas.count)
        var ts: [Double] = []
        for line in lines where line.count > 1 {
            for i in 1..<line.count {
                let a = line[i - 1], b = line[i]
                let len = a.distance(to: b)
                if len == 0 { continue }
                let env = Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
                for k in index.candidates(env) {
                    out[k] += len * insideFraction(a, b, index.areas[k], &ts)
                }
            }
        }
        return out
    }

    /// Fraction of segment a→b inside the polygons.
    static func insideFraction(_ a: Point, _ b: Point, _ polys: [Polygon], _ ts: inout [Double]) -> Double {
        ts.removeAll(keepingCapacity: true)
        ts.append(0)
        ts.append(1)
        for p in polys {
            for r in p.rings where r.count > 1 {
                for j in 1..<r.count {
                    if let hit = Planar.segmentIntersection(a, b, r[j - 1], r[j]) { ts.append(hit.t) }
                }
            }
        }
        ts.sort()
        var inside = 0.0
        for j in 1..<ts.count where ts[j] > ts[j - 1] {
            let mid = a.lerp(b, (ts[j] + ts[j - 1]) / 2)
            if polys.contains(where: { $0.contains(mid) }) { inside += ts[j] - ts[j - 1] }
        }
        return inside
    }
}
