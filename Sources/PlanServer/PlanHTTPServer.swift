import Foundation
import Hummingbird
import Reports

/// Where and how `covplan serve` listens.
public struct ServeOptions: Sendable {
    /// Address to bind: a loopback address unless remote access was explicitly allowed.
    public var host: String
    /// TCP port; 0 picks a free one (reported through `onRunning`).
    public var port: Int
    /// When set, every `/api/` request must carry it (`Authorization: Bearer TOKEN` or
    /// `?token=TOKEN`); required for a non-loopback host.
    public var token: String?
    /// `/api/` requests per second and per client (token bucket refill rate) and how many may
    /// come at once (bucket size); beyond them a request gets 429.
    public var ratePerSecond: Double
    public var rateBurst: Double

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, ratePerSecond: Double = 100,
                rateBurst: Double = 400) {
        self.host = host
        self.port = port
        self.token = token
        self.ratePerSecond = ratePerSecond
        self.rateBurst = rateBurst
    }

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// A random 32-character hex token.
    public static func makeToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", g.next() as UInt64) }.joined()
    }
}

/// The HTTP front of a `PlanService`: the map page, its assets and the JSON API under `/api/`.
/// Every response to a refused request is a 4xx with `{"error": "one-line reason"}`; nothing a
/// client sends stops the server.
public enum PlanHTTPServer {
    typealias Context = BasicRequestContext

    /// Runs until cancelled (or SIGINT/SIGTERM). `onRunning` gets the bound port.
    public static func run(service: PlanService, assets: WebAssets, options: ServeOptions,
                           onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = Application(
            router: router(service: service, assets: assets, options: options),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "covplan"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) })
        try await app.runService()
    }

    static func json(_ status: Int, _ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .init(code: status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"error": REASON}` with the error's status, the reason in the language of `loc`.
    static func failure(_ e: PlanError, _ loc: Loc) -> Response {
        let d = (try? JSONSerialization.data(withJSONObject: ["error": e.reason(in: loc)], options: [.sortedKeys])) ?? Data("{}".utf8)
        return json(e.status, Array(d))
    }

    /// Runs `body`, mapping every error to a response (PlanError → its status; others → 500),
    /// reasons in the language of `loc`.
    static func answer(_ loc: Loc, _ body: () async throws -> [UInt8]) async -> Response {
        do {
            return json(200, try await body())
        } catch let e as PlanError {
            return failure(e, loc)
        } catch let e as any HTTPResponseError where (400..<500).contains(e.status.code) {
            return failure(e.status.code == 413 ? tooLarge : PlanError(e.status.code, key: "serve.err.bad_request", "\(e.status.code)"), loc)
        } catch {
            return failure(PlanError(500, key: "serve.err.internal", "\(error)"), loc)
        }
    }

    /// The request body, at most `EditRequest.maxBodyBytes` (413 beyond).
    static func body(_ request: Request) async throws -> [UInt8] {
        if let len = request.headers[.contentLength].flatMap({ Int($0) }), len > EditRequest.maxBodyBytes {
            throw tooLarge
        }
        var buf = try await request.body.collect(upTo: EditRequest.maxBodyBytes)
        return buf.readBytes(length: buf.readableBytes) ?? []
    }

    static let tooLarge = PlanError(413, key: "serve.err.too_large", "\(EditRequest.maxBodyBytes / 1024)")

    /// A path parameter, percent-decoded.
    static func id(_ context: Context) throws -> String {
        guard let raw = context.parameters.get("id") else { throw PlanError.bad(key: "serve.err.missing_id") }
        return raw.removingPercentEncoding ?? raw
    }

    static func router(service: PlanService, assets: WebAssets, options: ServeOptions) -> Router<Context> {
        let router = Router(context: Context.self)
        // Refusals are worded in the page's language (`serve --lang`).
        let loc = Loc(assets.language)
        router.add(middleware: GuardMiddleware(token: options.token, loopback: ServeOptions.isLoopback(options.host), loc: loc))
        router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(perSecond: options.ratePerSecond, burst: options.rateBurst), loc: loc))
        router.get("/") { _, _ in assets.response("index.html") }
        router.get("/assets/**") { request, _ in
            assets.response(String(request.uri.path.dropFirst("/assets/".count)))
        }
        router.get("/api/summary") { _, _ in await answer(loc) { await service.summary() } }
        router.get("/api/layers/:name") { request, context in
            await answer(loc) {
                let name = context.parameters.get("name") ?? ""
                let level = request.uri.queryParameters.get("level")
                return try await service.layer(name, level: level)
            }
        }
        router.post("/api/cameras") { request, _ in
            await answer(loc) { try await service.addCamera(try await body(request)) }
        }
        router.patch("/api/cameras/:id") { request, context in
            await answer(loc) { try await service.updateCamera(try id(context), try await body(request)) }
        }
        router.delete("/api/cameras/:id") { _, context in
            await answer(loc) { try await service.deleteCamera(try id(context)) }
        }
        router.post("/api/posts") { request, _ in
            await answer(loc) { try await service.addPost(try await body(request)) }
        }
        router.patch("/api/posts/:id") { request, context in
            await answer(loc) { try await service.updatePost(try id(context), try await body(request)) }
        }
        router.delete("/api/posts/:id") { _, context in
            await answer(loc) { try await service.deletePost(try id(context)) }
        }
        router.post("/api/precincts/move") { request, _ in
            await answer(loc) { try await service.moveBlock(try await body(request)) }
        }
        router.get("/api/precincts/block") { request, _ in
            await answer(loc) {
                try await service.block(lon: request.uri.queryParameters.get("lon"), lat: request.uri.queryParameters.get("lat"))
            }
        }
        router.post("/api/suggest") { request, _ in
            await answer(loc) { try await service.suggest(try await body(request)) }
        }
        router.post("/api/plan/export") { request, _ in
            await answer(loc) { try await service.export(try await body(request)) }
        }
        router.get("/api/**") { request, _ in
            failure(.notFound(key: "serve.err.no_endpoint", String(request.uri.path.prefix(100))), loc)
        }
        return router
    }
}

/// Token check for `/api/` and a Host check against DNS rebinding on a loopback bind.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?
    let loopback: Bool
    let loc: Loc

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if loopback, let host = request.head.authority {
            let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
            guard ServeOptions.isLoopback(name) else {
                return PlanHTTPServer.failure(PlanError(421, key: "serve.err.host"), loc)
            }
        }
        if let token, request.uri.path.hasPrefix("/api/") {
            let bearer = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : $0 }
            let given = bearer ?? request.uri.queryParameters.get("token")
            guard let given, constantTimeEqual(given, token) else {
                return PlanHTTPServer.failure(PlanError(401, key: "serve.err.token"), loc)
            }
        }
        return try await next(request, context)
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in x.indices { d |= x[i] ^ y[i] }
        return d == 0
    }
}
