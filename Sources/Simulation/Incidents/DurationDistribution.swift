import GeoCore

/// A distribution of a non-negative duration in seconds (on-scene time, service time).
///
/// Sampling is O(1) and uses the caller's `Xoshiro256StarStar`, so sequences are reproducible.
/// `validate` rejects negative or non-finite parameters with a `CovplanError(.usage)`.
public enum DurationDistribution: Sendable, Hashable {
    /// Always `seconds`.
    case constant(seconds: Double)
    /// Exponential with the given mean (the queueing-theory "M" service).
    case exponential(meanSeconds: Double)
    /// Uniform on [minSeconds, maxSeconds].
    case uniform(minSeconds: Double, maxSeconds: Double)
    /// Log-normal with the given mean and standard deviation of the duration itself (not of its log).
    case logNormal(meanSeconds: Double, standardDeviationSeconds: Double)
    /// Erlang-k (sum of k exponentials) with the given mean; squared coefficient of variation 1/k.
    case erlang(phases: Int, meanSeconds: Double)

    /// The mean duration in seconds.
    public var meanSeconds: Double {
        switch self {
        case .constant(let s): return s
        case .exponential(let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .logNormal(let m, _): return m
        case .erlang(_, let m): return m
        }
    }

    /// Throws `CovplanError(.usage)` naming `what` when a parameter is negative, NaN or infinite.
    public func validate(_ what: String) throws {
        func check(_ v: Double, _ name: String) throws {
            guard v.isFinite, v >= 0 else {
                throw CovplanError(.usage, "\(what): \(name) must be a finite number ≥ 0 seconds, got \(v)")
            }
        }
        switch self {
        case .constant(let s): try check(s, "duration")
        case .exponential(let m): try check(m, "mean duration")
        case .uniform(let a, let b):
            try check(a, "minimum duration")
            try check(b, "maximum duration")
            guard a <= b else {
                throw CovplanError(.usage, "\(what): minimum duration \(a) s exceeds maximum \(b) s")
            }
        case .logNormal(let m, let sd):
            try check(m, "mean duration")
            try check(sd, "standard deviation")
            guard m > 0 || sd == 0 else {
                throw CovplanError(.usage, "\(what): a log-normal duration with mean 0 must have standard deviation 0")
            }
        case .erlang(let k, let m):
            guard k >= 1 else { throw CovplanError(.usage, "\(what): Erlang phases must be ≥ 1, got \(k)") }
            try check(m, "mean duration")
        }
    }

    /// One draw in seconds (≥ 0).
    @inlinable public func sample(_ rng: inout Xoshiro256StarStar) -> Double {
        switch self {
        case .constant(let s):
            return s
        case .exponential(let m):
            return rng.nextExponential(mean: m)
        case .uniform(let a, let b):
            return a + (b - a) * rng.nextUnit()
        case .logNormal(let m, let sd):
            if sd == 0 || m == 0 { return m }
            let sigma2 = _log(1 + (sd * sd) / (m * m))
            let mu = _log(m) - sigma2 / 2
            return _exp(mu + sigma2.squareRoot() * rng.nextStandardNormal())
        case .erlang(let k, let m):
            var product = 1.0
            var total = 0.0
            // Multiply uniforms in blocks to avoid underflow for large k.
            for i in 0..<k {
                product *= rng.nextOpenUnit()
                if i % 16 == 15 { total -= _log(product); product = 1 }
            }
            total -= _log(product)
            return total * m / Double(k)
        }
    }
}
