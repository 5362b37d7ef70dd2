import CityModel
import GDALBridge
import GeoCore

/// Where precincts come from and how their fields map.
public struct PrecinctSource: Sendable, Hashable {
    /// Any GDAL-readable polygon source.
    public var path: String
    /// Layer name; nil picks `precincts`/`districts`/`beats` or the only layer.
    public var layer: String?
    /// OGR SQL attribute filter.
    public var filter: String?
    /// Field names; nil tries the aliases in `PrecinctReader.aliases`.
    public var idField: String?
    public var nameField: String?
    public var inspectorsField: String?
    public var assistantsField: String?
    /// A numeric residents field (the "field" population method).
    public var populationField: String?
    /// A CSV (or any GDAL table) with staff per precinct id: replaces the staff fields.
    public var staffTable: String?
    /// Overlaps up to this area (m²) are tolerated as digitising slivers (reported in
    /// `PrecinctSet.overlaps`); larger ones are errors. Points in an overlap count once, for
    /// the precinct listed first.
    public var overlapToleranceM2: Double

    public init(path: String, layer: String? = nil, filter: String? = nil, idField: String? = nil,
                nameField: String? = nil, inspectorsField: String? = nil, assistantsField: String? = nil,
                populationField: String? = nil, staffTable: String? = nil, overlapToleranceM2: Double = PrecinctOverlaps.defaultToleranceM2) {
        self.path = path
        self.layer = layer
        self.filter = filter
        self.idField = idField
        self.nameField = nameField
        self.inspectorsField = inspectorsField
        self.assistantsField = assistantsField
        self.populationField = populationField
        self.staffTable = staffTable
        self.overlapToleranceM2 = overlapToleranceM2
    }
}

/// Loads precincts from any GDAL polygon layer into the working CRS.
///
/// Rules (each violation is one `CovplanError` naming file, layer and feature):
/// duplicate or empty ids (.dataError); inspectors/assistants that are not whole non-negative
/// numbers (.dataError); a named field that does not exist (.usage); invalid polygons unless
/// `makeValid`; overlaps larger than the tolerance (.dataError, listing ids and overlap areas);
/// a staff table with ids that match no precinct (.dataError, listing them) or duplicate rows.
/// Null staff values and precincts without a staff row count as 0 inspectors (unstaffed) and
/// are listed in `warnings`.
public enum PrecinctReader {
    public static let aliases: [String: [String]] = [
        "id": ["id", "precinct_id", "precinct", "code", "uchastok_id"],
        "name": ["name", "precinct_name", "title"],
        "inspectors": ["inspectors", "n_inspectors", "inspector_count", "staff"],
        "assistants": ["assistants", "n_assistants", "assistant_count"],
    ]

    public static func read(_ source: PrecinctSource, workingCRS: WorkingCRS, sourceCRS: String? = nil,
                            makeValid: Bool = false) throws -> PrecinctSet {
        let layer = try WorkingLayerReader.read(
            path: source.path, layer: source.layer, filter: source.filter,
            defaultNames: ["precincts", "districts", "beats", "uchastki"], expect: .polygons,
            workingCRS: workingCRS, sourceCRS: sourceCRS, makeValid: makeValid, what: "precinct")
        let idIndex = try source.idField.map { (f) throws(CovplanError) in try layer.requiredField(f, purpose: "precinct ids") }
            ?? layer.fieldIndex(nil, aliases: aliases["id"]!)
        let nameIndex = try source.nameField.map { (f) throws(CovplanError) in try layer.requiredField(f, purpose: "precinct names") }
            ?? layer.fieldIndex(nil, aliases: aliases["name"]!)
        let popIndex = try source.populationField.map { (f) throws(CovplanError) in try layer.requiredField(f, purpose: "residents") }
        var inspIndex: Int?, asstIndex: Int?
        if source.staffTable == nil {
            inspIndex = try source.inspectorsField.map { (f) throws(CovplanError) in try layer.requiredField(f, purpose: "inspectors") }
                ?? layer.fieldIndex(nil, aliases: aliases["inspectors"]!)
            asstIndex = try source.assistantsField.map { (f) throws(CovplanError) in try layer.requiredField(f, purpose: "assistants") }
                ?? layer.fieldIndex(nil, aliases: aliases["assistants"]!)
        }
        var warnings: [String] = []
        var precincts: [Precinct] = []
        var seen: [String: String] = [:]
        for f in layer.features {
            let id = idIndex.flatMap { f.values[$0].text }.map { $0.trimmingCharacters() } ?? "fid/\(f.fid)"
            guard !id.isEmpty else {
                throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: "fid/\(f.fid)", "empty precinct id")
            }
            if let other = seen[id] {
                throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: id,
                                   "duplicate precinct id (features \(other) and fid/\(f.fid))")
            }
            seen[id] = "fid/\(f.fid)"
            func count(_ index: Int?, _ what: String) throws -> Int {
                guard let index else { return 0 }
                let v = f.values[index]
                if v.isNull {
                    warnings.append("precinct \(id): \(what) is empty; counted as 0")
                    return 0
                }
                return try wholeCount(v, what: what, file: layer.path, layer: layer.layerName, feature: id)
            }
            var population: Double?
            if let popIndex {
                guard let n = f.values[popIndex].number, n.isFinite, n >= 0 else {
                    throw CovplanError(.dataError, file: layer.path, layer: layer.layerName, feature: id,
                                       "residents '\(f.values[popIndex].text ?? "NULL")' is not a non-negative number")
                }
                population = n
            }
            precincts.append(Precinct(id: id, name: nameIndex.flatMap { f.values[$0].text },
                                      polygons: f.geometry?.polygons ?? [],
                                      inspectors: try count(inspIndex, "inspectors"),
                                      assistants: try count(asstIndex, "assistants"), populationField: population))
        }
        if inspIndex == nil && source.staffTable == nil {
            warnings.append("no inspectors field and no staff table: every precinct is unstaffed (give --inspectors-field or --staff)")
        }
        if let table = source.staffTable {
            warnings += try StaffTable.join(table, into: &precincts)
        }
        let overlaps = try PrecinctOverlaps.find(precincts)
        let big = overlaps.filter { $0.areaM2 > source.overlapToleranceM2 }
        if !big.isEmpty {
            let listed = big.prefix(10).map(\.description).joined(separator: "; ")
            let more = big.count > 10 ? "; and \(big.count - 10) more pairs" : ""
            throw CovplanError(.dataError, file: layer.path, layer: layer.layerName,
                               "precincts overlap: \(listed)\(more) (tolerance \(PrecinctOverlap.fmt(source.overlapToleranceM2)) m²); residents would be counted twice")
        }
        for o in overlaps { warnings.append("\(o) (under the tolerance; counted once, for \(o.first))") }
        return PrecinctSet(precincts: precincts, source: "\(layer.path):\(layer.layerName)", warnings: warnings, overlaps: overlaps)
    }

    /// A whole non-negative count from a field value.
    static func wholeCount(_ v: FieldValue, what: String, file: String, layer: String?, feature: String) throws(CovplanError) -> Int {
        guard let n = v.number, n.isFinite, n >= 0, n == n.rounded(), n < 1e9 else {
            throw CovplanError(.dataError, file: file, layer: layer, feature: feature,
                               "\(what) '\(v.text ?? "NULL")' is not a whole non-negative number")
        }
        return Int(n)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
