/// One connected component of a road graph (strongly connected for drive).
public struct ComponentSummary: Sendable, Hashable {
    /// Component id (0 = the one with the most internal street length).
    public var id: Int
    /// Nodes in the component.
    public var nodes: Int
    /// Edges with both ends in the component.
    public var edges: Int
    /// Length of those edges in metres.
    public var lengthMeters: Double
}

/// What happened while building a graph: nothing is dropped without a count and the ids.
public struct GraphReport: Sendable, Hashable {
    /// Streets given to the builder.
    public var streetsInput = 0
    /// Streets of the mode's classes that became edges.
    public var streetsUsed = 0
    /// Streets skipped because their class is not part of this mode's network.
    public var streetsOtherMode = 0
    /// Ids of streets skipped because fewer than two distinct vertices remained (after snapping).
    public var degenerateStreets: [String] = []
    /// Ids of streets whose tagged `maxspeed` was zero, negative or not finite (class speed used).
    public var invalidMaxspeedStreets: [String] = []
    /// Distinct vertex coordinates moved onto another vertex within the snap tolerance.
    public var mergedVertices = 0
    /// Line–line crossings where a shared node was inserted (only with `nodeCrossings`).
    public var crossingsNoded = 0
    /// Line ends within the snap tolerance of another line's interior that were joined to it.
    public var endpointsJoined = 0
    public var nodeCount = 0
    public var edgeCount = 0
    public var arcCount = 0
    /// Sum of edge lengths in metres.
    public var totalLengthMeters = 0.0
    /// Sum of the input lengths (metres) of the streets that were used, before noding.
    public var inputLengthMeters = 0.0
    /// Number of (strongly) connected components.
    public var componentCount = 0
    /// The largest components by length (at most 20), largest first.
    public var largestComponents: [ComponentSummary] = []
    /// Street length in metres outside the main component (component 0): edges in other
    /// components and edges joining two components, which can be entered but not left, or left but
    /// not entered. Sources in the main component cannot reach all of it.
    public var lengthOutsideMainComponentMeters = 0.0

    public init() {}
}
