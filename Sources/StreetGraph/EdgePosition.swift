import GeoCore

/// A position on a graph edge: the edge and the distance in metres from its `from` node along
/// its polyline (0 … `edgeLengthMeters[edge]`).
public struct EdgePosition: Sendable, Hashable {
    public var edge: Int32
    public var offsetMeters: Double

    public init(edge: Int32, offsetMeters: Double) {
        self.edge = edge
        self.offsetMeters = offsetMeters
    }
}

/// A point snapped onto the network.
public struct Snap: Sendable, Hashable {
    /// Where on the network.
    public var position: EdgePosition
    /// The snapped location (on the edge polyline), in metres.
    public var point: Point
    /// Distance from the original point to `point`, in metres.
    public var distanceMeters: Double
}
