import CityModel
import Dispatch
import GeoCore

/// Reading the layers of a city at once instead of one after the other: while one layer's rows
/// are decoded, another's are fetched, and a layer of few rows (schools) costs no wait behind a
/// large one (streets). Only for GeoPackages, whose reads go through their own SQLite connection
/// per reader; each kind opens its own GDAL dataset, so no handle is shared between threads.
enum ConcurrentLayerRead {
    /// True when every layer of `kinds` comes from a GeoPackage (by file name) and there are
    /// at least two kinds. An OSM file keeps the one-by-one read (the OSM driver parses the
    /// file per layer pass).
    static func applies(_ options: CityReadOptions, kinds: [CityLayerKind]) -> Bool {
        guard kinds.count >= 2 else { return false }
        for kind in kinds {
            guard let path = options.layers[kind]?.path ?? options.primary else { return false }
            guard path.lowercased().hasSuffix(".gpkg") else { return false }
        }
        return true
    }

    /// `read(kind)` for every kind concurrently; the outcomes in the order of `kinds`, so the
    /// caller throws the first failure in that order, as a one-by-one read would.
    static func run<T>(_ kinds: [CityLayerKind], _ read: (CityLayerKind) throws -> T) -> [Result<T, any Error>] {
        let slots = ResultSlots<Result<T, any Error>>(count: kinds.count)
        withoutActuallyEscaping(read) { read in
            let box = ReadOnlyBox(read)
            DispatchQueue.concurrentPerform(iterations: kinds.count) { i in
                slots.set(i, Result { try box.value(kinds[i]) })
            }
        }
        return slots.take()
    }
}
