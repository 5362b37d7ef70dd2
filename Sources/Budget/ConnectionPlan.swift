import GeoCore

/// An object that is, or could be, linked to the operations control centre (ЦОУ): a school,
/// a public building with panic-button cameras, an SOS terminal.
public struct ConnectionObject: Sendable, Hashable {
    public var id: String
    public var name: String?
    /// `school`, `control_centre`, ... (free text; `control_centre` objects are connection points).
    public var kind: String
    /// Already linked to the control centre (a connection point for others).
    public var connected: Bool
    /// Pupils (or people served); nil when the layer has no such figure.
    public var pupils: Double?

    public init(id: String, name: String? = nil, kind: String, connected: Bool, pupils: Double? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.connected = connected
        self.pupils = pupils
    }
}

/// What the budget mode maximises.
public enum ConnectionObjective: String, Sendable, Hashable, CaseIterable {
    /// Pupils in the objects connected (objects without a figure count 0).
    case pupils
    /// Objects connected.
    case objects
}

/// One unconnected object's link: route, cost, and whether the budget selection takes it.
public struct ConnectionLink: Sendable, Hashable {
    /// Index into the objects.
    public var object: Int
    /// Street-route length to the nearest connection point, metres (nil: unreachable).
    public var routeMeters: Double?
    /// Index of the nearest connection point (an object), nil when unreachable.
    public var nearest: Int?
    /// Capital cost: fixed + tenge per metre × route, tenge (nil when unreachable).
    public var capexTenge: Double?
    /// Net present cost over the contract (capex + discounted yearly channel cost), tenge.
    public var npcTenge: Double?
    /// Chosen by the budget selection (all reachable ones when there is no budget).
    public var selected: Bool
}

/// Connection of unconnected objects to the control centre: cost of each link and, with a budget,
/// the exact selection that connects the most pupils (or objects).
///
/// Each unconnected object is linked to its nearest connection point as things stand (a
/// connected object or the control centre); links are not chained through objects connected in
/// the same plan, so costs are an upper bound on a shared-trench design.
public struct ConnectionPlan: Sendable, Hashable {
    public var links: [ConnectionLink]
    public var objective: ConnectionObjective
    /// Budget for capital cost in tenge, nil for "connect all".
    public var budgetTenge: Double?
    /// The money unit of the exact selection: costs rounded up, the budget down, to whole units.
    public var knapsackUnitTenge: Double?
    /// Value (pupils or objects) of the exact selection and of the greedy one (value per tenge,
    /// on the same rounded costs).
    public var selectedValue: Double
    public var greedyValue: Double?
    public var selectedCapexTenge: Double
    public var selectedNpcTenge: Double

    /// Most knapsack cells (items × capacity units) the exact selection may use: 4·10⁸ bits, 50 MB.
    public static let maxCells = 400_000_000
    /// Largest capacity in units (the money unit grows beyond it).
    public static let maxCapacityUnits = 200_000

    /// Builds the plan.
    ///
    /// - Parameters:
    ///   - routes: per object, (route metres, nearest connection object) for unconnected objects,
    ///     nil for connected or unreachable ones.
    ///   - costs: connection fixed and per-metre costs, the `connection` item's yearly cost, years, rate.
    ///   - budgetTenge: capital budget; nil connects every reachable object.
    /// - Throws: `CovplanError(.usage)` for a negative or non-finite budget.
    public static func build(objects: [ConnectionObject], routes: [(meters: Double, nearest: Int)?], costs: CostTable,
                             budgetTenge: Double?, objective: ConnectionObjective) throws -> ConnectionPlan {
        precondition(routes.count == objects.count)
        if let b = budgetTenge, !(b.isFinite && b >= 0 && b <= InputLimits.maxMagnitude) {
            throw CovplanError(.usage, "connection budget must be a number of tenge ≥ 0, found \(b)")
        }
        let opex = costs.item("connection")?.opexTengePerYear ?? 0
        let af = NetPresentCost.annuityFactor(years: costs.contractYears, rate: costs.discountRate)
        var links: [ConnectionLink] = []
        for (i, o) in objects.enumerated() where !o.connected {
            let r = routes[i]
            let capex = r.map { costs.connectionCapexTenge(routeMeters: $0.meters) }
            links.append(ConnectionLink(object: i, routeMeters: r?.meters, nearest: r?.nearest, capexTenge: capex,
                                        npcTenge: capex.map { $0 + opex * af }, selected: budgetTenge == nil && r != nil))
        }
        func value(_ l: ConnectionLink) -> Double {
            objective == .objects ? 1 : (objects[l.object].pupils ?? 0)
        }
        var unit: Double?
        var greedyValue: Double?
        if let budget = budgetTenge {
            let cand = links.indices.filter { links[$0].capexTenge != nil }
            let cellsCap = max(1, maxCells / max(1, cand.count))
            let capUnits = min(maxCapacityUnits, cellsCap)
            let u = max(1000, (budget / Double(capUnits)).rounded(.up))
            unit = u
            let capacity = Int((budget / u).rounded(.down))
            let weights = cand.map { Int((links[$0].capexTenge! / u).rounded(.up)) }
            let values = cand.map { value(links[$0]) }
            let sol = BudgetKnapsack.solve(weights: weights, values: values, capacity: capacity)
            for k in sol.chosen { links[cand[k]].selected = true }
            // Greedy on the same rounded costs, so the two answer the same question.
            let g = BudgetKnapsack.greedy(weights: weights.map(Double.init), values: values, capacity: Double(capacity))
            greedyValue = g.reduce(0) { $0 + values[$1] }
        }
        let sel = links.filter(\.selected)
        return ConnectionPlan(links: links, objective: objective, budgetTenge: budgetTenge, knapsackUnitTenge: unit,
                              selectedValue: sel.reduce(0) { $0 + value($1) }, greedyValue: greedyValue,
                              selectedCapexTenge: sel.reduce(0) { $0 + ($1.capexTenge ?? 0) },
                              selectedNpcTenge: sel.reduce(0) { $0 + ($1.npcTenge ?? 0) })
    }
}
