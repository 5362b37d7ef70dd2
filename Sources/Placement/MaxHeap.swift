import GeoCore

/// A binary max-heap of `(key, index)` pairs. Ties on `key` pop the smaller index first, so the
/// pop order is fully determined by the pushes (no hidden order). push/pop O(log n).
///
/// An `OrderedHeap` on the negated key: −key ascending is key descending, and ties keep the
/// index order.
struct IndexedMaxHeap: Sendable {
    private var heap: OrderedHeap<Int32>

    init(minimumCapacity: Int = 0) { heap = OrderedHeap(minimumCapacity: minimumCapacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    /// The largest key and its index, or nil.
    var top: (key: Double, item: Int32)? { heap.top.map { (-$0.key, $0.payload) } }

    mutating func push(_ key: Double, _ item: Int32) { heap.push(-key, item) }

    mutating func pop() -> (key: Double, item: Int32)? { heap.pop().map { (-$0.key, $0.payload) } }
}
