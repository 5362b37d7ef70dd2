import Dispatch

/// Fixed-size work chunks run with `DispatchQueue.concurrentPerform`, results kept in chunk
/// order.
///
/// The chunking depends only on the item count and chunk size — never on the number of cores
/// or on scheduling — so everything merged in chunk order is deterministic.
public enum ParallelChunks {
    /// `0..<count` cut into consecutive ranges of at most `chunkSize` items.
    @inlinable public static func ranges(count: Int, chunkSize: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = max(1, chunkSize)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `body(chunk)` for every chunk, concurrently; results in chunk order. `body` may only read
    /// shared state.
    @inlinable public static func map<T>(_ chunks: [Range<Int>], _ body: (Range<Int>) -> T) -> [T] {
        if chunks.count <= 1 { return chunks.map(body) }
        let slots = ResultSlots<T>(count: chunks.count)
        withoutActuallyEscaping(body) { body in
            let box = ReadOnlyBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                slots.set(i, box.value(chunks[i]))
            }
        }
        return slots.take()
    }

    /// `body(chunk)` for every chunk, concurrently.
    @inlinable public static func forEach(_ chunks: [Range<Int>], _ body: (Range<Int>) -> Void) {
        if chunks.count <= 1 { return chunks.forEach(body) }
        withoutActuallyEscaping(body) { body in
            let box = ReadOnlyBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in box.value(chunks[i]) }
        }
    }

    /// `[make(0), make(1), ..., make(count − 1)]`, made concurrently in fixed chunks of
    /// `chunkSize` and written directly into the result (no per-chunk arrays to merge).
    @inlinable public static func array<T>(count: Int, chunkSize: Int, _ make: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = ReadOnlyBox(buffer.baseAddress!)
            forEach(ranges(count: count, chunkSize: chunkSize)) { range in
                for i in range { (base.value + i).initialize(to: make(i)) }
            }
            initialized = count
        }
    }

    /// `k` arrays of `count` elements each, filled concurrently: `fill(chunk, columns)` runs for
    /// every chunk (of whatever index space the caller chooses) and must initialize, together
    /// with the other chunks, every element of every column exactly once (trivial types only).
    @inlinable public static func columns<T: BitwiseCopyable>(_ k: Int, count: Int, chunks: [Range<Int>],
                                            _ fill: (Range<Int>, [UnsafeMutablePointer<T>]) -> Void) -> [[T]] {
        func make(_ bases: [UnsafeMutablePointer<T>]) -> [[T]] {
            if bases.count == k {
                forEach(chunks) { fill($0, bases) }
                return []
            }
            var rest: [[T]] = []
            let column = [T](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
                rest = make(bases + [buffer.baseAddress!])
                initialized = count
            }
            return [column] + rest
        }
        return make([])
    }

    /// `parts` joined in order, each part copied concurrently into its place.
    @inlinable public static func concat<T>(_ parts: [[T]]) -> [T] {
        var offsets = [0]
        offsets.reserveCapacity(parts.count + 1)
        for p in parts { offsets.append(offsets[offsets.count - 1] + p.count) }
        let count = offsets[parts.count]
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = ReadOnlyBox(buffer.baseAddress!)
            forEach(ranges(count: parts.count, chunkSize: 1)) { range in
                for i in range {
                    parts[i].withUnsafeBufferPointer { src in
                        if let s = src.baseAddress { (base.value + offsets[i]).initialize(from: s, count: src.count) }
                    }
                }
            }
            initialized = count
        }
    }

    /// `body(i)` for `i` in `0..<count`, concurrently; results in index order.
    @inlinable public static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        map(ranges(count: count, chunkSize: 1)) { body($0.lowerBound) }
    }
}

/// Wraps a non-Sendable value that is only read concurrently (closures over immutable state).
public struct ReadOnlyBox<T>: @unchecked Sendable {
    public let value: T
    @inlinable public init(_ value: T) { self.value = value }
}

/// Preallocated result slots; each index is written by exactly one worker.
public final class ResultSlots<T>: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutableBufferPointer<T?>

    @inlinable public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    /// Stores the result of index `i` (each index exactly once).
    @inlinable public func set(_ i: Int, _ v: T) { storage[i] = v }

    /// The results in index order (every slot must have been set).
    @inlinable public func take() -> [T] { storage.map { $0! } }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}
