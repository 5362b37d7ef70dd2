import CityModel
import GEOSBridge
import GeoCore

/// Street blocks: the faces enclosed by street centre lines inside the precincts.
///
/// Which streets bound blocks: `blockStreets` — the drivable classes except `service` (car-park
/// aisles, driveways), plus `pedestrian` streets; footways, paths and service roads would cut
/// blocks into empty slivers between buildings.
///
/// Built with GEOS: the street lines are clipped to the union of the precincts, the precinct
/// boundaries are added (so every block lies in exactly one current precinct and the blocks
/// tile the union), everything is noded (unary union) and polygonized. Faces outside every
/// precinct (gaps between precincts) are dropped. Each block gets its current precinct from a
/// point on its surface. Cost: GEOS union + polygonize, once per run (not a hot loop).
public struct StreetBlocks: Sendable {
    /// Block polygons in the working CRS.
    public var polygons: [Polygon]
    /// Current precinct index of each block.
    public var precinct: [Int32]

    /// Whether a street class bounds blocks (see the type's documentation).
    public static func bounds(_ highway: String) -> Bool {
        (RoadClass.isDrivable(highway) && highway != "service") || highway == "pedestrian"
    }

    /// Throws `.dataError` when the precincts hold no block, `.software` on a GEOS failure.
    public static func build(streets: [Street], precincts: [Precinct]) throws -> StreetBlocks {
        do {
            let engine = try GEOSEngine()
            let union = try engine.union(precincts.map { .multiPolygon($0.polygons) })
            let unionValue = try engine.value(union)
            let env = unionValue.envelope
            let candidates = streets.filter { bounds($0.highway) && $0.envelope.intersects(env) }.map(\.points)
            var lines: [[Point]] = []
            if !candidates.isEmpty {
                let clipped = try engine.value(engine.intersection(try engine.geometry(.multiLineString(candidates)), union))
                lines += clipped.lineStrings
            }
            for p in precincts { for poly in p.polygons { lines += poly.rings } }
            let noded = try engine.nodedLines(lines)
            let faces = try engine.polygonize(noded.map { .lineString($0) })
            let index = PolygonIndex(precincts.map(\.polygons))
            var polygons: [Polygon] = [], owner: [Int32] = []
            for f in faces where f.area > 0 {
                guard let inside = try engine.pointOnSurface(.polygon(f)), let k = index.locate(inside) else { continue }
                polygons.append(f)
                owner.append(Int32(k))
            }
            guard !polygons.isEmpty else {
                throw CovplanError(.dataError, "no street blocks inside the precincts (no precinct area?)")
            }
            return StreetBlocks(polygons: polygons, precinct: owner)
        } catch let e as GEOSError {
            throw CovplanError(.software, "building street blocks failed: \(e)")
        }
    }
}

/// Adjacency of polygons that share boundary edges (as polygonize output does: shared edges
/// have identical vertices). Compressed rows: neighbours of block i are
/// `neighbors[offsets[i]..<offsets[i+1]]` with the shared boundary length in metres.
public struct BlockAdjacency: Sendable {
    public var offsets: [Int]
    public var neighbors: [Int32]
    public var sharedMeters: [Double]
    /// Boundary length of each block, metres.
    public var perimeterMeters: [Double]

    public init(_ polygons: [Polygon]) {
        struct Key: Hashable { let a: Point; let b: Point }
        var owners: [Key: [Int32]] = [:]
        var perimeter = [Double](repeating: 0, count: polygons.count)
        for (i, p) in polygons.enumerated() {
            for r in p.rings where r.count > 1 {
                for j in 1..<r.count {
                    let a = r[j - 1], b = r[j]
                    if a == b { continue }
                    perimeter[i] += a.distance(to: b)
                    let key = (a.x, a.y) < (b.x, b.y) ? Key(a: a, b: b) : Key(a: b, b: a)
                    owners[key, default: []].append(Int32(i))
                }
            }
        }
        // Second pass in ring order (not dictionary order) so that sums are reproducible.
        var pairs = [[Int32: Double]](repeating: [:], count: polygons.count)
        for (i, p) in polygons.enumerated() {
            for r in p.rings where r.count > 1 {
                for j in 1..<r.count {
                    let a = r[j - 1], b = r[j]
                    if a == b { continue }
                    let key = (a.x, a.y) < (b.x, b.y) ? Key(a: a, b: b) : Key(a: b, b: a)
                    guard let list = owners[key], list.count > 1 else { continue }
                    let len = a.distance(to: b)
                    for y in list where y != Int32(i) { pairs[i][y, default: 0] += len }
                }
            }
        }
        var offsets = [0], nb: [Int32] = [], shared: [Double] = []
        for i in polygons.indices {
            for (j, len) in pairs[i].sorted(by: { $0.key < $1.key }) {
                nb.append(j)
                shared.append(len)
            }
            offsets.append(nb.count)
        }
        self.offsets = offsets
        neighbors = nb
        sharedMeters = shared
        perimeterMeters = perimeter
    }

    @inlinable public func neighbours(of i: Int) -> Range<Int> { offsets[i]..<offsets[i + 1] }
}
