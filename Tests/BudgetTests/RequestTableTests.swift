import Budget
import GeoCore
import Testing

@Suite struct RequestTableTests {
    /// Quantities × first-year unit cost, per district and in total, recomputed by hand.
    @Test func totalsAddUp() throws {
        var costs = CostTable.seed
        costs.contractYears = 2
        costs.discountRate = 0
        var t = RequestTable(costs: costs)
        try t.add("inspector", district: "P1", quantity: 2, costs: costs)
        try t.add("inspector", district: "P2", quantity: 1, costs: costs)
        try t.add("badge", district: "P1", quantity: 2, costs: costs)
        try t.add("badge", district: "P2", quantity: 0, costs: costs)  // left out
        try t.addIndividual("connection", costKey: "connection", byDistrict: [("P1", 1_000_000), ("P1", 2_000_000)], costs: costs)
        #expect(t.lines.count == 4)
        // inspector: 0 + 3.6 M a year → 3 × 3.6 M = 10.8 M first year; NPC 2 years at 0 % = 21.6 M.
        let insp = try #require(t.byItem.first { $0.item == "inspector" })
        #expect(insp.quantity == 3 && insp.totalTenge == 10_800_000 && insp.npcTenge == 21_600_000)
        // connections: capex 3 M + 2 × 120,000 ₸ a year; first year 3.24 M, NPC 3.48 M.
        let conn = try #require(t.lines.first { $0.item == "connection" })
        #expect(conn.quantity == 2 && conn.totalTenge == 3_240_000 && conn.unitCostTenge == 1_620_000 && conn.npcTenge == 3_480_000)
        #expect(t.totalTenge == 10_800_000 + 2 * 225_000 + 3_240_000)
        let p1 = try #require(t.byDistrict.first { $0.district == "P1" })
        #expect(p1.totalTenge == 7_200_000 + 450_000 + 3_240_000)
        #expect(t.sortedLines.map(\.item) == ["inspector", "inspector", "badge", "connection"])
    }

    @Test func unknownItemNamesTheFile() {
        var t = RequestTable(costs: .seed)
        #expect(throws: CovplanError(.dataError, file: "costs.json", feature: "item 'drone'", "the cost table has no such item")) {
            try t.add("drone", district: "P1", quantity: 1, costs: .seed, source: "costs.json")
        }
    }
}
