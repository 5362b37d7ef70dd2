import CityModel
import GeoCore

/// Building footprints as view obstacles: every ring edge in flat arrays with a packed R-tree,
/// plus the polygons themselves (with an R-tree of their envelopes) for point-in-footprint tests.
///
/// Coordinates are in the working CRS (metres). Every building blocks the view, whatever its
/// tag or height: covplan's visibility is 2-D (a camera on a pole does not look over a house),
/// which is right for street-level cameras and conservative for cameras mounted high. Edges with
/// non-finite coordinates or zero length are left out and counted in `ignoredEdges`. Building is
/// O(E log E) in the edge count; the value is immutable and safe to share between threads.
public struct ObstacleIndex: Sendable {
    /// Edge endpoints.
    public let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    /// R-tree over edge envelopes (ids are edge indices).
    public let edgeTree: PackedRTree
    /// Footprint polygons (every polygon of every building, in input order).
    public let polygons: [Polygon]
    /// Index into the building list for each polygon.
    public let polygonBuilding: [Int32]
    /// R-tree over polygon envelopes (ids are polygon indices).
    public let polygonTree: PackedRTree
    /// Edges left out (non-finite or zero length).
    public let ignoredEdges: Int

    /// Number of obstacle edges.
    public var edgeCount: Int { ax.count }

    /// An index with no obstacles.
    public static let empty = ObstacleIndex(buildings: [])

    /// Indexes the footprints of `buildings`. An index built ahead of time for this very array
    /// (a prepared city's, see `PrebuiltValues`) is returned instead: the same value.
    public init(buildings: [Building]) {
        if let stored = PrebuiltValues.lookup(buildings, key: ObstacleIndex.prebuiltKey, as: ObstacleIndex.self) {
            self = stored
            return
        }
        self.init(buildings: buildings, edgeOrder: nil, polygonOrder: nil)!
    }

    /// The `PrebuiltValues` key of a building array's obstacle index.
    public static let prebuiltKey = "Coverage.ObstacleIndex"

    /// The index `init(buildings:)` builds, with both R-trees packed in the given leaf orders
    /// (`edgeTree.leafOrder`, `polygonTree.leafOrder` of that index, as a prepared city stores
    /// them) instead of sorting again; nil when an order does not fit (not a permutation of the
    /// edges or polygons). With nil orders the trees are sorted as usual.
    public init?(buildings: [Building], edgeOrder: [Int32]?, polygonOrder: [Int32]?) {
        var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
        var edgeEnv: [Envelope] = []
        var polys: [Polygon] = [], owner: [Int32] = [], polyEnv: [Envelope] = []
        var ignored = 0
        if let e = edgeOrder?.count {  // the stored orders give the counts: one allocation per array
            ax.reserveCapacity(e); ay.reserveCapacity(e); bx.reserveCapacity(e); by.reserveCapacity(e)
            edgeEnv.reserveCapacity(e)
        }
        if let p = polygonOrder?.count {
            polys.reserveCapacity(p); owner.reserveCapacity(p); polyEnv.reserveCapacity(p)
        }
        for (bi, b) in buildings.enumerated() {
            for poly in b.footprint {
                polys.append(poly)
                owner.append(Int32(bi))
                polyEnv.append(poly.envelope)
                for ring in poly.rings where ring.count > 1 {
                    // Rings are closed (first == last); also accept an open ring by closing it.
                    let n = ring.count
                    let closed = ring[0] == ring[n - 1]
                    let edges = closed ? n - 1 : n
                    for i in 0..<edges {
                        let p = ring[i], q = ring[(i + 1) % n]
                        guard p.isFinite, q.isFinite, p != q else { ignored += 1; continue }
                        ax.append(p.x); ay.append(p.y); bx.append(q.x); by.append(q.y)
                        edgeEnv.append(Envelope(minX: min(p.x, q.x), minY: min(p.y, q.y),
                                                maxX: max(p.x, q.x), maxY: max(p.y, q.y)))
                    }
                }
            }
        }
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
        if let edgeOrder {
            guard let t = PackedRTree(edgeEnv, order: edgeOrder) else { return nil }
            self.edgeTree = t
        } else {
            self.edgeTree = PackedRTree(edgeEnv)
        }
        self.polygons = polys
        self.polygonBuilding = owner
        if let polygonOrder {
            guard let t = PackedRTree(polyEnv, order: polygonOrder) else { return nil }
            self.polygonTree = t
        } else {
            self.polygonTree = PackedRTree(polyEnv)
        }
        self.ignoredEdges = ignored
    }

    /// Indices of the footprint polygons containing `p` (holes excluded), ascending.
    public func polygonsContaining(_ p: Point) -> [Int] {
        var out: [Int] = []
        polygonTree.search(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) { i in
            if polygons[i].contains(p) { out.append(i) }
            return true
        }
        return out.sorted()
    }

    /// `true` when `p` lies inside some footprint.
    public func isInsideBuilding(_ p: Point) -> Bool {
        var inside = false
        polygonTree.search(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) { i in
            if polygons[i].contains(p) { inside = true; return false }
            return true
        }
        return inside
    }
}

extension ObstacleIndex: Equatable {}
