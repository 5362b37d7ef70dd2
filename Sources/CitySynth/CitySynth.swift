import CityModel
import GeoCore

/// A generated precinct (a stand-in for real boundaries in benchmarks and tests).
public struct SynthPrecinct: Sendable, Hashable {
    public var id: String
    public var polygon: Polygon
    public var inspectors: Int
    public var assistants: Int
}

/// Synthetic scale-ups of a real city for benchmarks: a k×k mosaic of mirrored copies joined at
/// their seams, plus generated precincts and random cameras. Deterministic for a given seed.
public enum CitySynth {
    public struct Options: Sendable {
        /// Tiles per side (k ≥ 1): k² copies of the city.
        public var tiles: Int
        public var seed: UInt64
        /// Number of precincts to generate (a grid over the mosaic); 0 for none.
        public var precincts: Int
        /// Random cameras per kilometre of street (0 for none).
        public var randomCamerasPerKm: Double
        /// Field of view and range given to random cameras.
        public var randomFovDeg: Double
        public var randomRangeM: Double
        /// Gap between tiles in metres.
        public var gapMeters: Double
        /// Street endpoints within this distance of a seam are joined to their mirror image.
        public var seamJoinMeters: Double
        /// Layers to build (`streets`, `buildings`, `schools`, `police`, `cameras`,
        /// `random_cameras`, `precincts`); nil for all. Skipping streets makes national-scale
        /// building sets cheap (random cameras need streets).
        public var layers: Set<String>?

        /// Names accepted in `layers`.
        public static let layerNames = ["streets", "buildings", "schools", "police", "cameras", "random_cameras", "precincts"]

        func includes(_ name: String) -> Bool { layers?.contains(name) ?? true }

        public init(tiles: Int, seed: UInt64 = 1, precincts: Int = 0, randomCamerasPerKm: Double = 0,
                    randomFovDeg: Double = 90, randomRangeM: Double = 40, gapMeters: Double = 10,
                    seamJoinMeters: Double = 30, layers: Set<String>? = nil) {
            self.layers = layers
            self.tiles = tiles
            self.seed = seed
            self.precincts = precincts
            self.randomCamerasPerKm = randomCamerasPerKm
            self.randomFovDeg = randomFovDeg
            self.randomRangeM = randomRangeM
            self.gapMeters = gapMeters
            self.seamJoinMeters = seamJoinMeters
        }
    }

    public struct Result: Sendable {
        public var city: City
        public var precincts: [SynthPrecinct]
        /// Random cameras (explicit heading, FOV and range), separate from the mapped ones.
        public var randomCameras: [CameraRecord]
        /// Number of seam connector streets added.
        public var connectors: Int
    }

    /// Throws `CovplanError(.usage)` for tiles outside 1 … `InputLimits.maxTiles`, or when
    /// `baseFeatures × tiles²` (features of the layers made) exceeds `InputLimits.maxSynthFeatures` (≈ 500 bytes per feature).
    /// `baseFeatures` nil checks the tiles alone (before the city is loaded).
    public static func checkSize(tiles: Int, baseFeatures: Int?) throws(CovplanError) {
        guard tiles >= 1, tiles <= InputLimits.maxTiles else {
            throw CovplanError(.usage, "tiles \(tiles) must be between 1 and the limit of \(InputLimits.maxTiles)")
        }
        if let n = baseFeatures {
            let total = Double(n) * Double(tiles) * Double(tiles)
            if total > InputLimits.maxSynthFeatures {
                let most = Int((InputLimits.maxSynthFeatures / Double(max(n, 1))).squareRoot())
                throw CovplanError(.usage, "tiles \(tiles) give \(InputLimits.text(total)) features (\(InputLimits.text(Double(n))) × \(tiles)²), over the limit of \(InputLimits.text(InputLimits.maxSynthFeatures)) (≈ 500 bytes each: memory); at most \(most) tiles for this city")
            }
        }
    }

    /// Builds the mosaic. Throws `.usage` for k < 1 or negative densities.
    public static func mosaic(_ city: City, _ o: Options) throws -> Result {
        // Only the layers made count: a buildings-only national set (--layers buildings,precincts)
        // of k = 64 is 2 M features, not the 13 M of every layer.
        let made = [("streets", city.streets.count), ("buildings", city.buildings.count), ("schools", city.schools.count),
                    ("police", city.police.count), ("cameras", city.cameras.count)]
        try checkSize(tiles: o.tiles, baseFeatures: made.reduce(0) { $0 + (o.includes($1.0) ? $1.1 : 0) })
        guard o.precincts >= 0, o.randomCamerasPerKm >= 0, o.randomCamerasPerKm.isFinite else {
            throw CovplanError(.usage, "precinct count and camera density must be non-negative")
        }
        if let layers = o.layers {
            let unknown = layers.subtracting(Options.layerNames).sorted()
            guard unknown.isEmpty else {
                throw CovplanError(.usage, "--layers: unknown layer \(unknown.joined(separator: ", ")) (layers: \(Options.layerNames.joined(separator: ", ")))")
            }
            if o.randomCamerasPerKm > 0, layers.contains("random_cameras"), !layers.contains("streets") {
                throw CovplanError(.usage, "--layers: random_cameras need streets")
            }
        }
        let base = city.extent
        let k = o.tiles
        var out = City(crs: city.crs, ingest: city.ingest)
        out.streets.reserveCapacity(city.streets.count * k * k)
        out.buildings.reserveCapacity(city.buildings.count * k * k)
        for row in 0..<k {
            for column in 0..<k {
                let t = MosaicTransform(base: base, column: column, row: row, gapMeters: o.gapMeters)
                let sfx = t.idSuffix
                for s in city.streets where o.includes("streets") {
                    var c = s
                    c.id += sfx
                    c.points = t.apply(s.points)
                    out.streets.append(c)
                }
                for b in city.buildings where o.includes("buildings") {
                    var c = b
                    c.id += sfx
                    c.footprint = b.footprint.map(t.apply)
                    out.buildings.append(c)
                }
                for f in city.schools where o.includes("schools") {
                    out.schools.append(Facility(id: f.id + sfx, kind: f.kind, name: f.name, location: t.apply(f.location),
                                                footprint: f.footprint.map(t.apply)))
                }
                for f in city.police where o.includes("police") {
                    out.police.append(Facility(id: f.id + sfx, kind: f.kind, name: f.name, location: t.apply(f.location),
                                               footprint: f.footprint.map(t.apply)))
                }
                for cam in city.cameras where o.includes("cameras") {
                    var c = cam
                    c.id += sfx
                    c.position = t.apply(cam.position)
                    c.headingDeg = cam.headingDeg.map { $0.isFinite ? t.apply(headingDeg: $0) : $0 }
                    out.cameras.append(c)
                }
            }
        }
        let connectors = o.includes("streets") ? seamConnectors(city, base: base, o) : []
        out.streets += connectors
        var rng = SplitMix64(seed: o.seed)
        let precincts = o.precincts > 0 && o.includes("precincts") ? grid(out.extent, count: o.precincts, rng: &rng) : []
        let cameras = o.randomCamerasPerKm > 0 && o.includes("random_cameras")
            ? randomCameras(on: out.streets, perKm: o.randomCamerasPerKm, fov: o.randomFovDeg, range: o.randomRangeM, rng: &rng)
            : []
        return Result(city: out, precincts: precincts, randomCameras: cameras, connectors: connectors.count)
    }

    /// Streets joining dangling street ends near each seam to their mirror images.
    static func seamConnectors(_ city: City, base: Envelope, _ o: Options) -> [Street] {
        // Ends shared by no other street vertex are dangling (OSM ways share junction nodes).
        var uses: [Point: Int] = [:]
        for s in city.streets { for p in s.points { uses[p, default: 0] += 1 } }
        struct End { let point: Point; let street: Street }
        var ends: [End] = []
        for s in city.streets {
            for p in [s.points[0], s.points[s.points.count - 1]] where uses[p] == 1 { ends.append(End(point: p, street: s)) }
        }
        let d = o.seamJoinMeters
        var out: [Street] = []
        let k = o.tiles
        func connector(_ e: End, _ a: MosaicTransform, _ b: MosaicTransform) -> Street {
            Street(id: "connector/\(e.street.id)\(a.idSuffix)\(b.idSuffix)", highway: e.street.highway, name: e.street.name,
                   oneway: .no, maxspeedKmh: e.street.maxspeedKmh, points: [a.apply(e.point), b.apply(e.point)])
        }
        for row in 0..<k {
            for column in 0..<k {
                let a = MosaicTransform(base: base, column: column, row: row, gapMeters: o.gapMeters)
                if column + 1 < k {
                    let b = MosaicTransform(base: base, column: column + 1, row: row, gapMeters: o.gapMeters)
                    // Seam at the original right edge for even columns, left edge for odd ones.
                    let right = column % 2 == 0
                    for e in ends where right ? (base.maxX - e.point.x <= d) : (e.point.x - base.minX <= d) {
                        out.append(connector(e, a, b))
                    }
                }
                if row + 1 < k {
                    let b = MosaicTransform(base: base, column: column, row: row + 1, gapMeters: o.gapMeters)
                    let top = row % 2 == 0
                    for e in ends where top ? (base.maxY - e.point.y <= d) : (e.point.y - base.minY <= d) {
                        out.append(connector(e, a, b))
                    }
                }
            }
        }
        return out
    }

    /// About `count` rectangular precincts covering `extent`, with seeded staffing (2–6 inspectors,
    /// 0–2 assistants).
    static func grid(_ extent: Envelope, count: Int, rng: inout SplitMix64) -> [SynthPrecinct] {
        let aspect = extent.width / max(extent.height, 1)
        let rows = max(1, Int((Double(count) / aspect).squareRoot().rounded()))
        let cols = max(1, Int((Double(count) / Double(rows)).rounded()))
        let w = extent.width / Double(cols), h = extent.height / Double(rows)
        var out: [SynthPrecinct] = []
        for r in 0..<rows {
            for c in 0..<cols {
                let x0 = extent.minX + Double(c) * w, y0 = extent.minY + Double(r) * h
                let x1 = c + 1 == cols ? extent.maxX : x0 + w, y1 = r + 1 == rows ? extent.maxY : y0 + h
                let ring: Ring = [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]
                let n = out.count + 1
                let id = "P" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
                out.append(SynthPrecinct(id: id, polygon: Polygon(exterior: ring),
                                         inspectors: 2 + Int(rng.next() % 5), assistants: Int(rng.next() % 3)))
            }
        }
        return out
    }

    /// Cameras at uniformly random positions along the streets (by length), seeded random heading.
    static func randomCameras(on streets: [Street], perKm: Double, fov: Double, range: Double,
                              rng: inout SplitMix64) -> [CameraRecord] {
        var cumulative: [Double] = []
        cumulative.reserveCapacity(streets.count)
        var total = 0.0
        for s in streets {
            total += s.lengthMeters
            cumulative.append(total)
        }
        let n = Int((total / 1000 * perKm).rounded())
        var out: [CameraRecord] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let at = rng.unit() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < at { lo = mid + 1 } else { hi = mid }
            }
            let s = streets[lo]
            let offset = at - (cumulative[lo] - s.lengthMeters)
            out.append(CameraRecord(id: "random/\(i + 1)", position: Planar.point(along: s.points, at: offset),
                                    headingDeg: (rng.unit() * 360 * 10).rounded() / 10, fovDeg: fov, rangeMeters: range,
                                    type: "fixed"))
        }
        return out
    }
}

extension CitySynth.Result {
    /// Every layer of the synthetic city in covplan's schema (working CRS): the city layers that
    /// have features, `random_cameras` and `precincts` (fields id, name, inspectors, assistants).
    public func layers() -> [FeatureLayer] {
        var out = CityLayerKind.allCases.map { CityLayers.layer($0, of: city) }.filter { !$0.features.isEmpty }
        if !randomCameras.isEmpty {
            var c = city
            c.cameras = randomCameras
            var l = CityLayers.layer(.cameras, of: c)
            l.name = "random_cameras"
            out.append(l)
        }
        if !precincts.isEmpty {
            let fields = [FieldDefinition("id", .string), FieldDefinition("name", .string),
                          FieldDefinition("inspectors", .int), FieldDefinition("assistants", .int)]
            let features = precincts.map { p in
                Feature(id: p.id, geometry: .polygon(p.polygon), values: [
                    .string(p.id), .string("Precinct \(p.id)"), .int(Int64(p.inspectors)), .int(Int64(p.assistants)),
                ])
            }
            out.append(FeatureLayer(name: "precincts", fields: fields, crs: city.crs.identifier, features: features,
                                    geometryKind: .polygon))
        }
        return out
    }
}
