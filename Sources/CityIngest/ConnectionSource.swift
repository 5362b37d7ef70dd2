import Budget
import CityModel
import GeoCore

/// Objects for the control-centre connection analysis from a point (or polygon) layer: `id`
/// (or `name`), `kind` (`school`, `control_centre`, ...), `connected` (required: true/false,
/// yes/no, 1/0, да/нет, иә/жоқ), `pupils` (optional number ≥ 0).
///
/// Objects of kind `control_centre` (also `цоу`, `control_center`) are connection points and
/// count as connected; at least one connection point must exist.
public enum ConnectionSource {
    public static let controlCentreKinds: Set<String> = ["control_centre", "control_center", "цоу", "жбо", "ccc"]

    /// - Throws: `CovplanError(.dataError)` naming the file, layer and object: no `connected`
    ///   field, a missing or unreadable `connected` value, pupils that are not a number in
    ///   0…1,000,000, a control centre marked unconnected, duplicate ids, no connection point.
    public static func load(path: String, layer: String?, city: City, sourceCRS: String?) throws -> (objects: [ConnectionObject], points: [Point]) {
        let l = try WorkingLayerReader.read(path: path, layer: layer, defaultNames: ["connections", "objects", "schools"], expect: .points,
                                            workingCRS: city.crs, sourceCRS: sourceCRS, what: "connection object")
        guard let cI = l.fieldIndex(nil, aliases: ["connected", "connected_cou", "is_connected"]) else {
            throw CovplanError(.dataError, file: path, layer: l.layerName,
                               "no 'connected' field (fields: \(l.fields.map(\.name).joined(separator: ", ")))")
        }
        let idI = l.fieldIndex(nil, aliases: ["id", "object_id", "school_id", "name"])
        let nameI = l.fieldIndex(nil, aliases: ["name"])
        let kindI = l.fieldIndex(nil, aliases: ["kind", "type", "amenity"])
        let pI = l.fieldIndex(nil, aliases: ["pupils", "students", "people"])
        var objects: [ConnectionObject] = [], points: [Point] = []
        var seen = Set<String>()
        for f in l.features {
            let id = idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)"
            func bad(_ problem: String) -> CovplanError { CovplanError(.dataError, file: path, layer: l.layerName, feature: id, problem) }
            guard seen.insert(id).inserted else { throw bad("duplicate id") }
            guard let p = f.geometry?.representativePoint, p.isFinite else { throw bad("no location") }
            let kind = (kindI.flatMap { f.values[$0].text } ?? "school").lowercased()
            let cc = controlCentreKinds.contains(kind)
            var connected: Bool
            switch f.values[cI] {
            case .bool(let b): connected = b
            case .null where cc: connected = true
            case .null: throw bad("'connected' is missing (expected true or false)")
            case let v:
                switch v.text!.lowercased().trimmingCharacters(in: .whitespaces) {
                case "true", "yes", "1", "y", "да", "иә": connected = true
                case "false", "no", "0", "n", "нет", "жоқ": connected = false
                case let t: throw bad("'connected' must be true or false, found '\(t)'")
                }
            }
            if cc && !connected { throw bad("a control centre is a connection point and cannot be unconnected") }
            connected = connected || cc
            var pupils: Double?
            if let pI, !f.values[pI].isNull {
                guard let n = f.values[pI].number, n.isFinite, n >= 0, n <= 1_000_000 else {
                    throw bad("pupils must be a number in 0…1,000,000, found '\(f.values[pI].text ?? "")'")
                }
                pupils = n
            }
            objects.append(ConnectionObject(id: id, name: nameI.flatMap { f.values[$0].text }, kind: kind, connected: connected, pupils: pupils))
            points.append(p)
        }
        guard objects.contains(where: \.connected) else {
            throw CovplanError(.dataError, file: path, layer: l.layerName, "no connection point: no object is connected and there is no control centre")
        }
        return (objects, points)
    }
}
