/// A binary min-heap of `(time, payload)` events on two flat arrays, ordered by time and then by
/// payload, so simultaneous events are processed in a fixed order (determinism).
///
/// Capacity is reserved up front; push/pop are O(log n) without allocation.
struct EventQueue {
    private var times: [Double] = []
    private var payloads: [UInt64] = []

    init(capacity: Int) {
        times.reserveCapacity(capacity)
        payloads.reserveCapacity(capacity)
    }

    var isEmpty: Bool { times.isEmpty }
    var count: Int { times.count }
    var minTime: Double { times[0] }

    @inline(__always)
    private static func less(_ t1: Double, _ p1: UInt64, _ t2: Double, _ p2: UInt64) -> Bool {
        t1 < t2 || (t1 == t2 && p1 < p2)
    }

    mutating func push(_ time: Double, _ payload: UInt64) {
        times.append(time)
        payloads.append(payload)
        var i = times.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if !Self.less(time, payload, times[parent], payloads[parent]) { break }
            times[i] = times[parent]
            payloads[i] = payloads[parent]
            i = parent
        }
        times[i] = time
        payloads[i] = payload
    }

    /// Removes and returns the earliest event (caller checks `isEmpty`).
    mutating func pop() -> (time: Double, payload: UInt64) {
        let top = (times[0], payloads[0])
        let lastT = times.removeLast()
        let lastP = payloads.removeLast()
        let n = times.count
        if n > 0 {
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= n { break }
                if c + 1 < n, Self.less(times[c + 1], payloads[c + 1], times[c], payloads[c]) { c += 1 }
                if !Self.less(times[c], payloads[c], lastT, lastP) { break }
                times[i] = times[c]
                payloads[i] = payloads[c]
                i = c
            }
            times[i] = lastT
            payloads[i] = lastP
        }
        return top
    }
}

/// Waiting incidents: one FIFO per priority level (level 0 = most urgent). O(1) push/pop.
struct PriorityFIFO {
    private var items: [[Int32]]
    private var heads: [Int]
    private(set) var count = 0

    init(levels: Int) {
        items = Array(repeating: [], count: levels)
        heads = Array(repeating: 0, count: levels)
    }

    var isEmpty: Bool { count == 0 }

    mutating func push(_ incident: Int32, level: Int) {
        items[level].append(incident)
        count += 1
    }

    /// The oldest incident of the most urgent non-empty level, or -1 when empty.
    mutating func pop() -> Int32 {
        for l in 0..<items.count where heads[l] < items[l].count {
            let v = items[l][heads[l]]
            heads[l] += 1
            count -= 1
            if heads[l] == items[l].count {
                items[l].removeAll(keepingCapacity: true)
                heads[l] = 0
            } else if heads[l] >= 1024, heads[l] * 2 >= items[l].count {
                items[l].removeFirst(heads[l])
                heads[l] = 0
            }
            return v
        }
        return -1
    }
}
