import Foundation
import GeoCore

/// Remembers each camera's covered intervals (and viewshed) from earlier coverage runs on the
/// same streets, facilities and buildings, so that a run after editing one camera sweeps only
/// that camera (an interactive session: `covplan serve`). Give the same cache only to runs over
/// the same city, districts' streets, facilities and options; a run with it is bit-identical to a
/// run without it, because each camera's intervals depend on that camera alone and are placed in
/// camera order as the uncached pass places them.
///
/// Thread-safe (a lock). Entries not used since the last `retainUsed()` are dropped by it.
public final class CameraPassCache: @unchecked Sendable, Hashable {
    struct Key: Hashable {
        var camera: Camera
        var occlusion: Bool
        /// Line count of each line set (the street set, the facility set).
        var lineCounts: [Int]
        var mergeTolerance: Double
    }

    struct Entry {
        /// Per line set: segment, t0, t1 of this camera's records, in the pass's order.
        var segment: [[Int32]]
        var t0: [[Double]]
        var t1: [[Double]]
        var viewshed: [Polygon]?
        var arcStepDeg: Double
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var used: Set<Key> = []
    /// Cameras swept (misses) and taken from the cache (hits) since creation.
    public private(set) var misses = 0, hits = 0

    public init() {}

    public static func == (a: CameraPassCache, b: CameraPassCache) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    /// Drops the entries no run used since the previous call.
    public func retainUsed() {
        lock.lock(); defer { lock.unlock() }
        entries = entries.filter { used.contains($0.key) }
        used.removeAll(keepingCapacity: true)
    }

    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return entries.count
    }

    func lookup(_ keys: [Key], viewsheds: Bool, arcStepDeg: Double) -> [Entry?] {
        lock.lock(); defer { lock.unlock() }
        return keys.map { k in
            guard let e = entries[k], !viewsheds || (e.viewshed != nil && e.arcStepDeg == arcStepDeg) else { return nil }
            used.insert(k)
            hits += 1
            return e
        }
    }

    func store(_ new: [(Key, Entry)]) {
        lock.lock(); defer { lock.unlock() }
        for (k, e) in new {
            entries[k] = e
            used.insert(k)
        }
        misses += new.count
    }
}

extension CameraPass {
    /// `run` through `cache`: cameras found there are not swept again; the others are swept by
    /// `run` and stored. The output equals `run`'s for the same cameras.
    static func run(cameras: [Camera], obstacles: ObstacleIndex, occlusion: Bool, lineSets: [LineSet],
                    mergeToleranceMeters: Double, viewsheds: Bool, arcStepDeg: Double, cache: CameraPassCache?) -> Output {
        guard let cache else {
            return run(cameras: cameras, obstacles: obstacles, occlusion: occlusion, lineSets: lineSets,
                       mergeToleranceMeters: mergeToleranceMeters, viewsheds: viewsheds, arcStepDeg: arcStepDeg)
        }
        let counts = lineSets.map(\.lineCount)
        let keys = cameras.map { CameraPassCache.Key(camera: $0, occlusion: occlusion, lineCounts: counts, mergeTolerance: mergeToleranceMeters) }
        var found = cache.lookup(keys, viewsheds: viewsheds, arcStepDeg: arcStepDeg)
        let missing = found.indices.filter { found[$0] == nil }
        if !missing.isEmpty {
            let swept = run(cameras: missing.map { cameras[$0] }, obstacles: obstacles, occlusion: occlusion, lineSets: lineSets,
                            mergeToleranceMeters: mergeToleranceMeters, viewsheds: viewsheds, arcStepDeg: arcStepDeg)
            var new: [(CameraPassCache.Key, CameraPassCache.Entry)] = []
            new.reserveCapacity(missing.count)
            // Records are in camera order (of the swept list): split them per camera.
            var cursor = Array(repeating: 0, count: lineSets.count)
            for (k, ci) in missing.enumerated() {
                var e = CameraPassCache.Entry(segment: [], t0: [], t1: [], viewshed: viewsheds ? swept.viewsheds[k] : nil,
                                              arcStepDeg: arcStepDeg)
                for li in lineSets.indices {
                    let r = swept.records[li]
                    var j = cursor[li]
                    while j < r.count, Int(r.camera[j]) == k { j += 1 }
                    e.segment.append(Array(r.segment[cursor[li]..<j]))
                    e.t0.append(Array(r.t0[cursor[li]..<j]))
                    e.t1.append(Array(r.t1[cursor[li]..<j]))
                    cursor[li] = j
                }
                found[ci] = e
                new.append((keys[ci], e))
            }
            cache.store(new)
        }
        var out = Output(records: Array(repeating: IntervalRecords(), count: lineSets.count),
                         viewsheds: viewsheds ? found.map { $0!.viewshed! } : Array(repeating: [], count: cameras.count))
        for li in lineSets.indices {
            var rec = IntervalRecords()
            let total = found.reduce(0) { $0 + $1!.segment[li].count }
            rec.segment.reserveCapacity(total); rec.t0.reserveCapacity(total)
            rec.t1.reserveCapacity(total); rec.camera.reserveCapacity(total)
            for (ci, e) in found.enumerated() {
                let e = e!
                rec.segment += e.segment[li]
                rec.t0 += e.t0[li]
                rec.t1 += e.t1[li]
                rec.camera += repeatElement(Int32(ci), count: e.segment[li].count)
            }
            out.records[li] = rec
        }
        return out
    }
}
