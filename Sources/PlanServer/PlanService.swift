import CityModel
import Coverage
import Dispatch
import Foundation
import GeoCore
import PROJBridge
import Reports
import Scenario

/// The served plan: one `PlanSession` behind an actor, so concurrent edits are applied one at a
/// time, each on the state the previous one left. Bodies in and out are JSON bytes; every
/// refusal is a `PlanError` and leaves the plan as it was.
public actor PlanService {
    public private(set) var session: PlanSession
    /// WGS 84 longitude/latitude → working CRS (owned by the actor: PROJ is not thread-safe).
    private let toWorking: CoordinateTransformer
    /// Working CRS → WGS 84 longitude/latitude (for proposals).
    private let toLonLat: CoordinateTransformer
    private let exportRoot: String
    private let servedScenario: String?
    private let baseText: String?

    /// - Parameters:
    ///   - exportRoot: folder under which `POST /api/plan/export` writes its folders.
    ///   - servedScenario: the scenario file served (the export extends it), or nil when a city
    ///     was served, with `baseText` the scenario text the session was built from.
    public init(session: PlanSession, exportRoot: String, servedScenario: String?, baseText: String?) throws {
        self.session = session
        toWorking = try CoordinateTransformer(from: "EPSG:4326", to: session.scenario.city.crs.identifier)
        toLonLat = try CoordinateTransformer(from: session.scenario.city.crs.identifier, to: "EPSG:4326")
        self.exportRoot = exportRoot
        self.servedScenario = servedScenario
        self.baseText = baseText
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }

    struct SummaryBody: Encodable {
        var revision: Int
        var figures: PlanFigures
        var baseline: PlanFigures
        var cameras: Int
        var posts: Int
        var crs: String
        /// Camera type names (for the page's type list) and the type of a camera that names none.
        var cameraTypes: [String]
        var defaultCameraType: String
        /// Id of the camera or post an edit created or changed.
        var id: String?
        /// Server time of the edit (analysis and encoding), milliseconds.
        var serverMs: Double?
        /// The coverage run's phases after a camera edit, milliseconds (for benchmarks).
        var coveragePhasesMs: [String: Double]?
        /// After a block move: the block, the precinct it left and the one it joined.
        var moved: MovedBlock?
        /// After a block move: every precinct's load against the norm.
        var precincts: [PrecinctRow]?
    }

    struct MovedBlock: Encodable {
        var block: Int
        var from: String
        var to: String
    }

    /// One precinct's load (residents per inspector against the norm).
    struct PrecinctRow: Encodable {
        var id: String
        var residents: Double
        var inspectors: Int
        var residentsPerInspector: Double?
        var loadRatio: Double?
        var overNorm: Bool
        var loadClass: String
        var areaKm2: Double
    }

    func summaryBytes(id: String? = nil, since start: UInt64? = nil, moved: MovedBlock? = nil) -> [UInt8] {
        var body = SummaryBody(revision: session.revision, figures: session.figures, baseline: session.baseline,
                               cameras: session.cameras.count, posts: session.posts.ids.count,
                               crs: session.scenario.city.crs.identifier,
                               cameraTypes: session.scenario.cameraDefaults.types.keys.sorted(),
                               defaultCameraType: session.scenario.cameraDefaults.defaultType, id: id, serverMs: nil,
                               coveragePhasesMs: nil)
        if let moved, let load = session.load {
            body.moved = moved
            body.precincts = load.loads.map {
                PrecinctRow(id: $0.id, residents: $0.residents, inspectors: $0.inspectors,
                            residentsPerInspector: $0.residentsPerInspector, loadRatio: $0.loadRatio, overNorm: $0.overNorm,
                            loadClass: $0.loadClass.rawValue, areaKm2: $0.areaKm2)
            }
        }
        if let start {
            body.coveragePhasesMs = Dictionary(session.coverage.timings.map { ($0.phase, $0.seconds * 1000) }, uniquingKeysWith: +)
            body.serverMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        return Array((try? Self.encoder().encode(body)) ?? Data("{}".utf8))
    }

    public func summary() -> [UInt8] { summaryBytes() }

    /// The figures of the current state (for tests and benchmarks).
    public var figures: PlanFigures { session.figures }

    func working(_ lonLat: Point) throws(PlanError) -> Point {
        do { return try toWorking.transform(lonLat) } catch {
            throw .bad(key: "serve.err.project", "\(lonLat.x)", "\(lonLat.y)", session.scenario.city.crs.identifier)
        }
    }

    // MARK: cameras

    /// `POST /api/cameras`: a Feature with a Point and camera properties. Returns the summary
    /// with the new camera's `id`.
    public func addCamera(_ body: [UInt8]) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let req = try EditRequest(body: body, partial: false)
        var r = CameraRecord(id: "", position: try working(req.lonLat!))
        try req.apply(to: &r)
        if case .some(let id) = try req.text("id") { r.id = id ?? "" }
        let id = try session.addCamera(r)
        return summaryBytes(id: id, since: start)
    }

    /// `PATCH /api/cameras/{id}`: a Feature or a properties object; a geometry moves the camera,
    /// properties change (null clears), `id` renames.
    public func updateCamera(_ id: String, _ body: [UInt8]) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let req = try EditRequest(body: body, partial: true)
        let position = try req.lonLat.map { p throws(PlanError) in try working(p) }
        let newId = try req.text("id")
        var finalId = id
        try session.updateCamera(id) { (r: inout CameraRecord) throws(PlanError) in
            if let position { r.position = position }
            try req.apply(to: &r)
            if case .some(let n) = newId {
                guard let n else { throw .bad(key: "serve.err.id_clear") }
                r.id = n
            }
            finalId = r.id
        }
        return summaryBytes(id: finalId, since: start)
    }

    public func deleteCamera(_ id: String) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        try session.deleteCamera(id)
        return summaryBytes(id: id, since: start)
    }

    // MARK: posts

    public func addPost(_ body: [UInt8]) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let req = try EditRequest(body: body, partial: false)
        try req.rejectUnknown(EditRequest.postTexts)
        let p = try working(req.lonLat!)
        var given: String?
        if case .some(let id) = try req.text("id") { given = id }
        let id = try session.addPost(id: given, at: p)
        return summaryBytes(id: id, since: start)
    }

    public func updatePost(_ id: String, _ body: [UInt8]) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let req = try EditRequest(body: body, partial: true)
        try req.rejectUnknown(EditRequest.postTexts)
        let p = try req.lonLat.map { p throws(PlanError) in try working(p) }
        var newId: String?
        if case .some(let n) = try req.text("id") {
            guard let n else { throw .bad(key: "serve.err.id_clear") }
            newId = n
        }
        try session.updatePost(id, newId: newId, to: p)
        return summaryBytes(id: newId ?? id, since: start)
    }

    public func deletePost(_ id: String) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        try session.deletePost(id)
        return summaryBytes(id: id, since: start)
    }

    // MARK: precincts

    /// `POST /api/precincts/move`: a Feature whose Point lies in the street block to move and
    /// whose `precinct` property names the precinct it joins. Only the two precincts involved are
    /// recounted. Returns the summary with `moved` and every precinct's load (`precincts`).
    public func moveBlock(_ body: [UInt8]) throws(PlanError) -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let req = try EditRequest(body: body, partial: false)
        try req.rejectUnknown(["precinct"])
        guard case .some(.some(let target)) = try req.text("precinct") else {
            throw .bad(key: "serve.err.precinct_required")
        }
        let p = try working(req.lonLat!)
        let (k, from) = try session.moveBlock(at: p, to: target)
        return summaryBytes(id: target, since: start, moved: MovedBlock(block: k, from: from, to: target))
    }

    /// `GET /api/precincts/block?lon=LON&lat=LAT`: the street block at a WGS 84 point, the one
    /// `POST /api/precincts/move` would move: `{"block", "precinct", "geometry"}` (its index,
    /// current precinct and outline as an RFC 7946 Polygon). Changes nothing.
    public func block(lon: String?, lat: String?) throws(PlanError) -> [UInt8] {
        guard let lon, let lat, let x = Double(lon), let y = Double(lat), x.isFinite, y.isFinite,
              (-180...180).contains(x), (-90...90).contains(y) else {
            throw .bad(key: "serve.err.block_point")
        }
        let (k, polygon, precinct) = try session.block(at: try working(Point(x, y)))
        var rings: [[[Double]]] = []
        for ring in polygon.oriented(exteriorCounterClockwise: true).rings {
            var r: [[Double]] = []
            for p in ring {
                guard let q = try? toLonLat.transform(p) else { throw PlanError(500, "cannot project the block to WGS 84") }
                r.append([q.x, q.y])
            }
            rings.append(r)
        }
        let out: [String: Any] = ["block": k, "precinct": precinct, "revision": session.revision,
                                  "geometry": ["type": "Polygon", "coordinates": rings]]
        guard let d = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]) else {
            throw PlanError(500, "cannot encode the block")
        }
        return Array(d)
    }

    // MARK: suggest

    /// Most proposals one suggest request may ask for.
    public static let maxSuggestions = 200

    /// `POST /api/suggest`: `{"kind": "cameras", "count": N}` or `{"kind": "cameras",
    /// "budget_tenge": X}` or `{"kind": "posts", "count": N}`. Runs the scenario's placement
    /// (`EditableScenario.suggestCameras/suggestPosts`, what `covplan run` does for a `placement`
    /// section) against the current plan and returns `{"kind", "revision", "proposals": [...]}`,
    /// best first, each with `rank`, `coordinates` ([lon, lat]), `properties` (what to send to
    /// `POST /api/cameras` or `/api/posts` to accept it) and `cost_tenge`. Changes nothing.
    public func suggest(_ body: [UInt8]) throws(PlanError) -> [UInt8] {
        guard let obj = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw .bad(key: "serve.err.suggest_json")
        }
        for k in obj.keys where !["kind", "count", "budget_tenge"].contains(k) { throw .bad(key: "serve.err.suggest_option", k.oneLine) }
        guard let kind = obj["kind"] as? String, ["cameras", "posts"].contains(kind) else {
            throw .bad(key: "serve.err.suggest_kind")
        }
        var count: Int?
        if let c = obj["count"] {
            // `EditRequest.number`: a JSON number, not a boolean (on Linux a 1 also casts to Bool).
            guard let x = EditRequest.number(c), x == x.rounded(), let n = Int(exactly: x), (1...Self.maxSuggestions).contains(n) else {
                throw .bad(key: "serve.err.suggest_count", "\(Self.maxSuggestions)")
            }
            count = n
        }
        var budget: Double?
        if let b = obj["budget_tenge"] {
            guard let x = EditRequest.number(b), x.isFinite, x > 0, x <= 1e13 else {
                throw .bad(key: "serve.err.suggest_budget")
            }
            budget = x
        }
        guard (count == nil) != (budget == nil) else { throw .bad(key: "serve.err.suggest_either") }
        var rows: [[String: Any]] = []
        do {
            if kind == "cameras" {
                let r = try session.scenario.suggestCameras(count.map { .count($0) } ?? .budgetTenge(budget!), cameras: session.cameras)
                for (p, rec) in zip(r.proposed, EditableScenario.records(r)) {
                    let ll = try toLonLat.transform(rec.position)
                    var props: [String: Any] = ["type": rec.type ?? "", "fov_deg": rec.fovDeg ?? 360, "range_m": rec.rangeMeters ?? 0]
                    if let h = rec.headingDeg { props["heading_deg"] = h }
                    if let m = rec.minRangeMeters { props["min_range_m"] = m }
                    rows.append(["rank": p.rank, "coordinates": [ll.x, ll.y], "properties": props, "cost_tenge": p.costTenge,
                                 "marginal_m": p.marginalMeters])
                }
            } else {
                guard budget == nil else { throw PlanError.bad(key: "serve.err.suggest_posts_budget") }
                let r = try session.scenario.suggestPosts(count: count!, posts: session.posts)
                for p in r.proposed {
                    let ll = try toLonLat.transform(p.point)
                    rows.append(["rank": p.rank, "coordinates": [ll.x, ll.y], "properties": [String: Any](), "cost_tenge": p.costTenge,
                                 "street_id": p.streetId])
                }
            }
        } catch let e as PlanError {
            throw e
        } catch {
            throw .refused(error)
        }
        let out: [String: Any] = ["kind": kind, "revision": session.revision, "proposals": rows]
        guard let d = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]) else {
            throw PlanError(500, "cannot encode the proposals")
        }
        return Array(d)
    }

    // MARK: layers

    /// `GET /api/layers/{name}`: RFC 7946 GeoJSON in WGS 84.
    /// - Parameter level: for `coverage`/`gaps`, a DORI level other than the headline one.
    public func layer(_ name: String, level: String?) throws(PlanError) -> [UInt8] {
        let l = try MapLayers.layer(name, session: session, level: level)
        do { return try LayerExport.geoJSONBytes(l) } catch {
            throw PlanError(500, "cannot write layer '\(name)': \(error)")
        }
    }

    // MARK: export

    /// `POST /api/plan/export`: body `{"name": "NAME", "overwrite": false}` (both optional). Writes
    /// `EXPORT_ROOT/NAME/` and returns `{"folder", "scenario", "cameras", "posts"}` with the
    /// scenario text and both layers as GeoJSON.
    public func export(_ body: [UInt8]) throws(PlanError) -> [UInt8] {
        var name = "plan-r\(session.revision)"
        var overwrite = false
        if !body.isEmpty {
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
                throw .bad(key: "serve.err.export_json")
            }
            for k in obj.keys where !["name", "overwrite"].contains(k) { throw .bad(key: "serve.err.export_option", k.oneLine) }
            if let n = obj["name"] {
                guard let s = n as? String, !s.isEmpty, s.count <= 64,
                      s.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }),
                      !s.hasPrefix(".")
                else { throw .bad(key: "serve.err.export_name") }
                name = s
            }
            if let o = obj["overwrite"] {
                guard let n = o as? NSNumber, String(cString: n.objCType) == "c" else { throw .bad(key: "serve.err.export_overwrite") }
                let b = n.boolValue
                overwrite = b
            }
        }
        let dir = (exportRoot as NSString).appendingPathComponent(name)
        let text: String
        do {
            try FileManager.default.createDirectory(atPath: exportRoot, withIntermediateDirectories: true)
            text = try PlanExport.write(session, to: dir, overwrite: overwrite, servedScenario: servedScenario, baseText: baseText)
        } catch let e as CovplanError {
            if e.kind == .cannotCreate && !overwrite && FileManager.default.fileExists(atPath: dir) {
                throw PlanError(409, key: "serve.err.export_exists", name)
            }
            throw PlanError(500, e.description)
        } catch {
            throw PlanError(500, "cannot write the export: \(error)")
        }
        let crs = session.scenario.city.crs.identifier
        let cams = (try? LayerExport.geoJSONBytes(PlanExport.camerasLayer(session.cameras, crs: crs))) ?? []
        let posts = (try? LayerExport.geoJSONBytes(PlanExport.postsLayer(ids: session.posts.ids, points: session.posts.points, crs: crs))) ?? []
        var out = Array("{\"folder\":".utf8) + Array(jsonString(dir).utf8)
        out += Array(",\"scenario\":".utf8) + Array(jsonString(text).utf8)
        out += Array(",\"revision\":\(session.revision),\"cameras\":".utf8) + cams + Array(",\"posts\":".utf8) + posts + Array("}".utf8)
        return out
    }

    func jsonString(_ s: String) -> String {
        let d = (try? JSONSerialization.data(withJSONObject: [s], options: [])) ?? Data("[\"\"]".utf8)
        return String(decoding: d.dropFirst().dropLast(), as: UTF8.self)
    }
}
