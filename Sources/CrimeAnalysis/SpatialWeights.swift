import GeoCore

/// Binary spatial weights that include each unit itself (the "star" form of Getis & Ord):
/// w_ij = 1 when j is i or j is a neighbour of i, else 0. Stored as compressed rows.
///
/// Row i lists `neighbours[offsets[i]..<offsets[i+1]]` (always containing i itself, first).
public struct SpatialWeights: Sendable, Hashable {
    public var offsets: [Int]
    public var neighbours: [Int32]

    public init(offsets: [Int], neighbours: [Int32]) {
        self.offsets = offsets
        self.neighbours = neighbours
    }

    /// Number of units.
    public var count: Int { offsets.count - 1 }

    /// Σ_j w_ij (the unit itself included).
    public func cardinality(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Self plus every unit whose distance is at most `meters` (inclusive, with a 1e-9 relative
    /// tolerance so lattice neighbours at exactly the band count), as libpysal's
    /// `DistanceBand(binary=True)` plus the diagonal.
    ///
    /// Units: metres in the working CRS (any planar unit works). Complexity: bucketed by cells of
    /// the band size, O(n · neighbours). Throws `.usage` for a band that is not positive.
    public static func distanceBand(_ points: [Point], meters: Double) throws(CovplanError) -> SpatialWeights {
        guard meters.isFinite, meters > 0 else {
            throw CovplanError(.usage, "distance band \(meters) m must be a positive number of metres")
        }
        let limit2 = meters * meters * (1 + 1e-9)
        var buckets: [Int64: [Int32]] = [:]
        func key(_ p: Point) -> (Int64, Int64) { (Int64((p.x / meters).rounded(.down)), Int64((p.y / meters).rounded(.down))) }
        for (i, p) in points.enumerated() {
            let (bx, by) = key(p)
            buckets[bx &* 73_856_093 ^ by, default: []].append(Int32(i))
        }
        var offsets = [0], out: [Int32] = []
        for (i, p) in points.enumerated() {
            out.append(Int32(i))
            var row: [Int32] = []
            let (bx, by) = key(p)
            for dx in -1...1 {
                for dy in -1...1 {
                    let k = (bx + Int64(dx)) &* 73_856_093 ^ (by + Int64(dy))
                    guard let b = buckets[k] else { continue }
                    for j in b where Int(j) != i {
                        let q = points[Int(j)]
                        let ddx = q.x - p.x, ddy = q.y - p.y
                        if ddx * ddx + ddy * ddy <= limit2 { row.append(j) }
                    }
                }
            }
            // Hash collisions between distinct buckets can list a unit twice: keep each once.
            row.sort()
            var last: Int32 = -1
            for j in row where j != last { out.append(j); last = j }
            offsets.append(out.count)
        }
        return SpatialWeights(offsets: offsets, neighbours: out)
    }

    /// Self plus the `k` nearest other units (ties broken by the lower index), as libpysal's
    /// `KNN(k)` plus the diagonal. Brute force, O(n² log k): meant for up to a few tens of
    /// thousands of units (street segments, districts); grids use `distanceBand`.
    /// Throws `.usage` when k < 1 or k ≥ n.
    public static func kNearest(_ points: [Point], k: Int) throws(CovplanError) -> SpatialWeights {
        guard k >= 1, k < points.count else {
            throw CovplanError(.usage, "k-nearest neighbours: k = \(k) must be at least 1 and less than the \(points.count) units")
        }
        var offsets = [0], out: [Int32] = []
        out.reserveCapacity(points.count * (k + 1))
        for (i, p) in points.enumerated() {
            var best: [(d: Double, j: Int)] = []
            best.reserveCapacity(k + 1)
            for (j, q) in points.enumerated() where j != i {
                let dx = q.x - p.x, dy = q.y - p.y
                let d = dx * dx + dy * dy
                if best.count == k, let worst = best.last, (d, j) >= (worst.d, worst.j) { continue }
                let at = best.firstIndex { (d, j) < ($0.d, $0.j) } ?? best.count
                best.insert((d, j), at: at)
                if best.count > k { best.removeLast() }
            }
            out.append(Int32(i))
            out.append(contentsOf: best.map { Int32($0.j) }.sorted())
            offsets.append(out.count)
        }
        return SpatialWeights(offsets: offsets, neighbours: out)
    }
}
