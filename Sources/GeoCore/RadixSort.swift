/// Stable least-significant-digit radix sort of 64-bit keys, for the graph builder's orderings.
public enum RadixSort {
    /// Sorts `keys` stably by the bits `lowBit ..< lowBit + bitCount` (other bits ignored: keys
    /// equal there keep their order). 11-bit digits; a pass whose digit is the same for every key
    /// is skipped. O(n · bitCount / 11) time, n extra keys of memory.
    public static func sort(_ keys: inout [UInt64], lowBit: Int, bitCount: Int) {
        let n = keys.count
        guard n > 1, bitCount > 0 else { return }
        let digitBits = 11, buckets = 1 << digitBits
        var other = [UInt64](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: buckets)
        var shift = lowBit
        let end = min(64, lowBit + bitCount)
        while shift < end {
            let s = UInt64(shift)
            let mask = UInt64(1 << min(digitBits, end - shift) - 1)
            let skip: Bool = keys.withUnsafeBufferPointer { src in
                count.withUnsafeMutableBufferPointer { c in
                    for b in 0..<buckets { c[b] = 0 }
                    for i in 0..<n { c[Int((src[i] >> s) & mask)] += 1 }
                    if c[Int((src[0] >> s) & mask)] == n { return true }
                    var sum = 0
                    for b in 0..<buckets { let k = c[b]; c[b] = sum; sum += k }
                    return false
                }
            }
            if !skip {
                keys.withUnsafeBufferPointer { src in
                    other.withUnsafeMutableBufferPointer { dst in
                        count.withUnsafeMutableBufferPointer { c in
                            for i in 0..<n {
                                let k = src[i]
                                let d = Int((k >> s) & mask)
                                dst[c[d]] = k
                                c[d] += 1
                            }
                        }
                    }
                }
                swap(&keys, &other)
            }
            shift += digitBits
        }
    }
}
