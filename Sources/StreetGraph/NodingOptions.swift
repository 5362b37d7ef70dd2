/// How street lines are split into graph edges at junctions.
///
/// - **Exact** (the default, right for OpenStreetMap): lines are split only at vertices whose
///   coordinates are identical in several lines (or twice in one line) and at their ends. OSM ways
///   share nodes at junctions, which project to identical coordinates; bridges and tunnels that
///   cross without a shared node stay unconnected, as they should.
/// - **Snap tolerance** (`snapToleranceMeters > 0`, for generic layers digitised without shared
///   vertices): distinct vertex coordinates closer than the tolerance are merged greedily in input
///   order — each coordinate moves onto the first earlier representative within the tolerance
///   (the nearest if several), else becomes a representative. Each vertex moves at most the
///   tolerance. Lines that collapse to one point are reported as degenerate.
/// - **Crossings** (`nodeCrossings`): proper crossings of two segments get a shared vertex (the
///   computed crossing point, or the existing vertex when the crossing is at one), so crossing
///   lines become connected. With a tolerance, a line end within the tolerance of another line's
///   interior is joined too: the end's coordinate is inserted into the other line as a vertex.
///   Collinear overlapping segments are not noded. Do not use on OSM data (bridges would connect
///   to the streets below).
public struct NodingOptions: Sendable, Hashable {
    /// Distance in metres within which distinct vertices are merged; 0 = exact matching only.
    public var snapToleranceMeters: Double
    /// Split lines where they cross each other (and join ends to nearby interiors).
    public var nodeCrossings: Bool

    public init(snapToleranceMeters: Double = 0, nodeCrossings: Bool = false) {
        self.snapToleranceMeters = snapToleranceMeters
        self.nodeCrossings = nodeCrossings
    }

    /// Exact shared-vertex noding, for OpenStreetMap.
    public static let exact = NodingOptions()
    /// For generic line layers: 0.5 m snapping and crossing noding.
    public static let generic = NodingOptions(snapToleranceMeters: 0.5, nodeCrossings: true)
}
