import CityModel
import GeoCore

/// The `meta` section of a prepared city: who wrote it, from which files (size, modification
/// time, SHA-256), with which ingest options, in which working CRS, and what the loader noted
/// per source layer, so a load of any subset of the layer kinds gives exactly what loading the
/// sources would (CRS choice, warnings, repaired and skipped features).
struct PreparedMeta: Equatable {
    /// Feature counts per kind (the column lengths).
    struct Counts: Equatable {
        var streets = 0, buildings = 0, schools = 0, police = 0, cameras = 0
    }

    /// One source file the city was read from.
    struct Source: Equatable {
        /// `city` for the primary source, else the kind it gave (`streets`, ...) or `sidecar`.
        var role: String
        /// The path as given to `prepare` (what reports name).
        var path: String
        /// The absolute path checked on load.
        var absolutePath: String
        var size: UInt64
        /// Modification time, nanoseconds since 1970.
        var mtimeNanoseconds: Int64
        /// SHA-256 of the content.
        var sha256: [UInt8]
    }

    /// One source layer as read (before assembly): what the loader needs to redo its CRS
    /// choice and its report for any subset of kinds.
    struct Layer: Equatable {
        var kind: CityLayerKind
        var path: String
        var layerName: String
        /// Source CRS definition as read (after --source-crs).
        var crs: String?
        /// Envelope of the features' coordinates in the source CRS.
        var extent: Envelope
        var featureCount: Int
        /// Reader warnings (GDAL), unprefixed.
        var warnings: [String]
        var repaired: [IngestReport.Item]
        var skipped: [IngestReport.Item]
    }

    /// `covplan 0.2.0 (GDAL 3.6.2, GEOS 3.11.1, PROJ 9.1.1)`: a cache is used only by the same
    /// covplan with the same libraries (they decide what is read and how it is repaired).
    var producer: String
    var sources: [Source]
    /// The ingest options, as `PreparedOptions` text.
    var options: PreparedOptions
    var workingCRS: WorkingCRS
    /// Names of the primary source's layers (for the "no features" message).
    var sourceLayerNames: [String]
    var layers: [Layer]
    var counts: Counts
    /// The warning of the automatic working-CRS choice over all kinds (data over several UTM
    /// zones), if any.
    var crsWarning: String?

    /// The city checksum: the SHA-256 of the only source file, or of the concatenated digests
    /// of several (in `sources` order); lower-case hex.
    var cityChecksum: String {
        if sources.count == 1 { return SHA256.hex(sources[0].sha256) }
        return SHA256.hex(SHA256.digest(sources.flatMap(\.sha256)))
    }

    func encode() -> [UInt8] {
        var w = ByteWriter()
        w.string(producer)
        w.u32(UInt32(sources.count))
        for s in sources {
            w.string(s.role); w.string(s.path); w.string(s.absolutePath)
            w.u64(s.size); w.i64(s.mtimeNanoseconds); w.raw(s.sha256)
        }
        options.encode(&w)
        w.u32(UInt32(workingCRS.epsg))
        w.strings(sourceLayerNames)
        w.u32(UInt32(layers.count))
        for l in layers {
            w.string(l.kind.rawValue); w.string(l.path); w.string(l.layerName); w.optionalString(l.crs)
            for v in [l.extent.minX, l.extent.minY, l.extent.maxX, l.extent.maxY] { w.f64(v) }
            w.u64(UInt64(l.featureCount))
            w.strings(l.warnings)
            for items in [l.repaired, l.skipped] {
                w.u32(UInt32(items.count))
                for i in items { w.string(i.layer); w.string(i.feature); w.string(i.problem) }
            }
        }
        for n in [counts.streets, counts.buildings, counts.schools, counts.police, counts.cameras] { w.u64(UInt64(n)) }
        w.optionalString(crsWarning)
        return w.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(PreparedCityFault) -> PreparedMeta {
        var r = ByteReader(bytes, what: "the metadata")
        let producer = try r.string()
        var sources: [Source] = []
        for _ in 0..<(try r.count(minBytes: 60)) {
            let role = try r.string(), path = try r.string(), abs = try r.string()
            let size = try r.u64(), mtime = try r.i64(), sha = try r.raw(32)
            sources.append(Source(role: role, path: path, absolutePath: abs, size: size, mtimeNanoseconds: mtime, sha256: sha))
        }
        let options = try PreparedOptions.decode(&r)
        let epsg = try r.u32()
        guard epsg > 0, epsg < 1_000_000 else { throw PreparedCityFault("corrupt: working CRS EPSG:\(epsg)") }
        let names = try r.strings()
        var layers: [Layer] = []
        for _ in 0..<(try r.count(minBytes: 70)) {
            let kindText = try r.string()
            guard let kind = CityLayerKind(rawValue: kindText) else { throw PreparedCityFault("corrupt: layer kind '\(kindText)'") }
            let path = try r.string(), name = try r.string(), crs = try r.optionalString()
            let e = Envelope(minX: try r.f64(), minY: try r.f64(), maxX: try r.f64(), maxY: try r.f64())
            let count = try r.u64()
            let warnings = try r.strings()
            var lists: [[IngestReport.Item]] = []
            for _ in 0..<2 {
                var items: [IngestReport.Item] = []
                for _ in 0..<(try r.count(minBytes: 12)) {
                    items.append(IngestReport.Item(layer: try r.string(), feature: try r.string(), problem: try r.string()))
                }
                lists.append(items)
            }
            layers.append(Layer(kind: kind, path: path, layerName: name, crs: crs, extent: e,
                                featureCount: Int(truncatingIfNeeded: count), warnings: warnings, repaired: lists[0], skipped: lists[1]))
        }
        var c: [Int] = []
        for _ in 0..<5 {
            let n = try r.u64()
            // Counts are checked against the columns; this bound keeps n × 12 (camera numbers) and
            // 2 × n (coordinates) far from overflow.
            guard n < 1 << 40 else { throw PreparedCityFault("corrupt: a feature count of \(n)") }
            c.append(Int(n))
        }
        let crsWarning = try r.optionalString()
        try r.expectEnd()
        return PreparedMeta(producer: producer, sources: sources, options: options, workingCRS: WorkingCRS(epsg: Int(epsg)),
                            sourceLayerNames: names, layers: layers,
                            counts: Counts(streets: c[0], buildings: c[1], schools: c[2], police: c[3], cameras: c[4]),
                            crsWarning: crsWarning)
    }
}

/// The ingest options a prepared city was made with: everything in `CityReadOptions` that decides
/// what the city holds (not `kinds`: a prepared city holds every kind).
struct PreparedOptions: Equatable {
    var workingCRS: String?
    var sourceCRS: String?
    var forceSourceCRS = false
    var allowDistortion = false
    var makeValid = false
    var skipInvalid = false
    var strict = false
    /// Per-kind sources as `kind path layer filter field=name…` lines, sorted.
    var layerSpecs: [String] = []

    init(_ o: CityReadOptions) {
        workingCRS = o.workingCRS
        sourceCRS = o.sourceCRS
        forceSourceCRS = o.forceSourceCRS
        allowDistortion = o.allowDistortion
        makeValid = o.makeValid
        skipInvalid = o.skipInvalid
        strict = o.strict
        layerSpecs = o.layers.map { kind, s in
            ([kind.rawValue, s.path, s.layer ?? "-", s.filter ?? "-"] + s.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                .joined(separator: "\t")
        }.sorted()
    }

    private init() {}

    func encode(_ w: inout ByteWriter) {
        w.optionalString(workingCRS); w.optionalString(sourceCRS)
        for f in [forceSourceCRS, allowDistortion, makeValid, skipInvalid, strict] { w.bool(f) }
        w.strings(layerSpecs)
    }

    static func decode(_ r: inout ByteReader) throws(PreparedCityFault) -> PreparedOptions {
        var o = PreparedOptions()
        o.workingCRS = try r.optionalString()
        o.sourceCRS = try r.optionalString()
        o.forceSourceCRS = try r.bool(); o.allowDistortion = try r.bool(); o.makeValid = try r.bool()
        o.skipInvalid = try r.bool(); o.strict = try r.bool()
        o.layerSpecs = try r.strings()
        return o
    }

    /// The flags as a user would type them (`--make-valid --strict`), for messages.
    var flags: String {
        var out: [String] = []
        if let workingCRS { out.append("--crs \(workingCRS)") }
        if let sourceCRS { out.append("--source-crs \(sourceCRS)") }
        if forceSourceCRS { out.append("--force-source-crs") }
        if allowDistortion { out.append("--allow-distortion") }
        if makeValid { out.append("--make-valid") }
        if skipInvalid { out.append("--skip-invalid") }
        if strict { out.append("--strict") }
        return out.isEmpty ? "no ingest options" : out.joined(separator: " ")
    }
}
