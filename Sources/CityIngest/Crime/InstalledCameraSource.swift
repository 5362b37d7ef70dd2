import Foundation
import CityModel
import CrimeAnalysis
import GeoCore

/// Reads cameras with installation dates for camera-impact analysis: id (`id`, `camera_id`,
/// `name`, else `fid/<FID>`), date (the named field, else `installed`, `install_date`,
/// `installed_at`, `install_year`; `PeriodText`). Cameras with an empty date are skipped and
/// counted (a mapped camera of unknown age cannot be weighed), never silently.
public enum InstalledCameraSource {
    /// - Throws: `CovplanError` naming the file, layer and camera: `.usage` when no date field is
    ///   found, `.dataError` for a date that does not parse or a year out of range.
    public static func load(path: String, layer: String? = nil, filter: String? = nil, dateField: String? = nil, workingCRS: WorkingCRS,
                            sourceCRS: String? = nil, forceSourceCRS: Bool = false) throws -> (cameras: [InstalledCamera], undated: Int) {
        let l = try WorkingLayerReader.read(path: path, layer: layer, filter: filter, defaultNames: ["cameras"], expect: .points,
                                            workingCRS: workingCRS, sourceCRS: sourceCRS, forceSourceCRS: forceSourceCRS, what: "camera")
        let idI = l.fieldIndex(nil, aliases: ["id", "camera_id", "name"])
        let dI: Int
        if let dateField { dI = try l.requiredField(dateField, purpose: "installation dates") } else {
            guard let i = l.fieldIndex(nil, aliases: ["installed", "install_date", "installed_at", "install_year"]) else {
                throw CovplanError(.usage, file: path, layer: l.layerName,
                                   "no installation date field (looked for installed, install_date, installed_at, install_year); name it with --install-field")
            }
            dI = i
        }
        var out: [InstalledCamera] = [], undated = 0
        for f in l.features {
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            if f.values[dI].isNull || f.values[dI].text?.trimmingCharacters(in: .whitespaces).isEmpty == true { undated += 1; continue }
            switch PeriodText.parse(f.values[dI]) {
            case .success(let k): out.append(InstalledCamera(id: id, point: f.geometry!.representativePoint!, installed: k))
            case .failure(let p):
                throw CovplanError(.dataError, file: path, layer: l.layerName, feature: id, "installation date '\(l.fields[dI].name)': \(p.message)")
            }
        }
        return (out, undated)
    }
}
