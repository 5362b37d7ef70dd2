import Dispatch

/// Fixed-size work chunks run with `DispatchQueue.concurrentPerform`, results kept in chunk
/// order.
///
/// The chunking depends only on the item count and chunk size — never on the number of cores
/// or on scheduling — so everything merged in chunk order is deterministic.
public enum ParallelChunks {
    /// `0..<count` cut into consecutive ranges of at most `chunkSize` items.
    public static func ranges(count: Int, chunkSize: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = max(1, chunkSize)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `body(chunk)` for every chunk, concurrently; results in chunk order. `body` may only read
    /// shared state.
    public static func map<T>(_ chunks: [Range<Int>], _ body: (Range<Int>) -> T) -> [T] {
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

    /// `body(i)` for `i` in `0..<count`, concurrently; results in index order.
    public static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        map(ranges(count: count, chunkSize: 1)) { body($0.lowerBound) }
    }
}

/// Wraps a non-Sendable value that is only read concurrently (closures over immutable state).
public struct ReadOnlyBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

/// Preallocated result slots; each index is written by exactly one worker.
public final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    /// Stores the result of index `i` (each index exactly once).
    public func set(_ i: Int, _ v: T) { storage[i] = v }

    /// The results in index order (every slot must have been set).
    public func take() -> [T] { storage.map { $0! } }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}
