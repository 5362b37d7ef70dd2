import Foundation
import GeoCore
import PlacementModels

extension CameraCostTable {
    /// The built-in table with a JSON file laid over it (see `merging(jsonData:source:)`).
    public static func load(path: String) throws -> CameraCostTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read the cost file")
        }
        return try builtIn.merging(jsonData: data, source: path)
    }
}
