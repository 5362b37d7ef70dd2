import CityModel
import Coverage
import Dispatch
import GeoCore
import Placement

/// One candidate camera: a site, a heading and a camera type.
public struct CameraPose: Sendable, Hashable {
    /// `<site id>/<type>/<heading, whole degrees, 3 digits>` (all-round types: `<site id>/<type>`).
    public var id: String
    /// Where the camera is mounted.
    public var site: CameraSite
    /// Compass bearing of the view axis, degrees clockwise from grid north (0 for all-round).
    public var headingDeg: Double
    /// Camera type with its view and unit cost.
    public var type: CandidateCameraType

    /// The pose as a coverage camera (for `CoverageAnalysis` and viewsheds).
    public var camera: Camera {
        Camera(id: id, position: site.position, headingDeg: headingDeg, fovDeg: type.fovDeg,
               rangeMeters: type.rangeMeters, minRangeMeters: type.minRangeMeters, type: type.name,
               headingSource: type.isAllRound ? .allRound : .mapped, optics: type.optics)
    }
}

/// A camera-placement coverage instance built from a city: demand street pieces, candidate
/// poses with their exact coverage sets, and the existing cameras' coverage.
///
/// Demand = elementary street pieces (segments cut at every end point of every existing and
/// candidate camera interval, and at school circles) that some candidate sees and no existing
/// camera sees, weighted by `StreetDemandWeighting`. Existing cameras are therefore not
/// candidates: their coverage is taken out of the demand, so the instance's objective is the
/// weighted street metres **newly** seen and its `fixed` list is empty. Candidates that see no
/// demand are dropped (counted in `uselessPoses`), and so are candidates another one dominates
/// (sees a superset at no higher cost; `dominatedPoses`) unless the request keeps them — neither
/// changes the optimum of a count, budget or coverage target.
public struct CameraPlacementModel: Sendable {
    /// The coverage instance (candidate `j` is `poses[j]`); limit as requested.
    public var instance: CoverageInstance
    /// Candidate poses, in instance order.
    public var poses: [CameraPose]
    /// Candidate sites (before type and heading expansion).
    public var siteCount: Int
    /// Poses generated (sites × headings × types).
    public var generatedPoses: Int
    /// Poses dropped because they see no demand.
    public var uselessPoses: Int
    /// Poses dropped because another pose sees all they see at no higher cost
    /// (`CandidateDominance`; the optimum is unchanged).
    public var dominatedPoses: Int
    /// The existing cameras as resolved (mounted, defaults filled in).
    public var existingCameras: [Camera]
    /// Existing camera records that could not be used, with the reason.
    public var skippedExisting: [SkippedCamera]
    /// Length of the demand streets, metres.
    public var streetLengthMeters: Double
    /// Metres of demand street the existing cameras see.
    public var coveredBeforeMeters: Double
    /// Metres of demand street at least one candidate would add (the most any plan can reach).
    public var coverableMeters: Double
    /// Street pieces formed by the cuts (demand streets).
    public var pieceCount: Int
    /// What the instance's demand weights are: plain metres (`.length`, a coverage target on
    /// street length) or weighted metres (`.weighted`: counts, budgets and weighted targets).
    public var weightBasis: TargetBasis
    /// Weighted metres of all demand street and of the part existing cameras see; exact only when
    /// built for a `.weighted` coverage target (pieces then tile the whole street), else 0.
    public var totalWeight: Double
    public var coveredBeforeWeight: Double
    /// Per demand piece: street line segment, its parameters and its length (metres).
    var pieceSegment: [Int32]
    var pieceT0: [Double]
    var pieceT1: [Double]
    public var pieceLengthMeters: [Double]
    /// The street lines the pieces refer to.
    let lines: LineSet
    /// Wall-clock seconds: sites and poses, visibility of candidates and existing cameras, pieces.
    public var buildSeconds: Double
    /// Wall-clock seconds per build phase (for `--timings`; not part of any output file).
    public var timings: [(phase: String, seconds: Double)]

    /// Covered fraction of the demand streets before placement.
    public var coveredFractionBefore: Double { streetLengthMeters > 0 ? coveredBeforeMeters / streetLengthMeters : 0 }

    /// Street index (into the city's streets) and metres from its start of demand piece `i`.
    public func stretch(ofPiece i: Int) -> (streetIndex: Int, fromMeters: Double, toMeters: Double) {
        let s = Int(pieceSegment[i])
        let base = lines.startMeters[s], len = lines.lengthMeters[s]
        return (Int(lines.line[s]), base + pieceT0[i] * len, base + pieceT1[i] * len)
    }

    /// The street stretches the given candidates newly see, merged along each street: street
    /// index (into the city's streets) and metres from its start, in street order.
    /// O(their nonzeros + pieces · log pieces).
    public func newlyCoveredStretches(by candidates: [Int]) -> [(streetIndex: Int, fromMeters: Double, toMeters: Double)] {
        var seen = Set<Int32>()
        for j in candidates { for d in instance.covers(j) { seen.insert(d) } }
        var out: [(streetIndex: Int, fromMeters: Double, toMeters: Double)] = []
        for d in seen.sorted() {  // demand pieces are numbered by segment, then along it
            let s = stretch(ofPiece: Int(d))
            if let last = out.last, last.streetIndex == s.streetIndex, abs(last.toMeters - s.fromMeters) <= 1e-6 {
                out[out.count - 1].toMeters = s.toMeters
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// Metres of demand piece newly seen by the given candidates together. O(their nonzeros).
    public func newlyCoveredMeters(by candidates: [Int]) -> Double {
        var seen = Set<Int32>()
        var total = 0.0
        for j in candidates { for d in instance.covers(j) where seen.insert(d).inserted { total += pieceLengthMeters[Int(d)] } }
        return total
    }
}

extension CameraPlacementModel {
    /// Builds the instance for `city` and `request` (the request's goal becomes the instance's
    /// limit; a coverage target builds a limit-free instance). A coverage target on street length
    /// (`targetBasis == .length`, the default) builds plain-metre demand whatever the weighting
    /// says, so its plan does not depend on road-class, school or incident weights.
    ///
    /// Steps: resolve the existing cameras (`CameraResolver` with the request's defaults and the
    /// city's buildings as obstacles — exactly as `covplan coverage` does); generate sites
    /// (`CameraSiteGenerator`) and poses (site × heading × type); compute every camera's exact
    /// street intervals with occlusion (`CoverageAnalysis.cameraIntervals`); cut the streets
    /// into elementary pieces and weigh them (`StreetDemandWeighting`).
    ///
    /// - Throws: `CovplanError(.usage)` for an unknown camera type or a type without a cost
    ///   (the message lists the known ones), a bad spacing or weighting, and — as
    ///   `.dataError` — bad street or camera data (named by id).
    /// - Complexity: dominated by visibility: O(P·(E log E + S)) for P poses with E building
    ///   edges and S street segments within range; parallel over poses.
    public static func build(city: City, request given: CameraPlacementRequest) throws -> CameraPlacementModel {
        var clock = PhaseClock()
        let request = given.effective
        var weightedTarget = false
        if case .coveredFraction = request.goal, request.targetBasis == .weighted { weightedTarget = true }
        try request.validate()
        try request.checkSize(streetLengthMeters: city.streets.reduce(0) { $0 + $1.lengthMeters })
        let types = try request.candidateTypes()
        let obstacles = request.occlusion ? ObstacleIndex(buildings: city.buildings) : .empty
        for s in city.streets {
            if s.points.count < 2 { throw CovplanError(.dataError, layer: "streets", feature: s.id, "street line has fewer than two points") }
            for p in s.points where !p.isFinite { throw CovplanError(.dataError, layer: "streets", feature: s.id, "non-finite coordinate \(p)") }
        }
        let lines = LineSet(lines: city.streets.map(\.points))
        // Existing cameras: the mounting snap uses the buildings even without occlusion, as in
        // `CoverageAnalysis.run(city:)`.
        let mountObstacles = request.occlusion ? obstacles : ObstacleIndex(buildings: city.buildings)
        let resolver = CameraResolver(defaults: request.cameraDefaults, skipInvalid: request.skipInvalidExisting)
        let resolution = try resolver.resolve(request.existing ?? city.cameras, obstacles: mountObstacles, streets: lines)
        clock.lap("existing cameras")

        let sites = try CameraSiteGenerator.sites(streets: city.streets, spacingMeters: request.spacingMeters,
                                                  junctions: request.junctionSites, bisectors: request.cornerHeadings,
                                                  obstacles: mountObstacles)
        var poses: [CameraPose] = []
        // Plate readers (types rated for identify, e.g. anpr / Sergek) stand only on the traffic
        // network: never on footways, service roads or platforms.
        let plateReader = Set(types.filter { request.cameraDefaults.types[$0.name]?.level == .identify || $0.name == "anpr" }.map(\.name))
        for site in sites {
            let onTraffic = site.streetIndex < city.streets.count && TrafficNetwork.anprClasses.contains(city.streets[site.streetIndex].highway)
            for t in types where onTraffic || !plateReader.contains(t.name) {
                if t.isAllRound {
                    poses.append(CameraPose(id: "\(site.id)/\(t.name)", site: site, headingDeg: 0, type: t))
                } else {
                    for h in site.headingsDeg {
                        var deg = Int(h.rounded())
                        if deg == 360 { deg = 0 }
                        let label = deg < 10 ? "00\(deg)" : deg < 100 ? "0\(deg)" : "\(deg)"
                        poses.append(CameraPose(id: "\(site.id)/\(t.name)/\(label)", site: site, headingDeg: h, type: t))
                    }
                }
            }
        }
        clock.lap("sites and poses")

        // Every camera counts where it delivers the covered level, as in `CoverageAnalysis.run`;
        // poses that deliver it nowhere see nothing (and are dropped as useless below).
        func seeing(_ c: Camera) -> Camera? { request.coveredLevel.map { c.limited(to: $0) } ?? c }
        let generated = poses.count
        poses = poses.filter { seeing($0.camera) != nil }
        let existingIntervals = try CoverageAnalysis.cameraIntervals(cameras: resolution.cameras.compactMap(seeing), lines: lines,
                                                                     obstacles: obstacles, occlusion: request.occlusion)
        let candidateIntervals = try CoverageAnalysis.cameraIntervals(cameras: poses.compactMap { seeing($0.camera) }, lines: lines,
                                                                      obstacles: obstacles, occlusion: request.occlusion)
        clock.lap("visibility")

        let w = request.weighting
        let isDemand = city.streets.map { w.demandClasses?.contains($0.highway) ?? true }
        let ctx = ElementaryPieces.Context(
            lines: lines, isDemandStreet: isDemand, classWeight: city.streets.map { w.roadClassWeights.weight($0.highway) },
            weighting: w, schools: city.schools.map(\.location).filter(\.isFinite), wholeStreets: weightedTarget)
        let pieces = ElementaryPieces.build(ctx, existing: existingIntervals, candidates: candidateIntervals)
        clock.lap("street pieces")

        let useless = (0..<poses.count).filter { pieces.coverOffsets[$0 + 1] == pieces.coverOffsets[$0] }.count
            + generated - poses.count
        let dominated = request.dropDominated
            ? CandidateDominance.dominated(offsets: pieces.coverOffsets, indices: pieces.coverIndices,
                                           costs: poses.map(\.type.unitCostTenge), demandCount: pieces.weights.count)
            : (0..<poses.count).map { pieces.coverOffsets[$0 + 1] == pieces.coverOffsets[$0] }
        clock.lap("dominance")
        var kept: [CameraPose] = []
        var offsets = [0]
        var indices: [Int32] = []
        kept.reserveCapacity(poses.count)
        indices.reserveCapacity(pieces.coverIndices.count)
        for (j, pose) in poses.enumerated() where !dominated[j] {
            let lo = pieces.coverOffsets[j], hi = pieces.coverOffsets[j + 1]
            indices.append(contentsOf: pieces.coverIndices[lo..<hi])
            offsets.append(indices.count)
            kept.append(pose)
        }
        let instance = try CoverageInstance(
            demandWeights: pieces.weights, candidateIDs: kept.map(\.id), candidateTypes: kept.map(\.type.name),
            candidateCosts: kept.map(\.type.unitCostTenge), coverOffsets: offsets, coverIndices: indices,
            limit: request.goal.limit)
        clock.lap("instance")
        var streetLength = 0.0
        for (l, s) in city.streets.enumerated() where isDemand[l] { _ = s; streetLength += lines.lineLengthMeters[l] }
        return CameraPlacementModel(
            instance: instance, poses: kept, siteCount: sites.count, generatedPoses: generated, uselessPoses: useless,
            dominatedPoses: generated - useless - kept.count,
            existingCameras: resolution.cameras, skippedExisting: resolution.skipped, streetLengthMeters: streetLength,
            coveredBeforeMeters: pieces.coveredBeforeMeters, coverableMeters: pieces.coverableMeters,
            pieceCount: pieces.pieceCount,
            weightBasis: request.weighting.roadClassWeights == .uniform && request.weighting.schoolFactor == 1
                && request.weighting.incidents.isEmpty ? .length : .weighted,
            totalWeight: weightedTarget ? pieces.totalWeight : 0, coveredBeforeWeight: weightedTarget ? pieces.coveredBeforeWeight : 0,
            pieceSegment: pieces.segment, pieceT0: pieces.t0, pieceT1: pieces.t1,
            pieceLengthMeters: pieces.lengthMeters, lines: lines, buildSeconds: clock.total, timings: clock.laps)
    }
}
