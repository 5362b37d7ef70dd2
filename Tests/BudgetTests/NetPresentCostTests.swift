import Budget
import Foundation
import GeoCore
import Testing

@Suite struct NetPresentCostTests {
    /// Hand calculation: 1,000,000 ₸ now and 100,000 ₸ at the end of each of 3 years at 10 %:
    /// 100,000/1.1 + 100,000/1.21 + 100,000/1.331 = 90,909.0909 + 82,644.6281 + 75,131.4801
    /// = 248,685.1991; NPC = 1,248,685.1991 ₸.
    @Test func matchesAHandCalculation() {
        let npc = NetPresentCost.of(capexTenge: 1_000_000, opexTengePerYear: 100_000, years: 3, rate: 0.10)
        #expect(abs(npc - 1_248_685.1991) < 1e-3)
        // Closed form of the annuity, independent of the loop.
        let closed = 1_000_000 + 100_000 * (1 - pow(1.1, -3)) / 0.1
        #expect(abs(npc - closed) < 1e-6)
        // Two units cost twice as much; rate 0 is capex + T · opex.
        #expect(abs(NetPresentCost.of(capexTenge: 1_000_000, opexTengePerYear: 100_000, quantity: 2, years: 3, rate: 0.1) - 2 * npc) < 1e-6)
        #expect(NetPresentCost.of(capexTenge: 500, opexTengePerYear: 100, years: 4, rate: 0) == 900)
    }

    /// Per covered km-year: 1,248,685.2 ₸ over 2.5 km for 3 years = 166,491.36 ₸.
    @Test func costPerCoveredKmYear() throws {
        let v = try #require(NetPresentCost.perCoveredKmYear(npcTenge: 1_248_685.2, coveredMeters: 2500, years: 3))
        #expect(abs(v - 1_248_685.2 / 7.5) < 1e-9)
        #expect(NetPresentCost.perCoveredKmYear(npcTenge: 1, coveredMeters: 0, years: 3) == nil)
    }

    /// The seed figures that come from published budget lines divide out to the quoted totals.
    @Test func seedFiguresReproduceThePublishedBudgets() throws {
        let t = CostTable.seed
        try t.validate()
        #expect(abs(try t.require("badge").capexTenge * 200 - 45_000_000) < 1)
        #expect(abs(try t.require("tablet").capexTenge * 189 - 60_000_000) < 189)
        #expect(abs(try t.require("computer").capexTenge * 58 - 85_000_000) < 58)
        for (k, item) in t.items { #expect(!item.source.isEmpty, "\(k) has no source") }
        #expect(t.item("camera.sergek")?.capexTenge == t.item("camera")?.capexTenge)
        #expect(t.item("nonexistent") == nil)
    }
}
