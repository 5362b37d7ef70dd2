import CityModel
import GEOSBridge
import GeoCore

/// Maps reprojected raw layers to the city's domain values, validating geometries on the way.
struct CityAssembler {
    let options: CityReadOptions
    let crs: WorkingCRS
    private(set) var report = IngestReport()
    /// Per raw layer, in order: the items of `report.repaired` and `report.skipped` it added
    /// (kept in a prepared city, which rebuilds the report for any subset of kinds).
    private(set) var layerSpans: [(repaired: Range<Int>, skipped: Range<Int>)] = []

    init(options: CityReadOptions, crs: WorkingCRS) {
        self.options = options
        self.crs = crs
    }

    mutating func assemble(_ raw: [RawLayer]) throws -> City {
        var city = City(crs: crs)
        for layer in raw {
            report.warnings += layer.warnings.map { "\(layer.path): layer '\(layer.layerName)': \($0)" }
            report.readerWarnings = report.warnings.count
            let (r0, s0) = (report.repaired.count, report.skipped.count)
            defer { layerSpans.append((r0..<report.repaired.count, s0..<report.skipped.count)) }
            switch layer.kind {
            case .streets: Self.join(&city.streets, try streets(layer))
            case .buildings where options.buildingsForResidentsOnly:
                var figures = city.buildingFigures ?? BuildingFigures()
                figures.append(contentsOf: try buildingFigures(layer))
                city.buildingFigures = figures
            case .buildings: Self.join(&city.buildings, try buildings(layer))
            case .schools: Self.join(&city.schools, try facilities(layer, kind: .school))
            case .police: Self.join(&city.police, try facilities(layer, kind: .police))
            case .cameras: Self.join(&city.cameras, try cameras(layer))
            }
        }
        city.ingest = report
        return city
    }

    /// Appends `more` to `list`; takes it over whole when `list` is empty (the usual case: one
    /// layer per kind), so the values are not copied one by one.
    static func join<T>(_ list: inout [T], _ more: [T]) {
        if list.isEmpty { list = more } else { list += more }
    }

    // MARK: invalid input policy

    /// Records or throws for an unusable feature. Returns normally only when it is skipped.
    mutating func reject(_ layer: RawLayer, _ f: RawFeature, _ problem: String) throws {
        guard options.skipInvalid || options.isLenient(layer.kind) else {
            let hint = options.makeValid ? "" : " (city.skip_invalid / --skip-invalid skips such features)"
            throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: f.id, problem + hint)
        }
        report.skipped.append(.init(layer: layer.layerName, feature: f.id, problem: problem))
    }

    // MARK: streets

    /// Streets of a line layer, one per usable line part, in feature order. Two parallel passes
    /// over fixed chunks: the first counts usable parts and collects rejections (so skips and the
    /// first error are those of a sequential pass), the second builds each street in its final
    /// slot, so no street is copied.
    mutating func streets(_ layer: RawLayer) throws -> [Street] {
        let features = layer.features
        let ranges = ParallelChunks.ranges(count: features.count, chunkSize: 1 << 15)
        let census = features.withUnsafeBufferPointer { all in
            let rows = ReadOnlyBox(all)
            return ParallelChunks.map(ranges) { range in Self.census(rows.value, range) }
        }
        for chunk in census {
            for (f, problem) in chunk.rejected { try reject(layer, f, problem) }
        }
        var offsets: [Int] = []
        var total = 0
        for chunk in census {
            offsets.append(total)
            total += chunk.usable
        }
        // Features are visited through a buffer pointer: borrowed, not copied (no reference
        // counting per feature).
        return features.withUnsafeBufferPointer { all in
            let rows = ReadOnlyBox(all)
            return [Street](unsafeUninitializedCapacity: total) { buffer, count in
                let slots = ReadOnlyBox(buffer)
                _ = ParallelChunks.map(count: ranges.count) { c in
                    var k = offsets[c]
                    for i in ranges[c] {
                        Self.forEachUsablePart(of: rows.value[i]) { id, points in
                            (slots.value.baseAddress! + k).initialize(to: Self.street(rows.value[i], id: id, points: points))
                            k += 1
                        }
                    }
                    precondition(k == offsets[c] + census[c].usable, "street count changed between passes")
                }
                count = total
            }
        }
    }

    /// The number of usable line parts in some features, and the features (or parts) rejected
    /// with their problem.
    static func census(_ features: UnsafeBufferPointer<RawFeature>, _ range: Range<Int>)
        -> (usable: Int, rejected: [(RawFeature, String)])
    {
        var usable = 0
        var rejected: [(RawFeature, String)] = []
        for i in range {
            // Borrowed in place: copying the whole feature would retain and release its parts.
            if case .lineString(let line)? = features[i].geometry {
                // The common case, without building a list of parts.
                if hasTwoDistinctVertices(line) {
                    usable += 1
                } else {
                    rejected.append((RawFeature(id: features[i].id, geometry: nil, tags: [:]),
                                     "line has fewer than 2 distinct vertices"))
                }
                continue
            }
            let f = features[i]
            let lines = f.geometry?.lineStrings ?? []
            if lines.isEmpty {
                rejected.append((f, f.geometry == nil ? "no geometry" : "\(f.geometry!.typeName) where a line was expected"))
                continue
            }
            for (part, line) in lines.enumerated() {
                if hasTwoDistinctVertices(line) {
                    usable += 1
                } else {
                    rejected.append((RawFeature(id: partId(f.id, part, of: lines.count), geometry: nil, tags: [:]),
                                     "line has fewer than 2 distinct vertices"))
                }
            }
        }
        return (usable, rejected)
    }

    /// Calls `body` with the id and de-duplicated vertices of each usable line part of `f`.
    static func forEachUsablePart(of f: borrowing RawFeature, _ body: (String, [Point]) -> Void) {
        if case .lineString(let line)? = f.geometry {
            if hasTwoDistinctVertices(line) { body(f.id, dedupe(line)) }
            return
        }
        let lines = f.geometry?.lineStrings ?? []
        for (part, line) in lines.enumerated() where hasTwoDistinctVertices(line) {
            body(partId(f.id, part, of: lines.count), dedupe(line))
        }
    }

    static func street(_ f: borrowing RawFeature, id: String, points: [Point]) -> Street {
        let a = f.street ?? StreetAttributes(tags: f.tags)
        return Street(id: id, highway: a.highway, name: a.name, oneway: a.oneway, maxspeedKmh: a.maxspeedKmh, points: points)
    }

    /// `id` for a single-part feature, `id#n` (1-based) for part n of several.
    static func partId(_ id: String, _ part: Int, of count: Int) -> String {
        count > 1 ? "\(id)#\(part + 1)" : id
    }

    static func hasTwoDistinctVertices(_ line: [Point]) -> Bool {
        guard let first = line.first else { return false }
        return line.contains { $0 != first }
    }

    /// Drops consecutive duplicate vertices.
    static func dedupe(_ pts: [Point]) -> [Point] {
        var duplicates = false
        for i in pts.indices.dropFirst() where pts[i] == pts[i - 1] { duplicates = true; break }
        guard duplicates else { return pts }
        var out: [Point] = []
        out.reserveCapacity(pts.count)
        for p in pts where out.last != p { out.append(p) }
        return out
    }

    // MARK: polygons

    /// Validated polygons of each feature (nil entry: the feature was skipped).
    mutating func validPolygons(_ layer: RawLayer) throws -> [[Polygon]?] {
        let geoms = layer.features.map { $0.geometry ?? .collection([]) }
        let validity = try GeometryValidation.polygonValidity(geoms)
        var engine: GEOSEngine?
        var out: [[Polygon]?] = []
        out.reserveCapacity(geoms.count)
        for (i, f) in layer.features.enumerated() {
            guard let report = validity[i] else {
                out.append(geoms[i].polygons)
                continue
            }
            let at = report.location.map { " at (\(Self.fmt($0.x)), \(Self.fmt($0.y)))" } ?? ""
            let problem = "invalid polygon: \(report.reason ?? "invalid")\(at)"
            // An explicit --skip-invalid skips; otherwise repair when asked or when the layer is
            // context data the user did not author.
            if options.makeValid || (options.isLenient(layer.kind) && !options.skipInvalid) {
                if engine == nil { engine = try GEOSEngine() }
                let fixed = try Self.repair(geoms[i], engine: engine!)
                if fixed.isEmpty {
                    // Reported, never silent: a collapsed ring has no area to keep.
                    self.report.skipped.append(.init(layer: layer.layerName, feature: f.id,
                                                     problem: problem + "; nothing left after repair"))
                    out.append(nil)
                } else {
                    self.report.repaired.append(.init(layer: layer.layerName, feature: f.id, problem: problem))
                    out.append(fixed)
                }
            } else if options.skipInvalid {
                try reject(layer, f, problem)
                out.append(nil)
            } else {
                throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: f.id,
                                   problem + " (repair with city.make_valid / --make-valid, or skip with city.skip_invalid / --skip-invalid)")
            }
        }
        return out
    }

    /// make-valid after dropping rings GEOS cannot represent (under 4 points) and closing open
    /// rings; returns the polygons with area that remain.
    static func repair(_ g: Geometry, engine: GEOSEngine) throws -> [Polygon] {
        func fixRing(_ r: Ring) -> Ring? {
            var r = r
            if let first = r.first, r.last != first { r.append(first) }
            return r.count >= 4 ? r : nil
        }
        let polys = g.polygons.compactMap { p -> Polygon? in
            guard let ext = fixRing(p.exterior) else { return nil }
            return Polygon(exterior: ext, holes: p.holes.compactMap(fixRing))
        }
        guard !polys.isEmpty else { return [] }
        return try engine.makeValid(.multiPolygon(polys)).polygons.filter { $0.area > 0 }
    }

    static func fmt(_ v: Double) -> String { String((v * 100).rounded() / 100) }

    mutating func buildings(_ layer: RawLayer) throws -> [Building] {
        var out: [Building] = []
        out.reserveCapacity(layer.features.count)
        try forEachBuilding(layer) { _, b in
            if let b { out.append(b) }
        }
        return out
    }

    /// Calls `body` with the index of each feature of `layer` and its building (nil: skipped),
    /// in feature order, after validating every polygon (repairs and skips reported).
    mutating func forEachBuilding(_ layer: RawLayer, _ body: (Int, Building?) -> Void) throws {
        let polys = try validPolygons(layer)
        for (i, f) in layer.features.enumerated() {
            guard let p = polys[i] else { body(i, nil); continue }
            if p.isEmpty {
                try reject(layer, f, f.geometry == nil ? "no geometry" : "\(f.geometry!.typeName) where a polygon was expected")
                body(i, nil)
                continue
            }
            let tag = f.tags["building"] ?? "yes"
            let levels = OSMTags.levels(f.tags["building:levels"])
            if let l = levels, l > 200 {
                try reject(layer, f, "building:levels \(l) is not plausible")
                body(i, nil)
                continue
            }
            body(i, Building(id: f.id, footprint: p, levels: levels, buildingTag: tag, use: Building.use(forTag: tag)))
        }
    }

    /// The residents figures of a buildings layer, in feature order (a city read for residents
    /// alone): the figures read with the lean rows (`LeanBuildingRows`), and those of the
    /// features kept whole, assembled and validated exactly as `buildings` does.
    mutating func buildingFigures(_ layer: RawLayer) throws -> BuildingFigures {
        var whole: [Building?] = []
        whole.reserveCapacity(layer.features.count)
        try forEachBuilding(layer) { _, b in whole.append(b) }
        var out = BuildingFigures()
        guard let lean = layer.figures else {
            for case let b? in whole { out.append(b) }
            return out
        }
        out.reserveCapacity(lean.rows.count)
        var k = 0
        lean.rows.withUnsafeBufferPointer { rows in
            for row in rows {
                switch row {
                case .figures(let f):
                    out.append(centroid: f.centroid, footprintAreaM2: f.areaM2, levels: f.levels, use: f.use)
                case .feature:
                    if let b = whole[k] { out.append(b) }
                    k += 1
                }
            }
        }
        precondition(k == whole.count, "lean building rows out of step with the features kept whole")
        return out
    }

    mutating func facilities(_ layer: RawLayer, kind: FacilityKind) throws -> [Facility] {
        let polys = try validPolygons(layer)
        var out: [Facility] = []
        for (i, f) in layer.features.enumerated() {
            guard let footprint = polys[i], let g = f.geometry else {
                if f.geometry == nil { try reject(layer, f, "no geometry") }
                continue
            }
            let location: Point?
            if let largest = footprint.max(by: { $0.area < $1.area }) {
                location = Planar.centroid(largest.exterior)
            } else {
                location = g.representativePoint
            }
            guard let location else {
                try reject(layer, f, "empty geometry")
                continue
            }
            out.append(Facility(id: f.id, kind: kind, name: f.tags["name"], location: location, footprint: footprint))
        }
        return out
    }

    // MARK: cameras

    /// Camera records of a point layer, in feature order; built in parallel over fixed chunks,
    /// rejections handled afterwards in feature order (skips and the first error are those of a
    /// sequential pass). Cameras are a decision layer: a feature that is not a point (a line or
    /// polygon is never moved to a point), or whose heading, field of view or range cannot be
    /// read, is an error naming the camera, the field and the value (skipped and listed under
    /// `skipInvalid`). Values that read as numbers but are impossible (fov 400) are checked by
    /// the coverage analysis, by id.
    mutating func cameras(_ layer: RawLayer) throws -> [CameraRecord] {
        let features = layer.features
        let parts = features.withUnsafeBufferPointer { all in
            let rows = ReadOnlyBox(all)
            return ParallelChunks.map(ParallelChunks.ranges(count: all.count, chunkSize: 4096)) { range in
                var records: [CameraRecord] = []
                var rejected: [(Int, String)] = []
                records.reserveCapacity(range.count)
                for i in range {
                    let p: Point
                    switch rows.value[i].geometry {
                    case nil:
                        rejected.append((i, "no geometry"))
                        continue
                    case .point(let q)?: p = q
                    case .multiPoint(let pts)? where pts.count == 1: p = pts[0]
                    case let g?:
                        rejected.append((i, "\(g.typeName) where a camera point was expected (cameras are not moved to a point; give a point layer)"))
                        continue
                    }
                    switch Self.camera(rows.value[i], at: p) {
                    case .success(let r): records.append(r)
                    case .failure(let problem): rejected.append((i, problem.text))
                    }
                }
                return (records, rejected)
            }
        }
        for (_, rejected) in parts {
            for (i, problem) in rejected { try reject(layer, features[i], problem) }
        }
        return ParallelChunks.concat(parts.map(\.0))
    }

    /// A camera field that cannot be read, as a one-line problem.
    struct CameraFieldProblem: Error {
        var text: String
    }

    /// The camera of one feature, or the first field that cannot be read.
    static func camera(_ f: borrowing RawFeature, at p: Point) -> Result<CameraRecord, CameraFieldProblem> {
        /// The first present key of `keys`: nil when none, else the parsed value or a problem.
        /// One lookup per key: a number as read, else the text parsed.
        func field(_ keys: [String], _ parse: (String) -> Double?, _ expected: String) -> Result<Double?, CameraFieldProblem> {
            for k in keys {
                let t: String
                switch f.tags.value(k) {
                case nil, .null?: continue
                case .int(let i)?: return .success(Double(i))
                case .double(let d)?: return .success(d)
                case .bool(let b)?: t = b ? "true" : "false"
                case .string(let s)?: t = s
                }
                if t.trimmed(" ").isEmpty { return .success(nil) }
                guard let v = parse(t) else {
                    return .failure(CameraFieldProblem(text: "\(k) '\(t)' is not \(expected)"))
                }
                return .success(v)
            }
            return .success(nil)
        }
        let number = { (t: String) -> Double? in OSMTags.metres(t) }
        let heading: Double?, fov: Double?, range: Double?, minRange: Double?
        switch field(Self.headingKeys, OSMTags.cameraDirection,
                     "a compass bearing (degrees clockwise from north, a range such as 90-180, or N, NE, north-east, ...)") {
        case .success(let v): heading = v
        case .failure(let e): return .failure(e)
        }
        switch field(Self.fovKeys, { Double($0.trimmed(" ")) }, "a field of view in degrees") {
        case .success(let v): fov = v
        case .failure(let e): return .failure(e)
        }
        switch field(Self.rangeKeys, number, "a range in metres") {
        case .success(let v): range = v
        case .failure(let e): return .failure(e)
        }
        switch field(Self.minRangeKeys, number, "a distance in metres") {
        case .success(let v): minRange = v
        case .failure(let e): return .failure(e)
        }
        var opt: [Double?] = []
        opt.reserveCapacity(opticalFields.count)
        for (keys, expected) in opticalFields {
            let parse: (String) -> Double? = keys[0].hasSuffix("_m") ? number : { Double($0.trimmed(" ")) }
            switch field(keys, parse, expected) {
            case .success(let v): opt.append(v)
            case .failure(let e): return .failure(e)
            }
        }
        let surveillance = f.tags["surveillance"].map { s in f.tags["surveillance:type"].map { "\(s);\($0)" } ?? s }
            ?? f.tags["surveillance:type"]
        return .success(CameraRecord(
            id: f.id, position: p, headingDeg: heading, fovDeg: fov, rangeMeters: range, minRangeMeters: minRange,
            type: f.tags["type"] ?? f.tags["camera:type"], surveillance: surveillance, resolutionPx: opt[0],
            lensFovDeg: opt[1], focalLengthMm: opt[2], sensorWidthMm: opt[3], heightMeters: opt[4], tiltDeg: opt[5],
            vfovDeg: opt[6], irRangeMeters: opt[7]))
    }

    static let headingKeys = ["heading_deg", "camera:direction", "direction"]
    static let fovKeys = ["fov_deg", "camera:fov", "camera:angle"]
    static let rangeKeys = ["range_m", "camera:range"]
    static let minRangeKeys = ["min_range_m"]

    /// The optical fields of a camera layer, in `CameraRecord` order (resolution, lens FOV, focal
    /// length, sensor width, height, tilt, vertical FOV, IR range): built once, not per camera.
    static let opticalFields: [(keys: [String], expected: String)] = [
        (["resolution_px", "camera:resolution"], "a horizontal resolution in pixels"),
        (["lens_fov_deg"], "a lens field of view in degrees"),
        (["focal_length_mm", "camera:focal_length"], "a focal length in millimetres"),
        (["sensor_width_mm"], "a sensor width in millimetres"),
        (["height_m", "camera:height"], "a mounting height in metres"),
        (["tilt_deg", "camera:tilt"], "a tilt in degrees below the horizontal"),
        (["vfov_deg"], "a vertical field of view in degrees"),
        (["ir_range_m", "camera:ir_range"], "an infrared range in metres"),
    ]
}
