import CityModel
import Coverage
import Foundation
import GeoCore

extension CameraDefaults {
    /// The built-in table overlaid with the JSON file at `path` (see `merging(json:source:)`).
    /// Throws `.noInput` when the file cannot be read.
    public static func load(path: String, over base: CameraDefaults = .builtIn) throws(CovplanError) -> CameraDefaults {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read camera defaults file")
        }
        return try base.merging(json: data, source: path)
    }
}
