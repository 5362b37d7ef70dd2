import Foundation
import GDALBridge
import GeoCore
import PROJBridge

/// Output vector formats.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 7946 GeoJSON in WGS 84, by covplan's own streaming writer.
    case geojson
    /// OGC GeoPackage through GDAL, in the working CRS, with QGIS/SLD styles in `layer_styles`.
    case gpkg
    /// FlatGeobuf through GDAL, in the working CRS.
    case fgb
    /// ESRI Shapefile through GDAL, in the working CRS (`.prj`, UTF-8 `.cpg`); field names over
    /// 10 characters are shortened and the map is written next to it as `NAME.fields.csv`.
    case shp
    /// CSV with the geometry as WKT (WGS 84 lon/lat) in a `WKT` column, through GDAL's CSV
    /// driver, with a UTF-8 BOM.
    case csv
    /// A PostgreSQL/PostGIS database (`-o PG:dbname=...`), schema `--pg-schema`.
    case pg

    /// The format an output path's extension names (or `PG:` prefix), or nil.
    public static func fromExtension(_ path: String) -> ExportFormat? {
        if OutputRouting.isPostgres(path) { return .pg }
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": return .geojson
        case "gpkg": return .gpkg
        case "fgb": return .fgb
        case "shp": return .shp
        case "csv": return .csv
        default: return nil
        }
    }

    /// The file extension of the format (nil for a database).
    public var fileExtension: String? {
        switch self {
        case .geojson: "geojson"
        case .gpkg: "gpkg"
        case .fgb: "fgb"
        case .shp: "shp"
        case .csv: "csv"
        case .pg: nil
        }
    }

    var gdalDriver: String {
        switch self {
        case .geojson: "GeoJSON"
        case .gpkg: "GPKG"
        case .fgb: "FlatGeobuf"
        case .shp: "ESRI Shapefile"
        case .csv: "CSV"
        case .pg: "PostgreSQL"
        }
    }
}

/// Writes `FeatureLayer`s (geometries in their `crs`, normally the working CRS) to files.
public enum LayerExport {
    /// Writes one layer to `path` atomically in `format`. GeoJSON and CSV are reprojected to
    /// WGS 84; GeoPackage, FlatGeobuf and Shapefile keep the layer's CRS, which must be an EPSG
    /// code; `.pg` writes into the `PG:` database `path` (schema from `OutputRouting`).
    ///
    /// Inside an output folder (`AtomicOutput.writeDirectory`) a GeoJSON layer follows the
    /// routing the user chose: another format under the same name, or, for a `PG:` output,
    /// collected for the database.
    public static func write(_ layer: FeatureLayer, to path: String, format: ExportFormat,
                             overwrite: Bool) throws {
        if let collector = LayerCollection.current {
            collector.add(layer)
            return
        }
        var format = format, path = path
        if format == .geojson, LayerCollection.inFolder {
            let routed = OutputRouting.current.layerFormat
            if routed != .geojson, routed != .pg, let ext = routed.fileExtension {
                format = routed
                path = (path as NSString).deletingPathExtension + "." + ext
            }
        }
        switch format {
        case .pg:
            try PostGISExport.write([layer], to: path, schema: OutputRouting.current.pgSchema, overwrite: overwrite)
        case .shp:
            try ShapefileExport.write(layer, to: path, overwrite: overwrite)
        default:
            try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
                switch format {
                case .geojson: try writeGeoJSON(layer, to: tmp)
                case .gpkg: try writeGDAL([layer], to: tmp, driver: "GPKG", extraSQL: LayerStylesTable.geoPackageSQL(GISStyleCatalog.styles(for: [layer])))
                case .csv: try writeGDAL([toWGS84(layer)], to: tmp, driver: "CSV", layerOptions: ["GEOMETRY=AS_WKT", "WRITE_BOM=YES", "CREATE_CSVT=YES"])
                default: try writeGDAL([layer], to: tmp, driver: format.gdalDriver)
                }
            }
        }
    }

    /// Writes several layers into one new GeoPackage at `path` (atomically), with every layer's
    /// QGIS/SLD style in `layer_styles` (legend texts in `loc`'s language).
    public static func writeGeoPackage(_ layers: [FeatureLayer], to path: String, overwrite: Bool,
                                       loc: Loc = .en) throws {
        if let collector = LayerCollection.current {
            collector.loc = loc
            for l in layers { collector.add(l) }
            return
        }
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
            try writeGDAL(layers, to: tmp, driver: "GPKG",
                          extraSQL: LayerStylesTable.geoPackageSQL(GISStyleCatalog.styles(for: layers, loc: loc)))
        }
    }

    /// Reprojects a layer's geometries to WGS 84 longitude/latitude.
    public static func toWGS84(_ layer: FeatureLayer) throws -> FeatureLayer {
        guard let crs = layer.crs else {
            throw CovplanError(.software, layer: layer.name, "output layer has no CRS")
        }
        if crs == "EPSG:4326" { return layer }
        let t: CoordinateTransformer
        do {
            t = try CoordinateTransformer(from: crs, to: "EPSG:4326")
        } catch {
            throw CovplanError(.software, layer: layer.name, "cannot transform to WGS 84: \(error)")
        }
        var all: [Point] = []
        for f in layer.features { f.geometry?.forEachPoint { all.append($0) } }
        do { try t.transform(&all) } catch {
            throw CovplanError(.software, layer: layer.name, "cannot transform to WGS 84: \(error)")
        }
        var out = layer
        out.crs = "EPSG:4326"
        var k = 0
        for i in out.features.indices {
            guard let g = out.features[i].geometry else { continue }
            out.features[i].geometry = g.mapPoints { _ in
                defer { k += 1 }
                return all[k]
            }
        }
        return out
    }

    /// A layer as RFC 7946 GeoJSON text in memory (reprojected to WGS 84), e.g. for an HTTP
    /// response. Throws as `toWGS84` and for a non-finite coordinate.
    public static func geoJSONBytes(_ layer: FeatureLayer) throws -> [UInt8] {
        let wgs = try toWGS84(layer)
        let w = GeoJSONWriter(name: layer.name, fields: layer.fields)
        for f in wgs.features { try w.write(f) }
        try w.finish()
        return w.bytes
    }

    /// GeoJSON has no schema: readers (GDAL, hence QGIS and geopandas) type a property from its
    /// values, and one that is null on every feature comes out as text. So a numeric or boolean
    /// field without a single value is left out of the GeoJSON copy (an absent member reads as
    /// null); GeoPackage, PostGIS, Shapefile and FlatGeobuf keep it with its type.
    static func writeGeoJSON(_ layer: FeatureLayer, to path: String) throws {
        let wgs = try dropUntypedEmptyFields(toWGS84(layer))
        let w = try GeoJSONWriter(path: path, name: layer.name, fields: wgs.fields)
        for f in wgs.features { try w.write(f) }
        try w.finish()
    }

    /// The layer without its numeric and boolean fields that are null on every feature.
    static func dropUntypedEmptyFields(_ layer: FeatureLayer) -> FeatureLayer {
        let keep = layer.fields.indices.filter { i in
            layer.fields[i].type == .string || layer.features.contains { i < $0.values.count && !$0.values[i].isNull }
        }
        guard keep.count < layer.fields.count, !layer.features.isEmpty else { return layer }
        var out = layer
        out.fields = keep.map { layer.fields[$0] }
        for j in out.features.indices {
            let v = out.features[j].values
            out.features[j].values = keep.map { $0 < v.count ? v[$0] : .null }
        }
        return out
    }

    static func epsg(_ crs: String?, layer: String) throws -> Int? {
        guard let crs else { return nil }
        guard crs.uppercased().hasPrefix("EPSG:"), let code = Int(crs.dropFirst(5)) else {
            throw CovplanError(.software, layer: layer, "output CRS '\(crs.prefix(40))' is not an EPSG code")
        }
        return code
    }

    static func writeGDAL(_ layers: [FeatureLayer], to path: String, driver: String, extraSQL: [String] = [],
                          layerOptions: [String] = []) throws {
        if let collector = LayerCollection.current {
            for l in layers { collector.add(l) }
            return
        }
        do {
            let w = try VectorWriter(path: path, driver: driver)
            for l in layers {
                try w.writeLayer(name: l.name, geometryType: l.geometryKind, epsg: try epsg(l.crs, layer: l.name),
                                 fields: l.fields, features: l.features,
                                 layerOptions: layerOptions + (driver == "FlatGeobuf" ? ["SPATIAL_INDEX=YES"] : []))
            }
            for sql in extraSQL { try w.execute(sql: sql) }
            try w.close()
        } catch let e as GDALError {
            throw CovplanError(.cannotCreate, file: path, "\(e)")
        }
    }
}
