import CityModel
import GEOSBridge
import GeoCore

/// Generated precincts for cities without a precinct layer — a STAND-IN for real boundaries,
/// for trying the load analysis, never a proposal of where boundaries are.
///
/// Cells: the Voronoi diagram of precinct-office points (GEOS), clipped to the city's convex
/// hull (of all building and street vertices) grown by `marginMeters`. Offices come from a
/// point layer, or are placed by weighted k-means over building centroids (weights =
/// estimated residents, seeded k-means++ start, 25 Lloyd iterations) so that cells hold
/// similar numbers of residents. Deterministic for a seed.
public enum PrecinctGenerator {
    /// An office: id, location (working CRS), optional staff.
    public struct Office: Sendable, Hashable {
        public var id: String
        public var location: Point
        public var inspectors: Int?
        public var assistants: Int?
        public init(id: String, location: Point, inspectors: Int? = nil, assistants: Int? = nil) {
            self.id = id
            self.location = location
            self.inspectors = inspectors
            self.assistants = assistants
        }
    }

    /// Voronoi precincts around `offices`, clipped to the city hull. Offices without staff get
    /// `inspectors`/`assistants`. Throws `.dataError` for no offices, offices at the same place
    /// or an empty city.
    public static func voronoi(offices: [Office], city: City, inspectors: Int, assistants: Int = 0,
                               marginMeters: Double = 50) throws -> [Precinct] {
        guard !offices.isEmpty else { throw CovplanError(.dataError, "no precinct offices to build precincts around") }
        var seen: [Point: String] = [:]
        for o in offices {
            if let other = seen[o.location] {
                throw CovplanError(.dataError, feature: o.id, "office at the same place as office \(other)")
            }
            seen[o.location] = o.id
        }
        let hull = try cityHull(city, marginMeters: marginMeters)
        let cells: [[Polygon]]
        do {
            cells = try GEOSEngine().voronoiCells(sites: offices.map(\.location), clip: .polygon(hull))
        } catch {
            throw CovplanError(.software, "Voronoi diagram failed: \(error)")
        }
        var out: [Precinct] = []
        for (i, o) in offices.enumerated() where !cells[i].isEmpty {
            out.append(Precinct(id: o.id, name: "Generated precinct \(o.id) (stand-in)", polygons: cells[i],
                                inspectors: o.inspectors ?? inspectors, assistants: o.assistants ?? assistants))
        }
        return out
    }

    /// The convex hull of the city's building and street vertices, grown by `marginMeters`.
    public static func cityHull(_ city: City, marginMeters: Double) throws -> Polygon {
        var pts: [Point] = []
        for b in city.buildings { for p in b.footprint { pts += p.exterior } }
        for s in city.streets { pts += s.points }
        let hull = ConvexHull.of(pts)
        guard hull.count >= 4 else { throw CovplanError(.dataError, "the city has too few vertices for a hull") }
        do {
            let e = try GEOSEngine()
            let grown = try e.value(e.buffer(try e.geometry(.polygon(Polygon(exterior: hull))), distance: marginMeters))
            guard let p = grown.polygons.first else { return Polygon(exterior: hull) }
            return p
        } catch {
            throw CovplanError(.software, "hull buffer failed: \(error)")
        }
    }

    /// `count` office sites by weighted k-means of building centroids (weights: residents by
    /// `model`, every building at least a tiny weight so empty cities still work).
    /// Throws `CovplanError(.usage)` for more than `InputLimits.maxPrecincts` precincts (k-means
    /// and Voronoi work grow with count × buildings).
    public static func checkCount(_ count: Int) throws(CovplanError) {
        try InputLimits.check(count, max: InputLimits.maxPrecincts, "precinct count", why: "k-means work grows with count × buildings")
    }

    public static func officeSites(count: Int, buildings: [Building], model: ResidentsModel, seed: UInt64 = 1) throws -> [Office] {
        guard count >= 1 else { throw CovplanError(.usage, "the number of precincts (precincts.generate.count, --count) must be at least 1 (got \(count))") }
        try checkCount(count)
        let (points, residents) = PopulationSurface.buildingPoints(buildings, model: model)
        guard points.count >= count else {
            throw CovplanError(.dataError, "only \(points.count) buildings: cannot place \(count) offices")
        }
        let w = residents.map { max($0, 1e-3) }
        var rng = SplitMix(seed: seed)
        // k-means++ start.
        var centres = [points[Int(rng.next() % UInt64(points.count))]]
        var d2 = points.map { $0.distanceSquared(to: centres[0]) }
        while centres.count < count {
            var total = 0.0
            for i in points.indices { total += d2[i] * w[i] }
            var target = rng.unit() * total
            var pick = points.count - 1
            for i in points.indices {
                target -= d2[i] * w[i]
                if target <= 0 { pick = i; break }
            }
            centres.append(points[pick])
            for i in points.indices { d2[i] = min(d2[i], points[i].distanceSquared(to: points[pick])) }
        }
        for _ in 0..<25 {
            var sx = [Double](repeating: 0, count: count), sy = sx, sw = sx
            for (i, p) in points.enumerated() {
                var best = 0, bd = Double.infinity
                for (k, c) in centres.enumerated() {
                    let d = p.distanceSquared(to: c)
                    if d < bd { bd = d; best = k }
                }
                sx[best] += p.x * w[i]; sy[best] += p.y * w[i]; sw[best] += w[i]
            }
            for k in 0..<count where sw[k] > 0 { centres[k] = Point(sx[k] / sw[k], sy[k] / sw[k]) }
        }
        // Sort west→east, south→north for stable ids.
        let ordered = centres.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        var unique: [Point] = []
        for c in ordered where !unique.contains(c) { unique.append(c) }
        return unique.enumerated().map { i, c in
            let n = String(i + 1)
            return Office(id: "G" + String(repeating: "0", count: max(0, 3 - n.count)) + n, location: c)
        }
    }
}

/// Andrew's monotone chain convex hull; returns a closed counter-clockwise ring.
enum ConvexHull {
    static func of(_ points: [Point]) -> Ring {
        let pts = Array(Set(points)).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard pts.count >= 3 else { return pts }
        var lower: [Point] = [], upper: [Point] = []
        for p in pts {
            while lower.count >= 2, Planar.orient(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in pts.reversed() {
            while upper.count >= 2, Planar.orient(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        let ring = Array(lower.dropLast()) + Array(upper.dropLast())
        return ring + [ring[0]]
    }
}

/// SplitMix64 (seeded, platform-independent) for office placement.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
