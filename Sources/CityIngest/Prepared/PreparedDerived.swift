#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CityModel
import Coverage
import GeoCore
import StreetGraph

/// What analyses build from a city after reading it, stored in a prepared city so later runs
/// skip building it: the building obstacle index (`ObstacleIndex`, as the leaf orders of its two
/// R-trees; the edges are taken from the footprints again, O(E)) and the drive and walk road
/// graphs with the default speeds and exact noding (`RoadGraph`, every array) with, for each, its
/// snap index's segment order and the snaps of the buildings and schools (`PreparedSnaps.swift`),
/// each with the version of the builder that made it (`PreparedDerivedVersions`). Sections follow the city's
/// columns at the end of the file. They reach analyses through `PrebuiltValues`, keyed by the very
/// `City.buildings` / `City.streets` arrays the load returns. Column names: docs/prepared-city.md.
///
/// Checks: every load refuses a file whose stored values were built by another builder version
/// (stale). A load with buildings checks the obstacle index's sections (checksum, permutations)
/// and refuses it when they fail; the graphs are read and checked (checksum, structure) on first
/// use, and a failure is refused then: `GraphBuilder.build` throws the one-line `.dataError`
/// naming the file and the section. A graph whose file was replaced since the load is not
/// read: the graph is built as from a GIS source (the same value).
enum PreparedDerived {
    /// Section-name prefixes of the derived values (none of them is part of the city).
    static let prefixes = ["ob.", "gd.", "gw.", "sd.", "sw."]

    static func graphPrefix(_ mode: TravelMode) -> String { mode == .drive ? "gd." : "gw." }

    /// Whether the file stores the building snaps onto the graph of every travel mode.
    static func storesBuildingSnaps(_ container: PreparedContainer) -> Bool {
        TravelMode.allCases.allSatisfy { container.byName[snapPrefix($0) + "b.e"] != nil }
    }

    /// Whether the file stores the graph of every travel mode.
    static func storesBothGraphs(_ container: PreparedContainer) -> Bool {
        TravelMode.allCases.allSatisfy { container.byName[graphPrefix($0) + "rep"] != nil }
    }

    /// What a stored value is called in messages.
    static func label(_ prefix: String) -> String {
        switch prefix {
        case "ob.": "obstacle index"
        case "gd.": "drive graph"
        case "gw.": "walk graph"
        case "sd.": "drive graph's snaps"
        default: "walk graph's snaps"
        }
    }

    /// This covplan's builder version of the values under `prefix`.
    static func currentVersion(_ prefix: String) -> UInt32 {
        switch prefix {
        case "ob.": PreparedDerivedVersions.obstacleIndex
        case "gd.", "gw.": PreparedDerivedVersions.roadGraph
        default: PreparedDerivedVersions.snaps
        }
    }

    // MARK: writing

    /// Builds and appends the obstacle index of `city.buildings` and the default graphs of
    /// `city.streets` (a graph whose build fails, e.g. on a street with a bad coordinate, is left
    /// out: a run builds it and reports the problem), each after its builder version.
    static func write(_ city: City, into b: inout PreparedContainer.Builder, clock: inout PhaseClock) {
        if !city.buildings.isEmpty {
            let ob = ObstacleIndex(buildings: city.buildings, edgeOrder: nil, polygonOrder: nil)!
            b.u32("ob.ver", [PreparedDerivedVersions.obstacleIndex])
            b.i32("ob.eo", Array(ob.edgeTree.leafOrder))
            b.i32("ob.po", Array(ob.polygonTree.leafOrder))
            clock.lap("obstacle index")
        }
        guard !city.streets.isEmpty else { return }
        for mode in TravelMode.allCases {
            guard let g = try? GraphBuilder.build(streets: city.streets, mode: mode) else { continue }
            let p = graphPrefix(mode)
            b.u32(p + "ver", [PreparedDerivedVersions.roadGraph])
            b.f64(p + "nx", g.nodeX); b.f64(p + "ny", g.nodeY)
            b.i32(p + "ef", g.edgeFrom); b.i32(p + "et", g.edgeTo)
            b.f64(p + "el", g.edgeLengthMeters); b.f64(p + "es", g.edgeSeconds)
            b.u8(p + "ea", g.edgeAccess); b.i32(p + "est", g.edgeStreet)
            b.i32(p + "evs", g.edgeVertexStart); b.f64(p + "vx", g.vertexX); b.f64(p + "vy", g.vertexY)
            b.i32(p + "as", g.arcStart); b.i32(p + "ah", g.arcHead); b.f64(p + "asec", g.arcSeconds)
            b.i32(p + "ae", g.arcEdge); b.i32(p + "nc", g.nodeComponent)
            b.u8(p + "rep", encode(g.report))
            clock.lap("\(mode.rawValue) graph")
            writeSnaps(city, graph: g, into: &b)
            clock.lap("\(mode.rawValue) snaps")
        }
    }

    static func encode(_ r: GraphReport) -> [UInt8] {
        var w = ByteWriter()
        for v in [r.streetsInput, r.streetsUsed, r.streetsOtherMode, r.mergedVertices, r.crossingsNoded, r.endpointsJoined,
                  r.nodeCount, r.edgeCount, r.arcCount, r.componentCount] { w.i64(Int64(v)) }
        for v in [r.totalLengthMeters, r.inputLengthMeters, r.lengthOutsideMainComponentMeters] { w.f64(v) }
        w.strings(r.degenerateStreets)
        w.strings(r.invalidMaxspeedStreets)
        w.u32(UInt32(r.largestComponents.count))
        for c in r.largestComponents {
            w.i64(Int64(c.id)); w.i64(Int64(c.nodes)); w.i64(Int64(c.edges)); w.f64(c.lengthMeters)
        }
        return w.bytes
    }

    static func decodeReport(_ bytes: [UInt8]) throws -> GraphReport {
        try bytes.withUnsafeBytes { raw throws -> GraphReport in
            var r = ByteReader(raw, what: "a graph report")
            var g = GraphReport()
            func int() throws(PreparedCityFault) -> Int { Int(try r.i64()) }
            g.streetsInput = try int(); g.streetsUsed = try int(); g.streetsOtherMode = try int()
            g.mergedVertices = try int(); g.crossingsNoded = try int(); g.endpointsJoined = try int()
            g.nodeCount = try int(); g.edgeCount = try int(); g.arcCount = try int(); g.componentCount = try int()
            g.totalLengthMeters = try r.f64(); g.inputLengthMeters = try r.f64(); g.lengthOutsideMainComponentMeters = try r.f64()
            g.degenerateStreets = try r.strings()
            g.invalidMaxspeedStreets = try r.strings()
            let n = Int(try r.u32())
            try r.need(n * 32)
            for _ in 0..<n {
                g.largestComponents.append(ComponentSummary(stored: try int(), nodes: try int(), edges: try int(), lengthMeters: try r.f64()))
            }
            guard r.remaining == 0 else { throw PreparedCityFault("a graph report has \(r.remaining) bytes left over") }
            return g
        }
    }

    // MARK: reading

    /// The sections of the obstacle index a load with buildings checks with the city's columns.
    static let obstacleSections = ["ob.eo", "ob.po"]

    /// Refuses stored values made by another builder version (all of them, whatever the load
    /// uses: the file is stale). `raw` is the whole file.
    static func checkVersions(_ container: PreparedContainer, _ raw: UnsafeRawBufferPointer) throws(PreparedCityFault) {
        let stored = Set(container.sections.compactMap { s in prefixes.first { s.name.hasPrefix($0) } })
        for p in prefixes where stored.contains(p) {
            let s = try container.section(p + "ver", .u32, count: 1)
            try container.verify(raw, only: [s.name])
            let v = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: s.offset, as: UInt32.self))
            let current = currentVersion(p)
            guard v == current else {
                throw PreparedCityFault("stale: its stored \(label(p)) was built by builder version \(v), this covplan's is \(current); prepare the city again")
            }
        }
    }

    /// The stored obstacle index's leaf orders, checked (their checksums by the caller, with the
    /// city's columns; here that each is a permutation). Nil when the file has none.
    static func obstacleOrders(_ c: ColumnSource) throws(PreparedCityFault) -> (edges: [Int32], polygons: [Int32])? {
        guard c.container.byName["ob.eo"] != nil else { return nil }
        func permutation(_ name: String) throws(PreparedCityFault) -> [Int32] {
            let s = try c.container.section(name, .u32)
            let values = [Int32](unsafeUninitializedCapacity: s.count) { buffer, initialized in
                if s.count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: c.pointer(s), byteCount: s.length) }
                initialized = s.count
            }
            var seen = [Bool](repeating: false, count: values.count)
            for (i, v) in values.enumerated() {
                guard v >= 0, Int(v) < values.count, !seen[Int(v)] else {
                    throw PreparedCityFault("corrupt: its stored obstacle index is broken (section '\(name)' entry \(i) is not part of a permutation)")
                }
                seen[Int(v)] = true
            }
            return values
        }
        return (try permutation("ob.eo"), try permutation("ob.po"))
    }

    /// Registers the stored values of the prepared city `file` for `city` (as loaded from it):
    /// the obstacle index from `obstacleOrders` (already checked), the graphs to be read on use.
    ///
    /// The graphs are registered against `city.streets`, or against `city.streetsInStore.ids`
    /// when the streets were left in the file (`GraphBuilder.build(streetsOf:)` looks there).
    static func register(_ city: City, file: StoredSections, obstacleOrders: (edges: [Int32], polygons: [Int32])?) {
        let buildings = city.buildings
        if !buildings.isEmpty, let orders = obstacleOrders {
            PrebuiltValues.register(buildings, key: ObstacleIndex.prebuiltKey) {
                // Nil only when the orders do not fit the edges (a file written by hand with
                // valid checksums): the index is then built as usual.
                ObstacleIndex(buildings: buildings, edgeOrder: orders.edges, polygonOrder: orders.polygons)
            }
        }
        if let stored = city.streetsInStore {
            registerGraphs(city, key: stored.ids.offsets, streetIds: { stored.ids }, file: file)
        } else {
            let streets = city.streets
            registerGraphs(city, key: streets, streetIds: { PackedStrings(streets.lazy.map(\.id)) }, file: file)
        }
    }

    /// Registers the stored graphs (and their snaps) against the street array `key`; a graph
    /// names its streets by `streetIds()`. Nothing for an empty `key`.
    private static func registerGraphs<K>(_ city: City, key: [K], streetIds: @escaping @Sendable () -> PackedStrings,
                                          file: StoredSections) {
        guard !key.isEmpty else { return }
        nonisolated(unsafe) let key = key  // read only: an immutable array kept alive by the registry
        for mode in TravelMode.allCases where file.has(graphPrefix(mode) + "rep") {
            PrebuiltValues.register(key, key: RoadGraph.prebuiltKey(mode)) {
                guard let fd = file.reopen() else { return nil }  // replaced since the load: build it
                defer { close(fd) }
                let g = try graph(mode, fd: fd, file: file, streetIds: streetIds())
                try registerSnapIndex(g, fd: fd, file: file)
                return g
            }
            registerSnaps(city, mode: mode, graphKey: key, file: file)
        }
    }

    /// The stored graph of `mode`. Throws `CovplanError(.dataError)` naming the file and the
    /// section when a section fails its checksum or the graph its structural checks, `.ioError`
    /// when the file cannot be read.
    /// Section `name` (of a stored value) as `T` values, read and checked against its checksum.
    /// Throws `CovplanError(.dataError)` naming the file, the stored value and the section when
    /// it is missing or corrupt, `.ioError` when the read fails.
    static func section<T: BitwiseCopyable>(_ name: String, _ t: T.Type, fd: Int32, file: StoredSections) throws(CovplanError) -> [T] {
        let what = label(prefixes.first { name.hasPrefix($0) } ?? name)
        func refuse(_ problem: String) -> CovplanError {
            CovplanError(.dataError, file: file.path, "prepared city refused: its stored \(what) \(problem); prepare the city again")
        }
        switch file.array(fd, name, T.self) {
        case .success(let v): return v
        case .failure(.missing): throw refuse("is incomplete (section '\(name)' is missing or has another element type)")
        case .failure(.checksum): throw refuse("is corrupt (section '\(name)' fails its checksum)")
        case .failure(.read(let code)):
            throw CovplanError(.ioError, file: file.path, "read failed: \(String(cString: strerror(code)))")
        }
    }

    static func graph(_ mode: TravelMode, fd: Int32, file: StoredSections, streetIds: PackedStrings) throws(CovplanError) -> RoadGraph {
        let p = graphPrefix(mode)
        func refuse(_ problem: String) -> CovplanError {
            CovplanError(.dataError, file: file.path, "prepared city refused: its stored \(label(p)) \(problem); prepare the city again")
        }
        func a<T: BitwiseCopyable>(_ n: String, _ t: T.Type) throws(CovplanError) -> [T] {
            try section(p + n, T.self, fd: fd, file: file)
        }
        // The sections in two halves of about equal size, read on two threads.
        let halves: (nodesAndEdges: ([Double], [Double], [Int32], [Int32], [Double], [Double], [UInt8], [Int32], [Int32], [UInt8], [Double]),
                     linesAndArcs: ([Int32], [Double], [Int32], [Int32], [Double], [Int32]))
        do {
            halves = try ParallelChunks.tryBoth({
                (try a("nx", Double.self), try a("ny", Double.self), try a("ef", Int32.self), try a("et", Int32.self),
                 try a("el", Double.self), try a("es", Double.self), try a("ea", UInt8.self), try a("est", Int32.self),
                 try a("nc", Int32.self), try a("rep", UInt8.self), try a("vx", Double.self))
            }, {
                (try a("evs", Int32.self), try a("vy", Double.self), try a("as", Int32.self), try a("ah", Int32.self),
                 try a("asec", Double.self), try a("ae", Int32.self))
            })
        } catch let e as CovplanError {
            throw e
        } catch {
            throw CovplanError(.software, "\(error)")
        }
        let (nx, ny, ef, et, el, es, ea, est, nc, repBytes, vx) = halves.nodesAndEdges
        let (evs, vy, ast, ah, asec, ae) = halves.linesAndArcs
        guard let report = try? decodeReport(repBytes) else { throw refuse("is corrupt (section '\(p)rep' does not decode)") }
        guard let g = RoadGraph(stored: mode, nodeX: nx, nodeY: ny, edgeFrom: ef, edgeTo: et, edgeLengthMeters: el, edgeSeconds: es,
                                edgeAccess: ea, edgeStreet: est, edgeVertexStart: evs, vertexX: vx, vertexY: vy, arcStart: ast,
                                arcHead: ah, arcSeconds: asec, arcEdge: ae, nodeComponent: nc, streetIds: streetIds,
                                report: report)
        else { throw refuse("is corrupt (its arrays do not form a graph of these streets)") }
        return g
    }
}

/// Sections of a prepared city read on demand, after the load: the file is opened again and
/// used only when it is still the one loaded (same device, inode, size and modification time);
/// each section is read straight into its array and checked against its checksum.
struct StoredSections: Sendable {
    let path: String
    let device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64
    let sections: [String: PreparedContainer.Section]

    static func identity(_ st: stat) -> (UInt64, UInt64, Int64, Int64) {
        #if canImport(Darwin)
        let t = st.st_mtimespec
        #else
        let t = st.st_mtim
        #endif
        return (UInt64(st.st_dev), UInt64(st.st_ino), Int64(st.st_size), Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec))
    }

    init(path: String, stat st: stat, container: PreparedContainer, prefixes: [String]) {
        self.path = path
        (device, inode, size, mtimeNanoseconds) = Self.identity(st)
        var s: [String: PreparedContainer.Section] = [:]
        for x in container.sections where prefixes.contains(where: { x.name.hasPrefix($0) }) { s[x.name] = x }
        sections = s
    }

    func has(_ name: String) -> Bool { sections[name] != nil }

    /// The file, opened again, when it is still the one loaded; nil otherwise.
    func reopen() -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, Self.identity(st) == (device, inode, size, mtimeNanoseconds) else {
            close(fd)
            return nil
        }
        return fd
    }

    enum ReadFailure: Error {
        case missing, checksum, read(Int32)
    }

    /// Section `name` as `T` values (T's size is the element size), read in full and checked
    /// against its checksum.
    func array<T: BitwiseCopyable>(_ fd: Int32, _ name: String, _ type: T.Type) -> Result<[T], ReadFailure> {
        guard let s = sections[name], s.type.size == MemoryLayout<T>.stride, s.length == s.count * s.type.size else {
            return .failure(.missing)
        }
        var failure: ReadFailure?
        let values = [T](unsafeUninitializedCapacity: s.count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < s.length {
                let n = pread(fd, raw.baseAddress! + done, s.length - done, off_t(s.offset + done))
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = .read(errno); break }
                if n == 0 { failure = .read(EIO); break }
                done += n
            }
            if failure == nil, XXH64.sectionChecksum(UnsafeRawBufferPointer(raw)) != s.crc { failure = .checksum }
            initialized = failure == nil ? s.count : 0
        }
        if let failure { return .failure(failure) }
        return .success(values)
    }
}
