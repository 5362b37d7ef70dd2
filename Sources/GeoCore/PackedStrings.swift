/// Strings kept as one UTF-8 byte buffer and the offsets into it: `n` strings in two arrays, not
/// up to `n` allocations (648,352 street ids of a k = 16 city). Element `i` is decoded on access.
///
/// Two values are equal exactly when they hold the same strings in the same order (the offsets
/// always start at 0 and the bytes are each string's UTF-8, back to back).
public struct PackedStrings: Sendable, Hashable, RandomAccessCollection {
    /// The UTF-8 bytes of every string, back to back.
    public let bytes: [UInt8]
    /// Where each string starts in `bytes`; `count + 1` entries, the first 0, the last
    /// `bytes.count`, never decreasing.
    public let offsets: [Int]

    /// The packed form of `strings`, in order.
    public init(_ strings: some Sequence<String>) {
        var bytes: [UInt8] = []
        var offsets = [0]
        offsets.reserveCapacity(strings.underestimatedCount + 1)
        for var s in strings {
            s.withUTF8 { bytes.append(contentsOf: $0) }
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// The strings stored as `bytes` and `offsets` (as the properties describe them); nil when
    /// the offsets are not that (empty, not starting at 0, decreasing, or not ending at
    /// `bytes.count`). Bytes that are not UTF-8 decode with replacement characters, as
    /// `String(decoding:as:)` does. O(count).
    public init?(bytes: [UInt8], offsets: [Int]) {
        guard offsets.first == 0, offsets.last == bytes.count else { return nil }
        for i in 1..<offsets.count where offsets[i] < offsets[i - 1] { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(i: Int) -> String {
        bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
        }
    }
}
