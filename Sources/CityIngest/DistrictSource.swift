import CityModel
import Coverage
import GeoCore

/// Reading district (precinct) polygons from a GIS source for coverage totals.
///
/// A thin call to `PrecinctReader`: any GDAL polygon format, reprojection into the
/// working CRS, GEOS validation (repair with `makeValid`), ids from the id field (aliases `id`,
/// `precinct_id`, ...; else the feature id), names from the name field (aliases `name`, ...),
/// duplicate ids and overlaps beyond 1 m² rejected — each error one line naming file, layer and
/// feature. Layer default: `precincts`, `districts`, `beats` or the only layer.
public enum DistrictSource {
    /// Loads the districts of `path` into `crs`. Throws `CovplanError` (`.noInput` missing file
    /// or layer, `.usage` unknown field, `.dataError` bad geometry, duplicate ids, overlaps).
    public static func load(path: String, layer: String? = nil, idField: String? = nil, nameField: String? = nil,
                            crs: WorkingCRS, sourceCRS: String? = nil, makeValid: Bool = false) throws -> [DistrictArea] {
        let set = try PrecinctReader.read(PrecinctSource(path: path, layer: layer, idField: idField, nameField: nameField),
                                          workingCRS: crs, sourceCRS: sourceCRS, makeValid: makeValid)
        return set.precincts.map { DistrictArea(id: $0.id, name: $0.name, polygons: $0.polygons) }
    }
}
