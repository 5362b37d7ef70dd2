import CityModel
import Dispatch
import GeoCore
import Placement
import StreetGraph

/// What post or SOS-terminal placement serves.
public enum PostDemand: Sendable, Hashable {
    /// Residents of buildings (`ResidentsModel`), each building at its footprint centroid snapped
    /// to the nearest street position.
    case residents(ResidentsModel)
    /// Street metres: every graph edge cut into pieces of at most this many metres, each piece
    /// represented by its midpoint and weighted by its length.
    case streetMeters(pieceMeters: Double)
    /// Weighted points (incidents, or the hot cells of a hot-spot analysis), each snapped to the
    /// nearest street position; `label` names the kind in outputs (`incidents`, `hot_spots`).
    case points(label: String, points: [Point], weights: [Double])
}

/// What post placement optimises.
public enum PostObjective: String, Sendable, Hashable {
    /// Maximal coverage: the most demand within `minutes` of an open post.
    case coverage
    /// p-median: the least demand-weighted travel time to the nearest open post (times beyond
    /// `pMedianCutoffMinutes` are charged that cut-off).
    case pMedian = "p-median"
}

/// A post / SOS-terminal placement request. Defaults are documented per field.
public struct PostPlacementRequest: Sendable {
    /// Number of new posts.
    public var count: Int
    /// Response-time standard, minutes (> 0): demand within it of an open post is covered.
    public var minutes: Double
    /// Maximal coverage within `minutes` (default) or p-median.
    public var objective: PostObjective
    /// Default: residents with the default `ResidentsModel`.
    public var demand: PostDemand
    /// Existing posts (fixed: counted, never moved), with ids; default none.
    public var existing: [(id: String, point: Point)]
    /// Candidate sites at every graph node (default true).
    public var nodeSites: Bool
    /// Candidate sites along edges every this many metres (default 100; `.infinity` for none).
    public var spacingMeters: Double
    /// Points (buildings, existing posts) farther than this from the network are not snapped (m).
    public var maxSnapMeters: Double
    /// p-median: travel times are computed up to this cut-off, and unreached demand is charged
    /// it (default 3 × `minutes`).
    public var pMedianCutoffMinutes: Double?
    /// Label of the new sites (`post`, `sos`) and their unit cost in tenge.
    public var siteType: String
    public var unitCostTenge: Double
    /// Solver knobs and seed.
    public var options: PlacementOptions
    /// Bound tightening when the gap is above `gapTarget` (see `CameraPlacementRequest`).
    public var gapTarget: Double = 0.02
    public var maxBoundIterations: Int = 4_800

    /// Candidate spacing along streets when none is given, metres.
    public static let defaultSpacingMeters = 100.0
    /// Length of the street pieces of street-metre demand, metres.
    public static let defaultStreetPieceMeters = 10.0
    /// Label of the new sites in outputs.
    public static let defaultSiteType = "post"

    public init(count: Int, minutes: Double, objective: PostObjective = .coverage,
                demand: PostDemand = .residents(ResidentsModel()), existing: [(id: String, point: Point)] = [],
                nodeSites: Bool = true, spacingMeters: Double = PostPlacementRequest.defaultSpacingMeters, maxSnapMeters: Double = SnapDefaults.maxSnapMeters,
                pMedianCutoffMinutes: Double? = nil, siteType: String = PostPlacementRequest.defaultSiteType, unitCostTenge: Double = 0,
                options: PlacementOptions = PlacementOptions()) {
        self.count = count
        self.minutes = minutes
        self.objective = objective
        self.demand = demand
        self.existing = existing
        self.nodeSites = nodeSites
        self.spacingMeters = spacingMeters
        self.maxSnapMeters = maxSnapMeters
        self.pMedianCutoffMinutes = pMedianCutoffMinutes
        self.siteType = siteType
        self.unitCostTenge = unitCostTenge
        self.options = options
    }

    var cutoffSeconds: Double {
        objective == .pMedian ? max(minutes, pMedianCutoffMinutes ?? 3 * minutes) * 60 : minutes * 60
    }

    /// Throws `CovplanError(.usage)` naming the first impossible value.
    /// The number of posts a budget buys at `unitCostTenge` each: ⌊budget ÷ unit cost⌋ (every
    /// post costs the same, so the budgeted problem is the count problem with this count).
    ///
    /// - Throws: `CovplanError(.usage)` when the budget is not a positive finite amount, the unit
    ///   cost is not positive (a budget needs a price), or the budget buys no post.
    public static func count(forBudgetTenge budget: Double, unitCostTenge: Double) throws -> Int {
        guard budget.isFinite, budget > 0 else { throw CovplanError(.usage, "budget \(budget) tenge is not a positive amount") }
        guard unitCostTenge.isFinite, unitCostTenge > 0 else {
            throw CovplanError(.usage, "a budget in tenge needs the unit cost of a post (placement.posts.unit_cost_tenge, --unit-cost-tenge; e.g. 35000000)")
        }
        let n = (budget / unitCostTenge + 1e-9).rounded(.down)
        guard n >= 1 else {
            throw CovplanError(.usage, "budget \(CameraPlacement.tenge(budget)) tenge is below the cost of one post (\(CameraPlacement.tenge(unitCostTenge)) tenge)")
        }
        try InputLimits.check(n, max: Double(InputLimits.maxPlacementCount), "posts the budget buys", why: "each needs a candidate site of its own")
        return Int(n)
    }

    public func validate() throws {
        guard count >= 0 else { throw CovplanError(.usage, "count \(count) is negative; give the number of new posts") }
        try InputLimits.check(count, max: InputLimits.maxPlacementCount, "count of new posts", why: "each needs a candidate site of its own")
        guard minutes.isFinite, minutes > 0 else {
            throw CovplanError(.usage, "response time \(minutes) min must be a positive number of minutes")
        }
        try InputLimits.check(minutes, max: InputLimits.maxMinutes, "response time (minutes)", why: "one day")
        if let c = pMedianCutoffMinutes, !(c.isFinite && c > 0) {
            throw CovplanError(.usage, "p-median cut-off \(c) min must be a positive number of minutes")
        }
        if let c = pMedianCutoffMinutes {
            try InputLimits.check(c, max: InputLimits.maxMinutes, "p-median cut-off (minutes)", why: "one day")
        }
        guard !spacingMeters.isNaN, spacingMeters > 0 else {
            throw CovplanError(.usage, "site spacing \(spacingMeters) m must be a positive number of metres")
        }
        guard maxSnapMeters.isFinite, maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum snap distance \(maxSnapMeters) m must be ≥ 0")
        }
        guard unitCostTenge.isFinite, unitCostTenge >= 0 else {
            throw CovplanError(.usage, "unit cost \(unitCostTenge) tenge must be ≥ 0")
        }
        switch demand {
        case .residents(let m): _ = try m.validated()
        case .streetMeters(let p):
            guard p.isFinite, p > 0 else { throw CovplanError(.usage, "street piece length \(p) m must be positive") }
        case .points(let label, let pts, let w):
            guard pts.count == w.count else { throw CovplanError(.software, "\(label) demand: \(pts.count) points, \(w.count) weights") }
            for (i, x) in w.enumerated() where !(x.isFinite && x >= 0) {
                throw CovplanError(.dataError, layer: label, feature: "\(i)", "demand weight must be a number ≥ 0 (got \(x))")
            }
        }
        guard nodeSites || spacingMeters.isFinite else {
            throw CovplanError(.usage, "no candidate sites: enable node sites or give a finite spacing")
        }
    }
}

/// A proposed new post, in rank (pick) order.
public struct ProposedPost: Sendable, Hashable {
    /// 1 = picked first.
    public var rank: Int
    /// `n<node>` for a graph node, `e<edge>@<metres>` for a point along an edge.
    public var id: String
    /// Index of the site in the coverage instance.
    public var candidateIndex: Int
    /// Location on the street, metres (working CRS).
    public var point: Point
    /// Position on the graph (edge and metres from its `from` node).
    public var position: EdgePosition
    /// Id of the street the site lies on.
    public var streetId: String
    /// Unit cost in tenge.
    public var costTenge: Double
    /// Objective gain when added after the sites ranked before it (covered demand weight, or
    /// weighted seconds saved for p-median).
    public var marginalGain: Double
    /// Covered fraction (demand weight within `minutes`) with this post and those before it.
    public var cumulativeCoveredFraction: Double
}

/// The answer of a post placement.
public struct PostPlacementResult: Sendable {
    /// The solver's answer: objective, proven bound, gap, chosen sites.
    public var placement: PlacementResult
    /// The new posts, best first.
    public var proposed: [ProposedPost]
    /// The coverage instance (demand within `minutes`), fixed sites = existing posts — exported by
    /// `--export-instance`.
    public var coverageInstance: CoverageInstance
    /// Where each candidate of the instance lies on the graph (existing posts first).
    public var candidatePositions: [EdgePosition]
    /// Where each demand point lies on the graph, and its weight (residents or metres).
    public var demandPositions: [EdgePosition]
    public var demandWeights: [Double]
    /// The travel-time cut-off of the computed times, seconds (`minutes`·60, or the p-median cut-off).
    public var cutoffSeconds: Double
    /// Demand points (attached), candidate sites (existing posts included) and nonzeros within the
    /// response time.
    public var demandCount: Int
    public var candidateCount: Int
    /// Demand weight attached to the network (residents or metres) and left unattached (farther
    /// than `maxSnapMeters`).
    public var demandWeight: Double
    public var unattachedWeight: Double
    /// Existing posts snapped onto the network and those too far away (ids).
    public var existingSnapped: Int
    public var existingUnsnapped: [String]
    /// Share of the attached demand weight within `minutes` of an open post, before and after.
    public var coveredFractionBefore: Double
    public var coveredFractionAfter: Double
    /// Demand-weighted mean travel time (seconds, capped at the cut-off) before (nil without
    /// existing posts) and after.
    public var meanSecondsBefore: Double?
    public var meanSecondsAfter: Double
    /// Total unit cost of the new posts, tenge.
    public var costTenge: Double
    /// Wall-clock seconds of building the instance (demand, sites, travel times) and of the solve.
    public var buildSeconds: Double
    public var solveSeconds: Double
}

/// Modular police posts and SOS terminals: where the next ones go so that the most residents (or
/// street metres) are within T minutes by the street graph, or the mean travel time is least.
///
/// Library entry point:
///
///     let g = try GraphBuilder.build(streets: city.streets, mode: .walk)
///     let r = try PostPlacement.run(city: city, graph: g, request: PostPlacementRequest(count: 5, minutes: 5))
///
/// Candidates: every node of the graph's main component (component 0) that an arc leaves, and
/// points every `spacingMeters` along its edges; existing posts are fixed candidates. Coverage within `minutes` by per-site cut-off Dijkstra (`TravelTimeTable`);
/// MCLP by `MaximalCoverage`, p-median by `PMedian` on the same times (up to the p-median
/// cut-off).
public enum PostPlacement {
    /// Builds and solves.
    ///
    /// - Throws: `CovplanError(.usage)` for impossible request values, a count larger than the
    ///   candidate sites (saying how many there are), or no demand on the network;
    ///   `.dataError` when no building or street is near the network.
    public static func run(city: City, graph: RoadGraph, request: PostPlacementRequest) throws -> PostPlacementResult {
        var clock = PhaseClock()
        try request.validate()
        guard graph.edgeCount > 0 else {
            throw CovplanError(.dataError, layer: "streets", "the \(graph.mode.rawValue) street graph is empty")
        }
        if request.spacingMeters.isFinite {
            try PlacementSize.checkSites(streetLengthMeters: graph.edgeLengthMeters.reduce(0, +), spacingMeters: request.spacingMeters)
        }
        let snapper = EdgeSnapper(graph: graph)

        // Demand points.
        var dEdge: [Int32] = [], dOffset: [Double] = [], dWeight: [Double] = []
        var unattached = 0.0
        switch request.demand {
        case .residents(let model):
            var pts: [Point] = [], w: [Double] = []
            for b in city.buildings {
                let r = model.residents(b)
                guard r > 0, r.isFinite, let poly = b.footprint.max(by: { $0.area < $1.area }) else { continue }
                pts.append(Planar.centroid(poly.exterior))
                w.append(r)
            }
            let snaps = snapper.snapAll(pts, maxDistanceMeters: request.maxSnapMeters)
            for (k, s) in snaps.enumerated() {
                guard let s else { unattached += w[k]; continue }
                dEdge.append(s.position.edge)
                dOffset.append(s.position.offsetMeters)
                dWeight.append(w[k])
            }
        case .points(_, let pts, let w):
            let snaps = snapper.snapAll(pts, maxDistanceMeters: request.maxSnapMeters)
            for (k, s) in snaps.enumerated() where w[k] > 0 {
                guard let s else { unattached += w[k]; continue }
                dEdge.append(s.position.edge)
                dOffset.append(s.position.offsetMeters)
                dWeight.append(w[k])
            }
        case .streetMeters(let piece):
            for e in 0..<graph.edgeCount {
                let len = graph.edgeLengthMeters[e]
                guard len > 0 else { continue }
                let n = max(1, Int((len / piece).rounded(.up)))
                for i in 0..<n {
                    dEdge.append(Int32(e))
                    dOffset.append((Double(i) + 0.5) * len / Double(n))
                    dWeight.append(len / Double(n))
                }
            }
        }
        guard !dWeight.isEmpty, dWeight.reduce(0, +) > 0 else {
            var what = "building with residents"
            if case .points(let label, _, _) = request.demand { what = "\(label) point with a positive weight" }
            throw CovplanError(.dataError, "no demand on the \(graph.mode.rawValue) network: no \(what) lies within \(request.maxSnapMeters) m of a street")
        }
        let demand = TravelTimeTable.DemandPoints(graph: graph, edge: dEdge, offsetMeters: dOffset)

        // Candidate sites: existing posts first (fixed), then nodes, then edge points.
        var ids: [String] = [], sites: [EdgePosition] = [], points: [Point] = [], fixed: [Int32] = []
        var unsnapped: [String] = []
        for (id, p) in request.existing {
            guard let s = snapper.snap(p, maxDistanceMeters: request.maxSnapMeters) else { unsnapped.append(id); continue }
            fixed.append(Int32(ids.count))
            ids.append("existing/\(id)")
            sites.append(s.position)
            points.append(s.point)
        }
        if Set(ids).count != ids.count {
            throw CovplanError(.dataError, layer: "existing posts", "existing post ids are not unique")
        }
        if request.nodeSites {
            for n in 0..<graph.nodeCount {
                let a0 = Int(graph.arcStart[n]), a1 = Int(graph.arcStart[n + 1])
                // A node no arc leaves (the dead end of a one-way street) cannot send a post anywhere,
                // and a post off the main network (component 0) reaches only its fragment.
                guard a1 > a0, graph.nodeComponent[n] == 0 else { continue }
                let ae = Int(graph.arcEdge[a0])
                let edge = ae >= 0 ? ae : ~ae
                let atStart = ae >= 0
                ids.append("n\(n)")
                sites.append(EdgePosition(edge: Int32(edge), offsetMeters: atStart ? 0 : graph.edgeLengthMeters[edge]))
                points.append(graph.node(n))
            }
        }
        if request.spacingMeters.isFinite {
            for e in 0..<graph.edgeCount {
                let len = graph.edgeLengthMeters[e]
                guard len >= request.spacingMeters, graph.nodeComponent[Int(graph.edgeFrom[e])] == 0,
                      graph.nodeComponent[Int(graph.edgeTo[e])] == 0 else { continue }
                let n = Int((len / request.spacingMeters).rounded(.down))
                for i in 0..<n {
                    let x = (Double(i) + 0.5) * len / Double(n)
                    ids.append("e\(e)@\(Int(x.rounded()))")
                    sites.append(EdgePosition(edge: Int32(e), offsetMeters: x))
                    points.append(graph.point(onEdge: e, atMeters: x))
                }
            }
        }
        let isFixed = ids.indices.map { $0 < fixed.count }  // existing posts come first
        let types = isFixed.map { $0 ? "existing" : request.siteType }
        let costs = isFixed.map { $0 ? 0 : request.unitCostTenge }
        let free = ids.count - fixed.count
        if request.count > free {
            throw CovplanError(.usage, "count \(request.count) is larger than the \(free) candidate sites on the \(graph.mode.rawValue) network; ask for at most \(free) posts, or add sites (a smaller --spacing-m)")
        }
        clock.lap("demand and sites")

        let cutoff = request.cutoffSeconds
        let times = TravelTimeTable.build(graph: graph, sites: sites, demand: demand, cutoffSeconds: cutoff)
        clock.lap("travel times")

        // Coverage within the response time.
        let limit = request.minutes * 60
        var cOffsets = [0], cIndices: [Int32] = []
        for j in 0..<ids.count {
            for k in times.offsets[j]..<times.offsets[j + 1] where times.seconds[k] <= limit { cIndices.append(times.demand[k]) }
            cOffsets.append(cIndices.count)
        }
        let coverage = try CoverageInstance(demandWeights: dWeight, candidateIDs: ids, candidateTypes: types,
                                            candidateCosts: costs, coverOffsets: cOffsets, coverIndices: cIndices,
                                            fixed: fixed, limit: .count(request.count))
        let buildSeconds = clock.total
        let solveStart = DispatchTime.now().uptimeNanoseconds

        let placement: PlacementResult
        switch request.objective {
        case .coverage:
            placement = try BoundRefinement.solve(options: request.options, gapTarget: request.gapTarget,
                                                  maxBoundIterations: request.maxBoundIterations) {
                try MaximalCoverage.solve(coverage, options: $0)
            }
        case .pMedian:
            guard !fixed.isEmpty || request.count > 0 else {
                throw CovplanError(.usage, "p-median needs at least one post: ask for 1 or more (placement.posts.count, --count), or give existing posts")
            }
            let facility = try FacilityInstance(
                demandWeights: dWeight, candidateIDs: ids, candidateTypes: types, candidateCosts: costs,
                offsets: times.offsets, demandIndices: times.demand, seconds: times.seconds, fixed: fixed,
                count: request.count, unservedSeconds: cutoff)
            placement = try BoundRefinement.solve(options: request.options, gapTarget: request.gapTarget,
                                                  maxBoundIterations: request.maxBoundIterations) {
                try PMedian.solve(facility, options: $0)
            }
        }
        let solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - solveStart) / 1e9

        // Before / after: covered weight within the limit and mean time (capped at the cut-off).
        let total = dWeight.reduce(0, +)
        // Nearest open site's time per demand point (+∞ when none within the cut-off).
        func nearest(_ open: [Int]) -> [Double] {
            var t = [Double](repeating: .infinity, count: dWeight.count)
            for j in open {
                for k in times.offsets[j]..<times.offsets[j + 1] where times.seconds[k] < t[Int(times.demand[k])] {
                    t[Int(times.demand[k])] = times.seconds[k]
                }
            }
            return t
        }
        func covered(_ t: [Double]) -> Double { zip(t, dWeight).reduce(0) { $0 + ($1.0 <= limit ? $1.1 : 0) } }
        func mean(_ t: [Double]) -> Double { zip(t, dWeight).reduce(0) { $0 + min($1.0, cutoff) * $1.1 } / total }
        let fixedOpen = fixed.map { Int($0) }
        let tBefore = nearest(fixedOpen)
        let chosen = placement.selected.map(\.candidate)
        let tAfter = nearest(fixedOpen + chosen)

        var seen = [Bool](repeating: false, count: dWeight.count)
        for j in fixedOpen { for d in coverage.covers(j) { seen[Int(d)] = true } }
        var coveredW = covered(tBefore)
        var proposed: [ProposedPost] = []
        for (k, s) in placement.selected.enumerated() {
            for d in coverage.covers(s.candidate) where !seen[Int(d)] {
                seen[Int(d)] = true
                coveredW += dWeight[Int(d)]
            }
            let pos = sites[s.candidate]
            proposed.append(ProposedPost(
                rank: k + 1, id: s.id, candidateIndex: s.candidate, point: points[s.candidate], position: pos,
                streetId: graph.streetId(ofEdge: Int(pos.edge)), costTenge: s.costTenge, marginalGain: s.marginalGain,
                cumulativeCoveredFraction: coveredW / total))
        }
        return PostPlacementResult(
            placement: placement, proposed: proposed, coverageInstance: coverage, candidatePositions: sites,
            demandPositions: zip(dEdge, dOffset).map { EdgePosition(edge: $0, offsetMeters: $1) }, demandWeights: dWeight,
            cutoffSeconds: cutoff, demandCount: dWeight.count,
            candidateCount: ids.count, demandWeight: total, unattachedWeight: unattached,
            existingSnapped: fixed.count, existingUnsnapped: unsnapped,
            coveredFractionBefore: covered(tBefore) / total, coveredFractionAfter: covered(tAfter) / total,
            meanSecondsBefore: fixed.isEmpty ? nil : mean(tBefore), meanSecondsAfter: mean(tAfter),
            costTenge: placement.costTenge, buildSeconds: buildSeconds, solveSeconds: solveSeconds)
    }
}
