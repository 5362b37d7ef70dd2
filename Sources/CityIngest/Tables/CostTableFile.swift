import Budget
import Foundation
import GeoCore

extension CostTable {
    /// The seed table with a JSON cost file laid over it (see `merging(jsonData:source:)`).
    ///
    /// - Throws: `CovplanError(.noInput)` when the file cannot be read, `.dataError` for a bad figure.
    public static func load(path: String) throws -> CostTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CovplanError(.noInput, file: path, "cannot read the cost file")
        }
        return try seed.merging(jsonData: data, source: path)
    }
}
