import GeoCore

/// Quartic (biweight) kernel density of weighted points.
///
///     λ(s) = Σ_{d_i < h} w_i · 3 / (π h²) · (1 − d_i² / h²)²
///
/// with d_i the distance from s to point i and h the bandwidth (search radius) in metres
/// (Silverman 1986, "Density Estimation for Statistics and Data Analysis", eq. 4.5 and Table 3.1,
/// the kernel of ArcGIS Kernel Density and CrimeStat's quartic interpolation). The kernel
/// integrates to 1, so the density integrates to Σ w_i (points farther than h from the edge of
/// the area). Units: weight per m²; `perKm2` multiplies by 10⁶.
public struct QuarticKernel: Sendable, Hashable {
    /// Bandwidth h, metres (> 0).
    public let bandwidthMeters: Double

    /// Throws `.usage` for a bandwidth that is not a positive finite number.
    public init(bandwidthMeters: Double) throws(CovplanError) {
        guard bandwidthMeters.isFinite, bandwidthMeters > 0 else {
            throw CovplanError(.usage, "kernel bandwidth \(bandwidthMeters) m must be a positive number of metres")
        }
        try InputLimits.check(bandwidthMeters, max: InputLimits.maxMeters, "kernel bandwidth (m)", why: "1,000 km")
        self.bandwidthMeters = bandwidthMeters
    }

    /// Kernel value at distance² `d2` (m²), per m².
    @inlinable public func value(distanceSquared d2: Double) -> Double {
        let h2 = bandwidthMeters * bandwidthMeters
        guard d2 < h2 else { return 0 }
        let u = 1 - d2 / h2
        return 3 / (Double.pi * h2) * u * u
    }

    /// Density at `at` from `points` with `weights` (1 each when nil), per m². O(n).
    public func density(at s: Point, points: [Point], weights: [Double]? = nil) -> Double {
        var sum = 0.0
        for (i, p) in points.enumerated() {
            let dx = p.x - s.x, dy = p.y - s.y
            sum += (weights?[i] ?? 1) * value(distanceSquared: dx * dx + dy * dy)
        }
        return sum
    }
}
