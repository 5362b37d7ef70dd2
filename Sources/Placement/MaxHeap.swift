/// A binary max-heap of `(key, index)` pairs on flat arrays. Ties on `key` pop the smaller index
/// first, so the pop order is fully determined by the pushes (no hidden order). push/pop O(log n).
struct IndexedMaxHeap: Sendable {
    private(set) var keys: [Double] = []
    private(set) var items: [Int32] = []

    init(minimumCapacity: Int = 0) {
        keys.reserveCapacity(minimumCapacity)
        items.reserveCapacity(minimumCapacity)
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    /// The largest key and its index, or nil.
    var top: (key: Double, item: Int32)? { keys.isEmpty ? nil : (keys[0], items[0]) }

    @inline(__always) private static func above(_ ka: Double, _ ia: Int32, _ kb: Double, _ ib: Int32) -> Bool {
        ka > kb || (ka == kb && ia < ib)
    }

    mutating func push(_ key: Double, _ item: Int32) {
        keys.append(key)
        items.append(item)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if !Self.above(key, item, keys[parent], items[parent]) { break }
            keys[i] = keys[parent]
            items[i] = items[parent]
            i = parent
        }
        keys[i] = key
        items[i] = item
    }

    mutating func pop() -> (key: Double, item: Int32)? {
        guard let topKey = keys.first else { return nil }
        let topItem = items[0]
        let lastKey = keys.removeLast()
        let lastItem = items.removeLast()
        let n = keys.count
        if n > 0 {
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n, Self.above(keys[child + 1], items[child + 1], keys[child], items[child]) { child += 1 }
                if !Self.above(keys[child], items[child], lastKey, lastItem) { break }
                keys[i] = keys[child]
                items[i] = items[child]
                i = child
            }
            keys[i] = lastKey
            items[i] = lastItem
        }
        return (topKey, topItem)
    }
}
