import Foundation
import Hummingbird

/// The map page and its files (the page, its script and style, vendored Leaflet 1.7.1 from
/// Debian's libjs-leaflet with its licence), embedded in the binary (`WebFiles`, generated from
/// `Sources/PlanServer/Web` by `make web-assets`) and served from memory with a
/// Content-Security-Policy that allows no origin but the server's own.
public struct WebAssets: Sendable {
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    let files: [String: File]

    /// Decodes the embedded files. Throws `PlanError(500)` if one does not decode (a bad generation).
    public init() throws {
        var files: [String: File] = [:]
        for (path, type, b64) in WebFiles.files {
            guard let d = Data(base64Encoded: b64, options: .ignoreUnknownCharacters) else {
                throw PlanError(500, "embedded web file \(path) does not decode; run make web-assets")
            }
            files[path] = File(bytes: Array(d), contentType: type)
        }
        self.files = files
    }

    /// The bytes of an embedded file (for tests).
    public func bytes(_ path: String) -> [UInt8]? { files[path]?.bytes }

    /// No script, style, image or connection from anywhere but this server.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"

    func response(_ path: String) -> Response {
        guard let f = files[path] else {
            return PlanHTTPServer.failure(.notFound("no file /assets/\(path.prefix(100))"))
        }
        var headers = HTTPFields()
        headers[.contentType] = f.contentType
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
    }
}
