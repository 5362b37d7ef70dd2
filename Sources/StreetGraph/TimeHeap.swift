/// A binary min-heap of `(seconds, payload)` in manually managed flat buffers, for Dijkstra
/// searches (no bounds, uniqueness or exclusivity checks in the hot loop).
///
/// Payloads are `UInt64` (a node index, or a node and a label packed together). Equal keys pop
/// in an order fixed by the sequence of operations, so searches are deterministic.
/// push/pop O(log n). Owned by one search; not shared between threads.
final class TimeHeap {
    private var keys: UnsafeMutablePointer<Double>
    private var payloads: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(16, capacity)
        keys = .allocate(capacity: self.capacity)
        payloads = .allocate(capacity: self.capacity)
    }

    deinit {
        keys.deallocate()
        payloads.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    private func grow() {
        let newCapacity = capacity * 2
        let k = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        k.update(from: keys, count: count)
        p.update(from: payloads, count: count)
        keys.deallocate()
        payloads.deallocate()
        keys = k
        payloads = p
        capacity = newCapacity
    }

    @inline(__always) func push(_ key: Double, _ payload: UInt64) {
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if keys[parent] <= key { break }
            keys[i] = keys[parent]
            payloads[i] = payloads[parent]
            i = parent
        }
        keys[i] = key
        payloads[i] = payload
    }

    /// Removes and returns the entry with the smallest key.
    @inline(__always) func pop() -> (key: Double, payload: UInt64)? {
        if count == 0 { return nil }
        let topKey = keys[0], topPayload = payloads[0]
        count -= 1
        let n = count
        if n > 0 {
            let lastKey = keys[n], lastPayload = payloads[n]
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[i] = keys[child]
                payloads[i] = payloads[child]
                i = child
            }
            keys[i] = lastKey
            payloads[i] = lastPayload
        }
        return (topKey, topPayload)
    }
}
