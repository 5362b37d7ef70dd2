/// The M/M/N queue (Erlang C) in log space, stable for hundreds of servers.
public struct ErlangC: Sendable {
    public let servers: Int
    /// a = λ/μ (Erlangs), must be < servers.
    public let offeredLoad: Double
    /// ln P_k for k = 0..<servers.
    let logP: [Double]
    /// P(all servers busy) = P(wait > 0) (Erlang C formula).
    public let delayProbability: Double

    /// Requires 0 < offeredLoad < servers (callers validate).
    public init(servers N: Int, offeredLoad a: Double) {
        servers = N
        offeredLoad = a
        let rho = a / Double(N)
        var terms = (0..<N).map { Double($0) * _log(a) - _lgamma(Double($0) + 1) }
        let tail = Double(N) * _log(a) - _lgamma(Double(N) + 1) - _log(1 - rho)
        terms.append(tail)
        let m = terms.max()!
        let logZ = m + _log(terms.reduce(0) { $0 + _exp($1 - m) })
        logP = terms.prefix(N).map { $0 - logZ }
        delayProbability = _exp(tail - logZ)
    }

    /// Mean wait in queue over all customers: P_Q / (Nμ − λ).
    public func meanWait(serviceRate mu: Double) -> Double {
        delayProbability / (Double(servers) * mu - offeredLoad * mu)
    }

    /// ln Q(N, ρ, j) (Larson 1975), 0 ≤ j < N.
    public func logCorrectionFactor(_ j: Int) -> Double {
        let N = servers
        let rho = offeredLoad / Double(N)
        func lnC(_ n: Int, _ k: Int) -> Double {
            _lgamma(Double(n) + 1) - _lgamma(Double(k) + 1) - _lgamma(Double(n - k) + 1)
        }
        var terms: [Double] = []
        for k in j..<N {
            terms.append(logP[k] + lnC(N - j - 1, k - j) - lnC(N, k))
        }
        let m = terms.max()!
        let lse = m + _log(terms.reduce(0) { $0 + _exp($1 - m) })
        return lse - Double(j) * _log(rho) - _log(1 - rho)
    }

    /// Q(N, ρ, j).
    public func correctionFactor(_ j: Int) -> Double { _exp(logCorrectionFactor(j)) }
}
