import GeoCore

/// Larson's exact hypercube queueing model (1974), infinite line capacity.
///
/// State: the set B of busy units (2^N states) plus, when all are busy, the queue length k.
/// With every atom ranking all units, a call arriving in state B ≠ full moves the chain to
/// B ∪ {first free unit on its atom's list}; unit n ∈ B finishes at rate μ_n. While all units are
/// busy the queue is a birth–death chain with rates λ (up) and M = Σμ_n (down), and a unit that
/// finishes with a queue immediately takes the next call, so the busy set stays full. The queue
/// states therefore hang off the full state as a geometric tail: P(full, k) = P(full, 0)·rᵏ with
/// r = λ/M. The solver computes the 2^N chain in which arrivals at the full state are ignored
/// (they only start a queue excursion that returns to the same state) and then folds the tail
/// back in — exact, no truncation.
///
/// The 2^N balance equations are solved by Gauss–Seidel sweeps (in-flows from B∖{n} by
/// arrivals, from B∪{n} by completions), started from the symmetric M/M/N solution and
/// renormalised after each sweep, until the largest relative change of a probability is below
/// `tolerance`. Memory O(2^N·N); time O(2^N·(N + G·N)) for set-up with G distinct preference
/// lists plus O(2^N·N) per sweep.
public enum ExactHypercube {
    /// Largest N accepted (2^18 states).
    public static let maxUnits = 18

    /// Solves the model.
    /// - Throws: `CovplanError(.dataError)` for invalid input (see `HypercubeProblem.validate`),
    ///   `CovplanError(.usage)` when N > `maxUnits` (use `ApproximateHypercube`), and
    ///   `CovplanError(.software)` if the iteration does not converge within `maxSweeps`.
    public static func solve(_ problem: HypercubeProblem, tolerance: Double = 1e-13,
                             maxSweeps: Int = 200_000) throws -> HypercubeResult {
        try problem.validate()
        let N = problem.unitCount, J = problem.atomCount
        guard N <= maxUnits else {
            throw CovplanError(.usage, "exact hypercube: \(N) units exceed the limit of \(maxUnits) (2^N states); use the approximation")
        }
        let S = 1 << N
        let full = S - 1
        let mu = problem.meanServiceSeconds.map { 1 / $0 }
        let lambda = problem.totalArrivalRate
        let groups = problem.preferenceGroups()

        // up[B * N + n]: rate of B → B ∪ {n} by arrivals.
        var up = [Double](repeating: 0, count: S * N)
        for (g, list) in groups.lists.enumerated() {
            let rate = groups.rates[g]
            if rate == 0 { continue }
            for b in 0..<full {
                for n in list where b & (1 << n) == 0 {
                    up[b * N + n] += rate
                    break
                }
            }
        }
        var out = [Double](repeating: 0, count: S)
        for b in 0..<S {
            var o = b == full ? 0 : lambda
            for n in 0..<N where b & (1 << n) != 0 { o += mu[n] }
            out[b] = o
        }

        // Start: symmetric M/M/N (finite chain without the tail) spread evenly within levels.
        let meanMu = mu.reduce(0, +) / Double(N)
        var level = [Double](repeating: 0, count: N + 1)
        level[0] = 1
        for k in 1...N { level[k] = level[k - 1] * lambda / (Double(k) * meanMu) }
        let levelSum = level.reduce(0, +)
        var binom = [Double](repeating: 1, count: N + 1)
        for k in 1...N { binom[k] = binom[k - 1] * Double(N - k + 1) / Double(k) }
        var p = [Double](repeating: 0, count: S)
        for b in 0..<S {
            let k = b.nonzeroBitCount
            p[b] = level[k] / levelSum / binom[k]
        }

        var sweeps = 0
        var change = Double.infinity
        while change > tolerance {
            guard sweeps < maxSweeps else {
                throw CovplanError(.software, "exact hypercube: no convergence after \(maxSweeps) sweeps (last change \(change))")
            }
            sweeps += 1
            change = 0
            var total = 0.0
            for b in 0..<S {
                var inflow = 0.0
                for n in 0..<N {
                    let bit = 1 << n
                    if b & bit != 0 {
                        let from = b ^ bit
                        inflow += p[from] * up[from * N + n]
                    } else {
                        inflow += p[b | bit] * mu[n]
                    }
                }
                let new = inflow / out[b]
                let old = p[b]
                if new > 0 {
                    let rel = abs(new - old) / new
                    if rel > change { change = rel }
                }
                p[b] = new
                total += new
            }
            for b in 0..<S { p[b] /= total }
        }

        // Fold in the queue tail.
        let capacity = mu.reduce(0, +)
        let r = lambda / capacity
        let c = 1 / (1 + p[full] * r / (1 - r))
        for b in 0..<S { p[b] *= c }
        let pFull0 = p[full]
        let pQueue = pFull0 / (1 - r)           // P(all busy) including queue states
        p[full] = pQueue
        let meanWait = pFull0 / (capacity * (1 - r) * (1 - r))

        var rho = [Double](repeating: 0, count: N)
        for b in 0..<S {
            for n in 0..<N where b & (1 << n) != 0 { rho[n] += p[b] }
        }

        // Dispatch fractions: per preference group, P(first free unit = n) over non-full states.
        var firstFree = [Double](repeating: 0, count: groups.lists.count * N)
        for (g, list) in groups.lists.enumerated() {
            for b in 0..<full {
                for n in list where b & (1 << n) == 0 {
                    firstFree[g * N + n] += p[b]
                    break
                }
            }
        }
        var f = [Double](repeating: 0, count: N * J)
        for j in 0..<J {
            let share = problem.arrivalRatesPerSecond[j] / lambda
            let g = groups.groupOfAtom[j]
            for n in 0..<N {
                f[n * J + j] = share * (firstFree[g * N + n] + pQueue * mu[n] / capacity)
            }
        }
        return HypercubeFigures.result(problem: problem, method: .exact, workloads: rho, dispatchFractions: f,
                                       queueProbability: pQueue, meanQueueWaitSeconds: meanWait,
                                       stateProbabilities: p, iterations: sweeps, lastChange: change)
    }
}
