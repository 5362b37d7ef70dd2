import CityModel
import GeoCore
import Simulation

/// Real calls for service from a point layer.
public enum CallSource {
    /// Reads calls (points with a time field, optional type and on-scene time) into the working CRS.
    /// Throws `.dataError` naming the file and layer when there is no time field or a time is bad.
    public static func load(_ path: String, layer: String?, timeField: String?, typeField: String?, city: City,
                            sourceCRS: String?) throws -> (records: [CallRecord], origin: String) {
        let l = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["incidents", "calls"], expect: .points,
                                            workingCRS: city.crs, sourceCRS: sourceCRS, what: "incident")
        let idI = l.fieldIndex(nil, aliases: ["id", "incident_id", "call_id"])
        let timeI: Int
        if let timeField {
            timeI = try l.requiredField(timeField, purpose: "incident times")
        } else if let i = l.fieldIndex(nil, aliases: ["time", "datetime", "call_time", "timestamp", "time_s", "reported_at"]) {
            timeI = i
        } else {
            throw CovplanError(.dataError, file: path, layer: l.layerName,
                               "the incident layer has no time field (looked for time, datetime, call_time, timestamp, time_s); name it with --time-field")
        }
        let typeI = try typeField.map { try l.requiredField($0, purpose: "incident types") }
            ?? l.fieldIndex(nil, aliases: ["type", "incident_type", "category"])
        let secI = l.fieldIndex(nil, aliases: ["on_scene_s"])
        let minI = l.fieldIndex(nil, aliases: ["on_scene_min"])
        let ids = l.features.map { f in idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)" }
        let (times, origin) = try CallTimes.studySeconds(l.features.map { $0.values[timeI] }, ids: ids, source: path)
        var out: [CallRecord] = []
        for (k, f) in l.features.enumerated() {
            var scene: Double?
            if let i = secI, let v = f.values[i].number { scene = v } else if let i = minI, let v = f.values[i].number { scene = v * 60 }
            out.append(CallRecord(id: ids[k], location: f.geometry!.representativePoint!, timeSeconds: times[k],
                                  type: typeI.flatMap { f.values[$0].text }, onSceneSeconds: scene))
        }
        return (out, origin)
    }
}

