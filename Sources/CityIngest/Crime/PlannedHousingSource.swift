import CityModel
import CrimeAnalysis
import GeoCore

/// Reads planned housing (points or polygons): id (`id`, `name`, else `fid/<FID>`), residents
/// (`residents`, `population`, `flats_residents`; or estimated from a polygon footprint by
/// `ResidentsModel` with `levels` / `building:levels`), year (`year`, `move_in_year`,
/// `completion_year`, or a date; `PeriodText`).
public enum PlannedHousingSource {
    /// - Throws: `CovplanError` naming file, layer and complex: `.usage` for a named field the
    ///   layer lacks or a layer without a year field; `.dataError` for a missing or out-of-range
    ///   year, negative or non-numeric residents or levels, or a point without residents.
    public static func load(path: String, layer: String? = nil, filter: String? = nil, residentsField: String? = nil, yearField: String? = nil,
                            workingCRS: WorkingCRS, sourceCRS: String? = nil, forceSourceCRS: Bool = false) throws -> [PlannedHousing] {
        let l = try WorkingLayerReader.read(path: path, layer: layer, filter: filter, defaultNames: ["planned_housing", "housing"], expect: .points,
                                            workingCRS: workingCRS, sourceCRS: sourceCRS, forceSourceCRS: forceSourceCRS, what: "planned housing")
        let idI = l.fieldIndex(nil, aliases: ["id", "name"])
        let rI = try residentsField.map { try l.requiredField($0, purpose: "planned residents") }
            ?? l.fieldIndex(nil, aliases: ["residents", "population", "flats_residents"])
        let yI: Int
        if let yearField { yI = try l.requiredField(yearField, purpose: "move-in years") } else {
            guard let i = l.fieldIndex(nil, aliases: ["year", "move_in_year", "completion_year"]) else {
                throw CovplanError(.usage, file: path, layer: l.layerName,
                                   "no year field (looked for year, move_in_year, completion_year; fields: \(l.fields.map(\.name).joined(separator: ", "))); name it with --housing-year-field")
            }
            yI = i
        }
        let lvI = l.fieldIndex(nil, aliases: ["levels", "building:levels", "floors"])
        var out: [PlannedHousing] = []
        for f in l.features {
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            func fail(_ m: String) -> CovplanError { CovplanError(.dataError, file: path, layer: l.layerName, feature: id, m) }
            let year: Int
            switch PeriodText.parse(f.values[yI]) {
            case .success(let k): year = k.year
            case .failure(let p): throw fail("year field '\(l.fields[yI].name)': \(p.message)")
            }
            var residents: Double?
            if let rI, !f.values[rI].isNull {
                guard let r = f.values[rI].number, r.isFinite else { throw fail("residents '\(f.values[rI].text ?? "")' is not a number") }
                guard r >= 0 else { throw fail("residents is negative (\(r))") }
                residents = r
            }
            var levels: Double?
            if let lvI, !f.values[lvI].isNull {
                guard let v = f.values[lvI].number, v.isFinite, v > 0 else { throw fail("levels '\(f.values[lvI].text ?? "")' must be a positive number") }
                levels = v
            }
            let g = f.geometry!
            let footprint = g.polygons
            if residents == nil && footprint.isEmpty {
                throw fail("no residents: a point needs a residents field (residents, population); a polygon can be estimated from its footprint and levels")
            }
            let loc = Centroid.of(footprint) ?? g.representativePoint!
            out.append(PlannedHousing(id: id, location: loc, footprint: footprint, residents: residents, levels: levels, year: year))
        }
        return out
    }
}
