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
/// The value is produced lazily, on the first lookup (`make` may return nil, e.g. when the stored
/// bytes fail their checksum: the caller then builds the value itself). Thread-safe.
public enum PrebuiltValues {
    private struct Entry: @unchecked Sendable {
        let source: Any  // keeps the array's storage alive (and its address unique)
        let address: UnsafeRawPointer
        let count: Int
        let key: String
        var make: (@Sendable () -> Any?)?
        var value: Any?
    }

    private static let entries = Mutex<[Entry]>([])

    /// The storage address of a non-empty native array (nil for an empty one).
    private static func address<T>(_ array: [T]) -> UnsafeRawPointer? {
        array.isEmpty ? nil : array.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } }
    }

    /// Registers `make` as the producer of the value called `key` derived from `source`.
    /// Ignored for an empty array. A later registration for the same storage and key replaces it.
    public static func register<T>(_ source: [T], key: String, make: @escaping @Sendable () -> Any?) {
        guard let a = address(source) else { return }
        entries.withLock { list in
            list.removeAll { $0.address == a && $0.key == key }
            list.append(Entry(source: source, address: a, count: source.count, key: key, make: make, value: nil))
        }
    }

    /// The value called `key` registered for exactly `source`'s storage, produced on first use;
    /// nil when none is registered, or its producer gave nothing or another type.
    public static func lookup<T, V>(_ source: [T], key: String, as type: V.Type) -> V? {
        guard let a = address(source) else { return nil }
        return entries.withLock { list -> V? in
            guard let i = list.firstIndex(where: { $0.address == a && $0.count == source.count && $0.key == key }) else { return nil }
            if let make = list[i].make {
                list[i].value = make()
                list[i].make = nil
            }
            return list[i].value as? V
        }
    }

    /// Forgets every registration (tests).
    public static func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
