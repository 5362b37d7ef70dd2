import CityModel
import GDALBridge
import GEOSBridge
import GeoCore
import PROJBridge

/// Loads a city from GIS files: read through GDAL, reproject with PROJ into one metric working
/// CRS, validate polygons with GEOS, map attributes to streets, buildings, facilities and
/// cameras.
///
/// Errors are `CovplanError`s naming the file, layer and feature: missing file (.noInput), not
/// GIS data (.noInput), unknown layer (.noInput), truncated data (.dataError), empty explicitly
/// requested layer (.dataError), non-finite coordinates (.dataError), invalid polygons unless
/// `makeValid`/`skipInvalid` (.dataError), no CRS without `sourceCRS` (.dataError).
public enum CityReader {
    /// Reads the city described by `options`.
    public static func read(_ options: CityReadOptions) throws -> City {
        var clock = PhaseClock()
        return try read(options, clock: &clock)
    }

    /// Reads the city described by `options`, recording the loader's phases on `clock`
    /// (for `--timings`). A primary source that is a prepared city (`covplan prepare`) is read
    /// by `PreparedCity` instead of GDAL, with the same result.
    public static func read(_ options: CityReadOptions, clock: inout PhaseClock) throws -> City {
        if let primary = options.primary, PreparedCity.isPrepared(primary) {
            return try PreparedCity.load(primary, options: options, clock: &clock)
        }
        if let expected = options.cityChecksum {
            try PreparedCity.checkChecksum(expected, of: options)
            clock.lap("checksum")
        }
        return try readFromSources(options, clock: &clock).city
    }

    /// What a load from GIS sources gives a prepared city besides the city: per source layer
    /// what `PreparedMeta.Layer` keeps, the names of the primary source's layers.
    struct SourceRead {
        var city: City
        var layers: [PreparedMeta.Layer]
        var primaryLayerNames: [String]
        /// The warning of the automatic working-CRS choice, if any (also in `city.ingest`).
        var crsWarning: String?
    }

    /// `lean`: buildings read for residents alone may be reduced to their figures as they are
    /// read (`LeanBuildingRows`); when the working CRS then differs from their layer's CRS, the
    /// city is read again with `lean` off.
    static func readFromSources(_ options: CityReadOptions, clock: inout PhaseClock, lean: Bool = true) throws -> SourceRead {
        var names: [String] = []
        var raw = try readRawLayers(options, clock: &clock, primaryLayerNames: &names, lean: lean)
        // --source-crs fills in a CRS for sources that state none; it replaces a stated CRS
        // only under --force-source-crs.
        for i in raw.indices {
            raw[i].crs = options.forceSourceCRS ? (options.sourceCRS ?? raw[i].crs) : (raw[i].crs ?? options.sourceCRS)
        }
        try checkCRSStated(raw)
        try checkFinite(raw)
        let extents = raw.map(LayerExtent.init)
        let (crs, crsWarning) = try chooseWorkingCRS(extents, options: options)
        clock.lap("checks and CRS")
        if raw.contains(where: { $0.figures != nil && !LeanBuildingRows.matches($0.crs, crs) }) {
            // The figures were taken in another CRS: read the buildings in full instead.
            BackgroundRelease.drop(raw)
            return try readFromSources(options, clock: &clock, lean: false)
        }
        try reproject(&raw, to: crs)
        clock.lap("reproject")
        var assembler = CityAssembler(options: options, crs: crs)
        var city = try assembler.assemble(raw)
        if let crsWarning { city.ingest.warnings.append(crsWarning) }
        city.ingest.warnings += CameraExtentCheck.warnings(city.cameras, streets: city.streets)
        city.ingest.primarySource = options.primary
        let layers = raw.indices.map { i in
            PreparedMeta.Layer(kind: raw[i].kind, path: raw[i].path, layerName: raw[i].layerName, crs: raw[i].crs,
                               extent: extents[i].extent, featureCount: raw[i].featureCount, warnings: raw[i].warnings,
                               repaired: Array(city.ingest.repaired[assembler.layerSpans[i].repaired]),
                               skipped: Array(city.ingest.skipped[assembler.layerSpans[i].skipped]))
        }
        BackgroundRelease.drop(raw)
        clock.lap("assemble")
        return SourceRead(city: city, layers: layers, primaryLayerNames: names, crsWarning: crsWarning)
    }

    // MARK: reading

    /// Reads the layers `options` asks for, recording one lap per layer kind on `clock`
    /// (`read streets`, …). When every layer comes from GeoPackages, the kinds are read at once
    /// (`ConcurrentLayerRead`), each through its own connection; the layers, warnings and the
    /// first error are those of the one-by-one read.
    static func readRawLayers(_ options: CityReadOptions, clock: inout PhaseClock,
                              primaryLayerNames: inout [String], lean: Bool = false) throws -> [RawLayer] {
        var sources: [String: VectorSource] = [:]
        func source(_ path: String) throws -> VectorSource {
            if let s = sources[path] { return s }
            let s = try openSource(path)
            sources[path] = s
            return s
        }
        let kinds = CityLayerKind.allCases.filter { options.kinds.contains($0) }
        var out: [RawLayer] = []
        var lookedFor: [String] = []
        if ConcurrentLayerRead.applies(options, kinds: kinds) {
            let reads = ConcurrentLayerRead.run(kinds) { kind in
                try readKind(kind, options: options, source: try openSource(options.layers[kind]?.path ?? options.primary!), lean: lean)
            }
            for read in reads {
                let (layers, missing) = try read.get()
                out += layers
                lookedFor += missing
            }
            clock.lap("read \(kinds.map(\.rawValue).joined(separator: " + ")) at once")
            if let primary = options.primary, kinds.contains(where: { options.layers[$0] == nil }) {
                _ = try source(primary)
            }
        } else {
            for kind in kinds {
                let path = options.layers[kind]?.path ?? options.primary
                if let path {
                    let (layers, missing) = try readKind(kind, options: options, source: try source(path), lean: lean)
                    out += layers
                    lookedFor += missing
                }
                clock.lap("read \(kind.rawValue)")
            }
        }
        if let primary = options.primary, let s = sources[primary] { primaryLayerNames = s.layerNames }
        if !out.contains(where: \.hasFeatures) {
            let path = options.primary ?? options.layers.values.first?.path ?? "input"
            let layers = (try? source(path).layerNames.joined(separator: ", ")) ?? ""
            if options.kinds.count == 1, let only = options.kinds.first {
                throw CovplanError(.dataError, file: path, "no \(only.rawValue) found (layers: \(layers.isEmpty ? "none" : layers))")
            }
            throw CovplanError(.dataError, file: path,
                               "no city features found (looked for \(options.kinds.map(\.rawValue).sorted().joined(separator: ", ")); layers: \(layers.isEmpty ? "none" : layers)); all layers are empty or unrecognised")
        }
        return out
    }

    /// Opens a GIS source for reading one or more city layers (a prepared city is refused: it
    /// is a whole city, not the source of a layer).
    static func openSource(_ path: String) throws -> VectorSource {
        if PreparedCity.isPrepared(path) {
            throw CovplanError(.usage, file: path, "a prepared city is a whole city: give it as the city, not as the source of one layer")
        }
        return try CityReadErrors.open(path)
    }

    /// The raw layers of one kind from `src` (the kind's own source, or the primary one), and
    /// the kind's name when the primary source has no layer for it.
    static func readKind(_ kind: CityLayerKind, options: CityReadOptions, source src: VectorSource, lean: Bool = false) throws
        -> (layers: [RawLayer], lookedFor: [String])
    {
        /// Reads a generic layer, buildings for residents alone when that may stand.
        func read(_ reader: GenericLayerReader, layer name: String, filter: String?, mapping: [String: String]) throws -> RawLayer {
            if kind == .buildings, lean, options.buildingsForResidentsOnly {
                let stated = try CityReadErrors.gdal(path: src.path, layer: name) { () throws(GDALError) in
                    try src.planRead(layer: name, attributeFilter: filter, fields: []).crs
                }
                let crs = options.forceSourceCRS ? (options.sourceCRS ?? stated) : (stated ?? options.sourceCRS)
                if LeanBuildingRows.mayMatch(crs, workingCRS: options.workingCRS) {
                    return try reader.readBuildingFigures(layer: name, filter: filter, mapping: mapping, sourceCRS: options.sourceCRS)
                }
            }
            return try reader.read(kind, layer: name, filter: filter, mapping: mapping, sourceCRS: options.sourceCRS)
        }
        if let spec = options.layers[kind] {
            let reader = GenericLayerReader(source: src)
            guard let name = try reader.layerName(for: kind, explicit: spec.layer, singleKind: true) else {
                throw CovplanError(.noInput, file: spec.path,
                                   "no \(kind.rawValue) layer (layers: \(src.layerNames.joined(separator: ", "))); name one")
            }
            let layer = try read(reader, layer: name, filter: spec.filter, mapping: spec.fields)
            if !layer.hasFeatures {
                throw CovplanError(.dataError, file: spec.path, layer: name,
                                   "layer is empty\(spec.filter.map { " after filter '\($0)'" } ?? ""): no \(kind.rawValue)")
            }
            return ([layer], [])
        }
        if src.driverName == "OSM" {
            return (try OSMLayerReader(source: src).read(kind, sourceCRS: options.sourceCRS), [])
        }
        let reader = GenericLayerReader(source: src)
        if let name = try reader.layerName(for: kind, explicit: nil, singleKind: try singleLayerKind(src) == kind) {
            return ([try read(reader, layer: name, filter: nil, mapping: [:])], [])
        }
        return ([], [kind.rawValue])
    }

    /// For a single-layer generic source: the kind its geometry type suggests (lines → streets,
    /// polygons → buildings); points are ambiguous and need an explicit kind.
    static func singleLayerKind(_ src: VectorSource) throws -> CityLayerKind? {
        let names = src.layerNames
        guard names.count == 1 else { return nil }
        let info = try CityReadErrors.gdal(path: src.path, layer: names[0]) { () throws(GDALError) in
            try src.info(layer: names[0])
        }
        let t = info.geometryType.lowercased()
        if t.contains("line") { return .streets }
        if t.contains("polygon") { return .buildings }
        return nil
    }

    // MARK: checks

    static func checkCRSStated(_ raw: [RawLayer]) throws {
        for l in raw where l.crs == nil && l.hasFeatures {
            throw CovplanError(.dataError, file: l.path, layer: l.layerName,
                               "the source states no CRS; give one (city.source_crs, --source-crs; e.g. EPSG:4326 for longitude/latitude)")
        }
    }

    static func checkFinite(_ raw: [RawLayer]) throws {
        for l in raw {
            let features = l.features
            if let i = features.firstIndex(where: { !$0.isFinite }) {
                throw CovplanError(.dataError, file: l.path, layer: l.layerName, feature: features[i].id,
                                   "coordinate is not finite (NaN or infinite)")
            }
        }
    }

    // MARK: CRS

    /// The working CRS and, for the automatic choice over an extent spanning UTM zones, a
    /// warning with the distortion at its edges. A given CRS whose length scale error over the
    /// data exceeds `WorkingCRSChoice.maxScaleError` is refused (.usage) unless
    /// `options.allowDistortion`.
    static func chooseWorkingCRS(_ raw: [LayerExtent], options: CityReadOptions) throws -> (WorkingCRS, String?) {
        var given: WorkingCRS?
        if let text = options.workingCRS { given = try WorkingCRSChoice.parse(text) }
        if let given, options.allowDistortion { return (given, nil) }
        guard let (crs, env) = basis(raw) else {
            if let given { return (given, nil) }
            throw CovplanError(.dataError, "no features to choose a CRS from")
        }
        if let given {
            try WorkingCRSChoice.checkDistortion(given, envelope: env, envelopeCRS: crs)
            return (given, nil)
        }
        let chosen = try WorkingCRSChoice.utm(centreOf: env, crs: crs)
        return (chosen, try WorkingCRSChoice.zoneSpanWarning(chosen, envelope: env, envelopeCRS: crs))
    }

    /// The layers the working CRS is chosen from: the streets if any, else everything; their
    /// extent in the first such layer's CRS (layers in other CRSs left out). Nil without features.
    static func basis(_ raw: [LayerExtent]) -> (crs: String, extent: Envelope)? {
        let streets = raw.filter { $0.kind == .streets && $0.hasFeatures }
        let layers = streets.isEmpty ? raw.filter(\.hasFeatures) : streets
        guard let crs = layers.first?.crs else { return nil }
        var env = Envelope.empty
        for l in layers where l.crs == crs { env.expand(by: l.extent) }
        return (crs, env)
    }

    static func reproject(_ raw: inout [RawLayer], to crs: WorkingCRS) throws {
        var transformers: [String: CoordinateTransformer] = [:]
        for li in raw.indices {
            guard let from = raw[li].crs, !raw[li].features.isEmpty else { continue }
            // A layer with lean building rows is in the working CRS here (`readFromSources`).
            // Already in the working CRS (covplan's own GeoPackages): nothing to do.
            if from.uppercased() == crs.identifier { continue }
            let t: CoordinateTransformer
            if let cached = transformers[from] {
                t = cached
            } else {
                do {
                    t = try CoordinateTransformer(from: from, to: crs.identifier)
                } catch {
                    throw CovplanError(.dataError, file: raw[li].path, layer: raw[li].layerName,
                                       "cannot transform from the source CRS to \(crs): \(error.message)")
                }
                transformers[from] = t
            }
            var all: [Point] = []
            for f in raw[li].features { f.geometry?.forEachPoint { all.append($0) } }
            do {
                try t.transform(&all)
            } catch {
                // Find the offending feature for the message.
                for f in raw[li].features {
                    guard let g = f.geometry else { continue }
                    do { _ = try t.transform(g) } catch {
                        throw CovplanError(.dataError, file: raw[li].path, layer: raw[li].layerName, feature: f.id,
                                           "cannot transform to \(crs): \(error.message) (wrong city.source_crs / --source-crs?)")
                    }
                }
                throw CovplanError(.dataError, file: raw[li].path, layer: raw[li].layerName,
                                   "cannot transform to \(crs): \(error.message)")
            }
            var k = 0
            for fi in raw[li].features.indices {
                guard let g = raw[li].features[fi].geometry else { continue }
                raw[li].features[fi].geometry = g.mapPoints { _ in
                    defer { k += 1 }
                    return all[k]
                }
            }
        }
    }
}

/// A source layer's kind, CRS and extent: all the working-CRS choice looks at.
struct LayerExtent: Equatable {
    var kind: CityLayerKind
    var crs: String?
    /// Envelope of the features' finite coordinates, in `crs`.
    var extent: Envelope
    var hasFeatures: Bool

    init(kind: CityLayerKind, crs: String?, extent: Envelope, hasFeatures: Bool) {
        self.kind = kind
        self.crs = crs
        self.extent = extent
        self.hasFeatures = hasFeatures
    }

    init(_ layer: RawLayer) {
        var env = Envelope.empty
        for i in layer.features.indices { env.expand(by: layer.features[i].extent) }  // no copy per feature
        if let lean = layer.figures { env.expand(by: lean.extent) }
        self.init(kind: layer.kind, crs: layer.crs, extent: env, hasFeatures: layer.hasFeatures)
    }
}
