import Foundation
import GeoCore

extension CostTable {
    /// This table with a JSON cost file laid over it:
    ///
    /// ```json
    /// {"contract_years": 5, "discount_rate": 0.1,
    ///  "connection": {"fixed_tenge": 500000, "tenge_per_m": 3000},
    ///  "items": {"badge": {"capex_tenge": 225000, "opex_tenge_per_year": 0, "source": "..."}}}
    /// ```
    ///
    /// Every member is optional; an item given replaces the seed's (a missing `opex_tenge_per_year`
    /// is 0, a missing `source` is "cost file"). Unknown top-level members are refused (a typo
    /// would silently keep a seed figure).
    ///
    /// - Throws: `CovplanError(.dataError)` naming `source` and the member: not JSON, a cost that
    ///   is missing, not a number or negative, years outside 1…50 or not whole, a rate outside [0, 1).
    public func merging(jsonData data: Data, source: String) throws -> CostTable {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CovplanError(.dataError, file: source, "not valid JSON: \(error.localizedDescription)")
        }
        guard let dict = object as? [String: Any] else {
            throw CovplanError(.dataError, file: source, "expected a JSON object with contract_years, discount_rate, connection, items")
        }
        let known: Set<String> = ["contract_years", "discount_rate", "connection", "items", "description", "note"]
        if let bad = dict.keys.sorted().first(where: { !known.contains($0) }) {
            throw CovplanError(.dataError, file: source, feature: bad, "unknown member (expected \(known.sorted().joined(separator: ", ")))")
        }
        func number(_ v: Any?, _ what: String) throws -> Double {
            guard let n = v as? NSNumber, !String(describing: type(of: n)).contains("Bool"), String(cString: n.objCType) != "c" else {
                throw CovplanError(.dataError, file: source, feature: what, "must be a number, found \(v.map { String(describing: $0) } ?? "nothing")")
            }
            return n.doubleValue
        }
        var out = self
        if let y = dict["contract_years"] {
            let v = try number(y, "contract_years")
            guard v == v.rounded(), v >= 1, v <= Double(Self.maxYears) else {
                throw CovplanError(.dataError, file: source, feature: "contract_years", "must be a whole number of years in 1…\(Self.maxYears), found \(v)")
            }
            out.contractYears = Int(v)
        }
        if let r = dict["discount_rate"] { out.discountRate = try number(r, "discount_rate") }
        if let c = dict["connection"] {
            guard let cd = c as? [String: Any] else { throw CovplanError(.dataError, file: source, feature: "connection", "expected an object with fixed_tenge, tenge_per_m") }
            if let f = cd["fixed_tenge"] { out.connectionFixedTenge = try number(f, "connection.fixed_tenge") }
            if let m = cd["tenge_per_m"] { out.connectionTengePerMeter = try number(m, "connection.tenge_per_m") }
        }
        if let it = dict["items"] {
            guard let items = it as? [String: Any] else { throw CovplanError(.dataError, file: source, feature: "items", "expected an object of item → costs") }
            for key in items.keys.sorted() {
                guard let line = items[key] as? [String: Any] else {
                    throw CovplanError(.dataError, file: source, feature: "item '\(key)'", "expected an object with capex_tenge, opex_tenge_per_year, source")
                }
                guard line["capex_tenge"] != nil else {
                    throw CovplanError(.dataError, file: source, feature: "item '\(key)'", "missing capex_tenge")
                }
                let capex = try number(line["capex_tenge"], "item '\(key)' capex_tenge")
                let opex = try line["opex_tenge_per_year"].map { try number($0, "item '\(key)' opex_tenge_per_year") } ?? 0
                let src = (line["source"] as? String) ?? "cost file \(source)"
                out.items[key.lowercased()] = CostItem(key: key.lowercased(), capexTenge: capex, opexTengePerYear: opex, source: src)
            }
        }
        try out.validate(source: source)
        return out
    }
}
