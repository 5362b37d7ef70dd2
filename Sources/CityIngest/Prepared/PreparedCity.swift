#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CityModel
import GDALBridge
import GeoCore

/// covplan's release number (`covplan --version`); part of every prepared city's identity.
public enum CovplanRelease {
    public static let version = "0.2.0"
}

/// A prepared city (`covplan prepare CITY -o city.covplan`): the city as `CityReader` builds it
/// from GIS sources, stored as little-endian columns so later loads skip GDAL, reprojection,
/// validation and assembly. Format: `PreparedContainer` and docs/prepared-city.md.
///
/// A prepared city is used only when it is what loading its sources would give now:
/// - same format version, same covplan and GDAL/GEOS/PROJ versions;
/// - every source file still there with the same size, and the same modification time or else
///   the same SHA-256 of its content (a touched but unchanged file is fine);
/// - the ingest options of the load (working CRS, source CRS, --make-valid, --skip-invalid,
///   --strict) either unset or equal to those it was prepared with;
/// - `CityReadOptions.cityChecksum`, when given, a prefix of its city checksum.
/// Anything else is refused with one line naming the file and the reason, as `.dataError`
/// (exit 65), as is a truncated, corrupt (a checksum per section) or foreign file. Combining it
/// with per-kind sources (`--streets`, `--where`, ...) is `.usage` (64).
public enum PreparedCity {
    public static let fileExtension = "covplan"

    /// Whether `path` names a prepared city: it ends in `.covplan` or starts with the format's
    /// magic bytes. (A `.covplan` that does not start with them is refused by the loader.)
    public static func isPrepared(_ path: String) -> Bool {
        if path.lowercased().hasSuffix("." + fileExtension) { return true }
        if path.hasPrefix("/vsi") { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8) }
        return n == 8 && head == PreparedContainer.magic
    }

    /// The `covplan … (GDAL …, GEOS …, PROJ …)` text a prepared city must carry to be used.
    static var producer: String { "covplan \(CovplanRelease.version) (\(LibraryVersions.summary))" }

    // MARK: preparing

    /// A prepared city, ready to be written.
    public struct Prepared: Sendable {
        /// The city exactly as loading the sources gives it (every kind).
        public let city: City
        /// The file's content.
        public let bytes: [UInt8]
        /// The city checksum (hex SHA-256 of the source, or of the sources' digests).
        public let checksum: String
        /// The source files, as given.
        public let sources: [String]
    }

    /// Loads every kind of the city `options` describes from its GIS sources and encodes it.
    /// Errors: those of `CityReader.read`; `.usage` for a source that is already a prepared
    /// city or a GDAL virtual path; `.dataError` when a source changes while it is read or its
    /// checksum is not `options.cityChecksum`.
    public static func prepare(_ options: CityReadOptions, clock: inout PhaseClock) throws -> Prepared {
        var o = options
        o.kinds = Set(CityLayerKind.allCases)
        if let p = o.primary, isPrepared(p) {
            throw CovplanError(.usage, file: p, "this is a prepared city already; give the GIS source it was made from")
        }
        let sources = try SourceFingerprint.sources(of: o)
        clock.lap("fingerprint sources")
        var meta = PreparedMeta(producer: producer, sources: sources, options: PreparedOptions(o), workingCRS: WorkingCRS(epsg: 1),
                                sourceLayerNames: [], layers: [], counts: .init(), crsWarning: nil)
        if let expected = o.cityChecksum {
            try checkExpected(expected, actual: meta.cityChecksum, file: o.primary)
        }
        let load = try CityReader.readFromSources(o, clock: &clock)
        for s in sources {
            guard let st = SourceFingerprint.status(s.path), st.size == s.size, st.mtimeNanoseconds == s.mtimeNanoseconds else {
                throw CovplanError(.dataError, file: s.path, "the file changed while it was being read; prepare again")
            }
        }
        let c = load.city
        meta.workingCRS = c.crs
        meta.sourceLayerNames = load.primaryLayerNames
        meta.layers = load.layers
        meta.crsWarning = load.crsWarning
        meta.counts = .init(streets: c.streets.count, buildings: c.buildings.count, schools: c.schools.count,
                            police: c.police.count, cameras: c.cameras.count)
        var builder = PreparedContainer.Builder()
        builder.u8("meta", meta.encode())
        PreparedColumns.write(c, into: &builder)
        clock.lap("columns")
        PreparedDerived.write(c, into: &builder, clock: &clock)
        let bytes = builder.build()
        clock.lap("encode")
        return Prepared(city: c, bytes: bytes, checksum: meta.cityChecksum, sources: sources.map(\.path))
    }

    // MARK: loading

    /// The city of the prepared file at `path`, restricted to `options.kinds`, exactly as
    /// `CityReader.read` would build it from the sources with the same options. Errors: see
    /// the type's documentation; `.noInput` (66) for a missing file, `.ioError` (74) for a
    /// failed read.
    static func load(_ path: String, options: CityReadOptions, clock: inout PhaseClock) throws -> City {
        let file = try MappedFile(path)
        defer { withExtendedLifetime(file) {} }
        clock.lap("map file")
        let raw = file.bytes
        let (container, meta) = try openContainer(raw, path: path)
        let effective = try effectiveOptions(options, meta, path: path)
        var trusted = false
        if let expected = options.cityChecksum {
            try checkExpected(expected, actual: meta.cityChecksum, file: path)
            trusted = true
        }
        try checkSources(meta, path: path, trusted: trusted)
        clock.lap("check sources")
        // Streets stay in the file when the command asks only for the default graphs and both are
        // stored; buildings, when it asks only for residents and stored snaps and those are stored.
        let streetsInStore = options.streetsForStoredGraphsOnly && PreparedDerived.storesBothGraphs(container)
        let buildingFigures = options.buildingsForStoredSnapsOnly && PreparedDerived.storesBothGraphs(container)
            && PreparedDerived.storesBuildingSnaps(container)
        // Only the columns read are checked (those of the kinds asked for, fewer for streets and
        // buildings left in the file); the derived values at the end of the file are checked here
        // only for their builder versions and, with building values, the obstacle index; the
        // graphs are read on first use (PreparedDerived).
        let prefixes = PreparedColumns.columnsRead(kinds: options.kinds, streetsInStore: streetsInStore, buildingFigures: buildingFigures)
        let withIndex = options.kinds.contains(.buildings) && !buildingFigures ? PreparedDerived.obstacleSections : []
        let used = container.sections.filter { s in
            s.name == "meta" || prefixes.contains { s.name.hasPrefix($0) } || withIndex.contains(s.name)
        }
        file.willRead(used.map { $0.offset..<($0.offset + $0.length) })
        try fault(path) { () throws(PreparedCityFault) in
            try PreparedDerived.checkVersions(container, raw)
            try container.verify(raw, only: used.map(\.name))
        }
        clock.lap("verify checksums")
        let columns = ColumnSource(bytes: raw, container: container)
        let obstacleOrders = withIndex.isEmpty ? nil
            : try fault(path) { () throws(PreparedCityFault) in try PreparedDerived.obstacleOrders(columns) }
        let subset = try layerSubset(meta, kinds: options.kinds, options: effective, path: path)
        var city = try fault(path) { () throws(PreparedCityFault) in
            try PreparedColumns.read(columns, counts: meta.counts, crs: meta.workingCRS, kinds: options.kinds,
                                     streetsInStore: streetsInStore, buildingFigures: buildingFigures, clock: &clock)
        }
        city.ingest = subset.report
        if let w = subset.crsWarning { city.ingest.warnings.append(w) }
        if let s = city.streetsInStore {
            city.ingest.warnings += s.count == 0 ? [] : CameraExtentCheck.warnings(city.cameras, streetExtent: s.extent)
        } else {
            city.ingest.warnings += CameraExtentCheck.warnings(city.cameras, streets: city.streets)
        }
        city.ingest.primarySource = meta.sources.first { $0.role == "city" }?.path
        PreparedDerived.register(city, file: StoredSections(path: path, stat: file.status, container: container,
                                                            prefixes: PreparedDerived.prefixes),
                                 obstacleOrders: obstacleOrders)
        clock.lap("assemble")
        return city
    }

    /// Header, table of contents and metadata of a prepared city's bytes, checked (CRCs only
    /// when `checksums`).
    static func openContainer(_ raw: UnsafeRawBufferPointer, path: String, checksums: Bool = true,
                              fileSize: Int? = nil) throws(CovplanError) -> (PreparedContainer, PreparedMeta)
    {
        try fault(path) { () throws(PreparedCityFault) in
            let container = try PreparedContainer(raw, checksums: checksums, fileSize: fileSize)
            let s = try container.section("meta", .u8)
            guard s.offset + s.length <= raw.count else { throw PreparedCityFault("truncated: the metadata lies past the end") }
            if checksums { try container.verify(raw, only: ["meta"]) }
            let meta = try PreparedMeta.decode(UnsafeRawBufferPointer(rebasing: raw[s.offset..<(s.offset + s.length)]))
            return (container, meta)
        }
    }

    /// Runs `body`, turning a fault into a one-line `.dataError` naming `path`.
    static func fault<T>(_ path: String, _ body: () throws(PreparedCityFault) -> T) throws(CovplanError) -> T {
        do {
            return try body()
        } catch {
            throw CovplanError(.dataError, file: path, "prepared city refused: \(error.message)")
        }
    }

    /// The file's bytes (one read into one buffer of the file's size), or its first `limit`.
    static func readAll(_ path: String, limit: Int? = nil) throws(CovplanError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw CovplanError(code == ENOENT ? .noInput : .ioError, file: path,
                               code == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw CovplanError(.noInput, file: path, "not a regular file")
        }
        let size = min(Int(st.st_size), limit ?? Int.max)
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }  // shrank meanwhile: the header's size check refuses it
                done += n
            }
            initialized = done
        }
        if let failure { throw CovplanError(.ioError, file: path, "read failed: \(String(cString: strerror(failure)))") }
        return bytes
    }

    // MARK: checks

    /// The load options with the prepared city's own ingest options filled in where the load
    /// leaves them unset; refuses options that contradict them.
    static func effectiveOptions(_ given: CityReadOptions, _ meta: PreparedMeta, path: String) throws(CovplanError) -> CityReadOptions {
        if !given.layers.isEmpty {
            throw CovplanError(.usage, file: path, "per-layer sources and filters (--streets, --source-layer, --where, --field, ...) cannot be combined with a prepared city; give them to `covplan prepare`")
        }
        let m = meta.options
        var conflicts: [String] = []
        if let s = given.sourceCRS, s != m.sourceCRS { conflicts.append("--source-crs \(s)") }
        if given.forceSourceCRS && !m.forceSourceCRS { conflicts.append("--force-source-crs") }
        if given.makeValid && !m.makeValid { conflicts.append("--make-valid") }
        if given.skipInvalid && !m.skipInvalid { conflicts.append("--skip-invalid") }
        if given.strict && !m.strict { conflicts.append("--strict") }
        if let g = given.workingCRS, let p = m.workingCRS, (try? WorkingCRSChoice.parse(g)) != (try? WorkingCRSChoice.parse(p)) {
            conflicts.append("--crs \(g)")
        }
        if !conflicts.isEmpty {
            throw CovplanError(.dataError, file: path, "prepared with \(m.flags), but this load asks for \(conflicts.joined(separator: " ")); prepare the city again with those options")
        }
        var o = given
        o.workingCRS = given.workingCRS ?? m.workingCRS
        o.sourceCRS = m.sourceCRS
        o.forceSourceCRS = m.forceSourceCRS
        o.allowDistortion = given.allowDistortion || m.allowDistortion
        o.makeValid = m.makeValid
        o.skipInvalid = m.skipInvalid
        o.strict = m.strict
        return o
    }

    /// Same covplan and libraries; every source file unchanged (size, then modification time,
    /// then content). A missing source is accepted only when `trusted` (its checksum was given).
    static func checkSources(_ meta: PreparedMeta, path: String, trusted: Bool) throws(CovplanError) {
        guard meta.producer == producer else {
            throw CovplanError(.dataError, file: path, "prepared city refused: made by \(meta.producer), this is \(producer); prepare the city again")
        }
        for s in meta.sources {
            guard let st = SourceFingerprint.status(s.absolutePath) else {
                if trusted { continue }
                throw CovplanError(.dataError, file: path, "prepared city refused: its source \(s.absolutePath) is gone, so it cannot be checked; prepare again, or give --city-checksum \(meta.cityChecksum.prefix(16)) to use it as it is")
            }
            guard st.size == s.size else {
                throw CovplanError(.dataError, file: path, "prepared city refused: stale: its source \(s.path) changed since it was prepared (\(s.size) → \(st.size) bytes); prepare again")
            }
            if st.mtimeNanoseconds == s.mtimeNanoseconds { continue }
            guard try SourceFingerprint.sha256(s.absolutePath) == s.sha256 else {
                throw CovplanError(.dataError, file: path, "prepared city refused: stale: its source \(s.path) changed since it was prepared (content differs); prepare again")
            }
        }
    }

    /// Checks a `--city-checksum` against a city's checksum: `.usage` when it is not 8–64 hex
    /// digits (optionally after `sha256:`), `.dataError` when it is not a prefix of `actual`.
    static func checkExpected(_ expected: String, actual: String, file: String?) throws(CovplanError) {
        var e = expected.lowercased()
        if e.hasPrefix("sha256:") { e = String(e.dropFirst(7)) }
        guard (8...64).contains(e.count), e.allSatisfy({ $0.isHexDigit }) else {
            throw CovplanError(.usage, "--city-checksum '\(expected)': give the hex SHA-256 `covplan prepare` printed (at least 8 digits)")
        }
        guard actual.hasPrefix(e) else {
            throw CovplanError(.dataError, file: file, "city checksum mismatch: expected \(e), the city's sources have \(actual) (another city, or changed data)")
        }
    }

    /// For a load from GIS sources with `cityChecksum`: hashes the sources and checks it.
    static func checkChecksum(_ expected: String, of options: CityReadOptions) throws {
        let sources = try SourceFingerprint.sources(of: options)
        let meta = PreparedMeta(producer: "", sources: sources, options: PreparedOptions(options), workingCRS: WorkingCRS(epsg: 1),
                                sourceLayerNames: [], layers: [], counts: .init(), crsWarning: nil)
        try checkExpected(expected, actual: meta.cityChecksum, file: options.primary)
    }

    // MARK: subsets of kinds

    /// The ingest report and CRS warning a load of `kinds` from the sources would give, and a
    /// check that it would choose the same working CRS.
    static func layerSubset(_ meta: PreparedMeta, kinds: Set<CityLayerKind>, options: CityReadOptions, path: String)
        throws -> (report: IngestReport, crsWarning: String?)
    {
        let layers = meta.layers.filter { kinds.contains($0.kind) }
        if !layers.contains(where: { $0.featureCount > 0 }) {
            let names = meta.sourceLayerNames.joined(separator: ", ")
            let listed = names.isEmpty ? "none" : names
            if kinds.count == 1, let only = kinds.first {
                throw CovplanError(.dataError, file: path, "no \(only.rawValue) found (layers: \(listed))")
            }
            throw CovplanError(.dataError, file: path,
                               "no city features found (looked for \(kinds.map(\.rawValue).sorted().joined(separator: ", ")); layers: \(listed)); all layers are empty or unrecognised")
        }
        func extents(_ list: [PreparedMeta.Layer]) -> [LayerExtent] {
            list.map { LayerExtent(kind: $0.kind, crs: $0.crs, extent: $0.extent, hasFeatures: $0.featureCount > 0) }
        }
        let all = CityReader.basis(extents(meta.layers)), here = CityReader.basis(extents(layers))
        let sameBasis = all?.crs == here?.crs && all?.extent == here?.extent
        var crsWarning = meta.crsWarning
        if !(sameBasis && options.workingCRS == meta.options.workingCRS && options.allowDistortion == meta.options.allowDistortion) {
            let (crs, warning) = try CityReader.chooseWorkingCRS(extents(layers), options: options)
            guard crs == meta.workingCRS else {
                throw CovplanError(.dataError, file: path, "prepared city refused: it is in \(meta.workingCRS), but loading only \(kinds.map(\.rawValue).sorted().joined(separator: ", ")) from the sources would work in \(crs); prepare with --crs \(crs), or load the sources")
            }
            crsWarning = warning
        }
        var report = IngestReport()
        for l in layers {
            report.warnings += l.warnings.map { "\(l.path): layer '\(l.layerName)': \($0)" }
            report.readerWarnings = report.warnings.count
            report.repaired += l.repaired
            report.skipped += l.skipped
        }
        return (report, crsWarning)
    }

    /// Every check of a load that looks only at the bytes (not at the sources, producer or
    /// options), then the city of every kind: for the fuzz target (fuzz/), which runs it with
    /// and without the CRCs so that mutated inputs reach the structural checks.
    public static func decodeForFuzzing(_ raw: UnsafeRawBufferPointer, checksums: Bool) throws -> City {
        let (container, meta) = try openContainer(raw, path: "fuzz", checksums: checksums)
        if checksums { try fault("fuzz") { () throws(PreparedCityFault) in try container.verify(raw) } }
        var clock = PhaseClock()
        return try fault("fuzz") { () throws(PreparedCityFault) in
            try PreparedColumns.read(ColumnSource(bytes: raw, container: container), counts: meta.counts,
                                     crs: meta.workingCRS, kinds: Set(CityLayerKind.allCases), clock: &clock)
        }
    }

    // MARK: describing

    /// What a prepared city holds, for `covplan inspect`: one layer per kind (feature count,
    /// geometry type, working CRS), driver `covplan`. Checked like a load, except that the
    /// sources are not (inspect describes the file as it is).
    public static func describe(_ path: String) throws -> SourceDescription {
        let (meta, container, fileBytes) = try readMetaAndContents(path)
        let c = meta.counts, crs = meta.workingCRS.identifier
        let layers = [("streets", c.streets, "Line String"), ("buildings", c.buildings, "Multi Polygon"),
                      ("schools", c.schools, "Point"), ("police", c.police, "Point"), ("cameras", c.cameras, "Point")]
            .map { LayerInfo(name: $0.0, featureCount: $0.1, geometryType: $0.2, crs: crs, fields: []) }
        let info = PreparedCityInfo(
            producer: meta.producer, cityChecksum: meta.cityChecksum,
            sources: meta.sources.map { .init(role: $0.role, path: $0.path, bytes: $0.size) },
            stored: try storedVersions(path, container), fileBytes: fileBytes)
        return SourceDescription(path: path, driver: "covplan", layers: layers, prepared: info)
    }

    /// The builder version of each stored value (`ob.ver`, `gd.ver`, …: four bytes each, read
    /// where the TOC puts them and checked against their checksums), in `PreparedDerived` order.
    static func storedVersions(_ path: String, _ container: PreparedContainer) throws(CovplanError) -> [PreparedCityInfo.Stored] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CovplanError(.ioError, file: path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        return PreparedDerived.prefixes.compactMap { p in
            guard let i = container.byName[p + "ver"] else { return nil }
            let s = container.sections[i]
            var bytes = [UInt8](repeating: 0, count: 4)
            let ok = s.length == 4 && pread(fd, &bytes, 4, off_t(s.offset)) == 4 && XXH64.sectionChecksum(bytes) == s.crc
            let version = ok ? bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } : nil
            return .init(value: PreparedDerived.label(p), version: version, current: PreparedDerived.currentVersion(p))
        }
    }

    /// The checked metadata of a prepared city, reading only the start of the file (header,
    /// TOC, metadata section): a few kilobytes, whatever the city's size.
    static func readMeta(_ path: String) throws -> PreparedMeta { try readMetaAndContents(path).meta }

    /// `readMeta`, with the table of contents and the file's size.
    static func readMetaAndContents(_ path: String) throws -> (meta: PreparedMeta, contents: PreparedContainer, fileBytes: Int) {
        var prefix = try readAll(path, limit: PreparedContainer.headerSize + PreparedContainer.entrySize * PreparedContainer.maxSections)
        guard let total = SourceFingerprint.status(path)?.size else { throw CovplanError(.noInput, file: path, "no such file") }
        for _ in 0..<2 {
            let needed: Int? = try prefix.withUnsafeBytes { raw throws -> Int? in
                let c = try fault(path) { () throws(PreparedCityFault) in try PreparedContainer(raw, fileSize: Int(total)) }
                let m = try fault(path) { () throws(PreparedCityFault) in try c.section("meta", .u8) }
                return m.offset + m.length > raw.count ? m.offset + m.length : nil
            }
            guard let needed else { break }
            prefix = try readAll(path, limit: needed)
        }
        let (container, meta) = try prefix.withUnsafeBytes { raw throws -> (PreparedContainer, PreparedMeta) in
            try openContainer(raw, path: path, fileSize: Int(total))
        }
        return (meta, container, Int(total))
    }

    /// The city checksum and sources of a prepared city (header, TOC and metadata checked).
    public static func checksum(_ path: String) throws -> (checksum: String, sources: [String]) {
        let meta = try readMeta(path)
        return (meta.cityChecksum, meta.sources.map(\.path))
    }
}
