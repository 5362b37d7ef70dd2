import CityIngest
import CityModel
import Coverage
import GeoCore

/// The scenario's layers besides the city and precincts: the camera inventory's sources,
/// districts and posts, read in the city's working CRS.
enum ScenarioLayers {
    /// The inventory: mapped cameras (unless `include_mapped: false`) plus every `sources` layer,
    /// whose cameras without a type get the source's `type`.
    /// Each source is read in the city's working CRS (already checked for distortion) with the
    /// city's `skip_invalid`; what it skipped and its warnings (cameras far outside the streets)
    /// are added to `report`.
    static func inventory(_ doc: ScenarioDocument, city: City, report: inout IngestReport) throws -> [CameraRecord] {
        var out = doc.root.at("cameras.include_mapped")?.bool == false ? [] : city.cameras
        let opts = doc.cityReadOptions()
        for node in doc.root.at("cameras.sources")?.items ?? [] {
            guard let src = ScenarioDocument.layerSource(node) else { continue }
            let loaded = try CityReader.read(CityReadOptions(layers: [.cameras: src], kinds: [.cameras], workingCRS: city.crs.identifier,
                                                         sourceCRS: opts.sourceCRS, makeValid: opts.makeValid,
                                                         skipInvalid: opts.skipInvalid, forceSourceCRS: opts.forceSourceCRS,
                                                         allowDistortion: true))
            report.skipped += loaded.ingest.skipped
            report.warnings += loaded.ingest.warnings.dropFirst(loaded.ingest.readerWarnings).map { "\(src.path): \($0)" }
            report.warnings += CameraExtentCheck.warnings(loaded.cameras, streets: city.streets).map { "\(src.path): \($0)" }
            let type = node["type"]?.text
            out += loaded.cameras.map { c in
                var c = c
                if c.type == nil { c.type = type }
                return c
            }
        }
        return out
    }

    /// `districts` polygons (empty without the section).
    static func districts(_ doc: ScenarioDocument, city: City) throws -> [DistrictArea] {
        guard let node = doc.root.at("districts"), let src = ScenarioDocument.layerSource(node) else { return [] }
        let opts = doc.cityReadOptions()
        return try DistrictSource.load(path: src.path, layer: src.layer, idField: src.fields["id"], nameField: src.fields["name"],
                                       crs: city.crs, sourceCRS: opts.sourceCRS, makeValid: opts.makeValid)
    }

    /// `posts`: a layer (`from: layer`), the city's schools or cameras, else its police stations.
    /// Throws `.dataError` naming the file for a layer without posts.
    static func posts(_ doc: ScenarioDocument, city: City) throws -> (ids: [String], points: [Point]) {
        let p = doc.root.at("posts")
        let from = p?["from"]?.text ?? "police"
        func none(_ what: String) -> CovplanError {
            SchemaValidator.error(p?.location ?? doc.root.location,
                                  "the city has no \(what) to use as posts: give a layer of posts ('posts.from: layer' in a scenario, --from FILE on the command line)")
        }
        switch from {
        case "none":
            return ([], [])
        case "schools":
            guard !city.schools.isEmpty else { throw none("schools") }
            return (city.schools.map(\.id), city.schools.map(\.location))
        case "cameras":
            guard !city.cameras.isEmpty else { throw none("cameras") }
            return (city.cameras.map(\.id), city.cameras.map(\.position))
        default: break
        }
        if from == "layer" {
            guard let ref = p?["layer"].flatMap(ScenarioDocument.layerSource) else {
                throw SchemaValidator.error(p!.location, "posts from: layer needs 'layer: {source: FILE}'")
            }
            return try points(ref, doc: doc, city: city, defaultNames: ["posts", "units"], idAliases: ["id", "post_id", "unit_id", "name"],
                              what: "post")
        }
        guard !city.police.isEmpty else { throw none("police stations") }
        return (city.police.map(\.id), city.police.map(\.location))
    }

    /// A layer of points (polygons give their representative point) in the working CRS, with
    /// ids from the `id` field mapping, else the first of `idAliases` present, else `fid/N`.
    /// Throws `.dataError` naming the file and layer when it holds no point.
    static func points(_ ref: LayerSource, doc: ScenarioDocument, city: City, defaultNames: [String],
                       idAliases: [String], what: String) throws -> (ids: [String], points: [Point]) {
        let layer = try WorkingLayerReader.read(path: ref.path, layer: ref.layer, filter: ref.filter,
                                                defaultNames: defaultNames, expect: .points, workingCRS: city.crs,
                                                sourceCRS: doc.cityReadOptions().sourceCRS,
                                                forceSourceCRS: doc.cityReadOptions().forceSourceCRS, what: what)
        let idI = layer.fieldIndex(ref.fields["id"], aliases: idAliases)
        var ids: [String] = [], points: [Point] = []
        for f in layer.features {
            guard let pt = f.geometry?.representativePoint else { continue }
            ids.append(idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)")
            points.append(pt)
        }
        guard !ids.isEmpty else {
            throw CovplanError(.dataError, file: ref.path, layer: layer.layerName, "no \(what)s found: the layer is empty")
        }
        return (ids, points)
    }

}
