import Foundation
import PlanServer
import Reports
import Testing
import TestSupport

/// `covplan serve --lang ru|kk`: the reasons of refused requests (shown on the page) come from
/// the language catalogues (`serve.err.*`), in the language served; values the client sent are
/// quoted as they are.
@Suite("covplan serve: refusals in the language served", .serialized)
struct LocalizedErrorTests {
    static let point = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94,60.17]},"properties":"#

    /// (method, path, body, status, whether the reason has no English word of its own: values
    /// the client sent and machine names of the API are quoted or listed).
    static let cases: [(String, String, String, Int, Bool)] = [
        ("POST", "/api/cameras", "", 400, true),
        ("POST", "/api/cameras", "[1,2,3]", 400, true),
        ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,60.17]},"properties":{}}"#, 400, true),
        ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94"#, 400, true),
        ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[24.94]},"properties":{}}"#, 400, true),
        ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[24.94,60.17],[24.95,60.17]]}}"#, 400, true),
        ("POST", "/api/cameras", point + #"{"heading_deg":"east"}}"#, 400, true),
        ("POST", "/api/cameras", point + #"{"range_m":-5}}"#, 400, true),
        ("POST", "/api/cameras", point + #"{"type":"laser"}}"#, 400, false),
        ("POST", "/api/cameras", point + #"{"colour":"red"}}"#, 400, false),
        ("POST", "/api/cameras", #"{"type":"Feature","geometry":{"type":"Point","coordinates":[76.9,43.2]},"properties":{}}"#, 400, true),
        ("PATCH", "/api/cameras/no-such-camera", #"{"properties":{"heading_deg":10}}"#, 404, true),
        ("DELETE", "/api/posts/no-such-post", "", 404, true),
        ("GET", "/api/layers/coverage?level=perfect", "", 400, false),
        ("GET", "/api/nothing-here", "", 404, true),
        ("GET", "/api/precincts/block?lon=24.94", "", 400, true),
        ("POST", "/api/precincts/move", point + #"{"precinct":"no-such-precinct"}}"#, 404, true),
        ("POST", "/api/suggest", #"{"kind":"drones","count":2}"#, 400, true),
        ("POST", "/api/plan/export", #"{"name":"../escape"}"#, 400, true),
    ]

    /// Words of `reason` outside quotes («…», '…', "…"), JSON examples ({…}) and paths (/…),
    /// other than the API's own terms.
    static func englishWords(_ reason: String) -> [String] {
        var s = reason
        for pattern in [#"«[^»]*»"#, #"'[^']*'"#, #""[^"]*""#, #"\{[^}]*\}"#, #"/\S*"#] {
            s = s.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let allowed: Set<String> = ["JSON", "GeoJSON", "Feature", "WGS", "API", "covplan", "serve", "localhost",
                                    "min_range_m", "range_m", "kind", "lon", "lat", "cameras", "posts", "type", "overwrite", "true", "false"]
        return s.components(separatedBy: CharacterSet.letters.inverted.subtracting(CharacterSet(charactersIn: "_")))
            .filter { w in w.count >= 2 && w.unicodeScalars.allSatisfy { $0.isASCII } && !allowed.contains(w) }
    }

    @Test("every refusal in ru and kk: same status, Cyrillic, not the English text; the server keeps serving",
          arguments: [ReportLanguage.ru, .kk])
    func refusals(language: ReportLanguage) async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-lang"))
        let en = try await RunningServer(service: service)
        let local = try await RunningServer(service: service, language: language)
        for (method, path, body, status, plain) in Self.cases {
            let a = try await en.request(method, path, text: body)
            let b = try await local.request(method, path, text: body)
            let what = "\(language) \(method) \(path) \(body.prefix(60))"
            #expect(a.status == status && b.status == status, "\(what): \(a.status) \(b.status)")
            #expect(!b.error.isEmpty && !b.error.contains("\n") && b.error != a.error, "\(what): '\(b.error)' vs '\(a.error)'")
            #expect(b.error.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(what): no Cyrillic in '\(b.error)'")
            if plain { #expect(Self.englishWords(b.error).isEmpty, "\(what): English left in '\(b.error)': \(Self.englishWords(b.error))") }
            // English stays English (the tests of the API read these).
            #expect(Self.englishWords(a.error).count > 1, "\(what): '\(a.error)'")
        }
        // 413 and 401 too.
        let big = try await local.request("POST", "/api/cameras", body: Data(count: 2 << 20), headers: ["Content-Type": "application/json"])
        #expect(big.status == 413 && big.error.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } && Self.englishWords(big.error).isEmpty,
                "\(big.status) '\(big.error)'")
        let ok = try await local.request("GET", "/api/summary")
        #expect(ok.status == 200)
        await en.stop()
        await local.stop()
        let guarded = try await RunningServer(service: service, token: "secret-token", language: language)
        let denied = try await guarded.request("GET", "/api/summary", headers: ["Authorization": "Bearer wrong-token"])
        #expect(denied.status == 401 && denied.error.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(denied.error)")
        await guarded.stop()
    }

    @Test("reasons name the values sent, in every language")
    func reasonsQuoteTheValues() {
        for language in ReportLanguage.allCases {
            let e = PlanError(404, key: "serve.err.no_camera", "cam-7")
            let text = e.reason(in: Loc(language))
            #expect(text.contains("cam-7") && !text.contains("{0}"), "\(language): \(text)")
        }
        #expect(PlanError(404, key: "serve.err.no_camera", "cam-7").reason == "no camera with id 'cam-7'")
        // An untranslated reason (internal errors) reads the same in every language.
        #expect(PlanError(500, "disk full").reason(in: Loc(.ru)) == "disk full")
    }
}
