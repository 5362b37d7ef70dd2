import GeoCore

/// A district (precinct, administrative area) for coverage totals: an id, a display name and its
/// polygons in the working CRS.
public struct DistrictArea: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var polygons: [Polygon]

    public init(id: String, name: String? = nil, polygons: [Polygon]) {
        self.id = id
        self.name = name
        self.polygons = polygons
    }
}

/// Splits segments exactly where they cross district boundaries.
///
/// Street pieces are cut at every crossing with a district outline (exact segment–segment
/// intersections found through an R-tree of the boundary edges), and each piece is assigned the
/// district whose polygon contains its midpoint — the first in input order when districts
/// overlap, none (−1) when it lies outside all of them. A piece running exactly along a boundary
/// goes to whichever side the midpoint test picks. O(log E + k) per segment for E boundary edges.
struct DistrictSplitter: Sendable {
    let districts: [DistrictArea]
    let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    let edgeTree: PackedRTree
    let polys: [Polygon]
    let polyDistrict: [Int32]
    let polyTree: PackedRTree

    init(_ districts: [DistrictArea]) {
        self.districts = districts
        var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
        var env: [Envelope] = []
        var polys: [Polygon] = [], owner: [Int32] = [], penv: [Envelope] = []
        for (di, d) in districts.enumerated() {
            for poly in d.polygons {
                polys.append(poly); owner.append(Int32(di)); penv.append(poly.envelope)
                for ring in poly.rings where ring.count > 1 {
                    for i in 1..<ring.count where ring[i - 1] != ring[i] {
                        let p = ring[i - 1], q = ring[i]
                        ax.append(p.x); ay.append(p.y); bx.append(q.x); by.append(q.y)
                        env.append(Envelope(minX: min(p.x, q.x), minY: min(p.y, q.y), maxX: max(p.x, q.x), maxY: max(p.y, q.y)))
                    }
                }
            }
        }
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
        edgeTree = PackedRTree(env)
        self.polys = polys
        polyDistrict = owner
        polyTree = PackedRTree(penv)
    }

    /// The district containing `p` (first in input order), or −1.
    func district(at p: Point) -> Int32 {
        var best = Int32.max
        polyTree.search(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) { i in
            if polyDistrict[i] < best, polys[i].contains(p) { best = polyDistrict[i] }
            return true
        }
        return best == .max ? -1 : best
    }

    /// Breakpoints of segment `a→b`: `(t, district)` pairs, sorted by `t`, starting at `t = 0`;
    /// the district holds from its `t` to the next breakpoint (or 1).
    func split(_ a: Point, _ b: Point) -> [(t: Double, district: Int32)] {
        var ts: [Double] = [0]
        let env = Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
        edgeTree.search(env) { e in
            if let hit = Planar.segmentIntersection(a, b, Point(ax[e], ay[e]), Point(bx[e], by[e])),
               hit.t > 0, hit.t < 1 {
                ts.append(hit.t)
            }
            return true
        }
        ts.sort()
        ts.append(1)
        var out: [(t: Double, district: Int32)] = []
        for i in 0..<(ts.count - 1) where ts[i + 1] > ts[i] || i == 0 {
            let d = district(at: a.lerp(b, (ts[i] + ts[i + 1]) / 2))
            if let last = out.last, last.district == d { continue }
            out.append((ts[i], d))
        }
        return out
    }
}
