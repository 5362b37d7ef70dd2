/// Joins values produced concurrently in ordered parts (e.g. two readers of one layer, each
/// taking a range of feature ids) into one array in part order, without copying a value: every
/// value is made in its final storage or moved there bit for bit, so values holding references
/// are never retained or released on the way.
public enum OrderedParts {
    /// Calls `produce(part, append)` for `part` in `0 ..< parts` concurrently; `produce` hands
    /// each value of its part, in order, to `append`.
    ///
    /// With `expected` (the total when known beforehand) part 0 writes straight into the
    /// result's storage and the other parts into side buffers moved in behind it; `append`
    /// returns false once the values outnumber `expected` — `produce` should then stop — and the
    /// call returns nil (nothing is kept). Without `expected` every part collects into a side
    /// buffer and the result is made by moving them, so `append` always returns true.
    ///
    /// - Returns: the values of part 0, then part 1, …; nil when `expected` was too low.
    @inlinable
    public static func collect<T>(parts: Int, expected: Int?,
                                  _ produce: (_ part: Int, _ append: (consuming T) -> Bool) -> Void) -> [T]? {
        precondition(parts >= 1)
        guard let n = expected else { return collectUnsized(parts: parts, produce) }
        let head = Head()
        let tails = (1..<max(parts, 1)).map { _ in MovableRows<T>(capacity: n / parts + 1) }
        var overflow = false
        let rows = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let base = ReadOnlyBox(buffer.baseAddress)
            ParallelChunks.forEach(ParallelChunks.ranges(count: parts, chunkSize: 1)) { range in
                for part in range {
                    if part == 0 {
                        var made = 0, overflowed = false
                        produce(0) { value in
                            guard made < n, let start = base.value else {
                                overflowed = true
                                return false
                            }
                            (start + made).initialize(to: consume value)
                            made += 1
                            return true
                        }
                        head.count = made
                        head.overflowed = overflowed
                    } else {
                        let tail = tails[part - 1]
                        produce(part) { value in
                            tail.append(consume value)
                            return true
                        }
                    }
                }
            }
            // Part 0's values belong to the array whatever happens next.
            initialized = head.count
            if head.overflowed || head.count + tails.reduce(0, { $0 + $1.count }) > n {
                overflow = true
                return
            }
            guard let start = buffer.baseAddress else { return }
            for t in tails {
                let k = t.count
                t.moveAll(to: start + initialized)
                initialized += k
            }
        }
        return overflow ? nil : rows
    }

    /// `collect` without a known total: every part into a side buffer, then one move each.
    @inlinable
    static func collectUnsized<T>(parts: Int, _ produce: (_ part: Int, _ append: (consuming T) -> Bool) -> Void) -> [T] {
        let buffers = (0..<parts).map { _ in MovableRows<T>(capacity: 1024) }
        ParallelChunks.forEach(ParallelChunks.ranges(count: parts, chunkSize: 1)) { range in
            for part in range {
                let buffer = buffers[part]
                produce(part) { value in
                    buffer.append(consume value)
                    return true
                }
            }
        }
        let total = buffers.reduce(0) { $0 + $1.count }
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let start = buffer.baseAddress else { return }
            for b in buffers {
                let k = b.count
                b.moveAll(to: start + initialized)
                initialized += k
            }
        }
    }

    /// Part 0's count, written by its thread and read after it has finished.
    @usableFromInline final class Head: @unchecked Sendable {
        @usableFromInline var count = 0
        @usableFromInline var overflowed = false
        @inlinable init() {}
    }
}

/// A growable buffer of values that can be moved out whole, without copies or reference
/// counting. Used by one thread at a time.
@usableFromInline final class MovableRows<T>: @unchecked Sendable {
    @usableFromInline var base: UnsafeMutablePointer<T>
    @usableFromInline var capacity: Int
    /// Values held.
    @usableFromInline var count = 0

    @inlinable init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inlinable func append(_ v: consuming T) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: consume v)
        count += 1
    }

    /// Moves every value, in order, to `target` (room for `count` uninitialised values), leaving
    /// this buffer empty.
    @inlinable func moveAll(to target: UnsafeMutablePointer<T>) {
        target.moveInitialize(from: base, count: count)
        count = 0
    }

    @inlinable deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
