import Foundation
import CityModel

extension ScenarioDocument {
    /// The scenario's name.
    public var name: String { root["name"]?.text ?? "scenario" }
    /// The seed (default 1).
    public var seed: UInt64 { UInt64(setting("seed")!.integer!) }

    /// Loader options for the `city` section, paths resolved relative to their files.
    public func cityReadOptions(kinds: Set<CityLayerKind> = Set(CityLayerKind.allCases)) -> CityReadOptions {
        let city = root["city"]
        var layers: [CityLayerKind: LayerSource] = [:]
        for (key, _, value) in city?["layers"]?.entries ?? [] {
            guard let kind = CityLayerKind(rawValue: key), let ref = Self.layerSource(value) else { continue }
            layers[kind] = ref
        }
        return CityReadOptions(primary: city?["source"]?.resolvedPath, layers: layers, kinds: kinds,
                           workingCRS: city?["crs"]?.text, sourceCRS: city?["source_crs"]?.text,
                           makeValid: city?["make_valid"]?.bool ?? false, skipInvalid: city?["skip_invalid"]?.bool ?? false,
                           strict: city?["strict"]?.bool ?? false,
                           forceSourceCRS: city?["force_source_crs"]?.bool ?? false,
                           allowDistortion: city?["allow_distortion"]?.bool ?? false)
    }

    /// A `LayerSource` from a `{source, layer, where, fields}` map.
    public static func layerSource(_ node: ConfigNode) -> LayerSource? {
        guard let path = node["source"]?.resolvedPath else { return nil }
        var fields: [String: String] = [:]
        for (k, _, v) in node["fields"]?.entries ?? [] { if let t = v.text { fields[k] = t } }
        return LayerSource(path: path, layer: node["layer"]?.text, filter: node["where"]?.text, fields: fields)
    }
}

extension ScenarioDocument {
    /// Every file the scenario reads: its own files (with those it extends) and every scalar
    /// that resolves to an existing path relative to the file that states it. For protecting
    /// inputs from outputs; over-inclusive by design.
    public var referencedPaths: [String] {
        var out = files
        func walk(_ node: ConfigNode) {
            switch node {
            case .scalar:
                if let p = node.resolvedPath, FileManager.default.fileExists(atPath: p) { out.append(p) }
            case .map(let entries, _): for e in entries { walk(e.value) }
            case .list(let items, _): for i in items { walk(i) }
            case .null: break
            }
        }
        walk(root)
        return out
    }
}
