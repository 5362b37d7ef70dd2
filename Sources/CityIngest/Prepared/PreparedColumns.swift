import CityModel
import GeoCore

/// The city's values as columns of a prepared city, and back. Column names (≤ 16 ASCII bytes)
/// and meanings are listed in docs/prepared-city.md. Every value round-trips bit for bit
/// (doubles as IEEE 754 bit patterns, strings as their UTF-8 bytes), so a city loaded from a
/// prepared file equals the one it was prepared from, and so do all results computed on it.
enum PreparedColumns {
    // MARK: writing

    /// Writes `city`'s streets, buildings, schools, police stations and cameras.
    static func write(_ city: City, into b: inout PreparedContainer.Builder) {
        let st = city.streets
        strings(&b, "st.id", st.map(\.id))
        strings(&b, "st.hw", st.map(\.highway))
        optionalStrings(&b, "st.nm", st.map(\.name))
        b.u8("st.ow", st.map { s in switch s.oneway { case .no: 0; case .forward: 1; case .reverse: 2 } })
        optionalDoubles(&b, "st.ms", st.map(\.maxspeedKmh))
        lines(&b, "st.pt", st.map(\.points))

        let bd = city.buildings
        strings(&b, "bd.id", bd.map(\.id))
        strings(&b, "bd.tag", bd.map(\.buildingTag))
        b.u8("bd.use", bd.map { x in switch x.use { case .residential: 0; case .nonResidential: 1; case .unknown: 2 } })
        optionalDoubles(&b, "bd.lv", bd.map(\.levels))
        polygons(&b, "bd.fp", bd.map(\.footprint))

        for (prefix, list) in [("sc", city.schools), ("po", city.police)] {
            strings(&b, "\(prefix).id", list.map(\.id))
            optionalStrings(&b, "\(prefix).nm", list.map(\.name))
            b.f64("\(prefix).loc", list.flatMap { [$0.location.x, $0.location.y] })
            polygons(&b, "\(prefix).fp", list.map(\.footprint))
        }

        let cm = city.cameras
        strings(&b, "cm.id", cm.map(\.id))
        b.f64("cm.pos", cm.flatMap { [$0.position.x, $0.position.y] })
        optionalStrings(&b, "cm.type", cm.map(\.type))
        optionalStrings(&b, "cm.sv", cm.map(\.surveillance))
        // The twelve optional numbers, field-major: field k of camera i at k × n + i.
        optionalDoubles(&b, "cm.num", cameraNumbers.flatMap { field in cm.map { $0[keyPath: field] } })
    }

    /// `CameraRecord`'s optional numbers in the order of the `cm.num` column.
    static var cameraNumbers: [KeyPath<CameraRecord, Double?>] { [
        \.headingDeg, \.fovDeg, \.rangeMeters, \.minRangeMeters, \.resolutionPx, \.lensFovDeg, \.focalLengthMm,
        \.sensorWidthMm, \.heightMeters, \.tiltDeg, \.vfovDeg, \.irRangeMeters,
    ] }

    /// `NAME.o` (u64 byte offsets, n + 1) and `NAME.b` (the UTF-8 bytes).
    static func strings(_ b: inout PreparedContainer.Builder, _ name: String, _ values: [String]) {
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(values.count + 1)
        var bytes: [UInt8] = []
        for v in values {
            bytes += v.utf8
            offsets.append(UInt64(bytes.count))
        }
        b.u64(name + ".o", offsets)
        b.u8(name + ".b", bytes)
    }

    /// As `strings` (nil stored as empty) plus `NAME.p`, 1 where present.
    static func optionalStrings(_ b: inout PreparedContainer.Builder, _ name: String, _ values: [String?]) {
        strings(&b, name, values.map { $0 ?? "" })
        b.u8(name + ".p", values.map { $0 == nil ? 0 : 1 })
    }

    /// `NAME` (f64, 0 where nil) and `NAME.p` (u8, 1 where present).
    static func optionalDoubles(_ b: inout PreparedContainer.Builder, _ name: String, _ values: [Double?]) {
        b.f64(name, values.map { $0 ?? 0 })
        b.u8(name + ".p", values.map { $0 == nil ? 0 : 1 })
    }

    /// `NAME.o` (u64 point offsets, n + 1) and `NAME` (f64 x, y pairs).
    static func lines(_ b: inout PreparedContainer.Builder, _ name: String, _ lines: [[Point]]) {
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(lines.count + 1)
        var xy: [Double] = []
        xy.reserveCapacity(2 * lines.reduce(0) { $0 + $1.count })
        for l in lines {
            for p in l { xy.append(p.x); xy.append(p.y) }
            offsets.append(UInt64(xy.count / 2))
        }
        b.u64(name + ".o", offsets)
        b.f64(name, xy)
    }

    /// Polygon sets: `NAME.g` (u64 polygon offsets per feature, n + 1), `NAME.r` (u64 ring
    /// offsets per polygon; a polygon's first ring is its exterior), then the rings as `lines`
    /// under `NAME.o` / `NAME`.
    static func polygons(_ b: inout PreparedContainer.Builder, _ name: String, _ sets: [[Polygon]]) {
        var g: [UInt64] = [0], r: [UInt64] = [0]
        var rings: [[Point]] = []
        for set in sets {
            for p in set {
                rings.append(p.exterior)
                rings += p.holes
                r.append(UInt64(rings.count))
            }
            g.append(UInt64(r.count - 1))
        }
        b.u64(name + ".g", g)
        b.u64(name + ".r", r)
        lines(&b, name, rings)
    }

    // MARK: reading

    /// The section-name prefix of a kind's columns.
    static func prefix(_ kind: CityLayerKind) -> String {
        switch kind {
        case .streets: "st."
        case .buildings: "bd."
        case .schools: "sc."
        case .police: "po."
        case .cameras: "cm."
        }
    }

    /// The section-name prefixes of the columns `read` reads for these arguments: every column of
    /// each kind, but of streets left in the file only their ids and lines (for the extent), and
    /// of buildings read as figures only their use, levels and footprints.
    static func columnsRead(kinds: Set<CityLayerKind>, streetsInStore: Bool, buildingFigures: Bool) -> [String] {
        kinds.flatMap { kind -> [String] in
            switch kind {
            case .streets where streetsInStore: ["st.id.", "st.pt"]
            case .buildings where buildingFigures: ["bd.use", "bd.lv", "bd.fp"]
            default: [prefix(kind)]
            }
        }
    }

    /// `[T]` of `count` values, each written into its slot by `make(slot, i)` (which must
    /// initialize it), concurrently in fixed chunks: what `ParallelChunks.array` gives, without
    /// the temporary value per item it returns through (a copy, then a release, of every
    /// reference a street or building holds).
    static func built<T>(count: Int, chunkSize: Int, _ make: (UnsafeMutablePointer<T>, Int) -> Void) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = ReadOnlyBox(buffer.baseAddress!)
            ParallelChunks.forEach(ParallelChunks.ranges(count: count, chunkSize: chunkSize)) { range in
                for i in range { make(base.value + i, i) }
            }
            initialized = count
        }
    }

    /// Reads the city's values back; `crs` and `ingest` are the caller's. Checks every offset
    /// column (starts at 0, never decreases, ends at the child count), every enum code, every
    /// coordinate (finite) and the shapes analyses rely on (a street has ≥ 2 points, a ring ≥ 4
    /// and closed, a building ≥ 1 polygon).
    ///
    /// With `streetsInStore`, streets are read as `City.streetsInStore` (ids and extent, from
    /// the same checked columns) instead of `Street` values; with `buildingFigures`, buildings
    /// as `City.buildingFigures` (each footprint's centroid and area by the functions a full
    /// read's `BuildingFigures(buildings)` uses) instead of `Building` values.
    static func read(_ c: ColumnSource, counts: PreparedMeta.Counts, crs: WorkingCRS, kinds: Set<CityLayerKind>,
                     streetsInStore: Bool = false, buildingFigures: Bool = false,
                     clock: inout PhaseClock) throws(PreparedCityFault) -> City {
        var city = City(crs: crs)
        if kinds.contains(.streets) {
            let n = counts.streets
            let id = try c.strings("st.id", n), pts = try c.lines("st.pt", n, minPoints: 2)
            if streetsInStore {
                clock.lap("check streets (ids and lines)")
                guard let ids = id.packed(count: n) else { throw PreparedCityFault("corrupt: section 'st.id' has bad offsets") }
                city.streetsInStore = StreetsInStore(ids: ids, extent: n == 0 ? .empty : pts.points.extent(0..<pts.offsets[n]))
                clock.lap("streets (ids and extent; values left in the file)")
                return try readOthers(c, counts: counts, kinds: kinds, buildingFigures: buildingFigures, into: &city, clock: &clock)
            }
            let hw = try c.strings("st.hw", n), nm = try c.optionalStrings("st.nm", n)
            let ow = try c.codes("st.ow", n, below: 3), ms = try c.optionalDoubles("st.ms", n)
            clock.lap("check streets")
            let modes: [Oneway] = [.no, .forward, .reverse]
            // Each value is a copy of an empty street whose fields are then set: the fields move
            // in (no temporary street to copy and release).
            let empty = Street(id: "", highway: "", points: [])
            city.streets = built(count: n, chunkSize: 1 << 14) { slot, i in
                slot.initialize(to: empty)
                slot.pointee.id = id[i]
                slot.pointee.highway = hw[i]
                slot.pointee.name = nm[i]
                slot.pointee.oneway = modes[Int(ow[i])]
                slot.pointee.maxspeedKmh = ms[i]
                slot.pointee.points = pts[i]
            }
            clock.lap("streets")
        }
        return try readOthers(c, counts: counts, kinds: kinds, buildingFigures: buildingFigures, into: &city, clock: &clock)
    }

    /// `read` after the streets: buildings, facilities and cameras into `city`.
    private static func readOthers(_ c: ColumnSource, counts: PreparedMeta.Counts, kinds: Set<CityLayerKind>,
                                   buildingFigures: Bool, into city: inout City,
                                   clock: inout PhaseClock) throws(PreparedCityFault) -> City {
        if kinds.contains(.buildings) {
            let n = counts.buildings
            let use = try c.codes("bd.use", n, below: 3), lv = try c.optionalDoubles("bd.lv", n)
            let fp = try c.polygons("bd.fp", n, minPolygons: 1)
            let uses: [BuildingUse] = [.residential, .nonResidential, .unknown]
            if buildingFigures {
                clock.lap("check buildings (use, levels, footprints)")
                // Each footprint is made, measured and dropped on its thread; only the figures stay.
                let measured = built(count: n, chunkSize: 1 << 12) { slot, i in
                    let f = fp[i]
                    slot.initialize(to: (BuildingFigures.centroid(of: f), BuildingFigures.area(of: f)))
                }
                city.buildingFigures = BuildingFigures(centroids: measured.map(\.0), footprintAreasM2: measured.map(\.1),
                                                       levels: (0..<n).map { lv[$0] }, uses: (0..<n).map { uses[Int(use[$0])] })
                clock.lap("buildings (residents figures; footprints left in the file)")
                return try readFacilitiesAndCameras(c, counts: counts, kinds: kinds, into: &city, clock: &clock)
            }
            let id = try c.strings("bd.id", n), tag = try c.strings("bd.tag", n)
            clock.lap("check buildings")
            let empty = Building(id: "", footprint: [], levels: nil, buildingTag: "", use: .unknown)
            city.buildings = built(count: n, chunkSize: 1 << 12) { slot, i in
                slot.initialize(to: empty)
                slot.pointee.id = id[i]
                slot.pointee.footprint = fp[i]
                slot.pointee.levels = lv[i]
                slot.pointee.buildingTag = tag[i]
                slot.pointee.use = uses[Int(use[i])]
            }
            clock.lap("buildings")
        }
        return try readFacilitiesAndCameras(c, counts: counts, kinds: kinds, into: &city, clock: &clock)
    }

    /// `read` after the buildings: schools, police stations and cameras into `city`.
    private static func readFacilitiesAndCameras(_ c: ColumnSource, counts: PreparedMeta.Counts, kinds: Set<CityLayerKind>,
                                                 into city: inout City, clock: inout PhaseClock) throws(PreparedCityFault) -> City {
        for (kind, prefix, n) in [(FacilityKind.school, "sc", counts.schools), (.police, "po", counts.police)] {
            guard kinds.contains(kind == .school ? .schools : .police) else { continue }
            let id = try c.strings("\(prefix).id", n), nm = try c.optionalStrings("\(prefix).nm", n)
            let loc = try c.points("\(prefix).loc", n), fp = try c.polygons("\(prefix).fp", n, minPolygons: 0)
            let list = ParallelChunks.array(count: n, chunkSize: 1 << 12) { i in
                Facility(id: id[i], kind: kind, name: nm[i], location: loc[i], footprint: fp[i])
            }
            if kind == .school { city.schools = list } else { city.police = list }
        }
        if kinds.contains(.cameras) {
            let n = counts.cameras
            let id = try c.strings("cm.id", n), pos = try c.points("cm.pos", n)
            let type = try c.optionalStrings("cm.type", n), sv = try c.optionalStrings("cm.sv", n)
            let num = try c.optionalDoubles("cm.num", n * cameraNumbers.count)
            city.cameras = ParallelChunks.array(count: n, chunkSize: 1 << 13) { i in
                CameraRecord(id: id[i], position: pos[i], headingDeg: num[i], fovDeg: num[n + i], rangeMeters: num[2 * n + i],
                             minRangeMeters: num[3 * n + i], type: type[i], surveillance: sv[i], resolutionPx: num[4 * n + i],
                             lensFovDeg: num[5 * n + i], focalLengthMm: num[6 * n + i], sensorWidthMm: num[7 * n + i],
                             heightMeters: num[8 * n + i], tiltDeg: num[9 * n + i], vfovDeg: num[10 * n + i],
                             irRangeMeters: num[11 * n + i])
            }
        }
        clock.lap("facilities and cameras")
        return city
    }
}

/// Typed, checked views of a prepared city's columns over the file's bytes (valid while the
/// bytes are). Views are read concurrently; they never write.
struct ColumnSource {
    let bytes: UnsafeRawBufferPointer
    let container: PreparedContainer

    struct U64s {
        let base: UnsafeRawPointer
        let count: Int
        subscript(i: Int) -> Int { Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
    }

    struct Strings {
        let offsets: U64s
        let bytes: UnsafeRawPointer
        subscript(i: Int) -> String {
            let a = offsets[i], b = offsets[i + 1]
            return String(decoding: UnsafeRawBufferPointer(start: bytes + a, count: b - a), as: UTF8.self)
        }
        /// The first `count` strings, packed (two copies of bytes, no string made); nil when the
        /// offsets do not start at 0 or decrease (the column checks refuse that first).
        func packed(count: Int) -> PackedStrings? {
            let offs = [Int](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
                for i in 0...count { buffer[i] = offsets[i] }
                initialized = count + 1
            }
            let chars = [UInt8](UnsafeRawBufferPointer(start: bytes, count: offs[count]))
            return PackedStrings(bytes: chars, offsets: offs)
        }
    }

    struct OptionalStrings {
        let strings: Strings
        let present: UnsafeRawPointer
        subscript(i: Int) -> String? { present.load(fromByteOffset: i, as: UInt8.self) == 1 ? strings[i] : nil }
    }

    struct OptionalDoubles {
        let values: UnsafeRawPointer
        let present: UnsafeRawPointer
        subscript(i: Int) -> Double? {
            present.load(fromByteOffset: i, as: UInt8.self) == 1 ? values.loadUnaligned(fromByteOffset: 8 * i, as: Double.self) : nil
        }
    }

    struct Codes {
        let base: UnsafeRawPointer
        subscript(i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
    }

    struct Points {
        let base: UnsafeRawPointer
        subscript(i: Int) -> Point {
            Point(base.loadUnaligned(fromByteOffset: 16 * i, as: Double.self), base.loadUnaligned(fromByteOffset: 16 * i + 8, as: Double.self))
        }
        /// The envelope of points `range` (min and max of each coordinate), scanned on both cores.
        func extent(_ range: Range<Int>) -> Envelope {
            ParallelChunks.map(ParallelChunks.ranges(count: range.count, chunkSize: 1 << 18)) { r in
                var e = Envelope.empty
                for i in r { e.expand(by: self[range.lowerBound + i]) }
                return e
            }.reduce(into: Envelope.empty) { $0.expand(by: $1) }
        }
        /// Points `range` as an array (one copy of the bytes).
        func array(_ range: Range<Int>) -> [Point] {
            // Through `Array(UnsafeBufferPointer)`: the column is 8-aligned and `Point` is two doubles.
            Array(UnsafeBufferPointer(start: (base + 16 * range.lowerBound).assumingMemoryBound(to: Point.self), count: range.count))
        }
    }

    struct Lines {
        let offsets: U64s
        let points: Points
        subscript(i: Int) -> [Point] { points.array(offsets[i]..<offsets[i + 1]) }
    }

    struct PolygonSets {
        let polygons: U64s
        let rings: U64s
        let lines: Lines
        subscript(i: Int) -> [Polygon] {
            (polygons[i]..<polygons[i + 1]).map { p in
                let r = rings[p]..<rings[p + 1]
                return Polygon(exterior: lines[r.lowerBound], holes: r.dropFirst().map { lines[$0] })
            }
        }
    }

    /// The first `i` in `0 ..< n` where `bad(i)`, scanned on both cores in large chunks (the
    /// checks of a k = 16 city's columns run over millions of entries).
    static func firstIndex(_ n: Int, where bad: (Int) -> Bool) -> Int? {
        ParallelChunks.map(ParallelChunks.ranges(count: n, chunkSize: 1 << 18)) { r in r.first { bad($0) } }
            .compactMap { $0 }.first
    }

    func pointer(_ s: PreparedContainer.Section) -> UnsafeRawPointer {
        // An empty section may sit at the very end of the file; its pointer is never read.
        bytes.baseAddress! + s.offset
    }

    /// An offsets column of `count + 1` values rising from 0 to `total`, each step ≥ `minStep`.
    func offsets(_ name: String, count: Int, total: Int, minStep: Int = 0) throws(PreparedCityFault) -> U64s {
        let s = try container.section(name, .u64, count: count + 1)
        let v = U64s(base: pointer(s), count: count + 1)
        guard v[0] == 0 else { throw PreparedCityFault("corrupt: column '\(name)' does not start at 0") }
        // A value above Int.max reads negative: caught by b < a or by the end check.
        if let i = Self.firstIndex(count, where: { i in let a = v[i], b = v[i + 1]; return b < a || b - a < minStep }) {
            throw PreparedCityFault("corrupt: column '\(name)' entry \(i) spans \(v[i + 1] &- v[i]) items (at least \(minStep), never negative)")
        }
        guard v[count] == total else {
            throw PreparedCityFault("corrupt: column '\(name)' ends at \(v[count]) where \(total) items follow")
        }
        return v
    }

    func strings(_ name: String, _ n: Int) throws(PreparedCityFault) -> Strings {
        let b = try container.section(name + ".b", .u8)
        return Strings(offsets: try offsets(name + ".o", count: n, total: b.count), bytes: pointer(b))
    }

    func flags(_ name: String, _ n: Int) throws(PreparedCityFault) -> UnsafeRawPointer {
        let s = try container.section(name, .u8, count: n)
        let p = pointer(s)
        if let i = Self.firstIndex(n, where: { p.load(fromByteOffset: $0, as: UInt8.self) > 1 }) {
            throw PreparedCityFault("corrupt: column '\(name)' entry \(i) is neither 0 nor 1")
        }
        return p
    }

    func optionalStrings(_ name: String, _ n: Int) throws(PreparedCityFault) -> OptionalStrings {
        OptionalStrings(strings: try strings(name, n), present: try flags(name + ".p", n))
    }

    func optionalDoubles(_ name: String, _ n: Int) throws(PreparedCityFault) -> OptionalDoubles {
        let s = try container.section(name, .f64, count: n)
        return OptionalDoubles(values: pointer(s), present: try flags(name + ".p", n))
    }

    func codes(_ name: String, _ n: Int, below limit: UInt8) throws(PreparedCityFault) -> Codes {
        let s = try container.section(name, .u8, count: n)
        let c = Codes(base: pointer(s))
        if let i = Self.firstIndex(n, where: { c[$0] >= limit }) {
            throw PreparedCityFault("corrupt: column '\(name)' entry \(i) has code \(c[i]) (codes are below \(limit))")
        }
        return c
    }

    /// `n` points (x, y pairs), every coordinate finite.
    func points(_ name: String, _ n: Int) throws(PreparedCityFault) -> Points {
        let s = try container.section(name, .f64, count: 2 * n)
        let p = pointer(s)
        let box = ReadOnlyBox(p)
        let bad = ParallelChunks.map(ParallelChunks.ranges(count: 2 * n, chunkSize: 1 << 20)) { r in
            r.first { !box.value.loadUnaligned(fromByteOffset: 8 * $0, as: Double.self).isFinite }
        }
        if let i = bad.compactMap({ $0 }).first {
            throw PreparedCityFault("corrupt: column '\(name)' coordinate \(i) is not finite")
        }
        return Points(base: p)
    }

    func lines(_ name: String, _ n: Int, minPoints: Int) throws(PreparedCityFault) -> Lines {
        let xy = try container.section(name, .f64)
        guard xy.count % 2 == 0 else { throw PreparedCityFault("corrupt: column '\(name)' has an odd number of coordinates") }
        let pts = try points(name, xy.count / 2)
        return Lines(offsets: try offsets(name + ".o", count: n, total: xy.count / 2, minStep: minPoints), points: pts)
    }

    /// Polygon sets of `n` features; every ring has ≥ 4 points and is closed.
    func polygons(_ name: String, _ n: Int, minPolygons: Int) throws(PreparedCityFault) -> PolygonSets {
        let r = try container.section(name + ".r", .u64)
        guard r.count >= 1 else { throw PreparedCityFault("corrupt: column '\(name).r' is empty") }
        let polygonCount = r.count - 1
        let ringCount = try container.section(name + ".o", .u64).count - 1
        guard ringCount >= 0 else { throw PreparedCityFault("corrupt: column '\(name).o' is empty") }
        let g = try offsets(name + ".g", count: n, total: polygonCount, minStep: minPolygons)
        let rings = try offsets(name + ".r", count: polygonCount, total: ringCount, minStep: 1)
        let lines = try lines(name, ringCount, minPoints: 4)
        if let i = Self.firstIndex(ringCount, where: { lines.points[lines.offsets[$0]] != lines.points[lines.offsets[$0 + 1] - 1] }) {
            throw PreparedCityFault("corrupt: column '\(name)' ring \(i) is not closed")
        }
        return PolygonSets(polygons: g, rings: rings, lines: lines)
    }
}
