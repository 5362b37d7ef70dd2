import Foundation
import Testing
import TestSupport

/// Issue 20 (points 1, 4, 6, 7) on the bundled city: the request table adds up, connection costs
/// follow the cost table, post staff follows the relief factor; bad money inputs stop the run
/// with one line and no output folder.
@Suite(.serialized) struct MoneyCLITests {
    static let base: String = {
        let dir = Fixtures.tempDir("money") + "/base"
        let r = try! CLI.run(["run", Fixtures.repoRoot + "/scenarios/helsinki-baseline.yaml", "-o", dir, "--quiet"])
        precondition(r.status == 0, r.stderr)
        return dir
    }()

    static func csv(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    static func summary() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + "/summary.json"))) as! [String: Any]
    }

    @Test func requestTableAddsUp() throws {
        let rows = try Self.csv(Self.base + "/tables/request.csv")
        let lines = rows.filter { $0["district"] != "total" }
        #expect(!lines.isEmpty)
        for l in lines {
            let q = Double(l["quantity"]!)!, u = Double(l["unit_cost_tenge"]!)!, t = Double(l["total_tenge"]!)!
            #expect(abs(q * u - t) <= q, "\(l)")  // unit cost rounded to whole tenge
        }
        let total = try #require(rows.first { $0["item"] == "total" })
        let sum = lines.reduce(0.0) { $0 + Double($1["total_tenge"]!)! }
        #expect(abs(sum - Double(total["total_tenge"]!)!) <= Double(lines.count))
        let request = try Self.summary()["request"] as! [String: Any]
        #expect(request["total_tenge"] as? Double == Double(total["total_tenge"]!))
        // The inspectors asked for are the load's deficit; each costs 3.6 M ₸ a year, NPC over 5 years at 10 %.
        let load = try Self.summary()["load"] as! [String: Any]
        let insp = lines.filter { $0["item"] == "inspector" }.reduce(0.0) { $0 + Double($1["quantity"]!)! }
        #expect(insp == load["deficit"] as? Double)
        let af = (1 - pow(1.1, -5)) / 0.1
        let npc = lines.filter { $0["item"] == "inspector" }.reduce(0.0) { $0 + Double($1["npc_tenge"]!)! }
        #expect(abs(npc - insp * 3_600_000 * af) <= insp)
        // Every new officer gets a badge (225,000 ₸ = 45 M / 200).
        let badges = lines.filter { $0["item"] == "badge" }
        let officers = lines.filter { ["inspector", "post_staff"].contains($0["item"]!) }.reduce(0.0) { $0 + Double($1["quantity"]!)! }
        #expect(badges.reduce(0.0) { $0 + Double($1["quantity"]!)! } == officers)
        #expect(badges.allSatisfy { $0["unit_cost_tenge"] == "225000" })
    }

    @Test func connectionCostsFollowTheCostTableAndStaffTheReliefFactor() throws {
        let rows = try Self.csv(Self.base + "/tables/connections.csv")
        #expect(rows.count == 6)  // the synthetic layer's unconnected schools
        for r in rows {
            let m = Double(r["route_m"]!)!, capex = Double(r["capex_tenge"]!)!
            #expect(m > 0)
            #expect(abs(capex - (500_000 + 3_000 * m)) <= 1_500 + 1, "\(r)")  // route rounded to whole metres
        }
        let s = try Self.summary()
        let posts = (s["sizing"] as! [String: Any])["posts"] as! [String: Any]
        #expect(posts["officers_needed"] as? Double == (3 * 8760.0 / 1744.0).rounded(.up))
        let fleet = (s["sizing"] as! [String: Any])["fleet"] as! [String: Any]
        for b in fleet["blocks"] as! [[String: Any]] {
            let n = try #require(b["units_needed"] as? Double)
            #expect((b["share_at_needed"] as! Double) >= 0.8)
            if n > 1 { #expect((b["share_with_one_fewer"] as! Double) < 0.8) }
        }
    }

    /// A scenario with one money section, for bad inputs.
    func scenario(_ body: String, dir: String) -> String {
        Fixtures.file("s.yaml", "name: x\ncity:\n  source: \(Fixtures.helsinkiPBF)\n" + body, in: dir)
    }

    @Test(arguments: [
        ("costs:\n  contract_years: 0\n", "contract_years", ""),
        ("costs:\n  discount_rate: 1.5\n", "discount_rate", ""),
        ("costs:\n  file: COSTS\n", "item 'car' capex_tenge", #"{"items": {"car": {"capex_tenge": -5}}}"#),
        ("costs:\n  file: COSTS\n", "contract_years", #"{"contract_years": 80}"#),
        ("connections:\n  layer:\n    source: LAYER\n", "'connected' is missing",
         #"{"type":"FeatureCollection","name":"connections","features":[{"type":"Feature","properties":{"id":"cc","kind":"control_centre","connected":true},"geometry":{"type":"Point","coordinates":[24.94,60.17]}},{"type":"Feature","properties":{"id":"s1"},"geometry":{"type":"Point","coordinates":[24.95,60.17]}}]}"#),
        ("fleet:\n  share_within_target: 1.5\n", "share_within_target", ""),
        ("staffing:\n  relief:\n    leave_days: -2\n", "leave_days", ""),
    ] as [(String, String, String)])
    func badMoneyInputsStopWithOneLine(body: String, names: String, file: String) throws {
        let dir = Fixtures.tempDir("moneybad")
        var text = body
        if text.contains("COSTS") { text = text.replacingOccurrences(of: "COSTS", with: Fixtures.file("c.json", file, in: dir)) }
        if text.contains("LAYER") { text = text.replacingOccurrences(of: "LAYER", with: Fixtures.file("l.geojson", file, in: dir)) }
        let s = scenario(text, dir: dir)
        let r = try CLI.run(["run", s, "-o", dir + "/out", "--quiet"])
        #expect(r.status == 65, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("error") }
        #expect(lines.count == 1 && lines[0].contains(names), "\(r.stderr)")
        #expect(!Fixtures.exists(dir + "/out"))
    }
}

extension MoneyCLITests {
    /// Post staff in the request equals the sizing section's city-wide figure.
    @Test func postStaffInTheRequestEqualsSizing() throws {
        let rows = try Self.csv(Self.base + "/tables/request.csv").filter { $0["item"] == "post_staff" && $0["district"] != "total" }
        let s = try Self.summary()
        let posts = (s["sizing"] as! [String: Any])["posts"] as! [String: Any]
        #expect(rows.reduce(0.0) { $0 + Double($1["quantity"]!)! } == posts["officers_needed"] as? Double)
    }
}
