/// Benjamini–Hochberg false-discovery-rate adjusted p-values (Benjamini & Hochberg 1995, "Controlling
/// the false discovery rate", J. R. Statist. Soc. B 57(1), 289–300):
///
///     p_(1) ≤ … ≤ p_(m) sorted,  q_(k) = min_{j ≥ k} min(1, m · p_(j) / j)
///
/// returned in the input order. A test rejects at level α where q ≤ α; this is the same as the
/// step-up rule "largest k with p_(k) ≤ k α / m". Equals `scipy.stats.false_discovery_control(p,
/// method="bh")` and R's `p.adjust(p, "BH")`.
public enum FalseDiscoveryRate {
    /// Adjusted p-values (NaN inputs stay NaN and do not count towards m).
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let order = p.indices.filter { !p[$0].isNaN }.sorted { (p[$0], $0) < (p[$1], $1) }
        let m = Double(order.count)
        var q = [Double](repeating: .nan, count: p.count)
        var running = 1.0
        for r in stride(from: order.count - 1, through: 0, by: -1) {
            let i = order[r]
            running = min(running, min(1, m * p[i] / Double(r + 1)))
            q[i] = running
        }
        return q
    }
}
