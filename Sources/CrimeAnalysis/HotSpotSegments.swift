import GeoCore

/// The Gi* neighbourhood of street segments.
public enum SegmentNeighbours: Sendable, Hashable {
    /// Segments whose midpoints lie within this many metres of the segment's midpoint.
    case band(meters: Double)
    /// The k segments with the nearest midpoints (`SpatialWeights.kNearest`).
    case nearest(k: Int)
}

/// Settings of a street-segment hot-spot analysis (defaults defined here once).
public struct SegmentHotSpotOptions: Sendable, Hashable {
    /// Streets are cut into equal pieces of at most this length, metres (default 100).
    public var segmentMeters: Double
    /// Incidents farther than this from every street are not attached, metres (default 50).
    public var maxSnapMeters: Double
    /// Quartic kernel bandwidth for the density at segment midpoints, metres (default 300).
    public var bandwidthMeters: Double
    /// Gi* neighbourhood (default: a band of the kernel bandwidth).
    public var neighbours: SegmentNeighbours?
    public var alpha: Double

    /// k-nearest weights are brute force: at most this many segments.
    public static let maxNearestUnits = 50_000

    public init(segmentMeters: Double = 100, maxSnapMeters: Double = 50, bandwidthMeters: Double = HotSpotOptions.defaultBandwidthMeters,
                neighbours: SegmentNeighbours? = nil, alpha: Double = HotSpotOptions.defaultAlpha) {
        self.segmentMeters = segmentMeters
        self.maxSnapMeters = maxSnapMeters
        self.bandwidthMeters = bandwidthMeters
        self.neighbours = neighbours
        self.alpha = alpha
    }

    public var effectiveNeighbours: SegmentNeighbours { neighbours ?? .band(meters: bandwidthMeters) }

    /// Throws `.usage` naming the first impossible setting.
    public func validate() throws(CovplanError) {
        guard segmentMeters.isFinite, segmentMeters > 0 else {
            throw CovplanError(.usage, "street segment length \(segmentMeters) m must be a positive number of metres (--segment-m)")
        }
        guard maxSnapMeters.isFinite, maxSnapMeters >= 0 else {
            throw CovplanError(.usage, "snap distance \(maxSnapMeters) m must be ≥ 0 (--max-snap-m)")
        }
        try InputLimits.check(maxSnapMeters, max: InputLimits.maxMeters, "snap distance (m)", why: "1,000 km")
        _ = try QuarticKernel(bandwidthMeters: bandwidthMeters)
        guard alpha > 0, alpha < 1 else { throw CovplanError(.usage, "false-discovery rate α \(alpha) must be between 0 and 1 (crime.hot_spots.alpha, --alpha)") }
        switch effectiveNeighbours {
        case .band(let m):
            guard m.isFinite, m > 0 else { throw CovplanError(.usage, "Gi* distance band \(m) m must be a positive number of metres (--band-m)") }
            try InputLimits.check(m, max: InputLimits.maxMeters, "Gi* distance band (m)", why: "1,000 km")
        case .nearest(let k):
            guard k >= 1 else { throw CovplanError(.usage, "k-nearest neighbours: k = \(k) must be at least 1 (--knn)") }
        }
    }
}

/// One street segment of a hot-spot analysis.
public struct SegmentHotSpot: Sendable, Hashable {
    /// `<street id>#<piece>` (piece from 0 along the street).
    public var id: String
    public var streetId: String
    /// The piece of the street line, working CRS (metres).
    public var points: [Point]
    public var lengthMeters: Double
    public var midpoint: Point
    /// Incidents snapped to the segment (sum of weights).
    public var count: Double
    /// Incidents per km of the segment.
    public var countPerKm: Double
    /// Quartic kernel density at the midpoint, incidents per km².
    public var densityPerKm2: Double
    public var giZ: Double
    public var p: Double
    public var pFDR: Double
    public var hotSpotClass: HotSpotClass
}

/// The result of a street-segment hot-spot analysis.
public struct SegmentHotSpotResult: Sendable {
    public var options: SegmentHotSpotOptions
    public var segments: [SegmentHotSpot]
    public var totalWeight: Double
    public var incidentCount: Int
    /// Incidents farther than `maxSnapMeters` from every street.
    public var unattached: Int

    public func count(_ c: HotSpotClass) -> Int { segments.reduce(0) { $0 + ($1.hotSpotClass == c ? 1 : 0) } }
    public var weightInHot: Double { segments.reduce(0) { $0 + ($1.hotSpotClass == .hot ? $1.count : 0) } }
}

/// Hot spots on street segments: each street cut into equal pieces of at most `segmentMeters`,
/// every incident snapped to the nearest piece (within `maxSnapMeters`), Gi* on the piece counts
/// with binary weights over the piece midpoints (a distance band or k nearest, the piece itself
/// included), two-sided p, Benjamini–Hochberg FDR, quartic density at the midpoints. Counts are
/// per segment, not per metre, as in street-segment crime studies (Weisburd et al. 2004); the
/// layer also gives incidents per km.
public enum HotSpotSegments {
    /// - Parameters:
    ///   - streets: (id, polyline) in the working CRS; lines shorter than 1 cm are left out.
    /// - Throws: `.usage` for impossible options, no street, or k-nearest over more than
    ///   `maxNearestUnits` segments; `.dataError` for a negative weight (naming the incident) or
    ///   no incident near a street.
    public static func analyse(points: [Point], weights: [Double]? = nil, ids: [String]? = nil, streets: [(id: String, points: [Point])],
                               options: SegmentHotSpotOptions = SegmentHotSpotOptions()) throws(CovplanError) -> SegmentHotSpotResult {
        try options.validate()
        if let weights {
            for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
                throw CovplanError(.dataError, feature: ids?[i] ?? "\(i)", "incident weight must be a number ≥ 0 (got \(w))")
            }
        }
        var pieces: [(id: String, street: String, pts: [Point], len: Double)] = []
        for s in streets {
            let len = Planar.length(s.points)
            guard len >= 0.01 else { continue }
            let n = max(1, Int((len / options.segmentMeters).rounded(.up)))
            for k in 0..<n {
                let piece = Planar.slice(s.points, from: Double(k) * len / Double(n), to: Double(k + 1) * len / Double(n))
                guard piece.count >= 2 else { continue }
                pieces.append(("\(s.id)#\(k)", s.id, piece, len / Double(n)))
            }
        }
        try InputLimits.check(Double(pieces.count), max: HotSpotOptions.maxCells, "street segments (street length ÷ --segment-m)",
                              why: "use a larger --segment-m")
        guard pieces.count >= 2 else { throw CovplanError(.usage, "hot spots on streets: fewer than 2 street segments") }
        if case .nearest(let k) = options.effectiveNeighbours {
            guard pieces.count <= SegmentHotSpotOptions.maxNearestUnits else {
                throw CovplanError(.usage, "k-nearest weights over \(pieces.count) street segments (more than \(SegmentHotSpotOptions.maxNearestUnits)): use a distance band (--band-m) or a larger --segment-m")
            }
            guard k < pieces.count else { throw CovplanError(.usage, "k-nearest neighbours: k = \(k) must be less than the \(pieces.count) street segments") }
        }
        let tree = PackedRTree(pieces.map { Envelope(of: $0.pts) })
        var counts = [Double](repeating: 0, count: pieces.count)
        var attached: [Point] = [], attachedW: [Double] = []
        var unattached = 0
        for (i, p) in points.enumerated() {
            let hit = tree.nearest(to: p, k: 1, maxDistance: options.maxSnapMeters) { j in
                let pts = pieces[j].pts
                var best = Double.infinity
                for s in 1..<pts.count { best = min(best, Planar.closestOnSegment(p, pts[s - 1], pts[s]).distanceSquared) }
                return best
            }
            guard let j = hit.first?.item else { unattached += 1; continue }
            let w = weights?[i] ?? 1
            counts[j] += w
            attached.append(p)
            attachedW.append(w)
        }
        guard !attached.isEmpty else {
            throw CovplanError(.dataError, "hot spots on streets: no incident lies within \(options.maxSnapMeters) m of a street (\(unattached) farther)")
        }
        let mids = pieces.map { Planar.point(along: $0.pts, at: $0.len / 2) }
        let weightsMatrix: SpatialWeights
        switch options.effectiveNeighbours {
        case .band(let m): weightsMatrix = try SpatialWeights.distanceBand(mids, meters: m)
        case .nearest(let k): weightsMatrix = try SpatialWeights.kNearest(mids, k: k)
        }
        let z = try GetisOrd.zScores(counts, weights: weightsMatrix)
        let pv = z.map(GetisOrd.twoSidedP)
        let q = FalseDiscoveryRate.benjaminiHochberg(pv)
        let kernel = try QuarticKernel(bandwidthMeters: options.bandwidthMeters)
        // Density at midpoints from the attached incidents, bucketed by bandwidth-sized cells.
        let h = options.bandwidthMeters
        var buckets: [Int64: [Int]] = [:]
        func key(_ x: Double, _ y: Double) -> (Int64, Int64) { (Int64((x / h).rounded(.down)), Int64((y / h).rounded(.down))) }
        for (i, p) in attached.enumerated() { let (a, b) = key(p.x, p.y); buckets[a &* 73_856_093 ^ b, default: []].append(i) }
        var out: [SegmentHotSpot] = []
        out.reserveCapacity(pieces.count)
        for (j, piece) in pieces.enumerated() {
            let m = mids[j]
            let (a, b) = key(m.x, m.y)
            var d = 0.0
            var seen = Set<Int64>()
            for dx in -1...1 {
                for dy in -1...1 {
                    let k = (a + Int64(dx)) &* 73_856_093 ^ (b + Int64(dy))
                    guard seen.insert(k).inserted, let list = buckets[k] else { continue }
                    for i in list { d += attachedW[i] * kernel.value(distanceSquared: attached[i].distanceSquared(to: m)) }
                }
            }
            let cls: HotSpotClass = q[j] <= options.alpha ? (z[j] > 0 ? .hot : (z[j] < 0 ? .cold : .ns)) : .ns
            out.append(SegmentHotSpot(id: piece.id, streetId: piece.street, points: piece.pts, lengthMeters: piece.len, midpoint: m,
                                      count: counts[j], countPerKm: counts[j] / piece.len * 1000, densityPerKm2: d * 1e6,
                                      giZ: z[j], p: pv[j], pFDR: q[j], hotSpotClass: cls))
        }
        return SegmentHotSpotResult(options: options, segments: out, totalWeight: attachedW.reduce(0, +), incidentCount: attached.count,
                                    unattached: unattached)
    }
}
