/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seeded generator. The one source of
/// reproducible randomness in covplan — same seed, same sequence, on every platform; never use
/// `SystemRandomNumberGenerator` where results must reproduce.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    /// A generator whose output is fully determined by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Same as `unit()`.
    @inlinable public mutating func nextUnit() -> Double { unit() }

    /// A uniform integer in 0 ..< n (n > 0) by Lemire's multiply-shift (bias below 2⁻⁶⁴·n).
    @inlinable public mutating func nextIndex(_ n: Int) -> Int {
        Int((UInt64(n).multipliedFullWidth(by: next())).high)
    }
}
