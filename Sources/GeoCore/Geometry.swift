/// A closed ring: first point equals last point, at least 4 points for a valid ring.
public typealias Ring = [Point]

/// A polygon: one exterior ring and zero or more holes, all closed.
///
/// Orientation is not normalised on construction; use `oriented(exteriorCounterClockwise:)`
/// where an output format demands it (RFC 7946 wants CCW exteriors, CW holes).
public struct Polygon: Hashable, Sendable {
    public var exterior: Ring
    public var holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings, exterior first.
    public var rings: [Ring] { [exterior] + holes }

    /// Planar area in CRS units squared (m² in the working CRS): exterior minus holes.
    public var area: Double {
        var a = abs(Planar.signedArea(exterior))
        for h in holes { a -= abs(Planar.signedArea(h)) }
        return a
    }

    public var envelope: Envelope { Envelope(of: exterior) }

    /// Point-in-polygon by crossing number (boundary points may go either way).
    public func contains(_ p: Point) -> Bool {
        guard Planar.ringContains(exterior, p) else { return false }
        for h in holes where Planar.ringContains(h, p) { return false }
        return true
    }

    /// The polygon with its exterior counter-clockwise (or clockwise) and holes the opposite way.
    public func oriented(exteriorCounterClockwise ccw: Bool = true) -> Polygon {
        func orient(_ r: Ring, ccw: Bool) -> Ring {
            (Planar.signedArea(r) > 0) == ccw ? r : r.reversed()
        }
        return Polygon(exterior: orient(exterior, ccw: ccw), holes: holes.map { orient($0, ccw: !ccw) })
    }
}

/// A geometry value of any simple-features type, in the CRS of its source. Not `indirect`:
/// collections hold their members in an array already, so a value needs no box of its own.
public enum Geometry: Hashable, Sendable {
    case point(Point)
    case multiPoint([Point])
    case lineString([Point])
    case multiLineString([[Point]])
    case polygon(Polygon)
    case multiPolygon([Polygon])
    case collection([Geometry])

    /// The OGC type name, as in WKT (`"Point"`, `"MultiPolygon"`, ...).
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .collection: "GeometryCollection"
        }
    }

    /// Every coordinate, in storage order.
    public var allPoints: [Point] {
        var out: [Point] = []
        forEachPoint { out.append($0) }
        return out
    }

    /// Calls `body` for every coordinate.
    public func forEachPoint(_ body: (Point) -> Void) {
        switch self {
        case .point(let p): body(p)
        case .multiPoint(let ps), .lineString(let ps): ps.forEach(body)
        case .multiLineString(let ls): ls.forEach { $0.forEach(body) }
        case .polygon(let p): p.rings.forEach { $0.forEach(body) }
        case .multiPolygon(let ps): ps.forEach { $0.rings.forEach { $0.forEach(body) } }
        case .collection(let gs): gs.forEach { $0.forEachPoint(body) }
        }
    }

    /// A copy with every coordinate replaced by `transform(point)`.
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> Geometry {
        switch self {
        case .point(let p): return .point(try transform(p))
        case .multiPoint(let ps): return .multiPoint(try ps.map(transform))
        case .lineString(let ps): return .lineString(try ps.map(transform))
        case .multiLineString(let ls): return .multiLineString(try ls.map { try $0.map(transform) })
        case .polygon(let p): return .polygon(try p.mapPoints(transform))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map { try $0.mapPoints(transform) })
        case .collection(let gs): return .collection(try gs.map { try $0.mapPoints(transform) })
        }
    }

    public var envelope: Envelope {
        var e = Envelope.empty
        forEachPoint { e.expand(by: $0) }
        return e
    }

    /// `true` when every coordinate is finite.
    public var isFinite: Bool {
        var ok = true
        forEachPoint { if !$0.isFinite { ok = false } }
        return ok
    }

    /// `true` when the geometry has no coordinates.
    public var isEmpty: Bool {
        var any = false
        forEachPoint { _ in any = true }
        return !any
    }

    /// The polygons of a polygonal geometry (empty for other types).
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        case .collection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    /// The line strings of a lineal geometry (empty for other types).
    public var lineStrings: [[Point]] {
        switch self {
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        case .collection(let gs): gs.flatMap(\.lineStrings)
        default: []
        }
    }

    /// The points of a puntal geometry (empty for other types).
    public var points: [Point] {
        switch self {
        case .point(let p): [p]
        case .multiPoint(let ps): ps
        case .collection(let gs): gs.flatMap(\.points)
        default: []
        }
    }

    /// Planar length of all lines in CRS units (metres in the working CRS); polygons count their
    /// ring perimeters, points count zero.
    public var length: Double {
        switch self {
        case .point, .multiPoint: 0
        case .lineString(let l): Planar.length(l)
        case .multiLineString(let ls): ls.reduce(0) { $0 + Planar.length($1) }
        case .polygon(let p): p.rings.reduce(0) { $0 + Planar.length($1) }
        case .multiPolygon(let ps): ps.reduce(0) { acc, p in p.rings.reduce(acc) { $0 + Planar.length($1) } }
        case .collection(let gs): gs.reduce(0) { $0 + $1.length }
        }
    }

    /// Planar area in CRS units squared (m² in the working CRS); zero for non-polygons.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// A representative point: the point itself, the middle of a line by length, or the centroid
    /// of the largest polygon's exterior (which may fall outside a concave polygon).
    public var representativePoint: Point? {
        if let p = points.first { return p }
        if let l = lineStrings.max(by: { Planar.length($0) < Planar.length($1) }) {
            return Planar.point(along: l, at: Planar.length(l) / 2)
        }
        if let poly = polygons.max(by: { $0.area < $1.area }) { return Planar.centroid(poly.exterior) }
        return nil
    }
}

extension Polygon {
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> Polygon {
        Polygon(exterior: try exterior.map(transform), holes: try holes.map { try $0.map(transform) })
    }
}
