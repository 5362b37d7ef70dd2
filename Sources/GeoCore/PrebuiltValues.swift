import Synchronization

/// Values derived from an array that were built ahead of time: a prepared city (`covplan
/// prepare`) stores the building obstacle index and the default road graphs next to the city, and
/// registers them here against the very arrays it returns (`City.buildings`, `City.streets`).
/// `ObstacleIndex(buildings:)` and `GraphBuilder.build` look here first and return the stored value
/// instead of building it, so every command benefits without passing anything around.
///
/// A stored value is found only for the *same array storage* it was registered for: the registry
/// keeps the array alive, so its storage address cannot be reused, and any change to a copy of the
/// array (copy-on-write) gives new storage and misses. A registered value is therefore always the
/// one building from that array would give (prepared-city tests compare them field by field).
/// The value is produced lazily, on the first lookup. `make` returns nil when the value cannot
/// be used but nothing is wrong (e.g. the file was replaced since the load: the caller then builds
/// the value itself), and throws when the stored value is broken (e.g. fails its checksum): the
/// error is kept and `lookupOrThrow` throws it on this and every later lookup, so a corrupt
/// store is refused, never silently replaced. Thread-safe.
public enum PrebuiltValues {
    /// One registered value: its producer until first use, then the value or the producer's error.
    /// The producer runs under the slot's own lock, not the registry's, so a producer may look up
    /// or register other values (a stored graph registers its snap index).
    private final class Slot: Sendable {
        enum State {
            case pending(@Sendable () throws -> Any?)
            case made(Any?)
            case failed(any Error)
        }
        let state: Mutex<State>
        init(_ make: @escaping @Sendable () throws -> Any?) { state = Mutex(.pending(make)) }

        /// The value, produced on the first call (concurrent callers wait for it).
        func value() throws -> Any? {
            let outcome: Result<Any?, any Error> = state.withLock { s in
                switch s {
                case .made(let v): return .success(v)
                case .failed(let e): return .failure(e)
                case .pending(let make):
                    do {
                        let v = try make()
                        s = .made(v)
                        return .success(v)
                    } catch {
                        s = .failed(error)
                        return .failure(error)
                    }
                }
            }
            return try outcome.get()
        }
    }

    private struct Entry: @unchecked Sendable {
        let source: Any  // keeps the array's storage alive (and its address unique)
        let address: UnsafeRawPointer
        let count: Int
        let key: String
        let slot: Slot
    }

    private static let entries = Mutex<[Entry]>([])

    /// The storage address of a non-empty native array (nil for an empty one).
    private static func address<T>(_ array: [T]) -> UnsafeRawPointer? {
        array.isEmpty ? nil : array.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } }
    }

    /// Registers `make` as the producer of the value called `key` derived from `source`.
    /// Ignored for an empty array. A later registration for the same storage and key replaces it.
    public static func register<T>(_ source: [T], key: String, make: @escaping @Sendable () throws -> Any?) {
        guard let a = address(source) else { return }
        entries.withLock { list in
            list.removeAll { $0.address == a && $0.key == key }
            list.append(Entry(source: source, address: a, count: source.count, key: key, slot: Slot(make)))
        }
    }

    /// The value called `key` registered for exactly `source`'s storage, produced on first use;
    /// nil when none is registered, or its producer gave nothing or another type. Throws the
    /// producer's error (on every lookup once it has thrown).
    public static func lookupOrThrow<T, V>(_ source: [T], key: String, as type: V.Type) throws -> V? {
        guard let a = address(source) else { return nil }
        let slot = entries.withLock { list in
            list.first(where: { $0.address == a && $0.count == source.count && $0.key == key })?.slot
        }
        return try slot?.value() as? V
    }

    /// `lookupOrThrow` for callers that cannot throw: a producer's error reads as nil. Use it
    /// only for values whose producer cannot throw (a prepared city checks the stored obstacle
    /// index when it loads, so its producer never does).
    public static func lookup<T, V>(_ source: [T], key: String, as type: V.Type) -> V? {
        (try? lookupOrThrow(source, key: key, as: type)) ?? nil
    }

    /// Forgets every registration (tests).
    public static func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
