/// A binary min-heap of `(key, tag)` pairs on two flat arrays, ordered by key and then by tag:
/// pairs with equal keys pop in tag order, so the pop sequence is fully determined by what was
/// pushed (determinism of event simulations and greedy solvers). push/pop O(log n), no
/// allocation once capacity is reserved. (`BinaryHeap` is the variant without tag order, for
/// searches where ties do not matter.)
public struct OrderedHeap<Tag: Comparable & Sendable>: Sendable {
    @usableFromInline var keys: [Double] = []
    @usableFromInline var tags: [Tag] = []

    @inlinable public init(minimumCapacity: Int = 0) {
        keys.reserveCapacity(minimumCapacity)
        tags.reserveCapacity(minimumCapacity)
    }

    @inlinable public var isEmpty: Bool { keys.isEmpty }
    @inlinable public var count: Int { keys.count }
    /// The smallest pair, or nil when empty.
    @inlinable public var top: (key: Double, tag: Tag)? { keys.isEmpty ? nil : (keys[0], tags[0]) }

    @inlinable @inline(__always)
    static func less(_ k1: Double, _ t1: Tag, _ k2: Double, _ t2: Tag) -> Bool {
        k1 < k2 || (k1 == k2 && t1 < t2)
    }

    @inlinable public mutating func push(_ key: Double, _ tag: Tag) {
        keys.append(key)
        tags.append(tag)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if !Self.less(key, tag, keys[parent], tags[parent]) { break }
            keys[i] = keys[parent]
            tags[i] = tags[parent]
            i = parent
        }
        keys[i] = key
        tags[i] = tag
    }

    /// Removes and returns the smallest pair, or nil when empty.
    @inlinable public mutating func pop() -> (key: Double, tag: Tag)? {
        guard let topKey = keys.first else { return nil }
        let topTag = tags[0]
        let lastKey = keys.removeLast()
        let lastTag = tags.removeLast()
        let n = keys.count
        if n > 0 {
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, Self.less(keys[child + 1], tags[child + 1], keys[child], tags[child]) { child += 1 }
                if !Self.less(keys[child], tags[child], lastKey, lastTag) { break }
                keys[i] = keys[child]
                tags[i] = tags[child]
                i = child
            }
            keys[i] = lastKey
            tags[i] = lastTag
        }
        return (topKey, topTag)
    }
}
