import CityModel
import CrimeAnalysis
import GeoCore

/// Incidents (crimes, calls) for crime analysis, in the working CRS.
public struct IncidentLayer: Sendable {
    public var ids: [String]
    public var points: [Point]
    /// Per incident (≥ 0), when a weight field was named.
    public var weights: [Double]?
    /// Per incident, when a time field was named.
    public var periods: [PeriodKey]?
    /// `path` or `path:layer` for outputs.
    public var source: String
}

/// Reads an incident layer: points (any geometry: its representative point), an id (`id`,
/// `incident_id`, `crime_id`, `call_id`, else `fid/<FID>`), an optional weight field and an
/// optional time field (`PeriodText`).
public enum IncidentSource {
    /// - Throws: `CovplanError` naming the file, layer and incident: `.usage` for a named field
    ///   the layer lacks, `.dataError` for a missing or negative weight, a missing date or a year
    ///   out of range (plus the reader's errors for the file itself).
    public static func load(path: String, layer: String? = nil, filter: String? = nil, weightField: String? = nil, timeField: String? = nil,
                            workingCRS: WorkingCRS, sourceCRS: String? = nil, forceSourceCRS: Bool = false) throws -> IncidentLayer {
        let l = try WorkingLayerReader.read(path: path, layer: layer, filter: filter, defaultNames: ["incidents", "crimes", "calls"], expect: .points,
                                            workingCRS: workingCRS, sourceCRS: sourceCRS, forceSourceCRS: forceSourceCRS, what: "incident")
        let idI = l.fieldIndex(nil, aliases: ["id", "incident_id", "crime_id", "call_id"])
        let wI = try weightField.map { try l.requiredField($0, purpose: "incident weights") }
        let tI = try timeField.map { try l.requiredField($0, purpose: "incident times") }
        var ids: [String] = [], pts: [Point] = [], weights: [Double] = [], periods: [PeriodKey] = []
        for f in l.features {
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            ids.append(id)
            pts.append(f.geometry!.representativePoint!)
            if let wI {
                guard let w = f.values[wI].number, w.isFinite else {
                    throw CovplanError(.dataError, file: path, layer: l.layerName, feature: id, "weight '\(l.fields[wI].name)' is missing or not a number")
                }
                guard w >= 0 else {
                    throw CovplanError(.dataError, file: path, layer: l.layerName, feature: id, "weight '\(l.fields[wI].name)' is negative (\(w))")
                }
                weights.append(w)
            }
            if let tI {
                switch PeriodText.parse(f.values[tI]) {
                case .success(let k): periods.append(k)
                case .failure(let p):
                    throw CovplanError(.dataError, file: path, layer: l.layerName, feature: id, "time field '\(l.fields[tI].name)': \(p.message)")
                }
            }
        }
        return IncidentLayer(ids: ids, points: pts, weights: wI == nil ? nil : weights, periods: tI == nil ? nil : periods,
                             source: layer.map { "\(path):\($0)" } ?? path)
    }
}
