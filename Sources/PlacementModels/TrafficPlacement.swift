import CityModel
import Coverage
import Dispatch
import GeoCore
import Placement

/// The answer of an ANPR / Sergek placement.
public struct TrafficPlacementResult: Sendable {
    /// The solver's answer (objective: target weight read, or cameras / tenge for a share target).
    public var placement: PlacementResult
    /// The new cameras in pick order (rank 1 first); `marginalGain` is target weight.
    public var proposed: [ProposedCamera]
    /// The network the cameras watch.
    public var network: TrafficNetwork
    /// All targets of the objective.
    public var targets: [TrafficTarget]
    /// Per target: read by an existing camera, by a new one, or by none (and whether any
    /// candidate could read it).
    public var readBefore: [Bool]
    public var readAfter: [Bool]
    public var readable: [Bool]
    /// Trips dropped before routing, with the reason (`anpr-flow`).
    public var droppedTrips: [(id: String, reason: String)]
    /// Existing cameras as resolved, and those skipped.
    public var existingCameras: [Camera]
    /// Candidate counts: sites, poses generated, poses kept in the instance.
    public var siteCount: Int
    public var generatedPoses: Int
    public var candidatePoses: Int
    /// Total unit cost of the new cameras, tenge.
    public var costTenge: Double

    /// Target weight in all, read before and after.
    public var totalWeight: Double { targets.reduce(0) { $0 + $1.weight } }
    public var weightBefore: Double { zip(targets, readBefore).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) } }
    public var weightAfter: Double { zip(targets, readAfter).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) } }

    /// Groups (entries, junctions, straight stretches) whose every target is read after the plan,
    /// and the number of groups.
    public var completeGroups: (complete: Int, total: Int) {
        var all: [String: Bool] = [:]
        for (t, r) in zip(targets, readAfter) { all[t.group] = (all[t.group] ?? true) && r }
        return (all.values.filter { $0 }.count, all.count)
    }
}

/// Placement of ANPR / Sergek cameras where traffic flows: the fewest (or cheapest) cameras
/// that read every declared entry in both directions, every junction approach, every straight
/// speed stretch, or the largest share of vehicle trips — on the traffic network only
/// (`TrafficNetwork.anprClasses`), by direction of travel (`DirectedReadingRule`).
///
/// Candidates: sites every `spacingMeters` along the network edges within `siteReachMeters` of a
/// target (for trips: every edge a trip uses) and at their end nodes, aimed along the street in
/// both directions (at a node: out along every arm), for each candidate type. Each pose reads the
/// directed stretches `TrafficNetwork.readings` gives; it covers a target when it reads at least
/// `TrafficTargets.minReadMeters` of one of the target's stretches (or all of a shorter one).
///
/// The instance goes to `MaximalCoverage` (count, budget) or `SetCovering` (share of targets),
/// then `CheaperSwap` replaces any chosen camera by a cheaper one that keeps every target read,
/// so a count never buys an expensive type where a cheap one does the same.
public enum TrafficPlacement {
    /// Builds and solves. Throws `CovplanError(.usage)` for an impossible request (messages say
    /// what is possible), `.dataError` for bad entries or camera records.
    public static func run(city: City, request: TrafficPlacementRequest) throws -> TrafficPlacementResult {
        try request.validate()
        let network = try TrafficNetwork(city: city, classes: request.classes)
        let targets: [TrafficTarget]
        var dropped: [(id: String, reason: String)] = []
        switch request.objective {
        case .entries:
            targets = try TrafficTargets.entries(request.entries, network: network, windowMeters: request.entryWindowMeters,
                                                 maxSnapMeters: request.maxSnapMeters, source: request.entriesSource)
        case .junctions:
            targets = try TrafficTargets.junctions(network: network, approachMeters: request.approachMeters, only: request.junctionPoints,
                                                   maxSnapMeters: request.maxSnapMeters, source: request.junctionsSource)
        case .speed:
            targets = TrafficTargets.speed(network: network, straightMeters: request.straightMeters)
        case .flow:
            (targets, dropped) = TrafficTargets.trips(request.trips, network: network, maxSnapMeters: request.maxSnapMeters)
        }
        guard !targets.isEmpty else {
            let why: String
            switch request.objective {
            case .speed: why = "no straight stretch of \(Int(request.straightMeters)) m or more (the straight length setting)"
            case .flow: why = "every trip was dropped (\(dropped.count): ends off the traffic network or no route)"
            case .entries, .junctions: why = "no target"
            }
            throw CovplanError(.usage, "\(request.objective.rawValue): \(why) on the traffic network (\(request.classes.sorted().joined(separator: ", "))); nothing to place")
        }
        let obstacles = ObstacleIndex(buildings: city.buildings)
        let obstaclesUsed = request.occlusion ? obstacles : .empty
        let resolver = CameraResolver(defaults: request.cameraDefaults, skipInvalid: false)
        let existing = try resolver.resolve(request.existing, obstacles: obstacles, streets: network.lines).cameras

        // Candidate poses.
        let types = try request.candidateTypes()
        let sites = candidateSites(network: network, targets: targets, spacing: request.spacingMeters,
                                   reach: request.siteReachMeters, everyEdgeOfTargets: request.objective == .flow)
        var poses: [CameraPose] = []
        for s in sites {
            for t in types where !t.isAllRound {
                for h in s.headingsDeg {
                    var deg = Int(h.rounded()) % 360
                    if deg < 0 { deg += 360 }
                    let label = deg < 10 ? "00\(deg)" : deg < 100 ? "0\(deg)" : "\(deg)"
                    poses.append(CameraPose(id: "\(s.id)/\(t.name)/\(label)", site: s, headingDeg: h, type: t))
                }
            }
        }
        let generated = poses.count
        let readsNew = try network.readings(of: poses.map(\.camera), rule: request.rule, obstacles: obstaclesUsed,
                                            occlusion: request.occlusion)
        let readsOld = try network.readings(of: existing, rule: request.rule, obstacles: obstaclesUsed, occlusion: request.occlusion)
        let index = TargetIndex(targets)
        let before = index.covered(by: readsOld.flatMap { $0 })
        // Demand: targets not read before.
        var demandOf = [Int32](repeating: -1, count: targets.count)
        var weights: [Double] = []
        for (k, t) in targets.enumerated() where !before[k] && t.weight > 0 {
            demandOf[k] = Int32(weights.count)
            weights.append(t.weight)
        }
        var offsets = [0]
        var indices: [Int32] = []
        var keptPoses: [CameraPose] = []
        var readable = before
        var covers: [[Int32]] = []
        for (j, r) in readsNew.enumerated() {
            let hit = index.targets(readBy: r)
            for k in hit { readable[k] = true }
            let d = hit.compactMap { demandOf[$0] >= 0 ? demandOf[$0] : nil }.sorted()
            guard !d.isEmpty else { continue }
            covers.append(d)
            keptPoses.append(poses[j])
        }
        var dominated = [Bool](repeating: false, count: keptPoses.count)
        if request.dropDominated {
            var o = [0]
            var ix: [Int32] = []
            for c in covers { ix += c; o.append(ix.count) }
            dominated = CandidateDominance.dominated(offsets: o, indices: ix, costs: keptPoses.map(\.type.unitCostTenge),
                                                     demandCount: weights.count)
        }
        var finalPoses: [CameraPose] = []
        for (j, c) in covers.enumerated() where !dominated[j] {
            indices += c
            offsets.append(indices.count)
            finalPoses.append(keptPoses[j])
        }
        let inst = try CoverageInstance(demandWeights: weights, candidateIDs: finalPoses.map(\.id),
                                        candidateTypes: finalPoses.map(\.type.name),
                                        candidateCosts: finalPoses.map(\.type.unitCostTenge), coverOffsets: offsets,
                                        coverIndices: indices, limit: request.goal.limit)
        var placement: PlacementResult
        switch request.goal {
        case _ where finalPoses.isEmpty:
            // No candidate reads anything new: the empty plan (reported with what is unreadable).
            placement = try SetCovering.solve(inst, target: .weight(0), minimize: .count, options: request.options)
        case .count(let p):
            var i = inst
            i.limit = .count(min(p, inst.candidateCount))
            placement = try MaximalCoverage.solve(i, options: request.options)
        case .budgetTenge(let b):
            let cheapest = inst.candidateCosts.min() ?? 0
            guard b >= cheapest else {
                throw CovplanError(.usage, "budget \(CameraPlacement.tenge(b)) tenge is below the cheapest candidate camera (\(CameraPlacement.tenge(cheapest)) tenge)")
            }
            placement = try MaximalCoverage.solve(inst, options: request.options)
        case .coveredFraction(let f, let minimize):
            let total = targets.reduce(0) { $0 + $1.weight }
            let beforeW = zip(targets, before).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) }
            let reachable = zip(targets, readable).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) }
            // A share of 1 means "every target any candidate can read" (the unreadable ones are
            // reported, not an error); below 1 the share must be reachable.
            let goalWeight = f >= 1 ? reachable : f * total
            if goalWeight > reachable + 1e-9 * max(1, total) {
                throw CovplanError(.usage, "target share \(f) of the \(request.objective.rawValue) targets is unreachable: existing cameras read \(beforeW) of \(total) and all candidates together at most \(reachable); lower the share to at most \((reachable / total * 10_000).rounded(.down) / 10_000)")
            }
            placement = try SetCovering.solve(inst, target: .weight(max(0, goalWeight - beforeW)), minimize: minimize,
                                              options: request.options)
        }
        placement = try CheaperSwap.apply(placement, instance: inst)
        // Proposed cameras with plain marginal gains, and the targets read after.
        var after = before
        var seen = [Bool](repeating: false, count: inst.demandCount)
        var demandTarget = [Int](repeating: 0, count: weights.count)
        for (k, d) in demandOf.enumerated() where d >= 0 { demandTarget[Int(d)] = k }
        var proposed: [ProposedCamera] = []
        var cumulative = zip(targets, before).reduce(0) { $0 + ($1.1 ? $1.0.weight : 0) }
        let total = targets.reduce(0) { $0 + $1.weight }
        for (k, s) in placement.selected.enumerated() {
            var gain = 0.0
            for d in inst.covers(s.candidate) where !seen[Int(d)] {
                seen[Int(d)] = true
                gain += inst.demandWeights[Int(d)]
                after[demandTarget[Int(d)]] = true
            }
            cumulative += gain
            proposed.append(ProposedCamera(rank: k + 1, pose: finalPoses[s.candidate], candidateIndex: s.candidate,
                                           costTenge: s.costTenge, marginalGain: gain, marginalMeters: 0,
                                           cumulativeCoveredFraction: total > 0 ? cumulative / total : 0))
        }
        return TrafficPlacementResult(
            placement: placement, proposed: proposed, network: network, targets: targets, readBefore: before, readAfter: after,
            readable: readable, droppedTrips: dropped, existingCameras: existing, siteCount: sites.count,
            generatedPoses: generated, candidatePoses: finalPoses.count,
            costTenge: placement.selected.reduce(0) { $0 + $1.costTenge })
    }

    /// Candidate sites: along every edge near a target (or used by one, for trips) every
    /// `spacing` metres, aimed both ways along the street; and at those edges' end nodes, aimed
    /// out along every arm of the network there.
    static func candidateSites(network: TrafficNetwork, targets: [TrafficTarget], spacing: Double, reach: Double,
                               everyEdgeOfTargets: Bool) -> [CameraSite] {
        let g = network.graph
        var useEdge = [Bool](repeating: false, count: g.edgeCount)
        for t in targets {
            for s in t.stretches {
                useEdge[Int(s.edge)] = true
                guard !everyEdgeOfTargets else { continue }
                let env = Envelope(of: network.geometry(s))
                network.lines.search(Envelope(minX: env.minX - reach, minY: env.minY - reach, maxX: env.maxX + reach,
                                              maxY: env.maxY + reach)) { seg in
                    useEdge[Int(network.lines.line[seg])] = true
                }
            }
        }
        // Arms out of each node (bearing of the first segment leaving it), over all edges.
        var arms = [[Double]](repeating: [], count: g.nodeCount)
        for e in 0..<g.edgeCount {
            let f = Int(network.lines.lineFirstSegment[e]), l = Int(network.lines.lineFirstSegment[e + 1]) - 1
            guard l >= f else { continue }
            arms[Int(g.edgeFrom[e])].append(Planar.bearing(from: network.lines.a(f), to: network.lines.b(f)))
            arms[Int(g.edgeTo[e])].append(Planar.bearing(from: network.lines.b(l), to: network.lines.a(l)))
        }
        func distinct(_ hs: [Double]) -> [Double] {
            var seen = Set<Int>()
            return hs.filter { seen.insert(Int($0.rounded()) % 360).inserted }
        }
        var out: [CameraSite] = []
        var nodeDone = Set<Int32>()
        for e in 0..<g.edgeCount where useEdge[e] {
            let street = network.edgeCityStreet[e]
            for n in [g.edgeFrom[e], g.edgeTo[e]] where nodeDone.insert(n).inserted {
                out.append(CameraSite(id: "n\(n)", kind: .junction, position: g.node(Int(n)), streetIndex: street,
                                      headingsDeg: distinct(arms[Int(n)])))
            }
            let len = g.edgeLengthMeters[e]
            var m = spacing / 2
            var k = 0
            while m < len {
                let hit = segment(network, edge: e, at: m)
                let b = Planar.bearing(from: network.lines.a(hit.segment), to: network.lines.b(hit.segment))
                out.append(CameraSite(id: "e\(e)s\(k)", kind: .street, position: hit.point, streetIndex: street,
                                      headingsDeg: distinct([b, (b + 180).truncatingRemainder(dividingBy: 360)])))
                m += spacing
                k += 1
            }
        }
        return out
    }

    /// The segment of edge `e`'s line holding the point `m` metres from its start, and the point.
    static func segment(_ network: TrafficNetwork, edge e: Int, at m: Double) -> (segment: Int, point: Point) {
        let lines = network.lines
        let f = Int(lines.lineFirstSegment[e]), l = Int(lines.lineFirstSegment[e + 1]) - 1
        var s = f
        while s < l && lines.startMeters[s] + lines.lengthMeters[s] < m { s += 1 }
        let t = lines.lengthMeters[s] > 0 ? min(1, max(0, (m - lines.startMeters[s]) / lines.lengthMeters[s])) : 0
        return (s, lines.a(s).lerp(lines.b(s), t))
    }
}

/// Targets indexed by (edge, direction) for the read test.
struct TargetIndex {
    let targets: [TrafficTarget]
    var byKey: [Int64: [(target: Int, from: Double, to: Double)]] = [:]

    init(_ targets: [TrafficTarget]) {
        self.targets = targets
        for (k, t) in targets.enumerated() {
            for s in t.stretches { byKey[Self.key(s), default: []].append((k, s.fromMeters, s.toMeters)) }
        }
    }

    static func key(_ s: DirectedStretch) -> Int64 { Int64(s.edge) * 2 + Int64(s.direction.rawValue) }

    /// Targets read by these stretches: overlap of at least `minReadMeters`, or the whole target
    /// stretch when it is shorter. Sorted, distinct.
    func targets(readBy reads: [DirectedStretch]) -> [Int] {
        var hit = Set<Int>()
        for r in reads {
            guard let list = byKey[Self.key(r)] else { continue }
            for w in list {
                let overlap = min(r.toMeters, w.to) - max(r.fromMeters, w.from)
                if overlap >= min(TrafficTargets.minReadMeters, w.to - w.from) - 1e-9, overlap > 0 || w.to - w.from <= 0 {
                    hit.insert(w.target)
                }
            }
        }
        return hit.sorted()
    }

    func covered(by reads: [DirectedStretch]) -> [Bool] {
        var out = [Bool](repeating: false, count: targets.count)
        for k in targets(readBy: reads) { out[k] = true }
        return out
    }
}
