import CityModel
import GDALBridge
import GeoCore

/// A buildings layer read for residents alone (`CityReadOptions.buildingsForResidentsOnly`): on
/// the reading threads, each footprint that `SimpleRingCheck` proves valid is reduced at once to
/// its residents figures (centroid, area, levels, use) and its geometry dropped, so no building
/// value, tag list or id string is kept for it. Every other feature (not proven valid, no or
/// non-finite geometry, implausible levels) is kept whole and assembled exactly as in a full
/// read, so repairs, skips and errors, and their order, are those of a full read.
///
/// Figures are taken in the layer's own CRS: the loader reads the layer again in full when the
/// working CRS turns out to be another one (`LeanBuildingRows.needsFullRead`).
struct LeanBuildingRows: Sendable {
    /// One feature of the layer, in layer order.
    enum Row: Sendable {
        /// A footprint proven valid: its figures, and the envelope of its coordinates.
        case figures(Figures)
        /// A feature kept whole (also the next one of `RawLayer.features`).
        indirect case feature(RawFeature)
    }

    /// The residents figures of one proven-valid footprint (source CRS).
    struct Figures: Sendable {
        var centroid: Point
        var areaM2: Double
        var levels: Double?
        var use: BuildingUse
        var envelope: Envelope
    }

    var rows: [Row]
    /// Envelope of the coordinates of the `.figures` rows (source CRS).
    var extent: Envelope

    /// The CRS a working CRS must equal for the figures to stand (they are not reprojected).
    static func matches(_ layerCRS: String?, _ working: WorkingCRS) -> Bool {
        layerCRS?.uppercased() == working.identifier
    }

    /// Whether a layer in `crs` may be read lean: its figures can only stand in a projected
    /// metric working CRS equal to it, i.e. the given working CRS or, for the automatic choice, a
    /// UTM zone (EPSG 32601–32660, 32701–32760). Any other CRS is read in full at once.
    static func mayMatch(_ crs: String?, workingCRS given: String?) -> Bool {
        guard let crs = crs?.uppercased() else { return false }
        if let given { return (try? WorkingCRSChoice.parse(given))?.identifier == crs }
        guard crs.hasPrefix("EPSG:"), let code = Int(crs.dropFirst(5)) else { return false }
        return (32601...32660).contains(code) || (32701...32760).contains(code)
    }
}

extension GenericLayerReader {
    /// Reads buildings layer `name` for residents alone (see `LeanBuildingRows`). Same fields,
    /// filter, mapping and errors as `read(_:layer:filter:mapping:sourceCRS:)`.
    func readBuildingFigures(layer name: String, filter: String?, mapping: [String: String], sourceCRS: String?) throws
        -> RawLayer
    {
        let plan = try fieldPlan(.buildings, layer: name, mapping: mapping)
        let (keys, positions) = (plan.keys, plan.positions)
        let idSlot = keys.firstIndex(of: "id")
        let buildingSlot = plan.slot("building"), levelsSlot = plan.slot("building:levels")
        let read = try CityReadErrors.gdal(path: source.path, layer: name) { () throws(GDALError) in
            try source.read(layer: name, attributeFilter: filter, fields: plan.fields, singleRings: true) { row -> LeanBuildingRows.Row in
                if let ring = row.singleRing {
                    // The common footprint, straight from the blob into a reused buffer.
                    if let f = Self.figures(ring: ring, levels: levelsSlot.map(row.value), building: buildingSlot.map(row.value)) {
                        return .figures(f)
                    }
                } else if let g = row.geometry, let f = Self.figures(g, levels: levelsSlot.map(row.value),
                                                                     building: buildingSlot.map(row.value)) {
                    return .figures(f)
                }
                let values = positions.map(row.value)
                return .feature(RawFeature(id: idSlot.flatMap { values[$0].text } ?? "fid/\(row.fid)",
                                           geometry: row.geometry, tags: Tags(keys: keys, values: values)))
            }
        }
        // The rows stay as read (one array); the features kept whole are listed beside them.
        var features: [RawFeature] = []
        var extent = Envelope.empty
        read.rows.withUnsafeBufferPointer { rows in
            for r in rows {
                switch r {
                case .figures(let f): extent.expand(by: f.envelope)
                case .feature(let f): features.append(f)
                }
            }
        }
        let rows = read.rows
        return RawLayer(kind: .buildings, path: source.path, layerName: name, crs: read.crs ?? sourceCRS,
                        features: features, warnings: read.warnings,
                        figures: LeanBuildingRows(rows: rows, extent: extent))
    }

    /// The figures of footprint `g` when it is certainly valid (`SimpleRingCheck`), all finite,
    /// and its levels plausible; nil when the feature must be assembled in full. `levels` and
    /// `building` are the values of the layer's levels and building fields, if any. The figures
    /// are those `CityAssembler.buildings` and `BuildingFigures` give for the same feature.
    static func figures(_ g: Geometry, levels: FieldValue?, building: FieldValue?) -> LeanBuildingRows.Figures? {
        guard SimpleRingCheck.provesValid(g) else { return nil }
        let footprint = g.polygons
        // What `RawFeature.measure` gives (a proven footprint has only finite coordinates).
        var envelope = Envelope.empty
        for p in footprint {
            p.exterior.withUnsafeBufferPointer { for q in $0 { envelope.expand(by: q) } }
            for h in p.holes { h.withUnsafeBufferPointer { for q in $0 { envelope.expand(by: q) } } }
        }
        guard envelope.minX.isFinite, envelope.maxX.isFinite, envelope.minY.isFinite, envelope.maxY.isFinite else { return nil }
        let l = Self.levels(levels)
        if let l, l > 200 { return nil }
        let tag = building?.text ?? "yes"
        return LeanBuildingRows.Figures(centroid: BuildingFigures.centroid(of: footprint),
                                        areaM2: BuildingFigures.area(of: footprint), levels: l,
                                        use: Building.use(forTag: tag), envelope: envelope)
    }

    /// `figures(.polygon(Polygon(exterior: ring)), …)` without making the polygon: the same
    /// checks, and the same arithmetic in the same order (`Centroid.of`, `Polygon.area` of one
    /// ring), so the figures are bit-identical (`BuildingFiguresReadTests`).
    static func figures(ring: [Point], levels: FieldValue?, building: FieldValue?) -> LeanBuildingRows.Figures? {
        guard ring.count <= SimpleRingCheck.sweepAbove + 1 else {
            return figures(.polygon(Polygon(exterior: ring)), levels: levels, building: building)
        }
        guard SimpleRingCheck.isSimple(ring) else { return nil }
        var envelope = Envelope.empty
        ring.withUnsafeBufferPointer { for q in $0 { envelope.expand(by: q) } }
        guard envelope.minX.isFinite, envelope.maxX.isFinite, envelope.minY.isFinite, envelope.maxY.isFinite else { return nil }
        let l = Self.levels(levels)
        if let l, l > 200 { return nil }
        let tag = building?.text ?? "yes"
        let (centroid, area) = Centroid.ofRing(ring)
        return LeanBuildingRows.Figures(centroid: centroid, areaM2: area, levels: l, use: Building.use(forTag: tag),
                                        envelope: envelope)
    }

    /// `OSMTags.levels` of the value's text, without making the text for the common whole
    /// number read from a real field (for which the text parses back to the same number).
    static func levels(_ v: FieldValue?) -> Double? {
        if case .double(let d)? = v, d.sign == .plus, d < 1e15, d == d.rounded() { return d }
        return OSMTags.levels(v?.text)
    }
}
