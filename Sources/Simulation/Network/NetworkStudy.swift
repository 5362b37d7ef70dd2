import CityModel
import Dispatch
import GeoCore
import StreetGraph

/// How a city is turned into demand atoms on the street network.
public struct NetworkStudyOptions: Sendable, Hashable {
    /// Side of the square grid cells that group street nodes into demand atoms, metres
    /// (default 250: about half a minute of driving across).
    public var atomSpacingMeters: Double
    /// Residents, hot spots, schools and calls farther than this from the main network are not
    /// attached (counted and reported; calls are an error), metres.
    public var maxSnapMeters: Double
    /// A unit farther than this from the main network of its mode is an error, metres.
    public var unitMaxSnapMeters: Double
    /// Share of incidents drawn from the hot-spot weights (the rest follows residents), 0…1.
    public var hotSpotShare: Double

    public init(atomSpacingMeters: Double = 250, maxSnapMeters: Double = SnapDefaults.maxSnapMeters, unitMaxSnapMeters: Double = SnapDefaults.maxSnapMeters,
                hotSpotShare: Double = 0.25) {
        self.atomSpacingMeters = atomSpacingMeters
        self.maxSnapMeters = maxSnapMeters
        self.unitMaxSnapMeters = unitMaxSnapMeters
        self.hotSpotShare = hotSpotShare
    }

    /// Throws `CovplanError(.usage)` naming the first impossible value.
    public func validate() throws {
        guard atomSpacingMeters.isFinite, atomSpacingMeters > 0 else {
            throw CovplanError(.usage, "atom spacing must be a positive number of metres, got \(atomSpacingMeters)")
        }
        guard maxSnapMeters.isFinite, maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum snap distance must be ≥ 0 metres, got \(maxSnapMeters)")
        }
        guard unitMaxSnapMeters.isFinite, unitMaxSnapMeters >= 0 else {
            throw CovplanError(.usage, "maximum unit snap distance must be ≥ 0 metres, got \(unitMaxSnapMeters)")
        }
        guard hotSpotShare.isFinite, hotSpotShare >= 0, hotSpotShare <= 1 else {
            throw CovplanError(.usage, "hot-spot share must be between 0 and 1, got \(hotSpotShare)")
        }
    }
}

/// What an atom stands for.
public enum AtomRole: String, Sendable, Hashable {
    /// A grid cell (within one precinct) of the street network: residents, hot spots, schools, calls.
    case demand
    /// The home node of one or more units (no residents).
    case unitHome = "unit_home"
}

/// A city placed on its street network: demand atoms (grid cells of street nodes, split by
/// precinct), their residents and incident weights, and the units' home atoms.
///
/// Method: every resident point, hot spot, school and call is snapped to the nearest edge of the
/// primary graph's main component (within `maxSnapMeters`) and attached to the nearer end node of
/// that edge. Nodes are grouped by a square grid of `atomSpacingMeters`; an atom is one grid cell
/// × one precinct (the precinct containing the attached point; none outside all precincts), and
/// is represented by the node of the cell with the most attached residents (then hot-spot weight,
/// then attachments; ties: lower node index). Incidents of an atom happen at that node. Each
/// distinct unit home (node of the unit's own mode graph) is an atom of its own, so unit travel
/// times are exact from the unit's position. Atom order: demand atoms by cell, then precinct;
/// then unit homes in unit order — deterministic.
public struct NetworkStudy: Sendable {
    /// Atoms (residents, normalised hot-spot weights, precinct index, location) and precinct ids.
    public var area: StudyArea
    public var atomRole: [AtomRole]
    /// Node of each atom on each graph (`atomNodes[g][a]`), `g` as in `NetworkGraphs.graphs`.
    public var atomNodes: [[Int32]]
    /// Generator factor per resident: an atom's spatial weight is `residents × residentWeight +
    /// hotSpotWeight`, and all atoms' weights sum to 1 (hot spots take `hotSpotShare`).
    public var residentWeight: Double
    /// Units with their home atoms and travel-mode (graph) index.
    public var units: [ResponseUnit]
    public var unitSites: [UnitSite]
    /// Distance from each unit's position to its snapped home on its graph, metres.
    public var unitSnapMeters: [Double]
    /// Node of each unit's home on its own graph.
    public var unitNode: [Int32]
    /// Residents attached per node of the primary graph (trip origins and destinations).
    public var nodeResidents: [Double]
    public var residentsAttached: Double
    /// Residents at points farther than `maxSnapMeters` from the main network (not simulated).
    public var residentsUnattached: Double
    public var residentPointsUnattached: Int
    public var populationMethod: String
    /// Schools attached per atom; nil when no school was attached.
    public var schoolAtomWeights: [Double]?
    /// Ids of hot spots and schools farther than `maxSnapMeters` from the main network.
    public var hotSpotsUnattached: [String]
    public var schoolsUnattached: [String]
    /// Atom of each call (same order as the calls given).
    public var callAtoms: [Int]
    public var options: NetworkStudyOptions
    /// Plain-language notes for outputs (what was not attached, fallbacks).
    public var notes: [String]

    /// Number of atoms.
    public var atomCount: Int { area.atoms.count }

    /// Spatial incident weight of each atom (`residents × residentWeight + hotSpotWeight`), summing
    /// to 1 over all atoms (0 everywhere when nothing attracts incidents).
    public func demandWeights() -> [Double] {
        area.atoms.map { $0.residents * residentWeight + $0.hotSpotWeight }
    }

    /// Builds the study.
    ///
    /// - Parameters:
    ///   - graphs: the primary graph (atoms) and the graphs of other unit modes.
    ///   - residents: resident points (e.g. building centroids with residents).
    ///   - precincts: zones for per-precinct figures (may be empty).
    ///   - units: unit homes; a unit's mode must have a graph.
    ///   - hotSpots: extra incident weight (hot spots or incident history).
    ///   - schools: schools (panic-button alarms happen at their atoms).
    ///   - calls: locations of real calls (each must lie within `maxSnapMeters` of the network).
    /// - Throws: `CovplanError` — `.dataError` for no units, a unit (named) farther than
    ///   `unitMaxSnapMeters` from the main network of its mode, a call (named) off the network,
    ///   bad residents or weights; `.usage` for bad options or a unit mode without a graph.
    /// - Complexity: O((P + U) log S) snapping for P points on S segments, O(P + A) grouping.
    public static func build(graphs: NetworkGraphs, residents: ResidentPoints, precincts: [Precinct] = [],
                             units: [UnitSite], hotSpots: HotSpots? = nil, schools: [Facility] = [],
                             calls: [(id: String, location: Point)] = [],
                             options: NetworkStudyOptions = NetworkStudyOptions()) throws -> NetworkStudy {
        try options.validate()
        try residents.validate()
        try hotSpots?.validate()
        guard !units.isEmpty else { throw CovplanError(.dataError, layer: "units", "no response units given") }
        let g0 = graphs.primary
        var notes: [String] = []

        // Units first: an off-network unit is the most likely user error.
        var unitGraph: [Int] = [], unitNode: [Int32] = [], unitSnap: [Double] = []
        var seenIds = Set<String>()
        for u in units {
            guard seenIds.insert(u.id).inserted else {
                throw CovplanError(.dataError, layer: "units", feature: u.id, "unit id is used twice")
            }
            let mode = u.mode ?? g0.mode
            guard let g = graphs.index(of: mode) else {
                throw CovplanError(.usage, layer: "units", feature: u.id, "unit travels by \(mode.rawValue) but no \(mode.rawValue) network was built")
            }
            guard u.location.isFinite else {
                throw CovplanError(.dataError, layer: "units", feature: u.id, "unit position is not a finite point")
            }
            guard let hit = graphs.node(near: u.location, graph: g, maxMeters: options.unitMaxSnapMeters) else {
                let d = graphs.node(near: u.location, graph: g).map { String(format: "%.0f m", $0.meters) } ?? "too far"
                throw CovplanError(.dataError, layer: "units", feature: u.id,
                                   "unit is off the network: \(d) from the nearest street of the main \(mode.rawValue) network (limit \(Self.fmt(options.unitMaxSnapMeters)) m)")
            }
            unitGraph.append(g)
            unitNode.append(hit.node)
            unitSnap.append(hit.meters)
        }

        // Zones.
        let zoneNames = precincts.map(\.id)
        let zoneIndex = precincts.isEmpty ? nil : PolygonIndex(precincts.map(\.polygons))
        func zones(_ points: [Point]) -> [Int32] {
            guard let zoneIndex else { return [Int32](repeating: -1, count: points.count) }
            return Self.parallelMap(points) { p in zoneIndex.locate(p).map(Int32.init) ?? -1 }
        }

        // Attachments on the primary graph.
        let snap0 = graphs.snappers[0]
        func attach(_ points: [Point]) -> [Int32] {
            snap0.snapAll(points, maxDistanceMeters: options.maxSnapMeters).map { s in s.map { g0.nearerEnd(of: $0.position) } ?? -1 }
        }
        let resNode = attach(residents.points), resZone = zones(residents.points)
        let hot = hotSpots ?? HotSpots(ids: [], points: [])
        let hotNode = attach(hot.points), hotZone = zones(hot.points)
        let schoolPoints = schools.map(\.location)
        let schoolNode = attach(schoolPoints), schoolZone = zones(schoolPoints)
        let callPoints = calls.map(\.location)
        let callNode = attach(callPoints), callZone = zones(callPoints)
        for (i, n) in callNode.enumerated() where n < 0 {
            let d = snap0.snap(callPoints[i]).map { String(format: "%.0f m", $0.distanceMeters) } ?? "too far"
            throw CovplanError(.dataError, layer: "incidents", feature: calls[i].id,
                               "incident is off the network: \(d) from the main \(g0.mode.rawValue) network (limit \(Self.fmt(options.maxSnapMeters)) m)")
        }

        // Grid cells over the primary graph's nodes.
        let spacing = options.atomSpacingMeters
        let minX = g0.nodeX.min() ?? 0, minY = g0.nodeY.min() ?? 0, maxX = g0.nodeX.max() ?? 0
        let cols = Int64(((maxX - minX) / spacing).rounded(.down)) + 1
        let zoneSlots = Int64(zoneNames.count + 1)
        func key(_ node: Int32, _ zone: Int32) -> Int64 {
            let cx = Int64(((g0.nodeX[Int(node)] - minX) / spacing).rounded(.down))
            let cy = Int64(((g0.nodeY[Int(node)] - minY) / spacing).rounded(.down))
            return (cy * cols + cx) * zoneSlots + Int64(zone + 1)
        }
        var keys = Set<Int64>()
        for i in resNode.indices where resNode[i] >= 0 && residents.residents[i] > 0 { keys.insert(key(resNode[i], resZone[i])) }
        for i in hotNode.indices where hotNode[i] >= 0 && hot.weights[i] > 0 { keys.insert(key(hotNode[i], hotZone[i])) }
        for i in schoolNode.indices where schoolNode[i] >= 0 { keys.insert(key(schoolNode[i], schoolZone[i])) }
        for i in callNode.indices { keys.insert(key(callNode[i], callZone[i])) }
        let sortedKeys = keys.sorted()
        var atomOfKey: [Int64: Int] = [:]
        for (a, k) in sortedKeys.enumerated() { atomOfKey[k] = a }
        let demandCount = sortedKeys.count

        // Per-atom sums and representative-node scores.
        var atomResidents = [Double](repeating: 0, count: demandCount)
        var atomHot = [Double](repeating: 0, count: demandCount)
        var atomSchools = [Double](repeating: 0, count: demandCount)
        var nodeResidents = [Double](repeating: 0, count: g0.nodeCount)
        var score: [Int64: (residents: Double, hot: Double, count: Int)] = [:]
        func add(_ node: Int32, _ zone: Int32, residents r: Double, hot h: Double) -> Int {
            let a = atomOfKey[key(node, zone)]!
            let k = Int64(a) << 32 | Int64(node)
            var s = score[k] ?? (0, 0, 0)
            s.residents += r
            s.hot += h
            s.count += 1
            score[k] = s
            return a
        }
        var attached = 0.0, unattached = 0.0, unattachedPoints = 0
        for i in resNode.indices {
            let r = residents.residents[i]
            if resNode[i] < 0 {
                if r > 0 { unattached += r; unattachedPoints += 1 }
                continue
            }
            guard r > 0 else { continue }
            let a = add(resNode[i], resZone[i], residents: r, hot: 0)
            atomResidents[a] += r
            nodeResidents[Int(resNode[i])] += r
            attached += r
        }
        var hotUnattached: [String] = []
        var hotTotal = 0.0
        for i in hotNode.indices {
            if hotNode[i] < 0 { hotUnattached.append(hot.ids[i]); continue }
            guard hot.weights[i] > 0 else { continue }
            let a = add(hotNode[i], hotZone[i], residents: 0, hot: hot.weights[i])
            atomHot[a] += hot.weights[i]
            hotTotal += hot.weights[i]
        }
        var schoolsUnattached: [String] = []
        for i in schoolNode.indices {
            if schoolNode[i] < 0 { schoolsUnattached.append(schools[i].id); continue }
            atomSchools[add(schoolNode[i], schoolZone[i], residents: 0, hot: 0)] += 1
        }
        var callAtoms: [Int] = []
        callAtoms.reserveCapacity(callNode.count)
        for i in callNode.indices { callAtoms.append(add(callNode[i], callZone[i], residents: 0, hot: 0)) }

        var repNode = [Int32](repeating: -1, count: demandCount)
        var best = [(Double, Double, Int)](repeating: (-1, -1, -1), count: demandCount)
        for (k, s) in score {
            let a = Int(k >> 32), node = Int32(truncatingIfNeeded: k & 0xFFFF_FFFF)
            let b = best[a], cand = (s.residents, s.hot, s.count)
            if cand > b || (cand == b && node < repNode[a]) {
                best[a] = cand
                repNode[a] = node
            }
        }

        // Weights: residents take (1 − share), hot spots the share (all of it without residents).
        let share = hotTotal > 0 ? (attached > 0 ? options.hotSpotShare : 1) : 0
        let residentWeight = attached > 0 ? (1 - share) / attached : 0
        var atoms: [DemandAtom] = []
        var roles: [AtomRole] = []
        atoms.reserveCapacity(demandCount + units.count)
        for a in 0..<demandCount {
            let k = sortedKeys[a]
            let zone = Int(k % zoneSlots) - 1
            let cell = k / zoneSlots
            let id = "cell-\(cell % cols)-\(cell / cols)" + (zone >= 0 ? "/" + zoneNames[zone] : "")
            atoms.append(DemandAtom(id: id, residents: atomResidents[a],
                                    hotSpotWeight: hotTotal > 0 ? share * atomHot[a] / hotTotal : 0,
                                    zone: zone >= 0 ? zone : nil, location: g0.node(Int(repNode[a]))))
            roles.append(.demand)
        }

        // Unit home atoms: one per distinct (graph, node), in unit order.
        var homeAtom: [Int64: Int] = [:]
        var responseUnits: [ResponseUnit] = []
        let unitZones = zones(units.map(\.location))
        var homeGraphNode: [(graph: Int, node: Int32)] = []
        for (i, u) in units.enumerated() {
            let k = Int64(unitGraph[i]) << 32 | Int64(unitNode[i])
            let a: Int
            if let existing = homeAtom[k] {
                a = existing
            } else {
                a = atoms.count
                homeAtom[k] = a
                let g = graphs.graphs[unitGraph[i]]
                atoms.append(DemandAtom(id: "home-\(u.id)", zone: unitZones[i] >= 0 ? Int(unitZones[i]) : nil,
                                        location: g.node(Int(unitNode[i]))))
                roles.append(.unitHome)
                homeGraphNode.append((unitGraph[i], unitNode[i]))
            }
            responseUnits.append(ResponseUnit(id: u.id, homeAtom: a, travelMode: unitGraph[i]))
        }

        // Node of every atom on every graph.
        var atomNodes: [[Int32]] = []
        for g in graphs.graphs.indices {
            var nodes = [Int32](repeating: -1, count: atoms.count)
            if g == 0 { for a in 0..<demandCount { nodes[a] = repNode[a] } }
            for (h, home) in homeGraphNode.enumerated() where home.graph == g { nodes[demandCount + h] = home.node }
            let missing = nodes.indices.filter { nodes[$0] < 0 }
            let located = Self.parallelMap(missing.map { atoms[$0].location! }) { p in graphs.node(near: p, graph: g)?.node ?? -1 }
            for (j, a) in missing.enumerated() { nodes[a] = located[j] }
            atomNodes.append(nodes)
        }

        if unattached > 0 {
            notes.append("\(unattachedPoints) resident point(s) with \(Int(unattached.rounded())) residents lie farther than \(Self.fmt(options.maxSnapMeters)) m from the main \(g0.mode.rawValue) network and are not simulated")
        }
        if !hotUnattached.isEmpty {
            notes.append("\(hotUnattached.count) hot spot(s) farther than \(Self.fmt(options.maxSnapMeters)) m from the network ignored: \(hotUnattached.prefix(10).joined(separator: ", "))")
        }
        if hotTotal > 0 && attached == 0 { notes.append("no residents attached: incidents follow the hot spots only") }
        if !schoolsUnattached.isEmpty {
            notes.append("\(schoolsUnattached.count) school(s) farther than \(Self.fmt(options.maxSnapMeters)) m from the network ignored: \(schoolsUnattached.prefix(10).joined(separator: ", "))")
        }
        let anySchool = atomSchools.contains { $0 > 0 }
        let area = StudyArea(atoms: atoms, zoneNames: zoneNames)
        try area.validate()
        return NetworkStudy(
            area: area, atomRole: roles, atomNodes: atomNodes, residentWeight: residentWeight, units: responseUnits,
            unitSites: units, unitSnapMeters: unitSnap, unitNode: unitNode, nodeResidents: nodeResidents,
            residentsAttached: attached, residentsUnattached: unattached, residentPointsUnattached: unattachedPoints,
            populationMethod: residents.method,
            schoolAtomWeights: anySchool ? atomSchools + [Double](repeating: 0, count: atoms.count - demandCount) : nil,
            hotSpotsUnattached: hotUnattached, schoolsUnattached: schoolsUnattached, callAtoms: callAtoms,
            options: options, notes: notes)
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }

    /// `transform` over `items` in fixed chunks on all cores; output in input order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] where R: ExpressibleByIntegerLiteral {
        let n = items.count
        var out = [R](repeating: 0, count: n)
        let chunks = n < 2048 ? 1 : 16
        let size = (n + chunks - 1) / max(chunks, 1)
        out.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let base = buf
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * size, hi = min(n, lo + size)
                guard lo < hi else { return }
                for i in lo..<hi { base[i] = transform(items[i]) }
            }
        }
        return out
    }
}
