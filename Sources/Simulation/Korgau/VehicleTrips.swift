import GeoCore

/// One step of a vehicle trip: traversal of one street piece (e.g. a directed street-graph
/// edge), entered and left at the given times, ending at a graph node.
public struct TripStep: Sendable, Hashable {
    /// Identifier of the traversed piece, as known to the `DetectionOracle`.
    public var piece: Int32
    /// Time the vehicle enters the piece, seconds.
    public var entrySeconds: Double
    /// Time it leaves the piece, seconds (≥ entry).
    public var exitSeconds: Double
    /// The node reached at `exitSeconds` — a candidate intercept point.
    public var exitNode: Int32

    public init(piece: Int32, entrySeconds: Double, exitSeconds: Double, exitNode: Int32) {
        self.piece = piece
        self.entrySeconds = entrySeconds
        self.exitSeconds = exitSeconds
        self.exitNode = exitNode
    }
}

/// Vehicle trips as timed sequences of piece traversals, struct-of-arrays.
///
/// Trip t owns steps `stepOffsets[t] ..< stepOffsets[t + 1]`. The routing (origins and
/// destinations weighted by population, shortest paths on the street graph) lives outside this
/// module and fills this value.
public struct VehicleTrips: Sendable, Hashable {
    public private(set) var stepOffsets: [Int32] = [0]
    public private(set) var piece: [Int32] = []
    public private(set) var entrySeconds: [Double] = []
    public private(set) var exitSeconds: [Double] = []
    public private(set) var exitNode: [Int32] = []
    /// Per trip: the driver is flagged dangerous (a Korgau alert is raised on detection).
    public private(set) var isDangerous: [Bool] = []
    /// Per trip: the trip comes into the city through an entry road (cordon statistics).
    public private(set) var entersCity: [Bool] = []

    public init() {}

    /// Number of trips.
    public var count: Int { isDangerous.count }

    /// Appends a trip. Throws `CovplanError(.dataError)` naming the trip when it has no steps, a
    /// time is NaN/negative, a step leaves before it enters, or steps go back in time. O(steps).
    public mutating func append(_ steps: [TripStep], dangerous: Bool = false, entersCity: Bool = false) throws {
        let t = count
        guard !steps.isEmpty else { throw CovplanError(.dataError, feature: "trip \(t)", "trip has no steps") }
        var last = -Double.infinity
        for (k, s) in steps.enumerated() {
            guard s.entrySeconds.isFinite, s.exitSeconds.isFinite, s.entrySeconds >= 0 else {
                throw CovplanError(.dataError, feature: "trip \(t)", "step \(k) has a missing or negative time")
            }
            guard s.exitSeconds >= s.entrySeconds, s.entrySeconds >= last else {
                throw CovplanError(.dataError, feature: "trip \(t)", "step \(k) goes back in time")
            }
            last = s.exitSeconds
        }
        for s in steps {
            piece.append(s.piece)
            entrySeconds.append(s.entrySeconds)
            exitSeconds.append(s.exitSeconds)
            exitNode.append(s.exitNode)
        }
        stepOffsets.append(Int32(piece.count))
        isDangerous.append(dangerous)
        self.entersCity.append(entersCity)
    }

    /// Step index range of trip t.
    @inlinable public func steps(of t: Int) -> Range<Int> { Int(stepOffsets[t])..<Int(stepOffsets[t + 1]) }
}
