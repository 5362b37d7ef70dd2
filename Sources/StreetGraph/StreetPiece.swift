/// A piece of one graph edge: metres `fromMeters ..< toMeters` measured from the edge's `from`
/// node along its polyline.
public struct StreetPiece: Sendable, Hashable {
    public var edge: Int32
    public var fromMeters: Double
    public var toMeters: Double

    public init(edge: Int32, fromMeters: Double, toMeters: Double) {
        self.edge = edge
        self.fromMeters = fromMeters
        self.toMeters = toMeters
    }

    /// Length in metres.
    @inlinable public var lengthMeters: Double { toMeters - fromMeters }
}
