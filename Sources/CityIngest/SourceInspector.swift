import CityModel
import GDALBridge
import GeoCore

/// What a GIS source contains, as GDAL sees it.
public struct SourceDescription: Sendable {
    public var path: String
    /// GDAL driver short name ("OSM", "GPKG", ...).
    public var driver: String
    public var layers: [LayerInfo]
    /// For a prepared city: what made it, from what, and the values it stores.
    public var prepared: PreparedCityInfo? = nil
}

/// What a prepared city says about itself (`covplan inspect city.covplan`): the covplan and
/// libraries that made it, its city checksum, its source files, and the values it stores besides
/// the city with the builder version of each.
public struct PreparedCityInfo: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        /// "city" for the primary source, else the layer kind it supplies.
        public var role: String
        /// As given to `covplan prepare`.
        public var path: String
        public var bytes: UInt64
    }

    public struct Stored: Sendable, Equatable {
        /// What the value is ("obstacle index", "drive graph", "drive graph's snaps", …).
        public var value: String
        /// The builder version it was made with; nil when its version section fails its checksum.
        public var version: UInt32?
        /// This covplan's builder version: a load refuses the file as stale when they differ.
        public var current: UInt32
    }

    public var producer: String
    /// Hex SHA-256 of the sources (what `--city-checksum` pins).
    public var cityChecksum: String
    public var sources: [Source]
    public var stored: [Stored]
    /// Size of the file, bytes.
    public var fileBytes: Int
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
