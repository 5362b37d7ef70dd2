import GeoCore
/// xoshiro256** 1.0 (Blackman & Vigna 2018): the project's own seeded pseudo-random generator.
///
/// Seeded through SplitMix64 so that any 64-bit seed (including 0) gives a well-mixed state.
/// The sequence for a given seed is fixed forever (it is part of covplan's reproducibility
/// promise: same inputs + seed → identical results). Never use `SystemRandomNumberGenerator`
/// in analyses. Not cryptographic. Each call O(1), no allocation.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is filled from `seed` by four SplitMix64 steps.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
    }

    /// A generator with the given raw state (not all zero), for reference-vector tests.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1] (safe for `log`).
    @inlinable public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// An exponential variate with the given mean (mean ≥ 0; 0 gives 0).
    @inlinable public mutating func nextExponential(mean: Double) -> Double {
        -mean * _log(nextOpenUnit())
    }

    /// A standard normal variate (Marsaglia polar method; consumes a variable number of draws,
    /// deterministic for a given state).
    @inlinable public mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * _log(s) / s).squareRoot()
            }
        }
    }

    /// A uniform integer in 0..<upperBound (upperBound > 0), by Lemire's nearly-divisionless method.
    @inlinable public mutating func nextIndex(below upperBound: Int) -> Int {
        let bound = UInt64(upperBound)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand seeds; also a fine small generator.

