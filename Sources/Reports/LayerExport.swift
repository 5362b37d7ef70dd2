import Foundation
import GDALBridge
import GeoCore
import PROJBridge

/// Output vector formats.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 7946 GeoJSON in WGS 84, by covplan's own streaming writer.
    case geojson
    /// OGC GeoPackage through GDAL, in the working CRS.
    case gpkg
    /// FlatGeobuf through GDAL, in the working CRS.
    case fgb

    /// The format an output path's extension names, or nil.
    public static func fromExtension(_ path: String) -> ExportFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": .geojson
        case "gpkg": .gpkg
        case "fgb": .fgb
        default: nil
        }
    }

    var gdalDriver: String {
        switch self {
        case .geojson: "GeoJSON"
        case .gpkg: "GPKG"
        case .fgb: "FlatGeobuf"
        }
    }
}

/// Writes `FeatureLayer`s (geometries in their `crs`, normally the working CRS) to files.
public enum LayerExport {
    /// Writes one layer to `path` atomically in `format`. GeoJSON is reprojected to WGS 84;
    /// GeoPackage and FlatGeobuf keep the layer's CRS, which must be an EPSG code.
    public static func write(_ layer: FeatureLayer, to path: String, format: ExportFormat,
                             overwrite: Bool) throws {
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
            switch format {
            case .geojson: try writeGeoJSON(layer, to: tmp)
            case .gpkg, .fgb: try writeGDAL([layer], to: tmp, driver: format.gdalDriver)
            }
        }
    }

    /// Writes several layers into one new GeoPackage at `path` (atomically).
    public static func writeGeoPackage(_ layers: [FeatureLayer], to path: String, overwrite: Bool,
                                       extraSQL: [String] = []) throws {
        try AtomicOutput.writeFile(path, overwrite: overwrite) { tmp in
            try writeGDAL(layers, to: tmp, driver: "GPKG", extraSQL: extraSQL)
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

    static func writeGeoJSON(_ layer: FeatureLayer, to path: String) throws {
        let wgs = try toWGS84(layer)
        let w = try GeoJSONWriter(path: path, name: layer.name, fields: layer.fields)
        for f in wgs.features { try w.write(f) }
        try w.finish()
    }

    static func epsg(_ crs: String?, layer: String) throws -> Int? {
        guard let crs else { return nil }
        guard crs.uppercased().hasPrefix("EPSG:"), let code = Int(crs.dropFirst(5)) else {
            throw CovplanError(.software, layer: layer, "output CRS '\(crs.prefix(40))' is not an EPSG code")
        }
        return code
    }

    static func writeGDAL(_ layers: [FeatureLayer], to path: String, driver: String, extraSQL: [String] = []) throws {
        do {
            let w = try VectorWriter(path: path, driver: driver)
            for l in layers {
                try w.writeLayer(name: l.name, geometryType: l.geometryKind, epsg: try epsg(l.crs, layer: l.name),
                                 fields: l.fields, features: l.features,
                                 layerOptions: driver == "FlatGeobuf" ? ["SPATIAL_INDEX=YES"] : [])
            }
            for sql in extraSQL { try w.execute(sql: sql) }
            try w.close()
        } catch let e as GDALError {
            throw CovplanError(.cannotCreate, file: path, "\(e)")
        }
    }
}
