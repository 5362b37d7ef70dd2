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

/// When a vehicle traversing a piece is first seen by a camera, if at all.
public struct PieceDetection: Sendable, Hashable {
    /// Time of the first detection by any camera on this traversal, seconds.
    public var seconds: Double
    /// Time of the first detection by a cordon (city-entry / ANPR) camera, if one covers the piece.
    public var cordonSeconds: Double?

    public init(seconds: Double, cordonSeconds: Double? = nil) {
        self.seconds = seconds
        self.cordonSeconds = cordonSeconds
    }
}

/// Tells whether and when a traversal of a piece is detected. The coverage module's
/// camera-covered street intervals plug in here through an adapter.
public protocol DetectionOracle: Sendable {
    /// Detection during a traversal of `piece` from `entrySeconds` to `exitSeconds`, or nil.
    func detection(piece: Int32, entrySeconds: Double, exitSeconds: Double) -> PieceDetection?
}

/// A concrete oracle: for each piece the fraction along the direction of travel at which camera
/// coverage starts (any camera, and cordon cameras separately); detection happens when the
/// vehicle, moving at constant speed through the piece, reaches that point. O(1) per query.
public struct CoveredPieces: DetectionOracle {
    @usableFromInline var firstFraction: [Float]
    @usableFromInline var cordonFraction: [Float]

    /// No piece covered; `pieceCount` pieces with ids 0..<pieceCount.
    public init(pieceCount: Int) {
        firstFraction = [Float](repeating: -1, count: pieceCount)
        cordonFraction = [Float](repeating: -1, count: pieceCount)
    }

    /// Marks `piece` as covered from `fraction` (0 = its start, 1 = its end) onwards.
    /// Throws `CovplanError(.dataError)` for an unknown piece or a fraction outside [0, 1].
    public mutating func cover(piece: Int, fromFraction fraction: Double = 0, cordon: Bool = false) throws {
        guard piece >= 0, piece < firstFraction.count else {
            throw CovplanError(.dataError, feature: "piece \(piece)", "covered piece id is outside 0..<\(firstFraction.count)")
        }
        guard fraction >= 0, fraction <= 1 else {
            throw CovplanError(.dataError, feature: "piece \(piece)", "coverage start fraction must be in [0, 1], got \(fraction)")
        }
        let f = Float(fraction)
        if firstFraction[piece] < 0 || f < firstFraction[piece] { firstFraction[piece] = f }
        if cordon, cordonFraction[piece] < 0 || f < cordonFraction[piece] { cordonFraction[piece] = f }
    }

    public func detection(piece: Int32, entrySeconds: Double, exitSeconds: Double) -> PieceDetection? {
        let p = Int(piece)
        guard p >= 0, p < firstFraction.count, firstFraction[p] >= 0 else { return nil }
        let d = exitSeconds - entrySeconds
        let c = cordonFraction[p]
        return PieceDetection(seconds: entrySeconds + Double(firstFraction[p]) * d,
                              cordonSeconds: c >= 0 ? entrySeconds + Double(c) * d : nil)
    }
}
