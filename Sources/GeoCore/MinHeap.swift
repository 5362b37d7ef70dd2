/// How a `MinHeap` orders entries with equal keys.
///
/// `less` must be a strict weak order. Both rules give a pop sequence fixed by the sequence of
/// pushes and pops (no hidden state); `HeapTiesByPayload` also makes it independent of the push
/// order among equal keys.
public protocol HeapOrder<Payload> {
    associatedtype Payload
    static func less(_ k1: Double, _ p1: Payload, _ k2: Double, _ p2: Payload) -> Bool
}

/// Keys alone: entries with equal keys pop in an order fixed by the operations (best-first
/// searches, where ties do not change the result).
public enum HeapTiesUnordered<Payload>: HeapOrder {
    @inlinable @inline(__always)
    public static func less(_ k1: Double, _ p1: Payload, _ k2: Double, _ p2: Payload) -> Bool { k1 < k2 }
}

/// Keys, then payloads: entries with equal keys pop in payload order, so the pop sequence depends
/// only on what was pushed (event simulations, greedy solvers).
public enum HeapTiesByPayload<Payload: Comparable>: HeapOrder {
    @inlinable @inline(__always)
    public static func less(_ k1: Double, _ p1: Payload, _ k2: Double, _ p2: Payload) -> Bool {
        k1 < k2 || (k1 == k2 && p1 < p2)
    }
}

/// The project's one binary min-heap: `(key, payload)` pairs on two flat arrays, smallest key
/// first, ties broken by `Order`. push/pop O(log n), no allocation once capacity is reserved.
///
/// Keys are `Double` (seconds, metres, negated gains for a max-heap); NaN keys are a caller error
/// (they compare false and would break the heap order), so callers push finite keys only.
public struct MinHeap<Payload: Sendable, Order: HeapOrder>: Sendable where Order.Payload == Payload {
    @usableFromInline var keys: [Double] = []
    @usableFromInline var payloads: [Payload] = []

    @inlinable public init(minimumCapacity: Int = 0) {
        keys.reserveCapacity(minimumCapacity)
        payloads.reserveCapacity(minimumCapacity)
    }

    @inlinable public var isEmpty: Bool { keys.isEmpty }
    @inlinable public var count: Int { keys.count }
    /// The smallest entry, or nil when empty.
    @inlinable public var top: (key: Double, payload: Payload)? { keys.isEmpty ? nil : (keys[0], payloads[0]) }

    @inlinable public mutating func push(_ key: Double, _ payload: Payload) {
        keys.append(key)
        payloads.append(payload)
        let n = keys.count
        keys.withUnsafeMutableBufferPointer { k in
            payloads.withUnsafeMutableBufferPointer { p in
                var i = n - 1
                while i > 0 {
                    let parent = (i - 1) >> 1
                    if !Order.less(key, payload, k[parent], p[parent]) { break }
                    k[i] = k[parent]
                    p[i] = p[parent]
                    i = parent
                }
                k[i] = key
                p[i] = payload
            }
        }
    }

    /// Removes and returns the smallest entry, or nil when empty.
    @inlinable public mutating func pop() -> (key: Double, payload: Payload)? {
        guard let topKey = keys.first else { return nil }
        let topPayload = payloads[0]
        let lastKey = keys.removeLast()
        let lastPayload = payloads.removeLast()
        let n = keys.count
        if n > 0 {
            keys.withUnsafeMutableBufferPointer { k in
                payloads.withUnsafeMutableBufferPointer { p in
                    var i = 0
                    while true {
                        var child = 2 * i + 1
                        if child >= n { break }
                        if child + 1 < n, Order.less(k[child + 1], p[child + 1], k[child], p[child]) { child += 1 }
                        if !Order.less(k[child], p[child], lastKey, lastPayload) { break }
                        k[i] = k[child]
                        p[i] = p[child]
                        i = child
                    }
                    k[i] = lastKey
                    p[i] = lastPayload
                }
            }
        }
        return (topKey, topPayload)
    }

    @inlinable public mutating func removeAll(keepingCapacity: Bool = true) {
        keys.removeAll(keepingCapacity: keepingCapacity)
        payloads.removeAll(keepingCapacity: keepingCapacity)
    }
}

/// A min-heap for best-first searches (Dijkstra, nearest neighbours): ties unordered.
public typealias SearchHeap<Payload: Sendable> = MinHeap<Payload, HeapTiesUnordered<Payload>>
/// A min-heap whose pop order depends only on what was pushed: ties by payload.
public typealias OrderedHeap<Payload: Sendable & Comparable> = MinHeap<Payload, HeapTiesByPayload<Payload>>
