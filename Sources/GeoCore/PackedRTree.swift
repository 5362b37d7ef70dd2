/// A static, packed R-tree over item envelopes (Sort-Tile-Recursive packing, flat arrays).
///
/// Built once in O(n log n); envelope queries visit O(log n + k) nodes; nearest-neighbour search
/// is best-first. Item ids are the indices of the envelopes passed to `init`. Coordinates are in
/// whatever CRS the envelopes are in. The tree is an immutable value and safe to share between
/// threads.
public struct PackedRTree: Sendable {
    /// Number of indexed items.
    public let count: Int
    @usableFromInline let nodeSize: Int
    @usableFromInline var minX: [Double] = []
    @usableFromInline var minY: [Double] = []
    @usableFromInline var maxX: [Double] = []
    @usableFromInline var maxY: [Double] = []
    /// Level 0 (leaves): the item id. Higher levels: index of the first child.
    @usableFromInline var ref: [Int32] = []
    /// Exclusive end index of each level; level 0 holds the leaves.
    @usableFromInline var levelEnds: [Int] = []

    /// Builds the tree. `nodeSize` is the fan-out (children per node).
    public init(_ envelopes: [Envelope], nodeSize: Int = 16) {
        precondition(nodeSize >= 2, "R-tree node size must be at least 2")
        count = envelopes.count
        self.nodeSize = nodeSize
        guard count > 0 else { return }
        build(envelopes, order: PackedRTree.strOrder(envelopes, nodeSize: nodeSize))
    }

    /// The tree `init(envelopes, nodeSize:)` builds, from its leaf order (`leafOrder` of that
    /// tree, e.g. stored in a prepared city) instead of sorting again: O(n). Nil when `order`
    /// is not a permutation of `0 ..< envelopes.count`.
    public init?(_ envelopes: [Envelope], order: [Int32], nodeSize: Int = 16) {
        precondition(nodeSize >= 2, "R-tree node size must be at least 2")
        guard order.count == envelopes.count else { return nil }
        var seen = [Bool](repeating: false, count: order.count)
        for id in order {
            guard id >= 0, Int(id) < order.count, !seen[Int(id)] else { return nil }
            seen[Int(id)] = true
        }
        count = envelopes.count
        self.nodeSize = nodeSize
        guard count > 0 else { return }
        build(envelopes, order: order)
    }

    /// Item ids in leaf order (the STR order the tree was packed in).
    public var leafOrder: ArraySlice<Int32> { ref.prefix(count) }

    /// Packs the leaves in `order`, then the levels above them.
    /// The leaves are written on both cores (each slot by one worker, so the arrays are the
    /// same as written in order); the levels above them, a sixteenth as many, in order.
    private mutating func build<C: RandomAccessCollection>(_ envelopes: [Envelope], order: C)
        where C.Element: BinaryInteger, C.Index == Int
    {
        let capacity = count + count / (nodeSize - 1) + 2
        let n = count
        func leaves<T>(_ fill: (UnsafeMutablePointer<T>) -> Void) -> [T] {
            [T](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                fill(buffer.baseAddress!)
                initialized = n
            }
        }
        var (lx, ly, hx, hy): ([Double], [Double], [Double], [Double]) = ([], [], [], [])
        ref = leaves { (r: UnsafeMutablePointer<Int32>) in
            lx = leaves { (a: UnsafeMutablePointer<Double>) in
                ly = leaves { (b: UnsafeMutablePointer<Double>) in
                    hx = leaves { (c: UnsafeMutablePointer<Double>) in
                        hy = leaves { (d: UnsafeMutablePointer<Double>) in
                            envelopes.withUnsafeBufferPointer { env in
                                let box = ReadOnlyBox((r, a, b, c, d, env, order))
                                ParallelChunks.forEach(ParallelChunks.ranges(count: n, chunkSize: 1 << 16)) { range in
                                    let (r, a, b, c, d, env, order) = box.value
                                    for i in range {
                                        let id = Int(order[order.startIndex + i])
                                        let e = env[id]
                                        a[i] = e.minX; b[i] = e.minY; c[i] = e.maxX; d[i] = e.maxY
                                        r[i] = Int32(id)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        (minX, minY, maxX, maxY) = (lx, ly, hx, hy)
        levelEnds.append(count)
        var start = 0, end = count
        while end - start > 1 {
            var i = start
            while i < end {
                let j = min(i + nodeSize, end)
                var e = Envelope.empty
                for k in i..<j { e.expand(by: Envelope(minX: minX[k], minY: minY[k], maxX: maxX[k], maxY: maxY[k])) }
                minX.append(e.minX); minY.append(e.minY); maxX.append(e.maxX); maxY.append(e.maxY)
                ref.append(Int32(i))
                i = j
            }
            start = end
            end = ref.count
            levelEnds.append(end)
        }
    }

    /// Sort-Tile-Recursive order: vertical slices by centre x, each sorted by centre y.
    static func strOrder(_ envelopes: [Envelope], nodeSize: Int) -> [Int] {
        let n = envelopes.count
        let cx = envelopes.map { ($0.minX + $0.maxX) / 2 }
        let cy = envelopes.map { ($0.minY + $0.maxY) / 2 }
        var order = Array(0..<n)
        order.sort { cx[$0] < cx[$1] || (cx[$0] == cx[$1] && $0 < $1) }
        let leaves = (n + nodeSize - 1) / nodeSize
        let slices = max(1, Int(Double(leaves).squareRoot().rounded(.up)))
        let perSlice = slices * nodeSize
        var s = 0
        while s < n {
            let e = min(s + perSlice, n)
            order[s..<e].sort { cy[$0] < cy[$1] || (cy[$0] == cy[$1] && $0 < $1) }
            s = e
        }
        return order
    }

    @inlinable func nodeIntersects(_ i: Int, _ q: Envelope) -> Bool {
        !(minX[i] > q.maxX || maxX[i] < q.minX || minY[i] > q.maxY || maxY[i] < q.minY)
    }

    @inlinable func nodeDistanceSquared(_ i: Int, _ p: Point) -> Double {
        let dx = p.x < minX[i] ? minX[i] - p.x : (p.x > maxX[i] ? p.x - maxX[i] : 0)
        let dy = p.y < minY[i] ? minY[i] - p.y : (p.y > maxY[i] ? p.y - maxY[i] : 0)
        return dx * dx + dy * dy
    }

    /// Calls `visit` with the id of every item whose envelope intersects `query`.
    /// Return `false` from `visit` to stop early.
    @inlinable public func search(_ query: Envelope, _ visit: (Int) -> Bool) {
        guard count > 0, !query.isEmpty else { return }
        let root = ref.count - 1
        guard nodeIntersects(root, query) else { return }
        var stack: [(node: Int, level: Int)] = [(root, levelEnds.count - 1)]
        while let (node, level) = stack.popLast() {
            if level == 0 {
                if !visit(Int(ref[node])) { return }
                continue
            }
            let first = Int(ref[node])
            let last = min(first + nodeSize, levelEnds[level - 1])
            for c in first..<last where nodeIntersects(c, query) {
                stack.append((c, level - 1))
            }
        }
    }

    /// Ids of every item whose envelope intersects `query`, in ascending id order.
    public func search(_ query: Envelope) -> [Int] {
        var out: [Int] = []
        search(query) { out.append($0); return true }
        out.sort()
        return out
    }

    /// The nearest item to `point` within `maxDistance`: the first result of
    /// `nearest(to:k: 1, maxDistance:distanceSquared:)`, by the same search (the same item among
    /// equally near ones), but without allocating: `heap` is scratch space the caller keeps
    /// between queries (its contents on entry do not matter). Inlinable, so `distanceSquared` is
    /// specialised into the search. nil when no item lies within `maxDistance`.
    @inlinable
    public func nearestOne(
        to point: Point, maxDistance: Double = .infinity, heap: inout SearchHeap<(Int, Int)>,
        distanceSquared: (Int) -> Double
    ) -> (item: Int, distance: Double)? {
        guard count > 0 else { return nil }
        let maxD2 = maxDistance * maxDistance
        heap.removeAll(keepingCapacity: true)
        let root = ref.count - 1
        heap.push(nodeDistanceSquared(root, point), (root, levelEnds.count - 1))
        while let (d2, entry) = heap.pop() {
            if d2 > maxD2 { return nil }
            let (node, level) = entry
            if level < 0 { return (node, d2.squareRoot()) }
            if level == 0 {
                let id = Int(ref[node])
                let exact = distanceSquared(id)
                if exact <= maxD2 { heap.push(exact, (id, -1)) }
                continue
            }
            let first = Int(ref[node])
            let last = min(first + nodeSize, levelEnds[level - 1])
            for c in first..<last {
                let cd = nodeDistanceSquared(c, point)
                if cd <= maxD2 { heap.push(cd, (c, level - 1)) }
            }
        }
        return nil
    }

    /// Up to `k` nearest items to `point`, nearest first, within `maxDistance`.
    ///
    /// `distanceSquared(item)` must return the exact squared distance from `point` to the item
    /// (never less than the squared distance to its envelope). Equal distances come back in a
    /// deterministic order for the same tree and query.
    public func nearest(
        to point: Point, k: Int = 1, maxDistance: Double = .infinity,
        distanceSquared: (Int) -> Double
    ) -> [(item: Int, distance: Double)] {
        guard count > 0, k > 0 else { return [] }
        let maxD2 = maxDistance * maxDistance
        // Heap entries: node index (>= 0, with level) or an item with exact distance (encoded as -1 - id).
        var heap = SearchHeap<(Int, Int)>()
        let root = ref.count - 1
        heap.push(nodeDistanceSquared(root, point), (root, levelEnds.count - 1))
        var out: [(item: Int, distance: Double)] = []
        while let (d2, entry) = heap.pop() {
            if d2 > maxD2 { break }
            let (node, level) = entry
            if level < 0 {
                out.append((node, d2.squareRoot()))
                if out.count == k { break }
                continue
            }
            if level == 0 {
                let id = Int(ref[node])
                let exact = distanceSquared(id)
                if exact <= maxD2 { heap.push(exact, (id, -1)) }
                continue
            }
            let first = Int(ref[node])
            let last = min(first + nodeSize, levelEnds[level - 1])
            for c in first..<last {
                let cd = nodeDistanceSquared(c, point)
                if cd <= maxD2 { heap.push(cd, (c, level - 1)) }
            }
        }
        return out
    }
}

extension PackedRTree: Equatable {}
