import CityModel
import GeoCore

extension CensusZones {
    /// Reads zones from any GDAL polygon layer; `field` holds residents. Throws `.usage` for a
    /// missing field, `.dataError` for counts that are not non-negative numbers (naming the zone).
    public static func load(path: String, layer: String? = nil, field: String, workingCRS: WorkingCRS,
                            sourceCRS: String? = nil, makeValid: Bool = false) throws -> CensusZones {
        let l = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["census", "zones", "population"],
                                            expect: .polygons, workingCRS: workingCRS, sourceCRS: sourceCRS,
                                            makeValid: makeValid, what: "census zone")
        let fi = try l.requiredField(field, purpose: "census counts")
        let idIndex = l.fieldIndex(nil, aliases: ["id", "zone_id", "code"])
        var ids: [String] = [], polys: [[Polygon]] = [], counts: [Double] = []
        for f in l.features {
            let id = idIndex.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            guard let n = f.values[fi].number, n.isFinite, n >= 0 else {
                throw CovplanError(.dataError, file: path, layer: l.layerName, feature: id,
                                   "\(field) '\(f.values[fi].text ?? "NULL")' is not a non-negative number")
            }
            ids.append(id)
            polys.append(f.geometry?.polygons ?? [])
            counts.append(n)
        }
        return CensusZones(ids: ids, polygons: polys, residents: counts, source: "\(path):\(l.layerName) field \(field)")
    }
}
