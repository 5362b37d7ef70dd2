import Foundation
import GeoCore

/// Getis–Ord Gi* local statistic with binary weights that include the unit itself.
///
/// For unit i with neighbour set N_i (i included, W_i = |N_i|), values x_1…x_n:
///
///     z_i = (Σ_{j∈N_i} x_j − x̄ · W_i) / (S · √((n · W_i − W_i²) / (n − 1)))
///     x̄ = Σ x_j / n,   S = √(Σ x_j² / n − x̄²)
///
/// (Ord & Getis 1995, "Local spatial autocorrelation statistics: distributional issues and an
/// application", Geographical Analysis 27(4), eq. 14 with binary w_ij, Σ_j w_ij² = W_i; the
/// standardised Gi* of Getis & Ord 1992, Geographical Analysis 24(3)). It equals
/// `esda.G_Local(y, w, star=True, transform="B")`'s `Zs` (checked against a stored esda
/// reference in the tests). z > 0: high values cluster around i (hot), z < 0: low (cold).
public enum GetisOrd {
    /// Gi* z-scores in unit order. When all values are equal (S = 0) or a unit neighbours every
    /// unit (W_i = n) the statistic has no variance: z = 0 (not significant).
    /// Throws `.usage` when the counts differ or there are fewer than 2 units.
    public static func zScores(_ values: [Double], weights: SpatialWeights) throws(CovplanError) -> [Double] {
        let n = values.count
        guard weights.count == n else {
            throw CovplanError(.software, "Gi*: \(n) values but \(weights.count) weight rows")
        }
        guard n >= 2 else { throw CovplanError(.usage, "Gi*: needs at least 2 units (got \(n))") }
        let nd = Double(n)
        let mean = values.reduce(0, +) / nd
        // Two-pass variance (numerically safer than Σx²/n − x̄² for large counts).
        let s2 = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / nd
        let s = s2.squareRoot()
        var z = [Double](repeating: 0, count: n)
        guard s > 0 else { return z }
        for i in 0..<n {
            var sum = 0.0
            for k in weights.offsets[i]..<weights.offsets[i + 1] { sum += values[Int(weights.neighbours[k])] }
            let w = Double(weights.cardinality(i))
            let v = (nd * w - w * w) / (nd - 1)
            guard v > 0 else { continue }
            z[i] = (sum - mean * w) / (s * v.squareRoot())
        }
        return z
    }

    /// Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z| / √2).
    public static func twoSidedP(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }
}
