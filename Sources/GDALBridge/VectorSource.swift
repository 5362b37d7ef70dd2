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

    public init(name: String, featureCount: Int, geometryType: String, crs: String?, fields: [FieldDefinition]) {
        self.name = name
        self.featureCount = featureCount
        self.geometryType = geometryType
        self.crs = crs
        self.fields = fields
    }
}

/// A vector dataset opened read-only through GDAL/OGR (any format GDAL reads: OSM PBF/XML,
/// GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV with WKT or x/y columns, ...).
///
/// Owned by one task; not thread-safe. Errors are `GDALError`s carrying GDAL's message.
public final class VectorSource {
    let handle: GDALDatasetH
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
}
