import GeoCore

/// Larson's approximate hypercube model, "A-hypercube" (Larson 1975), infinite line capacity,
/// for any number of units with identical mean service times.
///
/// The probability that the first free unit on atom j's list is its k-th choice is approximated
/// as Q(N, ρ, k−1) · ρ_{a_j1} ⋯ ρ_{a_j,k−1} · (1 − ρ_{a_jk}), where ρ = λ/(Nμ) and the correction
/// factor Q makes the formula exact for the symmetric M/M/N queue:
/// Q(N, ρ, j) = Σ_{k=j}^{N−1} P_k · C(N−j−1, k−j)/C(N, k) / (ρ^j (1−ρ)), with P_k the M/M/N
/// probabilities. Unit workloads solve
/// ρ_n = V_n (1 − ρ_n) + λ P_Q/(Nμ),  V_n = (1/μ) Σ_j λ_j Σ_k [a_jk = n] Q(k−1) Π_{l<k} ρ_{a_jl},
/// iterated from ρ_n = ρ with the workloads rescaled after each step to the exact total
/// Σ ρ_n = λ/μ (Larson's normalisation). Dispatch fractions use the same product form,
/// rescaled per atom so that each atom's immediately-served share is exactly 1 − P_Q (P_Q
/// from Erlang C); queued calls are shared equally among units.
///
/// Complexity O(N²) for the factors plus O(G·N) per iteration (G distinct preference lists);
/// products are carried in logarithms, so N in the hundreds is fine.
public enum ApproximateHypercube {
    /// Solves the approximate model.
    /// - Throws: `CovplanError(.dataError)` for invalid input (see `HypercubeProblem.validate`)
    ///   or unequal service times (the A-hypercube assumes identical units);
    ///   `CovplanError(.software)` when the iteration does not converge.
    public static func solve(_ problem: HypercubeProblem, tolerance: Double = 1e-12,
                             maxIterations: Int = 100_000) throws -> HypercubeResult {
        try problem.validate()
        let N = problem.unitCount, J = problem.atomCount
        let s0 = problem.meanServiceSeconds[0]
        for s in problem.meanServiceSeconds where abs(s - s0) > 1e-9 * s0 {
            throw CovplanError(.dataError, "approximate hypercube: all units must have the same mean service time (use the exact model)")
        }
        let mu = 1 / s0
        let lambda = problem.totalArrivalRate
        let rhoBar = lambda / (Double(N) * mu)
        let mmn = ErlangC(servers: N, offeredLoad: lambda / mu)
        let logQ = (0..<N).map { mmn.logCorrectionFactor($0) }
        let pQ = mmn.delayProbability
        let groups = problem.preferenceGroups()
        let queuedShare = lambda * pQ / (Double(N) * mu)

        var rho = [Double](repeating: rhoBar, count: N)
        var v = [Double](repeating: 0, count: N)
        var iterations = 0
        var change = Double.infinity
        while change > tolerance {
            guard iterations < maxIterations else {
                throw CovplanError(.software, "approximate hypercube: no convergence after \(maxIterations) iterations")
            }
            iterations += 1
            for n in 0..<N { v[n] = 0 }
            for (g, list) in groups.lists.enumerated() {
                let rate = groups.rates[g] / mu
                if rate == 0 { continue }
                var logProd = 0.0
                for k in 0..<N {
                    let n = list[k]
                    let e = logQ[k] + logProd
                    if e < -740 { break }
                    v[n] += rate * _exp(e)
                    if rho[n] <= 0 { break }
                    logProd += _log(rho[n])
                }
            }
            var next = (0..<N).map { (v[$0] + queuedShare) / (1 + v[$0]) }
            let scale = lambda / mu / next.reduce(0, +)
            change = 0
            for n in 0..<N {
                next[n] = min(next[n] * scale, 1 - 1e-15)
                change = max(change, abs(next[n] - rho[n]))
            }
            rho = next
        }

        // Dispatch fractions f_nj.
        var f = [Double](repeating: 0, count: N * J)
        var groupShares = [[Double]](repeating: [], count: groups.lists.count)
        for (g, list) in groups.lists.enumerated() {
            var shares = [Double](repeating: 0, count: N)
            var logProd = 0.0
            var sum = 0.0
            for k in 0..<N {
                let n = list[k]
                let e = logQ[k] + logProd
                if e < -740 { break }
                let x = _exp(e) * (1 - rho[n])
                shares[n] = x
                sum += x
                if rho[n] <= 0 { break }
                logProd += _log(rho[n])
            }
            if sum > 0 { for n in 0..<N { shares[n] *= (1 - pQ) / sum } }
            groupShares[g] = shares
        }
        for j in 0..<J {
            let share = problem.arrivalRatesPerSecond[j] / lambda
            let shares = groupShares[groups.groupOfAtom[j]]
            for n in 0..<N { f[n * J + j] = share * (shares[n] + pQ / Double(N)) }
        }
        return HypercubeFigures.result(problem: problem, method: .approximate, workloads: rho, dispatchFractions: f,
                                       queueProbability: pQ, meanQueueWaitSeconds: mmn.meanWait(serviceRate: mu),
                                       stateProbabilities: nil, iterations: iterations, lastChange: change)
    }
}
