import Foundation
import GeoCore
import StreetGraph

extension SpeedTable {
    /// Reads a `--speeds` file and applies it over the defaults for `mode`.
    ///
    /// - Throws: `CovplanError(.noInput)` when the file cannot be read, else as `overriding`.
    public static func load(_ mode: TravelMode, path: String) throws -> SpeedTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read speed table")
        }
        return try overriding(mode, json: data, source: path)
    }
}
