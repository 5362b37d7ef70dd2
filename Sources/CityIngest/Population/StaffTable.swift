import CityModel
import GDALBridge
import GeoCore

/// Staff per precinct from a table (CSV or any GDAL layer): columns `precinct_id` (or `id`,
/// `precinct`), `inspectors`, optional `assistants`.
public enum StaffTable {
    /// Joins the table into `precincts` by id. Throws `.dataError` listing every id that matches
    /// no precinct, for duplicate rows, and for counts that are not whole non-negative numbers;
    /// `.usage` when the id or inspectors column is missing. Returns warnings for precincts
    /// without a row (they stay unstaffed).
    public static func join(_ path: String, into precincts: inout [Precinct]) throws -> [String] {
        let src = try CityReadErrors.open(path)
        guard let name = src.layerNames.first else { throw CovplanError(.dataError, file: path, "no table in the staff file") }
        let (table, _) = try CityReadErrors.gdal(path: path, layer: nil) { () throws(GDALError) in try src.read(layer: name) }
        let names = table.fields.map(\.name).joined(separator: ", ")
        guard let idCol = ["precinct_id", "id", "precinct", "code"].lazy.compactMap({ table.fieldIndex($0) }).first else {
            throw CovplanError(.usage, file: path, "no precinct id column (precinct_id, id, precinct or code); columns: \(names)")
        }
        guard let inspCol = ["inspectors", "n_inspectors", "inspector_count"].lazy.compactMap({ table.fieldIndex($0) }).first else {
            throw CovplanError(.usage, file: path, "no inspectors column; columns: \(names)")
        }
        let asstCol = ["assistants", "n_assistants", "assistant_count"].lazy.compactMap { table.fieldIndex($0) }.first
        var index: [String: Int] = [:]
        for (i, p) in precincts.enumerated() { index[p.id] = i }
        var unknown: [String] = []
        var seen = Set<String>()
        for (row, f) in table.features.enumerated() {
            guard let id = f.values[idCol].text?.trimmingCharacters(), !id.isEmpty else {
                throw CovplanError(.dataError, file: path, feature: "row \(row + 2)", "empty precinct id")
            }
            guard seen.insert(id).inserted else {
                throw CovplanError(.dataError, file: path, feature: "row \(row + 2)", "precinct \(id) appears twice")
            }
            guard let k = index[id] else { unknown.append(id); continue }
            precincts[k].inspectors = try PrecinctReader.wholeCount(f.values[inspCol], what: "inspectors", file: path, layer: nil,
                                                                   feature: "row \(row + 2) (precinct \(id))")
            if let asstCol, !f.values[asstCol].isNull {
                precincts[k].assistants = try PrecinctReader.wholeCount(f.values[asstCol], what: "assistants", file: path,
                                                                       layer: nil, feature: "row \(row + 2) (precinct \(id))")
            }
        }
        if !unknown.isEmpty {
            let shown = unknown.prefix(20).joined(separator: ", ")
            throw CovplanError(.dataError, file: path,
                               "\(unknown.count) precinct id\(unknown.count == 1 ? "" : "s") match no precinct: \(shown)\(unknown.count > 20 ? ", ..." : "")")
        }
        return precincts.filter { !seen.contains($0.id) }.map { "precinct \($0.id): no row in the staff table; unstaffed" }
    }
}
