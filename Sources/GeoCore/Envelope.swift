/// An axis-aligned bounding box in the CRS of the coordinates it was built from.
public struct Envelope: Hashable, Sendable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    @inlinable public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The empty envelope: contains nothing; `expand` from it yields the added box.
    public static let empty = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    /// The envelope of a point sequence (`.empty` for no points).
    @inlinable public init<S: Sequence>(of points: S) where S.Element == Point {
        var e = Envelope.empty
        for p in points { e.expand(by: p) }
        self = e
    }

    @inlinable public var isEmpty: Bool { minX > maxX || minY > maxY }
    @inlinable public var width: Double { isEmpty ? 0 : maxX - minX }
    @inlinable public var height: Double { isEmpty ? 0 : maxY - minY }
    @inlinable public var center: Point { Point((minX + maxX) / 2, (minY + maxY) / 2) }

    @inlinable public mutating func expand(by p: Point) {
        if p.x < minX { minX = p.x }
        if p.x > maxX { maxX = p.x }
        if p.y < minY { minY = p.y }
        if p.y > maxY { maxY = p.y }
    }

    @inlinable public mutating func expand(by e: Envelope) {
        if e.isEmpty { return }
        if e.minX < minX { minX = e.minX }
        if e.maxX > maxX { maxX = e.maxX }
        if e.minY < minY { minY = e.minY }
        if e.maxY > maxY { maxY = e.maxY }
    }

    /// The envelope grown by `d` on every side.
    @inlinable public func buffered(by d: Double) -> Envelope {
        Envelope(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }

    @inlinable public func intersects(_ o: Envelope) -> Bool {
        !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY)
    }

    @inlinable public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Squared distance from a point to the box (0 inside).
    @inlinable public func distanceSquared(to p: Point) -> Double {
        let dx = p.x < minX ? minX - p.x : (p.x > maxX ? p.x - maxX : 0)
        let dy = p.y < minY ? minY - p.y : (p.y > maxY ? p.y - maxY : 0)
        return dx * dx + dy * dy
    }

    public var description: String { "[\(minX), \(minY) – \(maxX), \(maxY)]" }
}
