import Simulation

/// An independent brute-force solution of the hypercube model: the full continuous-time Markov
/// chain with states (busy set B) for B ≠ all-busy and (all busy, k queued) for k = 0…K, the queue
/// truncated at K (K chosen so rᴷ is negligible), as a dense generator matrix solved by Gaussian
/// elimination with partial pivoting. Shares no code with `ExactHypercube`.
struct BruteForceHypercube {
    var workloads: [Double]
    var queueProbability: Double
    var meanQueueLength: Double
    /// P(exactly k units busy), k = 0…N (queue states counted as N busy).
    var busyCountDistribution: [Double]
    /// Rate of dispatches of unit n to atom j from states with a free unit, divided by λ.
    var immediateDispatchFractions: [Double]

    init(rates: [Double], meanService: [Double], preferences: [[Int]], queueCap K: Int) {
        let N = meanService.count, J = rates.count
        let full = (1 << N) - 1
        let mu = meanService.map { 1 / $0 }
        let lambda = rates.reduce(0, +)
        let nonFull = full  // states 0..<full
        let size = nonFull + K + 1
        func index(_ b: Int, _ k: Int) -> Int { b == full ? nonFull + k : b }
        var q = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for b in 0...full {
            for k in 0...(b == full ? K : 0) {
                let i = index(b, k)
                if b != full {
                    for j in 0..<J {
                        let n = preferences[j].first { b & (1 << $0) == 0 }!
                        q[i][index(b | (1 << n), 0)] += rates[j]
                    }
                    for n in 0..<N where b & (1 << n) != 0 { q[i][index(b & ~(1 << n), 0)] += mu[n] }
                } else {
                    if k < K { q[i][index(full, k + 1)] += lambda }
                    if k > 0 {
                        q[i][index(full, k - 1)] += mu.reduce(0, +)
                    } else {
                        for n in 0..<N { q[i][index(full & ~(1 << n), 0)] += mu[n] }
                    }
                }
            }
        }
        for i in 0..<size {
            var s = 0.0
            for j in 0..<size where j != i { s += q[i][j] }
            q[i][i] = -s
        }
        // Solve πQ = 0, Σπ = 1: transpose, replace the last equation by normalisation.
        var a = [[Double]](repeating: [Double](repeating: 0, count: size + 1), count: size)
        for i in 0..<size { for j in 0..<size { a[i][j] = q[j][i] } }
        for j in 0..<size { a[size - 1][j] = 1 }
        a[size - 1][size] = 1
        let pi = Self.gaussianElimination(a)

        var rho = [Double](repeating: 0, count: N)
        var busyCount = [Double](repeating: 0, count: N + 1)
        var pq = 0.0, lq = 0.0
        var f = [Double](repeating: 0, count: N * J)
        for b in 0...full {
            for k in 0...(b == full ? K : 0) {
                let p = pi[index(b, k)]
                for n in 0..<N where b & (1 << n) != 0 { rho[n] += p }
                busyCount[b.nonzeroBitCount] += p
                if b == full {
                    pq += p
                    lq += Double(k) * p
                } else {
                    for j in 0..<J {
                        let n = preferences[j].first { b & (1 << $0) == 0 }!
                        f[n * J + j] += p * rates[j] / lambda
                    }
                }
            }
        }
        workloads = rho
        queueProbability = pq
        meanQueueLength = lq
        busyCountDistribution = busyCount
        immediateDispatchFractions = f
    }

    /// Solves the augmented system [A | b] (n × n+1) by Gaussian elimination with partial pivoting.
    static func gaussianElimination(_ matrix: [[Double]]) -> [Double] {
        var a = matrix
        let n = a.count
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            a.swapAt(col, pivot)
            let d = a[col][col]
            for r in (col + 1)..<n where a[r][col] != 0 {
                let m = a[r][col] / d
                for c in col...n { a[r][c] -= m * a[col][c] }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = a[r][n]
            for c in (r + 1)..<n { s -= a[r][c] * x[c] }
            x[r] = s / a[r][r]
        }
        return x
    }
}
