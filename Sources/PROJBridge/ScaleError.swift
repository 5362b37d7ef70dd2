import CPROJ
import GeoCore

/// How much a projected CRS stretches or shrinks lengths at given places.
///
/// At each WGS 84 longitude/latitude, a short east–west and a short north–south step (1e-4°,
/// about 5–11 m) are projected and their planar length compared with the geodesic length of
/// the same step on the WGS 84 ellipsoid (Karney's algorithm, PROJ's `geod_inverse`). The
/// ratio is the local scale factor in that direction; the result is the one farther from 1.
/// Web Mercator (EPSG:3857) at 60° N gives about 2.0 (lengths doubled); a UTM zone stays
/// within 0.9996…1.001 inside its zone.
public enum ScaleError {
    /// One measured place.
    public struct Sample: Sendable, Hashable {
        /// WGS 84 longitude/latitude, degrees.
        public var lonLat: Point
        /// The scale factor (planar / geodesic length) farthest from 1 of the two directions.
        public var scale: Double
        /// `scale − 1` (0.01 = lengths 1 % too long).
        public var error: Double { scale - 1 }
    }

    /// The scale factor at each of `lonLat` (WGS 84 degrees, x = longitude) in `crs` (any
    /// definition PROJ accepts). Throws `PROJError` when the CRS is unknown or a place lies
    /// outside its domain. O(n), one PROJ call.
    public static func measure(crs: String, lonLat: [Point]) throws(PROJError) -> [Sample] {
        guard !lonLat.isEmpty else { return [] }
        let t = try CoordinateTransformer(from: "EPSG:4326", to: crs)
        let step = 1e-4
        var pts: [Point] = []
        pts.reserveCapacity(lonLat.count * 3)
        for p in lonLat {
            pts.append(p)
            pts.append(Point(p.x + step, p.y))
            pts.append(Point(p.x, min(p.y + step, 90)))
        }
        var projected = pts
        try t.transform(&projected)
        var g = geod_geodesic()
        geod_init(&g, 6_378_137.0, 1 / 298.257223563)
        var out: [Sample] = []
        out.reserveCapacity(lonLat.count)
        for (i, p) in lonLat.enumerated() {
            var worst = 1.0
            for k in 1...2 {
                let q = pts[3 * i + k]
                var s12 = 0.0
                geod_inverse(&g, p.y, p.x, q.y, q.x, &s12, nil, nil)
                guard s12 > 0 else { continue }
                let a = projected[3 * i], b = projected[3 * i + k]
                let planar = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let scale = planar / s12
                if abs(scale - 1) > abs(worst - 1) { worst = scale }
            }
            out.append(Sample(lonLat: p, scale: worst))
        }
        return out
    }
}
