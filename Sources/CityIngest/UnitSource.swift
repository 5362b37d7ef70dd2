import CityModel
import GeoCore
import Simulation
import StreetGraph

/// Units (patrol cars, foot patrols, posts) from a point layer: id (`id`, `unit_id`, `post_id`,
/// `name`), optional travel mode (`mode`: drive/car/patrol_car or walk/foot/foot_patrol) and kind.
public enum UnitSource {
    /// Throws `.dataError` naming the file, layer and unit for an unknown mode.
    public static func load(path: String, layer: String?, city: City, sourceCRS: String?) throws -> [UnitSite] {
        let layer = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["units", "posts"], expect: .points,
                                                workingCRS: city.crs, sourceCRS: sourceCRS, what: "unit")
        let idI = layer.fieldIndex(nil, aliases: ["id", "unit_id", "post_id", "name"])
        let modeI = layer.fieldIndex(nil, aliases: ["mode", "travel_mode"])
        let kindI = layer.fieldIndex(nil, aliases: ["kind", "unit_type", "type"])
        return try layer.features.map { f in
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            var mode: TravelMode?
            if let i = modeI, let text = f.values[i].text?.lowercased(), !text.isEmpty {
                switch text {
                case "drive", "car", "patrol_car": mode = .drive
                case "walk", "foot", "foot_patrol": mode = .walk
                default:
                    throw CovplanError(.dataError, file: path, layer: layer.layerName, feature: id,
                                       "unknown unit mode '\(text)' (expected drive or walk)")
                }
            }
            return UnitSite(id: id, location: f.geometry!.representativePoint!, mode: mode,
                            kind: kindI.flatMap { f.values[$0].text })
        }
    }
}

/// Hot spots (points with an optional weight) from a point layer.
public enum HotSpotSource {
    /// Throws `.dataError` naming the hot spot whose weight is missing or not a number.
    public static func load(path: String, layer: String?, weightField: String?, city: City, sourceCRS: String?) throws -> HotSpots {
        let layer = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["hot_spots", "hotspots", "incidents"],
                                                expect: .points, workingCRS: city.crs, sourceCRS: sourceCRS, what: "hot spot")
        let idI = layer.fieldIndex(nil, aliases: ["id", "name"])
        let wI = try weightField.map { try layer.requiredField($0, purpose: "hot-spot weights") } ?? layer.fieldIndex(nil, aliases: ["weight"])
        var ids: [String] = [], points: [Point] = [], weights: [Double] = []
        for f in layer.features {
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            var w = 1.0
            if let wI {
                guard let v = f.values[wI].number else {
                    throw CovplanError(.dataError, file: path, layer: layer.layerName, feature: id, "hot-spot weight is missing or not a number")
                }
                w = v
            }
            ids.append(id)
            points.append(f.geometry!.representativePoint!)
            weights.append(w)
        }
        return HotSpots(ids: ids, points: points, weights: weights)
    }
}
