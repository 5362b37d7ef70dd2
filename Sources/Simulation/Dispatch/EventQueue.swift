import GeoCore

/// The pending events: `(time, payload)` pairs popped by time and then by payload, so
/// simultaneous events are processed in a fixed order (determinism). An `OrderedHeap` with
/// capacity reserved up front; push/pop O(log n) without allocation.
struct EventQueue {
    private var heap: OrderedHeap<UInt64>

    init(capacity: Int) { heap = OrderedHeap(minimumCapacity: capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var minTime: Double { heap.top!.key }

    mutating func push(_ time: Double, _ payload: UInt64) { heap.push(time, payload) }

    /// Removes and returns the earliest event (caller checks `isEmpty`).
    mutating func pop() -> (time: Double, payload: UInt64) {
        let e = heap.pop()!
        return (e.key, e.payload)
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
