import Foundation
import PlanServer
import Testing
import TestSupport

/// Past the per-client rate, `/api/` requests get 429 with a one-line reason; the page itself is
/// still served, and once the bucket refills the API answers again.
@Suite("Rate limit of covplan serve", .serialized)
struct RateLimitTests {
    @Test("429 past the burst; the page and other clients are still served")
    func limit() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-rate"))
        // A refill so slow that no token comes back during the test, whatever the machine's load.
        let server = try await RunningServer(service: service, ratePerSecond: 1e-6, rateBurst: 3)
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(try await server.request("GET", "/api/summary").status) }
        #expect(statuses == [200, 200, 200, 429, 429])
        let refused = try await server.request("POST", "/api/cameras", text: "{}")
        #expect(refused.status == 429)
        #expect(refused.error.contains("too many requests") && !refused.error.contains("\n"))
        #expect(try await server.request("GET", "/").status == 200)
        await server.stop()
    }

    @Test("the bucket refills at its rate (clock given)")
    func refill() {
        let l = RateLimiter(perSecond: 2, burst: 3)
        let t0: UInt64 = 1_000_000_000
        #expect((0..<3).allSatisfy { _ in l.allow("a", now: t0) })
        #expect(!l.allow("a", now: t0))
        #expect(l.allow("b", now: t0))  // another client has its own bucket
        #expect(!l.allow("a", now: t0 + 400_000_000))  // 0.8 token after 0.4 s
        #expect(l.allow("a", now: t0 + 500_000_000))  // 1 token after 0.5 s
        #expect(!l.allow("a", now: t0 + 500_000_000))
        // Never more than the burst, however long the pause.
        let later = t0 + 3_600_000_000_000
        #expect((0..<3).allSatisfy { _ in l.allow("a", now: later) })
        #expect(!l.allow("a", now: later))
    }
}
