import GeoCore

/// One line of "what to ask for": an item in a district, how many, at what cost.
public struct RequestLine: Sendable, Hashable {
    /// Item key (`inspector`, `post_staff`, `car`, `camera.public`, `connection`, `badge`, ...).
    public var item: String
    /// Cost-table key the prices come from (`post_staff` is priced as `inspector`).
    public var costKey: String
    /// District (precinct) id; `—` when the item has no place.
    public var district: String
    public var quantity: Double
    /// First-year cost of one unit: capital + one year's running cost, tenge.
    public var unitCostTenge: Double
    /// `quantity × unitCostTenge`, tenge.
    public var totalTenge: Double
    /// Net present cost of the line over the contract (`NetPresentCost`), tenge.
    public var npcTenge: Double
}

/// The request table: every line, the per-item totals and the grand total.
///
/// Unit cost is the **first-year** cost (capital + one year of running cost), which is what a
/// yearly budget request asks for; the contract's net present cost is given beside it. Lines
/// with quantity 0 are left out. Lines are ordered by item (in the order first added), then
/// district.
public struct RequestTable: Sendable, Hashable {
    public var lines: [RequestLine] = []
    public var contractYears: Int
    public var discountRate: Double

    public init(costs: CostTable) {
        contractYears = costs.contractYears
        discountRate = costs.discountRate
    }

    /// Adds `quantity` units of `item` priced as the cost line `costKey` (default: `item`).
    ///
    /// - Throws: `CovplanError(.dataError)` when the cost table has no such item.
    public mutating func add(_ item: String, costKey: String? = nil, district: String, quantity: Double,
                             costs: CostTable, source: String = "cost table") throws {
        guard quantity > 0 else { return }
        let c = try costs.require(costKey ?? item, source: source)
        let unit = c.capexTenge + c.opexTengePerYear
        lines.append(RequestLine(item: item, costKey: c.key, district: district, quantity: quantity, unitCostTenge: unit,
                                 totalTenge: unit * quantity, npcTenge: NetPresentCost.of(c, quantity: quantity, table: costs)))
    }

    /// Adds links of individual capital cost (connections): one line per district, unit cost the
    /// mean first-year cost, NPC each link's capex plus the item's discounted running cost.
    public mutating func addIndividual(_ item: String, costKey: String, byDistrict: [(district: String, capexTenge: Double)],
                                       costs: CostTable, source: String = "cost table") throws {
        guard !byDistrict.isEmpty else { return }
        let c = try costs.require(costKey, source: source)
        let af = NetPresentCost.annuityFactor(years: costs.contractYears, rate: costs.discountRate)
        var order: [String] = []
        var sums: [String: (n: Double, capex: Double)] = [:]
        for (d, capex) in byDistrict {
            if sums[d] == nil { order.append(d); sums[d] = (0, 0) }
            sums[d]!.n += 1
            sums[d]!.capex += capex
        }
        for d in order {
            let s = sums[d]!
            let total = s.capex + s.n * c.opexTengePerYear
            lines.append(RequestLine(item: item, costKey: c.key, district: d, quantity: s.n, unitCostTenge: total / s.n,
                                     totalTenge: total, npcTenge: s.capex + s.n * c.opexTengePerYear * af))
        }
    }

    /// Items in first-added order.
    public var items: [String] {
        var seen = Set<String>()
        return lines.map(\.item).filter { seen.insert($0).inserted }
    }

    /// Per item: total quantity, first-year total and NPC.
    public var byItem: [(item: String, quantity: Double, totalTenge: Double, npcTenge: Double)] {
        items.map { it in
            let ls = lines.filter { $0.item == it }
            return (it, ls.reduce(0) { $0 + $1.quantity }, ls.reduce(0) { $0 + $1.totalTenge }, ls.reduce(0) { $0 + $1.npcTenge })
        }
    }

    /// Per district: first-year total and NPC, districts in first-seen order.
    public var byDistrict: [(district: String, totalTenge: Double, npcTenge: Double)] {
        var seen = Set<String>()
        let ds = lines.map(\.district).filter { seen.insert($0).inserted }
        return ds.map { d in
            let ls = lines.filter { $0.district == d }
            return (d, ls.reduce(0) { $0 + $1.totalTenge }, ls.reduce(0) { $0 + $1.npcTenge })
        }
    }

    public var totalTenge: Double { lines.reduce(0) { $0 + $1.totalTenge } }
    public var npcTenge: Double { lines.reduce(0) { $0 + $1.npcTenge } }

    /// Lines sorted by item (first-added order) then district id.
    public var sortedLines: [RequestLine] {
        let rank = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
        return lines.enumerated().sorted { a, b in
            let ra = rank[a.element.item]!, rb = rank[b.element.item]!
            if ra != rb { return ra < rb }
            if a.element.district != b.element.district { return a.element.district < b.element.district }
            return a.offset < b.offset
        }.map(\.element)
    }
}
