import Foundation
import PlanServer
import Testing
import TestSupport

/// Past the per-client rate, `/api/` requests get 429 with a one-line reason; the page itself is
/// still served, and once the bucket refills the API answers again.
@Suite("Rate limit of covplan serve", .serialized)
struct RateLimitTests {
    @Test("429 past the burst, then serving again")
    func limit() async throws {
        let (service, _, _) = try PlanFixtures.service(exportRoot: Fixtures.tempDir("serve-rate"))
        let server = try await RunningServer(service: service, ratePerSecond: 2, rateBurst: 3)
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(try await server.request("GET", "/api/summary").status) }
        #expect(statuses.prefix(3).allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(statuses.contains(429), "\(statuses)")
        let refused = try await server.request("GET", "/api/summary")
        #expect(refused.status == 429)
        #expect(refused.error.contains("too many requests") && !refused.error.contains("\n"))
        #expect(try await server.request("GET", "/").status == 200)
        try await Task.sleep(nanoseconds: 1_600_000_000)
        let again = try await server.request("GET", "/api/summary")
        #expect(again.status == 200)
        #expect(again.json["revision"] as? Int == 0)
        await server.stop()
    }
}
