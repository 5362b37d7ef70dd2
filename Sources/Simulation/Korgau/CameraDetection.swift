import GeoCore

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
