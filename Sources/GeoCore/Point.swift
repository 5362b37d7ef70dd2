/// A planar coordinate pair.
///
/// In covplan's working CRS (a projected, metric CRS such as a UTM zone) `x` is the easting and
/// `y` the northing, both in metres. At the WGS 84 edges (input and GeoJSON output) `x` is the
/// longitude and `y` the latitude in degrees — PROJ's "visualization" axis order.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    @inlinable public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    @inlinable public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// `true` when both coordinates are finite (not NaN, not ±∞).
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }

    public var description: String { "(\(x), \(y))" }

    @inlinable public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    @inlinable public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    @inlinable public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    /// Dot product of two vectors.
    @inlinable public func dot(_ o: Point) -> Double { x * o.x + y * o.y }
    /// z-component of the cross product (positive when `o` is counter-clockwise of `self`).
    @inlinable public func cross(_ o: Point) -> Double { x * o.y - y * o.x }
    /// Euclidean length of the vector, in CRS units.
    @inlinable public var norm: Double { (x * x + y * y).squareRoot() }

    /// Euclidean distance in CRS units (metres in the working CRS).
    @inlinable public func distance(to o: Point) -> Double {
        let dx = x - o.x, dy = y - o.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Squared Euclidean distance in CRS units squared.
    @inlinable public func distanceSquared(to o: Point) -> Double {
        let dx = x - o.x, dy = y - o.y
        return dx * dx + dy * dy
    }

    /// Linear interpolation: `self` at `t = 0`, `o` at `t = 1`.
    @inlinable public func lerp(_ o: Point, _ t: Double) -> Point {
        Point(x + (o.x - x) * t, y + (o.y - y) * t)
    }
}
