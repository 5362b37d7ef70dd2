import CityModel
import GeoCore

/// Reading district (precinct) polygons from a GIS source for coverage totals.
///
/// The polygons go through `CityLoader` as a polygon layer, so they get the same treatment as a
/// city's layers: any GDAL format, reprojection into the working CRS, GEOS validation (repair
/// with `makeValid`, skipping with `skipInvalid`), one-line errors naming file, layer and feature.
/// (Until CityModel has its own precinct layer kind; then this becomes a thin call to it.)
public enum DistrictSource {
    /// Layer names tried, in order, when none is given (case-insensitive); else the only layer.
    public static let defaultLayerNames = ["districts", "district", "precincts", "precinct", "areas"]

    /// Loads the districts of `path` into `crs`.
    ///
    /// - Parameters:
    ///   - layer: the layer to read; nil picks one of `defaultLayerNames` or the only layer.
    ///   - idField: field holding the district id (default: `id`, `osm_id`, else the feature id).
    ///   - nameField: field holding a display name (default: none).
    ///   - sourceCRS: CRS for a source that states none (or to override it).
    /// - Throws: `CovplanError` — `.noInput` for a missing file or unknown layer, `.usage` when
    ///   the layer cannot be chosen or a field does not exist, `.dataError` for bad geometry
    ///   or an empty layer.
    public static func load(path: String, layer: String? = nil, idField: String? = nil, nameField: String? = nil,
                            crs: WorkingCRS, sourceCRS: String? = nil, makeValid: Bool = false,
                            skipInvalid: Bool = false) throws -> [DistrictArea] {
        let chosen = try layer ?? chooseLayer(path)
        var fields: [String: String] = [:]
        if let idField { fields["id"] = idField }
        // The name rides in the building-tag slot of the polygon layer reader.
        if let nameField { fields["building"] = nameField }
        let options = LoadOptions(primary: nil, layers: [.buildings: LayerSource(path: path, layer: chosen, fields: fields)],
                                  kinds: [.buildings], workingCRS: crs.identifier, sourceCRS: sourceCRS,
                                  makeValid: makeValid, skipInvalid: skipInvalid)
        let loaded = try CityLoader.load(options)
        return loaded.buildings.map { b in
            DistrictArea(id: b.id, name: nameField == nil ? nil : b.buildingTag, polygons: b.footprint)
        }
    }

    static func chooseLayer(_ path: String) throws -> String {
        let names = try SourceInspector.describe(path).layers.map(\.name)
        for want in defaultLayerNames {
            if let n = names.first(where: { $0.lowercased() == want }) { return n }
        }
        if names.count == 1 { return names[0] }
        throw CovplanError(.usage, file: path,
                           "cannot tell which layer holds the districts (layers: \(names.joined(separator: ", "))); name one with --districts-layer")
    }
}
