import Dispatch
import Hummingbird
import Reports
import Synchronization

/// A token bucket per client for `/api/` requests: `burst` requests at once, refilled at
/// `perSecond`; beyond it a request gets 429 with a one-line reason and the server goes on
/// serving (the bucket refills). The client is the peer address when the request context knows
/// it, otherwise all clients share one bucket (a loopback server has one user). At most
/// `maxClients` buckets are kept (the fullest are forgotten first).
public final class RateLimiter: Sendable {
    public let perSecond: Double
    public let burst: Double
    static let maxClients = 10_000
    private let buckets = Mutex<[String: (tokens: Double, at: UInt64)]>([:])

    public init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Takes one token for `client` at `now` (nanoseconds of uptime); false when its bucket is empty.
    public func allow(_ client: String, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Bool {
        buckets.withLock { b in
            var (tokens, at) = b[client] ?? (burst, now)
            tokens = min(burst, tokens + Double(now &- at) / 1e9 * perSecond)
            guard tokens >= 1 else {
                b[client] = (tokens, now)
                return false
            }
            if b[client] == nil, b.count >= Self.maxClients {
                b = b.filter { $0.value.tokens < burst - 1 }
            }
            b[client] = (tokens - 1, now)
            return true
        }
    }
}

struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let limiter: RateLimiter
    let loc: Loc

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let client = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress ?? "client"
            guard limiter.allow(client) else {
                var r = PlanHTTPServer.failure(PlanError(429, key: "serve.err.rate", "\(Int(limiter.burst))", "\(Int(limiter.perSecond))"), loc)
                r.headers[.retryAfter] = "1"
                return r
            }
        }
        return try await next(request, context)
    }
}
