import CityModel
import GDALBridge
import GeoCore

/// What a GIS source contains, as GDAL sees it.
public struct SourceDescription: Sendable {
    public var path: String
    /// GDAL driver short name ("OSM", "GPKG", ...).
    public var driver: String
    public var layers: [LayerInfo]
}

public enum SourceInspector {
    /// Lists the layers of `path` with exact feature counts, geometry types and CRSs (for a
    /// prepared city: one layer per kind, see `PreparedCity.describe`).
    /// Throws `.noInput` for a missing or non-GIS file, `.dataError` for a truncated one and for a
    /// source whose every layer is empty.
    public static func describe(_ path: String) throws -> SourceDescription {
        if PreparedCity.isPrepared(path) { return try PreparedCity.describe(path) }
        let src = try CityReadErrors.open(path)
        var layers: [LayerInfo] = []
        for name in src.layerNames {
            layers.append(try CityReadErrors.gdal(path: path, layer: name) { () throws(GDALError) in
                try src.info(layer: name)
            })
        }
        if layers.isEmpty || layers.allSatisfy({ $0.featureCount == 0 }) {
            let which = layers.isEmpty ? "it has no layers" : "every layer is empty (\(layers.map(\.name).joined(separator: ", ")))"
            throw CovplanError(.dataError, file: path, "no features: \(which)")
        }
        return SourceDescription(path: path, driver: src.driverName, layers: layers)
    }
}
