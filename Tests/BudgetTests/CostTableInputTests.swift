import Budget
import Foundation
import GeoCore
import Testing

/// Bad cost files: one-line errors naming the file and the member.
@Suite struct CostTableInputTests {
    func load(_ json: String) throws -> CostTable {
        try CostTable.seed.merging(jsonData: Data(json.utf8), source: "costs.json")
    }

    func error(_ json: String) -> CovplanError? {
        do { _ = try load(json); return nil } catch let e as CovplanError { return e } catch { return nil }
    }

    @Test func goodFileOverridesTheSeed() throws {
        let t = try load(#"{"contract_years": 7, "discount_rate": 0.05, "connection": {"fixed_tenge": 1000, "tenge_per_m": 2},"#
            + #" "items": {"Badge": {"capex_tenge": 250000, "source": "tender 2026"}}}"#)
        #expect(t.contractYears == 7 && t.discountRate == 0.05)
        #expect(t.connectionCapexTenge(routeMeters: 100) == 1200)
        #expect(t.item("badge") == CostItem(key: "badge", capexTenge: 250_000, opexTengePerYear: 0, source: "tender 2026"))
        #expect(t.item("tablet") == CostTable.seed.item("tablet"))
    }

    @Test(arguments: [
        (#"{"items": {"badge": {"capex_tenge": -5}}}"#, "item 'badge' capex_tenge", "≥ 0"),
        (#"{"items": {"car": {"capex_tenge": 1, "opex_tenge_per_year": -1}}}"#, "item 'car' opex_tenge_per_year", "≥ 0"),
        (#"{"items": {"car": {"opex_tenge_per_year": 1}}}"#, "item 'car'", "missing capex_tenge"),
        (#"{"items": {"car": {"capex_tenge": "lots"}}}"#, "item 'car' capex_tenge", "must be a number"),
        (#"{"items": {"car": {"capex_tenge": true}}}"#, "item 'car' capex_tenge", "must be a number"),
        (#"{"contract_years": 0}"#, "contract_years", "1…50"),
        (#"{"contract_years": 51}"#, "contract_years", "1…50"),
        (#"{"contract_years": 2.5}"#, "contract_years", "whole number"),
        (#"{"discount_rate": 1.5}"#, "discount_rate", "[0, 1)"),
        (#"{"discount_rate": -0.1}"#, "discount_rate", "[0, 1)"),
        (#"{"connection": {"tenge_per_m": -3}}"#, "connection_tenge_per_m", "≥ 0"),
        (#"{"contract_yaers": 5}"#, "contract_yaers", "unknown member"),
        (#"[1, 2]"#, nil, "expected a JSON object"),
        (#"{"items": "#, nil, "not valid JSON"),
    ] as [(String, String?, String)])
    func badFilesAreRefusedWithOneLine(json: String, feature: String?, problem: String) throws {
        let e = try #require(error(json))
        #expect(e.kind == .dataError)
        #expect(e.file == "costs.json")
        #expect(e.feature == feature)
        #expect(e.description.contains(problem), "\(e.description)")
        #expect(!e.description.contains("\n"))
    }
}
