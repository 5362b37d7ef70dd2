/// A binary min-heap of `(seconds, payload)` on two flat arrays, for Dijkstra searches.
///
/// Payloads are `UInt64` (a node index, or a node and a label packed together). Equal keys pop
/// in an order fixed by the sequence of operations, so searches are deterministic.
/// push/pop O(log n).
struct TimeHeap {
    private var keys: [Double] = []
    private var payloads: [UInt64] = []

    init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        payloads.reserveCapacity(capacity)
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        payloads.removeAll(keepingCapacity: true)
    }

    @inline(__always) mutating func push(_ key: Double, _ payload: UInt64) {
        keys.append(key)
        payloads.append(payload)
        keys.withUnsafeMutableBufferPointer { k in
            payloads.withUnsafeMutableBufferPointer { p in
                var i = k.count - 1
                while i > 0 {
                    let parent = (i - 1) >> 1
                    if k[parent] <= key { break }
                    k[i] = k[parent]
                    p[i] = p[parent]
                    i = parent
                }
                k[i] = key
                p[i] = payload
            }
        }
    }

    /// Removes and returns the entry with the smallest key.
    @inline(__always) mutating func pop() -> (key: Double, payload: UInt64)? {
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
                        if child + 1 < n, k[child + 1] < k[child] { child += 1 }
                        if k[child] >= lastKey { break }
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
}
