import CityModel
import GeoCore
import Simulation

/// Camera-covered street stretches from line layers with `street_id`, `from_m`, `to_m`.
/// Covered stretches (`street_id`, `from_m`, `to_m`) read from any line layer.
public enum CoveredStretchSource {
    /// - Parameter layer: the layer of a multi-layer source (default: `coverage`, `covered` or the only one).
    public static func intervals(_ path: String, layer: String? = nil, city: City, sourceCRS: String?) throws -> [StreetInterval] {
        let src = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["coverage", "covered"], expect: .points,
                                              workingCRS: city.crs, sourceCRS: sourceCRS, what: "covered street")
        let s = try src.requiredField("street_id", purpose: "covered street ids")
        let a = try src.requiredField("from_m", purpose: "covered interval starts")
        let b = try src.requiredField("to_m", purpose: "covered interval ends")
        return try src.features.map { f in
            guard let id = f.values[s].text, let from = f.values[a].number, let to = f.values[b].number else {
                throw CovplanError(.dataError, file: path, layer: src.layerName, feature: f.fid, "covered stretch without street_id, from_m or to_m")
            }
            return StreetInterval(streetId: id, fromMeters: from, toMeters: to)
        }
    }

    public static func load(covered: String, cordon: String?, city: City, sourceCRS: String?) throws -> StreetCoverage {
        StreetCoverage(covered: try intervals(covered, city: city, sourceCRS: sourceCRS),
                       cordon: try cordon.map { try intervals($0, city: city, sourceCRS: sourceCRS) } ?? [])
    }
}
