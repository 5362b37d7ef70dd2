import Foundation
import Hummingbird
import Reports

/// The map page and its files (the page, its script and style, vendored Leaflet 1.7.1 from
/// Debian's libjs-leaflet with its licence), embedded in the binary (`WebFiles`, generated from
/// `Sources/PlanServer/Web` by `make web-assets`) and served from memory with a
/// Content-Security-Policy that allows no origin but the server's own. The page's texts come
/// from the language catalogues (`Catalog+serve+en.swift`, ...) in the language given.
public struct WebAssets: Sendable {
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    let files: [String: File]
    /// `index.html` in the page's language (see `render`).
    let page: File
    public let language: ReportLanguage

    /// Decodes the embedded files and renders the page in `language`. Throws `PlanError(500)` if
    /// a file does not decode (a bad generation) or the page names a key no catalogue has.
    public init(language: ReportLanguage = .en) throws {
        var files: [String: File] = [:]
        for (path, type, b64) in WebFiles.files {
            guard let d = Data(base64Encoded: b64, options: .ignoreUnknownCharacters) else {
                throw PlanError(500, "embedded web file \(path) does not decode; run make web-assets")
            }
            files[path] = File(bytes: Array(d), contentType: type)
        }
        self.files = files
        self.language = language
        guard let index = files["index.html"] else { throw PlanError(500, "no embedded index.html; run make web-assets") }
        page = File(bytes: Array(try Self.render(String(decoding: index.bytes, as: UTF8.self), Loc(language)).utf8),
                    contentType: index.contentType)
    }

    /// The bytes of an embedded file as generated (for tests).
    public func bytes(_ path: String) -> [UInt8]? { files[path]?.bytes }

    /// The page as served: `index.html` rendered in this language.
    public var pageBytes: [UInt8] { page.bytes }

    /// Catalogue keys the page's script uses besides `serve.*`: the DORI level names.
    static let scriptKeys = ["val.detect", "val.observe", "val.recognize", "val.identify"]

    /// `index.html` with `{{lang}}` → the language code, `{{strings}}` → a JSON object
    /// `{"lang", "strings"}` of every `serve.*` key and `scriptKeys` (for app.js; `<` escaped so
    /// the block cannot end early), and `{{KEY}}` → the catalogue text of KEY, HTML-escaped.
    /// Throws `PlanError(500)` for a key no catalogue has.
    static func render(_ template: String, _ loc: Loc) throws(PlanError) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw PlanError(500, "unclosed {{ in index.html") }
            let key = String(rest[open.upperBound..<close.lowerBound])
            switch key {
            case "lang": out += loc.language.rawValue
            case "strings": out += strings(loc)
            default:
                guard loc.has(key) else { throw PlanError(500, "index.html names '\(key)', which no catalogue has") }
                out += htmlEscaped(loc[key])
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func strings(_ loc: Loc) -> String {
        var table: [String: String] = [:]
        // The server's refusals (`serve.err.*`) come worded from the server; the page needs none.
        for (k, v) in loc.language.catalog where (k.hasPrefix("serve.") && !k.hasPrefix("serve.err.")) || scriptKeys.contains(k) {
            table[k] = v
        }
        let obj: [String: Any] = ["lang": loc.language.rawValue, "strings": table]
        let d = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: d, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    static func htmlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// No script, style, image or connection from anywhere but this server.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"

    func response(_ path: String) -> Response {
        guard let f = path == "index.html" ? page : files[path] else {
            return PlanHTTPServer.failure(.notFound(key: "serve.err.no_file", String(path.prefix(100))), Loc(language))
        }
        var headers = HTTPFields()
        headers[.contentType] = f.contentType
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
    }
}
