import CGDAL
import GeoCore

/// Summary of one layer of a vector source.
public struct LayerInfo: Sendable, Equatable {
    public let name: String
    /// Feature count as the driver reports it; for streaming formats (OSM) this is counted by a
    /// full read, so it is exact.
    public let featureCount: Int
    /// OGR geometry type name, e.g. "Line String", "Multi Polygon".
    public let geometryType: String
    /// The layer CRS as a PROJ-accepted definition ("EPSG:4326" when GDAL knows the code, else
    /// WKT2); nil when the source states no CRS.
    public let crs: String?
    public let fields: [FieldDefinition]
}

/// A vector dataset opened read-only through GDAL/OGR (any format GDAL reads: OSM PBF/XML,
/// GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV with WKT or x/y columns, ...).
///
/// Owned by one task; not thread-safe. Errors are `GDALError`s carrying GDAL's message.
public final class VectorSource {
    private let handle: GDALDatasetH
    /// The path it was opened from.
    public let path: String
    /// The GDAL driver's short name, e.g. "OSM", "GPKG", "GeoJSON", "CSV".
    public let driverName: String

    /// Opens `path` as a vector dataset. CSV files get open options that recognise `WKT`/
    /// `geometry` columns and `x`/`lon`/`longitude`, `y`/`lat`/`latitude` columns.
    public init(path: String, openOptions: [String] = []) throws(GDALError) {
        self.path = path
        var options = openOptions
        if path.lowercased().hasSuffix(".csv") {
            options += [
                "GEOM_POSSIBLE_NAMES=WKT,wkt,geometry,geom,the_geom",
                "X_POSSIBLE_NAMES=x,X,lon,Lon,LON,longitude,Longitude,easting",
                "Y_POSSIBLE_NAMES=y,Y,lat,Lat,LAT,latitude,Latitude,northing",
                "KEEP_GEOM_COLUMNS=NO",
            ]
        }
        let opts = CStringList(options)
        let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY) | UInt32(GDAL_OF_VERBOSE_ERROR)
        let result: (GDALDatasetH?, String?) = withErrorCapture { capture in
            let h = GDALOpenEx(path, flags, nil, opts.constRaw, nil)
            return (h, capture.lastFailure)
        }
        guard let h = result.0 else {
            let why = result.1 ?? "not recognised as a supported vector format"
            throw GDALError(.cannotOpen, function: "GDALOpenEx", message: why)
        }
        handle = h
        driverName = GDALGetDriverShortName(GDALGetDatasetDriver(h)).map { String(cString: $0) } ?? "?"
    }

    deinit { GDALClose(handle) }

    /// Layer names in dataset order.
    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    func layer(named name: String) throws(GDALError) -> OGRLayerH {
        guard let l = GDALDatasetGetLayerByName(handle, name) else {
            let known = layerNames.joined(separator: ", ")
            throw GDALError(.noSuchLayer, function: "GDALDatasetGetLayerByName",
                            message: "no layer named '\(name)' (layers: \(known))")
        }
        return l
    }

    /// The attribute schema of a layer (cheap: no features are read).
    public func fields(layer name: String) throws(GDALError) -> [FieldDefinition] {
        Self.fields(OGR_L_GetLayerDefn(try layer(named: name)))
    }

    /// Describes a layer. The feature count is forced (a full scan for streaming drivers).
    public func info(layer name: String) throws(GDALError) -> LayerInfo {
        let l = try layer(named: name)
        let defn = OGR_L_GetLayerDefn(l)
        let count: Int = try withErrorCapture { (capture) throws(GDALError) -> Int in
            var c = Int(OGR_L_GetFeatureCount(l, 1))
            if c < 0 {
                // Streaming drivers (OSM) cannot count without reading: count by reading.
                c = 0
                OGR_L_ResetReading(l)
                while let f = OGR_L_GetNextFeature(l) {
                    OGR_F_Destroy(f)
                    c += 1
                }
            }
            if let failure = capture.lastFailure {
                throw GDALError(.readFailed, function: "OGR_L_GetFeatureCount", message: failure)
            }
            return c
        }
        OGR_L_ResetReading(l)
        let gtype = OGRGeometryTypeToName(OGR_L_GetGeomType(l)).map { String(cString: $0) } ?? "Unknown"
        return LayerInfo(name: name, featureCount: count, geometryType: gtype,
                         crs: Self.crsDefinition(OGR_L_GetSpatialRef(l)), fields: Self.fields(defn))
    }

    static func fields(_ defn: OGRFeatureDefnH?) -> [FieldDefinition] {
        guard let defn else { return [] }
        return (0..<OGR_FD_GetFieldCount(defn)).map { i in
            let fd = OGR_FD_GetFieldDefn(defn, i)
            let name = String(cString: OGR_Fld_GetNameRef(fd))
            let type: FieldType
            switch OGR_Fld_GetType(fd) {
            case OFTInteger where OGR_Fld_GetSubType(fd) == OFSTBoolean: type = .bool
            case OFTInteger, OFTInteger64: type = .int
            case OFTReal: type = .double
            default: type = .string
            }
            return FieldDefinition(name, type)
        }
    }

    /// A CRS definition string for PROJ: "AUTH:CODE" when known, else WKT2.
    static func crsDefinition(_ srs: OGRSpatialReferenceH?) -> String? {
        guard let srs else { return nil }
        if let auth = OSRGetAuthorityName(srs, nil), let code = OSRGetAuthorityCode(srs, nil) {
            return "\(String(cString: auth)):\(String(cString: code))"
        }
        var wkt: UnsafeMutablePointer<CChar>?
        let opts = CStringList(["FORMAT=WKT2_2019"])
        guard OSRExportToWktEx(srs, &wkt, opts.constRaw) == OGRERR_NONE, let wkt else { return nil }
        defer { VSIFree(wkt) }
        return String(cString: wkt)
    }

    /// Reads a whole layer as plain values, in the layer's own CRS.
    ///
    /// - Parameters:
    ///   - attributeFilter: an OGR SQL `WHERE` expression, e.g. `"highway IS NOT NULL"`.
    ///   - fields: names of the fields to read (all when nil); unknown names throw.
    ///   - featureId: how to name a feature for messages; default the OGR FID.
    /// - Returns: the layer with its warnings (non-fatal GDAL messages).
    /// - Throws: `GDALError` `.noSuchLayer`, `.badQuery` for a rejected filter, `.readFailed` when
    ///   GDAL reports a failure during the read (a truncated file is never read as a shorter one).
    public func read(
        layer name: String, attributeFilter: String? = nil, fields wanted: [String]? = nil,
        featureId: (([FieldValue], Int64) -> String)? = nil
    ) throws(GDALError) -> (layer: FeatureLayer, warnings: [String]) {
        let l = try layer(named: name)
        let defn = OGR_L_GetLayerDefn(l)
        let all = Self.fields(defn)
        var indices: [Int32] = []
        if let wanted {
            for w in wanted {
                guard let i = all.firstIndex(where: { $0.name == w }) else {
                    throw GDALError(.badQuery, function: "OGR_FD_GetFieldIndex",
                                    message: "no field '\(w)' in layer '\(name)' (fields: \(all.map(\.name).joined(separator: ", ")))")
                }
                indices.append(Int32(i))
            }
        } else {
            indices = (0..<Int32(all.count)).map { $0 }
        }
        let schema = indices.map { all[Int($0)] }
        let crs = Self.crsDefinition(OGR_L_GetSpatialRef(l))
        return try withErrorCapture { (capture) throws(GDALError) in
            if OGR_L_SetAttributeFilter(l, attributeFilter) != OGRERR_NONE {
                let why = capture.lastFailure ?? "rejected"
                throw GDALError(.badQuery, function: "OGR_L_SetAttributeFilter",
                                message: "attribute filter '\(attributeFilter ?? "")': \(why)")
            }
            defer { OGR_L_SetAttributeFilter(l, nil) }
            OGR_L_ResetReading(l)
            var features: [Feature] = []
            var wkb: [UInt8] = []
            while let f = OGR_L_GetNextFeature(l) {
                defer { OGR_F_Destroy(f) }
                if let failure = capture.lastFailure {
                    throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
                }
                let fid = OGR_F_GetFID(f)
                var values: [FieldValue] = []
                values.reserveCapacity(indices.count)
                for (k, i) in indices.enumerated() { values.append(Self.value(f, i, schema[k].type)) }
                var geometry: Geometry?
                if let g = OGR_F_GetGeometryRef(f) {
                    do {
                        geometry = try Self.decode(g, buffer: &wkb)
                    } catch {
                        throw GDALError(.readFailed, function: "OGR_G_ExportToIsoWkb",
                                        message: "feature \(featureId?(values, fid) ?? String(fid)): \(error)")
                    }
                }
                features.append(Feature(id: featureId?(values, fid) ?? String(fid), geometry: geometry, values: values))
            }
            if let failure = capture.lastFailure {
                throw GDALError(.readFailed, function: "OGR_L_GetNextFeature", message: failure)
            }
            return (FeatureLayer(name: name, fields: schema, crs: crs, features: features), capture.warnings)
        }
    }

    static func value(_ f: OGRFeatureH, _ i: Int32, _ type: FieldType) -> FieldValue {
        guard OGR_F_IsFieldSetAndNotNull(f, i) != 0 else { return .null }
        switch type {
        case .bool: return .bool(OGR_F_GetFieldAsInteger(f, i) != 0)
        case .int: return .int(OGR_F_GetFieldAsInteger64(f, i))
        case .double: return .double(OGR_F_GetFieldAsDouble(f, i))
        case .string: return .string(String(cString: OGR_F_GetFieldAsString(f, i)))
        }
    }

    /// Geometry → WKB → value; curves are linearised first.
    static func decode(_ g: OGRGeometryH, buffer: inout [UInt8]) throws -> Geometry? {
        var geom = g
        var owned: OGRGeometryH?
        if OGR_G_HasCurveGeometry(g, 1) != 0 {
            owned = OGR_G_GetLinearGeometry(g, 0, nil)
            if let owned { geom = owned }
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        if OGR_G_IsEmpty(geom) != 0 { return nil }
        let size = Int(OGR_G_WkbSize(geom))
        if buffer.count < size { buffer = [UInt8](repeating: 0, count: size) }
        let err = buffer.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(geom, wkbNDR, $0.baseAddress) }
        guard err == OGRERR_NONE else { throw WKB.DecodeError(message: "OGR could not export geometry (error \(err))") }
        return try buffer.withUnsafeBytes { try WKB.decode(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
    }
}
