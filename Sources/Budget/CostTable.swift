import GeoCore

/// Capital and yearly running costs per item, a contract length and a discount rate: the money
/// side of a plan.
///
/// The seed figures (`CostTable.seed`) come from the published budget lines quoted in
/// DESIGN.md where one exists, and are marked **placeholder** otherwise (order-of-magnitude
/// planning figures to be replaced by the local tender). A connection costs
/// `connectionFixedTenge + connectionTengePerMeter × route metres` up front and its item's
/// yearly running cost after.
///
/// | key | capex ₸ | opex ₸/yr | source |
/// | --- | ---: | ---: | --- |
/// | `badge` (video badge) | 225,000 | 0 | 200 badges for 45 M ₸ (DESIGN.md, public reporting) |
/// | `tablet` | 317,460 | 0 | 189 tablets for 60 M ₸ (DESIGN.md) |
/// | `computer` (set per precinct office) | 1,465,517 | 0 | 58 offices for 85 M ₸ (DESIGN.md) |
/// | `camera` (default camera type) | 600,000 | 60,000 | CameraCostTable `fixed`; opex placeholder 10 %/yr |
/// | `post` (modular post) | 35,000,000 | 1,500,000 | placeholder (bundled plan scenario's post price); opex: power, heating, cleaning |
/// | `car` (equipped patrol car) | 15,000,000 | 2,400,000 | placeholder: car + light bar + radio; fuel and service 200,000 ₸/month |
/// | `connection` | 500,000 + 3,000/m | 120,000 | placeholder: termination equipment + fibre laid along streets; channel rent 10,000 ₸/month |
/// | `inspector` (one officer) | 0 | 3,600,000 | placeholder: 300,000 ₸/month all-in pay |
///
/// Camera types (`camera.<type>`) fall back to `camera` when the table has no such entry.
public struct CostTable: Sendable, Hashable {
    /// Item key (lower case) → cost line.
    public var items: [String: CostItem]
    /// Contract (appraisal) length in whole years, 1…`maxYears`.
    public var contractYears: Int
    /// Yearly discount rate as a fraction (0.1 = 10 %), in [0, 1).
    public var discountRate: Double
    /// Fixed part of a connection to the control centre, tenge per object.
    public var connectionFixedTenge: Double
    /// Length-dependent part of a connection, tenge per metre of street route.
    public var connectionTengePerMeter: Double

    public static let maxYears = 50

    public init(items: [String: CostItem], contractYears: Int, discountRate: Double, connectionFixedTenge: Double,
                connectionTengePerMeter: Double) {
        self.items = items
        self.contractYears = contractYears
        self.discountRate = discountRate
        self.connectionFixedTenge = connectionFixedTenge
        self.connectionTengePerMeter = connectionTengePerMeter
    }

    /// The seed table (see the type's documentation for each figure's source): 5 contract years
    /// (a typical public–private partnership term for city camera programmes is longer; 5 is
    /// the planning horizon of a budget request), discount rate 10 % (placeholder of the order of
    /// Kazakhstan's base rate).
    public static let seed = CostTable(items: Dictionary(uniqueKeysWithValues: [
        CostItem(key: "badge", capexTenge: 45_000_000 / 200.0, source: "200 video badges for 45 M tenge (public reporting, DESIGN.md)"),
        CostItem(key: "tablet", capexTenge: (60_000_000 / 189.0).rounded(), source: "189 tablets for 60 M tenge (public reporting, DESIGN.md)"),
        CostItem(key: "computer", capexTenge: (85_000_000 / 58.0).rounded(), source: "computers for 58 precinct offices for 85 M tenge (public reporting, DESIGN.md)"),
        CostItem(key: "camera", capexTenge: 600_000, opexTengePerYear: 60_000,
                 source: "placeholder: CameraCostTable 'fixed' installed price; upkeep 10 % of it a year"),
        CostItem(key: "post", capexTenge: 35_000_000, opexTengePerYear: 1_500_000,
                 source: "placeholder: modular post as priced in the bundled plan scenario; power, heating, cleaning a year"),
        CostItem(key: "car", capexTenge: 15_000_000, opexTengePerYear: 2_400_000,
                 source: "placeholder: equipped patrol car; fuel and service 200,000 tenge a month"),
        CostItem(key: "connection", capexTenge: 500_000, opexTengePerYear: 120_000,
                 source: "placeholder: termination equipment per object (+ 3,000 tenge per route metre); channel 10,000 tenge a month"),
        CostItem(key: "inspector", capexTenge: 0, opexTengePerYear: 3_600_000,
                 source: "placeholder: one officer's pay, 300,000 tenge a month all-in"),
    ].map { ($0.key, $0) }), contractYears: 5, discountRate: 0.10, connectionFixedTenge: 500_000, connectionTengePerMeter: 3_000)

    /// The cost line of `key` (case-insensitive); `camera.<type>` falls back to `camera`.
    public func item(_ key: String) -> CostItem? {
        let k = key.lowercased()
        if let i = items[k] { return i }
        if k.hasPrefix("camera."), let c = items["camera"] { return CostItem(key: k, capexTenge: c.capexTenge, opexTengePerYear: c.opexTengePerYear, source: c.source) }
        return nil
    }

    /// The cost line of `key`, or an error naming the file and the missing item.
    public func require(_ key: String, source: String = "cost table") throws -> CostItem {
        guard let i = item(key) else {
            throw CovplanError(.dataError, file: source, feature: "item '\(key)'", "the cost table has no such item")
        }
        return i
    }

    /// Checks every figure: costs finite and ≥ 0 (and ≤ `InputLimits.maxMagnitude`), years in
    /// 1…`maxYears`, rate in [0, 1).
    ///
    /// - Throws: `CovplanError(.dataError)` naming `source` and the item or setting, one line.
    public func validate(source: String = "cost table") throws {
        guard (1...Self.maxYears).contains(contractYears) else {
            throw CovplanError(.dataError, file: source, feature: "contract_years", "must be a whole number of years in 1…\(Self.maxYears), found \(contractYears)")
        }
        guard discountRate.isFinite, discountRate >= 0, discountRate < 1 else {
            throw CovplanError(.dataError, file: source, feature: "discount_rate", "must be a fraction in [0, 1) (0.1 = 10 %), found \(discountRate)")
        }
        func money(_ v: Double, _ what: String) throws {
            guard v.isFinite, v >= 0, v <= InputLimits.maxMagnitude else {
                throw CovplanError(.dataError, file: source, feature: what, "cost must be a number of tenge ≥ 0, found \(v)")
            }
        }
        try money(connectionFixedTenge, "connection_fixed_tenge")
        try money(connectionTengePerMeter, "connection_tenge_per_m")
        for k in items.keys.sorted() {
            try money(items[k]!.capexTenge, "item '\(k)' capex_tenge")
            try money(items[k]!.opexTengePerYear, "item '\(k)' opex_tenge_per_year")
        }
    }

    /// Capital cost of one connection along `routeMeters` of street, tenge.
    public func connectionCapexTenge(routeMeters: Double) -> Double {
        connectionFixedTenge + connectionTengePerMeter * routeMeters
    }
}
