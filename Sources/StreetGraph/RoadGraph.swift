import GeoCore

/// A routable street network for one travel mode, in the working CRS (metres, seconds).
///
/// **Nodes** are junctions and street ends. **Edges** are the pieces of street between two nodes,
/// each with its full polyline (so reach can be cut at any point), length, travel time and
/// allowed directions relative to its digitised direction (`from` → `to`). **Arcs** are the
/// directed traversals of edges in compressed sparse row (CSR) form: the arcs leaving node `n`
/// are `arcStart[n] ..< arcStart[n + 1]`, ordered by edge index.
///
/// All arrays are flat and indexed by `Int32`; the value is immutable and safe to share between
/// threads. Build one with `GraphBuilder.build`.
public struct RoadGraph: Sendable {
    /// The travel mode the graph was built for.
    public let mode: TravelMode

    // MARK: nodes
    /// Node easting in metres.
    public let nodeX: [Double]
    /// Node northing in metres.
    public let nodeY: [Double]

    // MARK: edges
    /// Start node of each edge (its first vertex).
    public let edgeFrom: [Int32]
    /// End node of each edge (its last vertex).
    public let edgeTo: [Int32]
    /// Planar length of each edge in metres.
    public let edgeLengthMeters: [Double]
    /// Time to traverse the whole edge in seconds (the same in each allowed direction).
    public let edgeSeconds: [Double]
    /// Allowed directions: bit 0 = forward (from → to), bit 1 = backward (to → from).
    public let edgeAccess: [UInt8]
    /// Index of the street (in the array given to the builder) each edge was cut from.
    public let edgeStreet: [Int32]
    /// Edge `e`'s vertices are `vertexX/Y[edgeVertexStart[e] ..< edgeVertexStart[e + 1]]`.
    public let edgeVertexStart: [Int32]
    /// Vertex eastings of all edge polylines, in metres.
    public let vertexX: [Double]
    /// Vertex northings of all edge polylines, in metres.
    public let vertexY: [Double]

    // MARK: arcs (CSR)
    /// Arcs leaving node `n`: `arcStart[n] ..< arcStart[n + 1]` (count `nodeCount + 1`).
    public let arcStart: [Int32]
    /// Node an arc leads to.
    public let arcHead: [Int32]
    /// Travel time of an arc in seconds.
    public let arcSeconds: [Double]
    /// Edge of an arc: `e` when traversed forward (from → to), `~e` (negative) when backward.
    public let arcEdge: [Int32]

    /// Component of each node (`GraphReport.largestComponents`; 0 = main network). Strongly
    /// connected components for drive.
    public let nodeComponent: [Int32]

    // MARK: provenance
    /// Ids of the streets given to the builder (all of them, by input index), packed.
    public let streetIds: PackedStrings
    /// What happened while building: counts, skipped streets, components.
    public let report: GraphReport

    init(mode: TravelMode, nodeX: [Double], nodeY: [Double], edgeFrom: [Int32], edgeTo: [Int32],
         edgeLengthMeters: [Double], edgeSeconds: [Double], edgeAccess: [UInt8], edgeStreet: [Int32],
         edgeVertexStart: [Int32], vertexX: [Double], vertexY: [Double], arcStart: [Int32],
         arcHead: [Int32], arcSeconds: [Double], arcEdge: [Int32], nodeComponent: [Int32], streetIds: PackedStrings, report: GraphReport) {
        self.mode = mode
        self.nodeX = nodeX
        self.nodeY = nodeY
        self.edgeFrom = edgeFrom
        self.edgeTo = edgeTo
        self.edgeLengthMeters = edgeLengthMeters
        self.edgeSeconds = edgeSeconds
        self.edgeAccess = edgeAccess
        self.edgeStreet = edgeStreet
        self.edgeVertexStart = edgeVertexStart
        self.vertexX = vertexX
        self.vertexY = vertexY
        self.arcStart = arcStart
        self.arcHead = arcHead
        self.arcSeconds = arcSeconds
        self.arcEdge = arcEdge
        self.nodeComponent = nodeComponent
        self.streetIds = streetIds
        self.report = report
    }

    /// Number of nodes.
    @inlinable public var nodeCount: Int { nodeX.count }
    /// Number of edges (undirected street pieces).
    @inlinable public var edgeCount: Int { edgeFrom.count }
    /// Number of arcs (directed traversals).
    @inlinable public var arcCount: Int { arcHead.count }

    /// Total edge length in metres.
    public var totalLengthMeters: Double { edgeLengthMeters.reduce(0, +) }

    /// `true` when edge `e` may be traversed from its `from` node towards its `to` node.
    @inlinable public func allowsForward(_ e: Int) -> Bool { edgeAccess[e] & 1 != 0 }
    /// `true` when edge `e` may be traversed from its `to` node towards its `from` node.
    @inlinable public func allowsBackward(_ e: Int) -> Bool { edgeAccess[e] & 2 != 0 }

    /// Location of node `n` in metres.
    @inlinable public func node(_ n: Int) -> Point { Point(nodeX[n], nodeY[n]) }

    /// The polyline of edge `e`, from its `from` node to its `to` node. O(vertices).
    public func geometry(ofEdge e: Int) -> [Point] {
        let a = Int(edgeVertexStart[e]), b = Int(edgeVertexStart[e + 1])
        var out: [Point] = []
        out.reserveCapacity(b - a)
        for i in a..<b { out.append(Point(vertexX[i], vertexY[i])) }
        return out
    }

    /// The part of edge `e` between `fromMeters` and `toMeters` (measured from its `from` node).
    public func geometry(ofEdge e: Int, fromMeters: Double, toMeters: Double) -> [Point] {
        Planar.slice(geometry(ofEdge: e), from: fromMeters, to: toMeters)
    }

    /// The point at `offsetMeters` along edge `e` from its `from` node (clamped to the edge).
    public func point(onEdge e: Int, atMeters offsetMeters: Double) -> Point {
        Planar.point(along: geometry(ofEdge: e), at: offsetMeters)
    }

    /// The id of the street edge `e` was cut from.
    public func streetId(ofEdge e: Int) -> String { streetIds[Int(edgeStreet[e])] }
}
