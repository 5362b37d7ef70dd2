import CityModel
import GeoCore

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator. Same seed → same
/// sequence on every platform.


/// Seeded random cameras on street lines, for what-if planning and benchmarks.
public enum RandomCameras {
    /// `count` camera records placed uniformly by length on the given street lines (a street
    /// twice as long gets twice the cameras on average), each with a uniform random heading in
    /// [0, 360) and the given field of view, range and minimum range. Ids are `random/1` ...
    /// `random/N`. Same streets, count and seed → identical cameras.
    ///
    /// Throws `CovplanError(.usage)` for a negative count, FOV outside (0, 360], a range that is
    /// not > 0 or a minimum range outside [0, range); `.dataError` when cameras are asked for but
    /// the streets have no length. O(S + N log S).
    public static func generate(streets: [Street], count: Int, seed: UInt64, fovDeg: Double = 90,
                                rangeMeters: Double = 50, minRangeMeters: Double = 0,
                                type: String = "fixed") throws(CovplanError) -> [CameraRecord] {
        if count < 0 { throw CovplanError(.usage, "camera count is \(count) (must be ≥ 0)") }
        try InputLimits.check(count, max: InputLimits.maxRandomCameras, "camera count", why: "≈ 300 bytes per camera, and coverage work per camera")
        try InputLimits.check(rangeMeters, max: InputLimits.maxMeters, "camera range (metres)", why: "1,000 km")
        try InputLimits.check(minRangeMeters, max: InputLimits.maxMeters, "camera blind radius (metres)", why: "1,000 km")
        if let p = CameraValidation.problem(position: Point(0, 0), headingDeg: 0, fovDeg: fovDeg,
                                            rangeMeters: rangeMeters, minRangeMeters: minRangeMeters) {
            throw CovplanError(.usage, p)
        }
        guard count > 0 else { return [] }
        // Cumulative segment lengths over all streets.
        var segA: [Point] = [], segB: [Point] = [], cumulative: [Double] = []
        var acc = 0.0
        for s in streets where s.points.count > 1 {
            for i in 1..<s.points.count {
                let a = s.points[i - 1], b = s.points[i]
                guard a.isFinite, b.isFinite else {
                    throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate")
                }
                let d = a.distance(to: b)
                guard d > 0 else { continue }
                acc += d
                segA.append(a); segB.append(b); cumulative.append(acc)
            }
        }
        guard acc > 0 else { throw CovplanError(.dataError, layer: "streets", "no street length to place cameras on") }
        var rng = SplitMix64(seed: seed)
        var out: [CameraRecord] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let x = rng.nextUnit() * acc
            // First segment whose cumulative end exceeds x.
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            let start = cumulative[lo] - segA[lo].distance(to: segB[lo])
            let t = min(1, max(0, (x - start) / (cumulative[lo] - start)))
            let heading = rng.nextUnit() * 360
            out.append(CameraRecord(id: "random/\(i + 1)", position: segA[lo].lerp(segB[lo], t), headingDeg: heading,
                                    fovDeg: fovDeg, rangeMeters: rangeMeters, minRangeMeters: minRangeMeters, type: type))
        }
        return out
    }
}
