import Dispatch

/// Fixed-size work chunks run with `DispatchQueue.concurrentPerform`, results kept in chunk order.
///
/// The chunking depends only on the item count and chunk size — never on the number of cores
/// or on scheduling — so everything merged in chunk order is deterministic.
enum Parallel {
    /// `0..<count` cut into consecutive ranges of at most `chunkSize` items.
    static func chunks(count: Int, chunkSize: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = max(1, chunkSize)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `body(chunk)` for every chunk, concurrently; results in chunk order.
    static func map<T>(_ chunks: [Range<Int>], _ body: (Range<Int>) -> T) -> [T] {
        if chunks.count <= 1 { return chunks.map(body) }
        let slots = Slots<T>(count: chunks.count)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                slots.set(i, box.value(chunks[i]))
            }
        }
        return slots.take()
    }
}

/// Wraps a non-Sendable value that is only read concurrently (closures over immutable state).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Preallocated result slots; each index is written by exactly one worker.
final class Slots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func set(_ i: Int, _ v: T) { storage[i] = v }

    /// The results in index order (every slot must have been set).
    func take() -> [T] { storage.map { $0! } }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
}
