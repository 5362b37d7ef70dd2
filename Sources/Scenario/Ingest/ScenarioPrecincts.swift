import CityIngest
import CityModel
import GeoCore
import Staffing

/// The scenario's `precincts` section: a precinct layer, or generated stand-ins.
enum ScenarioPrecincts {
    static func precincts(_ doc: ScenarioDocument, city: City, model: ResidentsModel) throws -> (PrecinctSet, generated: Bool) {
        guard let p = doc.root.at("precincts") else { throw CovplanError(.software, "no precincts section") }
        let opts = doc.cityReadOptions()
        if let g = p["generate"] {
            let inspectors = g["inspectors"]?.integer ?? 1
            var offices: [PrecinctGenerator.Office]
            if let ref = g["offices"].flatMap(ScenarioDocument.layerSource) {
                let layer = try WorkingLayerReader.read(path: ref.path, layer: ref.layer, filter: ref.filter,
                                                        defaultNames: ["offices", "police"], expect: .points,
                                                        workingCRS: city.crs, sourceCRS: opts.sourceCRS,
                                                        forceSourceCRS: opts.forceSourceCRS, what: "office")
                let idI = layer.fieldIndex(ref.fields["id"], aliases: ["id", "office_id", "precinct_id"])
                offices = layer.features.compactMap { f in
                    f.geometry?.representativePoint.map {
                        PrecinctGenerator.Office(id: idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)", location: $0)
                    }
                }
            } else if let count = g["count"]?.integer {
                offices = try PrecinctGenerator.officeSites(count: count, buildings: city.buildings, model: model, seed: doc.seed)
            } else if !city.police.isEmpty {
                offices = city.police.map { PrecinctGenerator.Office(id: $0.id, location: $0.location) }
            } else {
                throw SchemaValidator.error(g.location, "precincts.generate needs 'count' or 'offices' (the city has no police stations)")
            }
            let list = try PrecinctGenerator.voronoi(offices: offices, city: city, inspectors: inspectors)
            return (PrecinctSet(precincts: list, source: "generated stand-in: Voronoi around \(offices.count) offices"), true)
        }
        guard let path = p["source"]?.resolvedPath else {
            throw SchemaValidator.error(p.location, "precincts need 'source: FILE' or 'generate: {count: N}'")
        }
        var fields: [String: String] = [:]
        for (k, _, v) in p["fields"]?.entries ?? [] { if let t = v.text { fields[k] = t } }
        let source = PrecinctSource(path: path, layer: p["layer"]?.text, filter: p["where"]?.text,
                                    idField: fields["id"], nameField: fields["name"],
                                    inspectorsField: p["inspectors_field"]?.text ?? fields["inspectors"],
                                    assistantsField: p["assistants_field"]?.text ?? fields["assistants"],
                                    populationField: doc.root.at("population.field")?.text,
                                    staffTable: p["staff"]?.resolvedPath,
                                    overlapToleranceM2: doc.setting("precincts.overlap_tolerance_m2")!.number!)
        return (try PrecinctReader.read(source, workingCRS: city.crs, sourceCRS: opts.sourceCRS, makeValid: opts.makeValid), false)
    }
}
