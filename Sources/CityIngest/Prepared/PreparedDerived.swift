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
/// graphs with the default speeds and exact noding (`RoadGraph`, every array). Sections follow the
/// city's columns at the end of the file; loading the city does not read them. Each is read and
/// checked (CRC-32, then the structure) on its first use, through `PrebuiltValues`, keyed by the
/// very `City.buildings` / `City.streets` arrays the load returns; a stored value that fails a
/// check, or a file changed since the load, is ignored and the value is built as usual (the same
/// value either way). Column names: docs/prepared-city.md.
enum PreparedDerived {
    /// Section-name prefixes of the derived values (none of them is part of the city).
    static let prefixes = ["ob.", "gd.", "gw."]

    static func graphPrefix(_ mode: TravelMode) -> String { mode == .drive ? "gd." : "gw." }

    // MARK: writing

    /// Builds and appends the obstacle index of `city.buildings` and the default graphs of
    /// `city.streets` (a graph whose build fails, e.g. on a street with a bad coordinate, is left
    /// out: a run builds it and reports the problem).
    static func write(_ city: City, into b: inout PreparedContainer.Builder, clock: inout PhaseClock) {
        if !city.buildings.isEmpty {
            let ob = ObstacleIndex(buildings: city.buildings, edgeOrder: nil, polygonOrder: nil)!
            b.i32("ob.eo", Array(ob.edgeTree.leafOrder))
            b.i32("ob.po", Array(ob.polygonTree.leafOrder))
            clock.lap("obstacle index")
        }
        guard !city.streets.isEmpty else { return }
        for mode in TravelMode.allCases {
            guard let g = try? GraphBuilder.build(streets: city.streets, mode: mode) else { continue }
            let p = graphPrefix(mode)
            b.f64(p + "nx", g.nodeX); b.f64(p + "ny", g.nodeY)
            b.i32(p + "ef", g.edgeFrom); b.i32(p + "et", g.edgeTo)
            b.f64(p + "el", g.edgeLengthMeters); b.f64(p + "es", g.edgeSeconds)
            b.u8(p + "ea", g.edgeAccess); b.i32(p + "est", g.edgeStreet)
            b.i32(p + "evs", g.edgeVertexStart); b.f64(p + "vx", g.vertexX); b.f64(p + "vy", g.vertexY)
            b.i32(p + "as", g.arcStart); b.i32(p + "ah", g.arcHead); b.f64(p + "asec", g.arcSeconds)
            b.i32(p + "ae", g.arcEdge); b.i32(p + "nc", g.nodeComponent)
            b.u8(p + "rep", encode(g.report))
            clock.lap("\(mode.rawValue) graph")
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

    /// Registers the stored values of the prepared city `file` for `city` (as loaded from it).
    static func register(_ city: City, file: StoredSections) {
        let buildings = city.buildings, streets = city.streets
        if !buildings.isEmpty, file.has("ob.eo") {
            PrebuiltValues.register(buildings, key: ObstacleIndex.prebuiltKey) {
                guard let fd = file.reopen() else { return nil }
                defer { close(fd) }
                guard let eo = file.array(fd, "ob.eo", Int32.self), let po = file.array(fd, "ob.po", Int32.self) else { return nil }
                return ObstacleIndex(buildings: buildings, edgeOrder: eo, polygonOrder: po)
            }
        }
        guard !streets.isEmpty else { return }
        for mode in TravelMode.allCases where file.has(graphPrefix(mode) + "rep") {
            PrebuiltValues.register(streets, key: RoadGraph.prebuiltKey(mode)) {
                guard let fd = file.reopen() else { return nil }
                defer { close(fd) }
                return graph(mode, fd: fd, file: file, streets: streets)
            }
        }
    }

    static func graph(_ mode: TravelMode, fd: Int32, file: StoredSections, streets: [Street]) -> RoadGraph? {
        let p = graphPrefix(mode)
        func f(_ n: String) -> [Double]? { file.array(fd, p + n, Double.self) }
        func i(_ n: String) -> [Int32]? { file.array(fd, p + n, Int32.self) }
        guard let nx = f("nx"), let ny = f("ny"), let ef = i("ef"), let et = i("et"), let el = f("el"), let es = f("es"),
              let ea = file.array(fd, p + "ea", UInt8.self), let est = i("est"), let evs = i("evs"), let vx = f("vx"),
              let vy = f("vy"), let ast = i("as"), let ah = i("ah"), let asec = f("asec"), let ae = i("ae"), let nc = i("nc"),
              let repBytes = file.array(fd, p + "rep", UInt8.self), let report = try? decodeReport(repBytes)
        else { return nil }
        return RoadGraph(stored: mode, nodeX: nx, nodeY: ny, edgeFrom: ef, edgeTo: et, edgeLengthMeters: el, edgeSeconds: es,
                         edgeAccess: ea, edgeStreet: est, edgeVertexStart: evs, vertexX: vx, vertexY: vy, arcStart: ast,
                         arcHead: ah, arcSeconds: asec, arcEdge: ae, nodeComponent: nc, streetIds: streets.map(\.id),
                         report: report)
    }
}

/// Sections of a prepared city read on demand, after the load: the file is opened again and
/// used only when it is still the one loaded (same device, inode, size and modification time);
/// each section is read straight into its array and checked against its CRC-32.
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

    /// Section `name` as `T` values (T's size is the element size), when it is present, has
    /// that element size, reads in full and passes its CRC-32.
    func array<T: BitwiseCopyable>(_ fd: Int32, _ name: String, _ type: T.Type) -> [T]? {
        guard let s = sections[name], s.type.size == MemoryLayout<T>.stride, s.length == s.count * s.type.size else { return nil }
        var ok = true
        let values = [T](unsafeUninitializedCapacity: s.count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < s.length {
                let n = pread(fd, raw.baseAddress! + done, s.length - done, off_t(s.offset + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { ok = false; break }
                done += n
            }
            if ok { ok = CRC32.checksum(UnsafeRawBufferPointer(raw)) == s.crc }
            initialized = ok ? s.count : 0
        }
        return ok ? values : nil
    }
}
