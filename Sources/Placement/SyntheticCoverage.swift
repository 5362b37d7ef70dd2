import GeoCore
/// Seeded random coverage instances for tests and benchmarks (not for planning).
public enum SyntheticCoverage {
    /// A spatial instance resembling camera placement: `demandCount` demand points uniform in a
    /// square, `candidateCount` candidate sites uniform in the same square, each covering the
    /// demand within `radiusMeters`; the square's side is chosen so that a candidate covers about
    /// `meanCover` demand points on average. Weights uniform in [1, 20) (street metres); costs
    /// drawn from the per-type price list `costsTenge` (type "t0", "t1", ...). The first
    /// `fixedCount` candidates are marked installed. O(nonzeros) with a bucket grid.
    public static func spatial(demandCount: Int, candidateCount: Int, meanCover: Double, fixedCount: Int = 0,
                               costsTenge: [Double] = [1], limit: PlacementLimit?, seed: UInt64) throws
        -> CoverageInstance {
        var rng = SplitMix64(seed: seed)
        let radius = 50.0
        // area such that demandCount · πr² / side² = meanCover
        let side = (Double(demandCount) * Double.pi * radius * radius / max(meanCover, 1e-9)).squareRoot()
        let cells = max(1, Int(side / radius))
        let cellSize = side / Double(cells)
        var xs = [Double](repeating: 0, count: demandCount)
        var ys = [Double](repeating: 0, count: demandCount)
        var weights = [Double](repeating: 0, count: demandCount)
        var bucketCounts = [Int](repeating: 0, count: cells * cells + 1)
        var bucketOf = [Int](repeating: 0, count: demandCount)
        for i in 0 ..< demandCount {
            xs[i] = rng.nextUnit() * side
            ys[i] = rng.nextUnit() * side
            weights[i] = 1 + 19 * rng.nextUnit()
            let cx = min(cells - 1, Int(xs[i] / cellSize)), cy = min(cells - 1, Int(ys[i] / cellSize))
            bucketOf[i] = cy * cells + cx
            bucketCounts[bucketOf[i] + 1] += 1
        }
        for b in 0 ..< cells * cells { bucketCounts[b + 1] += bucketCounts[b] }
        var fill = bucketCounts
        var members = [Int32](repeating: 0, count: demandCount)
        for i in 0 ..< demandCount {
            members[fill[bucketOf[i]]] = Int32(i)
            fill[bucketOf[i]] += 1
        }
        var builder = CoverageInstance.Builder(demandWeights: weights, limit: limit)
        let reach = Int((radius / cellSize).rounded(.up))
        var covers: [Int] = []
        for j in 0 ..< candidateCount {
            let x = rng.nextUnit() * side, y = rng.nextUnit() * side
            let type = costsTenge.count > 1 ? rng.nextIndex(costsTenge.count) : 0
            let cx = min(cells - 1, Int(x / cellSize)), cy = min(cells - 1, Int(y / cellSize))
            covers.removeAll(keepingCapacity: true)
            for by in max(0, cy - reach) ... min(cells - 1, cy + reach) {
                for bx in max(0, cx - reach) ... min(cells - 1, cx + reach) {
                    let b = by * cells + bx
                    for k in bucketCounts[b] ..< bucketCounts[b + 1] {
                        let i = Int(members[k])
                        let dx = xs[i] - x, dy = ys[i] - y
                        if dx * dx + dy * dy <= radius * radius { covers.append(i) }
                    }
                }
            }
            builder.addCandidate(id: "c\(j)", type: "t\(type)", costTenge: costsTenge[type], covers: covers,
                                 fixed: j < fixedCount)
        }
        return try builder.build()
    }

    /// A small unstructured instance: each candidate covers each demand piece independently with
    /// probability `density`; weights uniform integers 1...9; costs uniform integers in
    /// `costRange`. The first `fixedCount` candidates are installed.
    public static func uniform(demandCount: Int, candidateCount: Int, density: Double, fixedCount: Int = 0,
                               costRange: ClosedRange<Int> = 1 ... 1, limit: PlacementLimit?, seed: UInt64) throws
        -> CoverageInstance {
        var rng = SplitMix64(seed: seed)
        let weights = (0 ..< demandCount).map { _ in Double(1 + rng.nextIndex(9)) }
        var builder = CoverageInstance.Builder(demandWeights: weights, limit: limit)
        for j in 0 ..< candidateCount {
            let covers = (0 ..< demandCount).filter { _ in rng.nextUnit() < density }
            let cost = Double(costRange.lowerBound + rng.nextIndex(costRange.count))
            builder.addCandidate(id: "c\(j)", type: "t", costTenge: cost, covers: covers, fixed: j < fixedCount)
        }
        return try builder.build()
    }
}
