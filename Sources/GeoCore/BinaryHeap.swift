/// A binary min-heap of `(key, value)` pairs on a flat array.
///
/// Used for best-first searches (R-tree nearest neighbours, Dijkstra). Ties on `key` are broken by
/// `value` order when `Value: Comparable` is not required — insertion order is not guaranteed.
/// push/pop O(log n).
public struct BinaryHeap<Value>: Sendable where Value: Sendable {
    @usableFromInline var keys: [Double] = []
    @usableFromInline var values: [Value] = []

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    @inlinable public var isEmpty: Bool { keys.isEmpty }
    @inlinable public var count: Int { keys.count }
    /// The smallest key, or nil when empty.
    @inlinable public var minKey: Double? { keys.first }

    @inlinable public mutating func push(_ key: Double, _ value: Value) {
        keys.append(key)
        values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if keys[parent] <= key { break }
            keys[i] = keys[parent]
            values[i] = values[parent]
            i = parent
        }
        keys[i] = key
        values[i] = value
    }

    @inlinable public mutating func pop() -> (key: Double, value: Value)? {
        guard let topKey = keys.first else { return nil }
        let topValue = values[0]
        let lastKey = keys.removeLast()
        let lastValue = values.removeLast()
        let n = keys.count
        if n > 0 {
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[i] = keys[child]
                values[i] = values[child]
                i = child
            }
            keys[i] = lastKey
            values[i] = lastValue
        }
        return (topKey, topValue)
    }

    @inlinable public mutating func removeAll(keepingCapacity: Bool = true) {
        keys.removeAll(keepingCapacity: keepingCapacity)
        values.removeAll(keepingCapacity: keepingCapacity)
    }
}
