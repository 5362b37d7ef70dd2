import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PlanServer
import Reports
import Testing
import TestSupport

/// A running server on a free loopback port, stopped by cancelling its task.
final class RunningServer: @unchecked Sendable {
    let task: Task<Void, any Error>
    let port: Int
    let token: String?

    init(service: PlanService, token: String? = nil, ratePerSecond: Double = 100, rateBurst: Double = 400,
         language: ReportLanguage = .en) async throws {
        let assets = try WebAssets(language: language)
        let (stream, cont) = AsyncStream.makeStream(of: Int.self)
        task = Task {
            try await PlanHTTPServer.run(service: service, assets: assets, options: ServeOptions(host: "127.0.0.1", port: 0, token: token,
                                                                                                  ratePerSecond: ratePerSecond, rateBurst: rateBurst)) {
                cont.yield($0)
                cont.finish()
            }
        }
        var it = stream.makeAsyncIterator()
        guard let p = await it.next() else { throw PlanError(500, "server did not start") }
        port = p
        self.token = token
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    struct Reply {
        var status: Int
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var error: String { json["error"] as? String ?? "" }
    }

    func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        r.httpBody = body
        r.timeoutInterval = 60
        if let token { r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (k, v) in headers { r.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: r)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? -1, body: data)
    }

    func request(_ method: String, _ path: String, text: String) async throws -> Reply {
        try await request(method, path, body: Data(text.utf8), headers: ["Content-Type": "application/json"])
    }
}

@Suite("covplan serve over HTTP", .serialized)
struct HTTPServerTests {
    static let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.9425,60.1685]},"properties":{"type":"public","heading_deg":90}}"#

    @Test("bad requests get a 4xx with a one-line reason and the server keeps serving")
    func badRequests() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-http"))
        let server = try await RunningServer(service: service)
        let start = try await server.request("GET", "/api/summary")
        #expect(start.status == 200)
        let revision = start.json["revision"] as? Int
        let cases: [(String, String, String, Int)] = [
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,60.17]},"properties":{}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,60.17]},"properties":{}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94]},"properties":{}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[24.94,60.17],[24.95,60.17]]}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":{"heading_deg":"east"}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":{"range_m":-5}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":{"heading_deg":true}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[true,60.17]},"properties":{}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":{"type":"laser"}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":{"colour":"red"}}"#, 400),
            ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[76.9,43.2]},"properties":{}}"#, 400),
            ("POST", "/api/cameras", "[1,2,3]", 400),
            ("POST", "/api/cameras", "", 400),
            ("PATCH", "/api/cameras/no-such-camera", #"{"properties":{"heading_deg":10}}"#, 404),
            ("DELETE", "/api/cameras/no-such-camera", "", 404),
            ("PATCH", "/api/posts/no-such-post", #"{"properties":{"id":"x"}}"#, 404),
            ("DELETE", "/api/posts/no-such-post", "", 404),
            ("GET", "/api/layers/no-such-layer", "", 404),
            ("GET", "/api/layers/coverage?level=perfect", "", 400),
            ("GET", "/api/nothing-here", "", 404),
            ("POST", "/api/plan/export", #"{"name":"../escape"}"#, 400),
        ]
        for (method, path, body, status) in cases {
            let r = try await server.request(method, path, text: body)
            #expect(r.status == status, "\(method) \(path) \(body.prefix(80)): got \(r.status) \(r.error)")
            #expect(!r.error.isEmpty && !r.error.contains("\n"), "\(method) \(path): reason '\(r.error)'")
        }
        // A 100 MB body: 413 without reading it, and the server still answers.
        let big = try await server.request("POST", "/api/cameras", body: Data(count: 100 << 20), headers: ["Content-Type": "application/json"])
        #expect(big.status == 413, "got \(big.status) \(big.error)")
        #expect(!big.error.isEmpty)
        let after = try await server.request("GET", "/api/summary")
        #expect(after.status == 200)
        #expect(after.json["revision"] as? Int == revision, "a refused request changed the plan")
        // A good edit still works after all that (heading 0 and 1 are numbers, not booleans).
        let ok = try await server.request("POST", "/api/cameras", text: Self.feature.replacingOccurrences(of: "\"heading_deg\":90", with: "\"heading_deg\":0"))
        #expect(ok.status == 200, "\(ok.error)")
        #expect(ok.json["revision"] as? Int == (revision ?? 0) + 1)
        let one = try await server.request("PATCH", "/api/cameras/\(ok.json["id"] as? String ?? "")", text: #"{"properties":{"heading_deg":1}}"#)
        #expect(one.status == 200, "\(one.error)")
        await server.stop()
        // Stopped: the port no longer answers.
        await #expect(throws: (any Error).self) { _ = try await server.request("GET", "/api/summary") }
    }

    @Test("edits through HTTP: add, rotate, move, delete; layers are RFC 7946 in WGS 84; the page and its assets")
    func editsAndLayers() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-http2"))
        let server = try await RunningServer(service: service)
        defer { Task { await server.stop() } }
        let base = try await server.request("GET", "/api/summary").json
        let added = try await server.request("POST", "/api/cameras", text: Self.feature)
        #expect(added.status == 200)
        let id = try #require(added.json["id"] as? String)
        let rotated = try await server.request("PATCH", "/api/cameras/\(id)", text: #"{"properties":{"heading_deg":270}}"#)
        #expect(rotated.status == 200, "\(rotated.error)")
        let cams = try await server.request("GET", "/api/layers/cameras").json
        let feats = try #require(cams["features"] as? [[String: Any]])
        let mine = try #require(feats.first { ($0["properties"] as? [String: Any])?["camera_id"] as? String == id })
        #expect((mine["properties"] as? [String: Any])?["heading_deg"] as? Double == 270)
        let coords = try #require((mine["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        #expect(abs(coords[0] - 24.9425) < 1e-6 && abs(coords[1] - 60.1685) < 1e-6, "\(coords)")
        // Ids with a slash (OSM cameras are node/N) work percent-encoded.
        let osm = try #require(feats.compactMap { ($0["properties"] as? [String: Any])?["camera_id"] as? String }.first { $0.contains("/") })
        let enc = osm.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let r2 = try await server.request("PATCH", "/api/cameras/\(enc)", text: #"{"properties":{"heading_deg":45}}"#)
        #expect(r2.status == 200, "\(osm): \(r2.error)")
        let deleted = try await server.request("DELETE", "/api/cameras/\(id)")
        #expect(deleted.status == 200)
        let fig = deleted.json["figures"] as? [String: Any]
        #expect((fig?["coverage"] as? [String: Any])?["cameras"] as? Int == ((base["figures"] as? [String: Any])?["coverage"] as? [String: Any])?["cameras"] as? Int)
        for name in ["streets", "buildings", "precincts", "viewsheds", "coverage", "gaps", "posts", "isochrones"] {
            let l = try await server.request("GET", "/api/layers/\(name)")
            #expect(l.status == 200, "\(name)")
            #expect(l.json["type"] as? String == "FeatureCollection", "\(name)")
            #expect(l.json["crs"] == nil, "\(name): RFC 7946 has no crs member")
        }
        let page = try await server.request("GET", "/")
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("/assets/leaflet/leaflet.min.js"))
        for asset in ["app.js", "app.css", "leaflet/leaflet.min.js", "leaflet/leaflet.css", "leaflet/LICENSE"] {
            #expect(try await server.request("GET", "/assets/\(asset)").status == 200, "\(asset)")
        }
        // DNS rebinding: another Host is refused on a loopback bind.
        #expect(try await server.request("GET", "/api/summary", headers: ["Host": "evil.example:80"]).status == 421)
    }

    @Test("with a token, API requests without it get 401")
    func token() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-http3"))
        let server = try await RunningServer(service: service, token: "abc123")
        defer { Task { await server.stop() } }
        #expect(try await server.request("GET", "/api/summary").status == 200)
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/summary")!)
        r.setValue("Bearer wrong", forHTTPHeaderField: "Authorization")
        let (_, resp) = try await URLSession.shared.data(for: r)
        #expect((resp as? HTTPURLResponse)?.statusCode == 401)
        let (_, resp2) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/api/summary?token=abc123")!)
        #expect((resp2 as? HTTPURLResponse)?.statusCode == 200)
    }
}
