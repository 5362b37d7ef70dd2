import GDALBridge
import GeoCore

/// Reads layers of a covplan run folder's `layers.gpkg` (already in the run's working CRS) for
/// `covplan compare`'s before/after maps.
public enum RunFolderLayers {
    /// The layers named in `names` that `DIR/layers.gpkg` has, by name; an empty dictionary when
    /// the folder has no layers.gpkg (a run without layers has no maps to compare).
    /// - Throws: `CovplanError` naming the file and layer when GDAL cannot read one.
    public static func read(runFolder dir: String, names: [String]) throws -> [String: FeatureLayer] {
        let path = dir + "/layers.gpkg"
        guard FileCheck.exists(path) else { return [:] }
        let src = try CityReadErrors.open(path)
        let present = Set(src.layerNames)
        var out: [String: FeatureLayer] = [:]
        for name in names where present.contains(name) {
            let (layer, _) = try CityReadErrors.gdal(path: path, layer: name) { () throws(GDALError) in try src.read(layer: name) }
            out[name] = layer
        }
        return out
    }
}
