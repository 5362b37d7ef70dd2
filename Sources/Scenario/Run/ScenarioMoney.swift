import Budget
import CityModel
import Coverage
import GeoCore
import Simulation
import Staffing
import StreetGraph

/// The scenario's `costs`, `connections`, `staffing` and `fleet` sections and the request table
/// built from every earlier result. Runs last: it prices what the other analyses found.
enum ScenarioMoney {
    /// Nil when the scenario has none of the four sections.
    static func run(_ doc: ScenarioDocument, inputs: ScenarioInputs, results r: ScenarioResults, cameras: [CameraRecord],
                    log: (String) -> Void) throws -> MoneyOutcome? {
        let city = inputs.city
        guard ["costs", "connections", "staffing", "fleet"].contains(where: { doc.root.at($0) != nil }) else { return nil }
        var costs = CostTable.seed
        var costSource = "seed"
        if let c = doc.root.at("costs") {
            if let (table, path) = inputs.costFile {
                costs = table
                costSource = path
            }
            if let y = c["contract_years"]?.integer { costs.contractYears = y }
            if let rate = c["discount_rate"]?.number { costs.discountRate = rate }
            try costs.validate(source: c.location.description)
        }
        // Scenario camera types price their cameras (capital); running cost as the `camera` item.
        let camOpex = costs.item("camera")?.opexTengePerYear ?? 0
        for (k, v) in ScenarioCoverage.unitCosts(doc) where costs.items["camera.\(k)"] == nil {
            costs.items["camera.\(k)"] = CostItem(key: "camera.\(k)", capexTenge: v, opexTengePerYear: camOpex,
                                                  source: "the scenario's price of camera type \(k); yearly running cost as for any camera")
        }
        if let postCost = doc.root.at("placement.posts.unit_cost_tenge")?.number, postCost > 0, let p = costs.items["post"] {
            costs.items["post"] = CostItem(key: "post", capexTenge: postCost, opexTengePerYear: p.opexTengePerYear,
                                           source: "the scenario's price of a post (placement.posts); yearly running cost from the cost table")
        }
        let district = DistrictLookup(r.precincts?.precincts ?? [])
        var out = MoneyOutcome(costs: costs, costSource: costSource, currentUnits: 0, cameraCount: 0, request: RequestTable(costs: costs))

        if let c = doc.root.at("connections") {
            log("control-centre connections")
            out.connections = try connections(doc, c, city: city, read: inputs.connections!, costs: costs, district: district)
        }
        // Posts: existing and proposed.
        let postsNode = doc.root.at("posts")
        var existingPosts: [(String, Point)] = []
        if postsNode != nil, let p = inputs.posts {
            existingPosts = Array(zip(p.ids, p.points))
        }
        let proposedPosts = r.postPlacement?.proposed.map { ("proposed/\($0.rank)", $0.point) } ?? []
        if let s = doc.root.at("staffing") {
            var relief = ReliefFactor()
            relief.weeklyHours = doc.setting("staffing.relief.weekly_hours")!.number!
            relief.dayHours = doc.setting("staffing.relief.day_hours")!.number!
            relief.leaveDays = doc.setting("staffing.relief.leave_days")!.number!
            relief.holidayDays = doc.setting("staffing.relief.holiday_days")!.number!
            relief.trainingDays = doc.setting("staffing.relief.training_days")!.number!
            relief.sicknessDays = doc.setting("staffing.relief.sickness_days")!.number!
            let existingStaffed = s["existing_posts_staffed"]?.bool ?? false
            let posts = existingPosts + proposedPosts
            let staffing = try PostStaffing.compute(posts: posts.count, officersOnDuty: doc.setting("staffing.officers_per_post")!.integer!,
                                                    relief: relief, source: s.location.description)
            out.postStaff = PostStaffOutcome(staffing: staffing, postDistricts: posts.map { district.of($0.1) },
                                             existingStaffed: existingStaffed, proposedPosts: proposedPosts.count)
        }
        let simUnits = doc.root.at("simulation.units")?.integer
        out.currentUnits = simUnits ?? (existingPosts.count + proposedPosts.count)
        if let f = doc.root.at("fleet") {
            log("fleet sizing")
            out.fleet = try fleet(doc, f, inputs: inputs, results: r, posts: existingPosts + proposedPosts)
        }
        // Cameras' lifecycle cost against what they see.
        if let cov = r.coverage {
            var npc = 0.0
            for cam in cov.cameras {
                let item = costs.item("camera." + cam.type.lowercased()) ?? costs.item("camera")
                if let item { npc += NetPresentCost.of(item, table: costs) }
            }
            out.cameraNpcTenge = npc
            out.cameraCount = cov.cameras.count
            out.coveredMeters = cov.summary.coveredLengthMeters
        }
        out.request = try request(r, out: out, costs: costs, source: costSource, district: district)
        return out
    }

    /// - Parameter read: the connection objects as `ScenarioInputs` read them.
    static func connections(_ doc: ScenarioDocument, _ c: ConfigNode, city: City,
                            read: (objects: [ConnectionObject], points: [Point], source: String), costs: CostTable,
                            district: DistrictLookup) throws -> ConnectionOutcome {
        let (objects, points, source) = read
        let graph = try GraphBuilder.build(streetsOf: city, mode: .walk)
        let hubs = objects.indices.filter { objects[$0].connected }
        let todo = objects.indices.filter { !objects[$0].connected }
        let routes = graph.connectionRoutes(from: hubs.map { points[$0] }, to: todo.map { points[$0] },
                                            maxSnapMeters: doc.setting("connections.max_snap_m")!.number!)
        var perObject = [ConnectionRoute?](repeating: nil, count: objects.count)
        var pairs = [(meters: Double, nearest: Int)?](repeating: nil, count: objects.count)
        for (k, i) in todo.enumerated() {
            guard var route = routes[k] else { continue }
            route.source = hubs[route.source]
            perObject[i] = route
            pairs[i] = (route.meters, route.source)
        }
        let objective = ConnectionObjective(rawValue: c["objective"]?.text ?? "pupils") ?? .pupils
        let plan = try ConnectionPlan.build(objects: objects, routes: pairs, costs: costs, budgetTenge: c["budget_tenge"]?.number,
                                            objective: objective)
        return ConnectionOutcome(objects: objects, points: points, routes: perObject, plan: plan, source: source,
                                 districts: points.map { district.of($0) })
    }

    /// Fleet sizing on the city day the `simulation` section states (profile, after-service,
    /// warm-up, hot spots, population; generated calls: sizing varies the fleet on one seeded
    /// stream, so real calls are not used here), units based round-robin at `posts`.
    static func fleet(_ doc: ScenarioDocument, _ f: ConfigNode, inputs: ScenarioInputs, results r: ScenarioResults,
                      posts: [(String, Point)]) throws -> FleetSizingResult {
        guard !posts.isEmpty else { throw SchemaValidator.error(f.location, "fleet sizing needs posts (a 'posts' section) to base units at") }
        let city = inputs.city
        let s = doc.root.at("simulation")
        let graph = try r.reach?.graph ?? GraphBuilder.build(streetsOf: city, mode: .drive)
        let target = f["target_minutes"]?.number ?? s?["target_minutes"]?.number ?? 5
        let hours = doc.setting("fleet.block_hours")!.integer!
        let blocks = stride(from: 0, to: 24, by: hours).map { TimeBlock(startHour: $0, endHour: min(24, $0 + hours)) }
        let hotCells = ScenarioSimulation.hotCells(doc, r)
        let options = ScenarioSimulation.options(
            doc, population: .buildings(inputs.population.model, totalPopulation: doc.root.at("population.total")?.number), calls: nil,
            hotSpots: ScenarioSimulation.hotSpots(inputs: inputs.simulation ?? NetworkModelInputs(), hotCells: hotCells))
        try options.validate()
        let request = FleetSizingRequest(posts: posts.map { UnitSite(id: $0.0, location: $0.1) }, targetMinutes: target,
                                         requiredFraction: doc.setting("fleet.share_within_target")!.number!,
                                         maxUnits: doc.setting("fleet.max_units")!.integer!, blocks: blocks)
        return try FleetSizing.run(city: city, graph: graph, request: request, options: options)
    }

    /// The request: inspectors missing per precinct, post staff, patrol cars, proposed cameras
    /// and posts, connections in the budget, and a badge and a tablet for every new officer.
    static func request(_ r: ScenarioResults, out: MoneyOutcome, costs: CostTable, source: String,
                        district: DistrictLookup) throws -> RequestTable {
        var t = RequestTable(costs: costs)
        var newOfficers: [String: Double] = [:]
        for l in r.load?.loads ?? [] where l.deficit > 0 {
            try t.add("inspector", district: l.id, quantity: Double(l.deficit), costs: costs, source: source)
            newOfficers[l.id, default: 0] += Double(l.deficit)
        }
        if let ps = out.postStaff {
            // Officers per post (relief factor); the city-wide ⌈total⌉ is shared out over the posts'
            // districts by largest remainder (Hamilton), so the request asks for what sizing found.
            let perPost = Double(ps.staffing.officersOnDuty) * ps.staffing.relief.officersPerPosition
            let counted = ps.existingStaffed ? Array(ps.postDistricts.suffix(ps.proposedPosts)) : ps.postDistricts
            var exact: [String: Double] = [:]
            var order: [String] = []
            for d in counted {
                if exact[d] == nil { order.append(d) }
                exact[d, default: 0] += perPost
            }
            for (d, n) in Self.apportion(order.map { ($0, exact[$0]!) }) where n > 0 {
                try t.add("post_staff", costKey: "inspector", district: d, quantity: Double(n), costs: costs, source: source)
                newOfficers[d, default: 0] += Double(n)
            }
        }
        if let need = out.fleet?.unitsNeeded, need > out.currentUnits {
            try t.add("car", district: "—", quantity: Double(need - out.currentUnits), costs: costs, source: source)
        }
        if let cp = r.cameraPlacement {
            var byKey: [String: [String: Double]] = [:]
            var keys: [String] = []
            for p in cp.proposed {
                let k = "camera." + p.pose.camera.type.lowercased()
                if byKey[k] == nil { keys.append(k) }
                byKey[k, default: [:]][district.of(p.pose.camera.position), default: 0] += 1
            }
            for k in keys {
                for (d, n) in byKey[k]!.sorted(by: { $0.key < $1.key }) {
                    try t.add(k, district: d, quantity: n, costs: costs, source: source)
                }
            }
        }
        if let pp = r.postPlacement {
            var byD: [String: Double] = [:]
            for p in pp.proposed { byD[district.of(p.point), default: 0] += 1 }
            for (d, n) in byD.sorted(by: { $0.key < $1.key }) { try t.add("post", district: d, quantity: n, costs: costs, source: source) }
        }
        if let c = out.connections {
            let sel = c.plan.links.filter(\.selected).map { (district: c.districts[$0.object], capexTenge: $0.capexTenge ?? 0) }
            try t.addIndividual("connection", costKey: "connection", byDistrict: sel.sorted { $0.district < $1.district },
                                costs: costs, source: source)
        }
        for item in ["badge", "tablet"] {
            for (d, n) in newOfficers.sorted(by: { $0.key < $1.key }) where n > 0 {
                try t.add(item, district: d, quantity: n, costs: costs, source: source)
            }
        }
        return t
    }
}

extension ScenarioMoney {
    /// Whole numbers for fractional shares that add up to ⌈Σ shares⌉: each share's floor, then one
    /// more to the largest remainders (ties: first listed). Largest-remainder (Hamilton) method.
    static func apportion(_ shares: [(String, Double)]) -> [(String, Int)] {
        let total = Int((shares.reduce(0) { $0 + $1.1 } - 1e-9).rounded(.up))
        var out = shares.map { ($0.0, Int(($0.1 + 1e-9).rounded(.down))) }
        let left = total - out.reduce(0) { $0 + $1.1 }
        let order = shares.indices.sorted { a, b in
            let ra = shares[a].1 - Double(out[a].1), rb = shares[b].1 - Double(out[b].1)
            return ra != rb ? ra > rb : a < b
        }
        for i in order.prefix(max(0, left)) { out[i].1 += 1 }
        return out
    }
}

/// Which precinct a point lies in (first in order), "—" outside all.
struct DistrictLookup {
    let precincts: [Precinct]
    init(_ precincts: [Precinct]) { self.precincts = precincts }

    func of(_ p: Point) -> String {
        for pr in precincts where pr.polygons.contains(where: { $0.envelope.contains(p) && $0.contains(p) }) { return pr.id }
        return "—"
    }
}
