import GeoCore
import StreetGraph

/// A covered stretch of one street line: metres from the line's first vertex, along the line
/// (the convention of the Coverage module's covered pieces and of `coverage.geojson`'s
/// `street_id`, `from_m`, `to_m`).
public struct StreetInterval: Sendable, Hashable {
    public var streetId: String
    public var fromMeters: Double
    public var toMeters: Double

    public init(streetId: String, fromMeters: Double, toMeters: Double) {
        self.streetId = streetId
        self.fromMeters = fromMeters
        self.toMeters = toMeters
    }
}

/// Camera coverage of the streets as the simulation needs it: where any camera sees the street,
/// and where a city-entry (cordon, ANPR) camera does.
public struct StreetCoverage: Sendable, Hashable {
    /// Street stretches seen by at least one camera.
    public var covered: [StreetInterval]
    /// Street stretches seen by at least one cordon camera (normally a subset of `covered`).
    public var cordon: [StreetInterval]
    /// Cameras that produced `covered` and `cordon` (for outputs).
    public var cameraCount: Int
    public var cordonCameraCount: Int

    public init(covered: [StreetInterval], cordon: [StreetInterval] = [], cameraCount: Int = 0, cordonCameraCount: Int = 0) {
        self.covered = covered
        self.cordon = cordon
        self.cameraCount = cameraCount
        self.cordonCameraCount = cordonCameraCount
    }

    /// The detection oracle on `graph`'s arcs (piece id = arc index): for each arc, the fraction
    /// along the direction of travel where coverage (any / cordon) first starts.
    ///
    /// Each interval is cut to the edges of its street (edge positions along the street from
    /// `RoadGraph.edgeStartOnStreetMeters`); an edge covered on [a, b] metres from its `from`
    /// node is first seen at fraction a/L when driven forward and (L − b)/L when driven backward.
    /// Intervals on streets not in this graph's mode (footways for a drive graph) are skipped;
    /// zero-length overlaps are ignored.
    /// - Throws: `CovplanError(.dataError)` for an interval naming a street id that is not in the
    ///   city, or with a non-finite or reversed range.
    /// - Complexity: O(E + I·k) for I intervals of streets with k edges each.
    public func oracle(on graph: RoadGraph) throws -> CoveredPieces {
        var pieces = CoveredPieces(pieceCount: graph.arcCount)
        var streetOf: [String: Int] = [:]
        for (i, id) in graph.streetIds.enumerated() where streetOf[id] == nil { streetOf[id] = i }
        // Edges of each street, in order, and the arcs of each edge.
        var edgesOfStreet: [Int: [Int32]] = [:]
        for e in 0..<graph.edgeCount { edgesOfStreet[Int(graph.edgeStreet[e]), default: []].append(Int32(e)) }
        var forwardArc = [Int32](repeating: -1, count: graph.edgeCount)
        var backwardArc = [Int32](repeating: -1, count: graph.edgeCount)
        for a in 0..<graph.arcCount {
            let e = graph.arcEdge[a]
            if e >= 0 { forwardArc[Int(e)] = Int32(a) } else { backwardArc[Int(~e)] = Int32(a) }
        }
        let start = graph.edgeStartOnStreetMeters()
        for (list, cordon) in [(covered, false), (self.cordon, true)] {
            for iv in list {
                guard let s = streetOf[iv.streetId] else {
                    throw CovplanError(.dataError, layer: "coverage", feature: iv.streetId, "covered interval names a street that is not in the city")
                }
                guard iv.fromMeters.isFinite, iv.toMeters.isFinite, iv.fromMeters <= iv.toMeters else {
                    throw CovplanError(.dataError, layer: "coverage", feature: iv.streetId,
                                       "covered interval \(iv.fromMeters)…\(iv.toMeters) m is not a finite, ordered range")
                }
                for e32 in edgesOfStreet[s] ?? [] {
                    let e = Int(e32)
                    let L = graph.edgeLengthMeters[e]
                    guard L > 0 else { continue }
                    let a = max(iv.fromMeters - start[e], 0), b = min(iv.toMeters - start[e], L)
                    guard b > a else { continue }
                    if forwardArc[e] >= 0 { try pieces.cover(piece: Int(forwardArc[e]), fromFraction: min(1, a / L), cordon: cordon) }
                    if backwardArc[e] >= 0 { try pieces.cover(piece: Int(backwardArc[e]), fromFraction: max(0, (L - b) / L), cordon: cordon) }
                }
            }
        }
        return pieces
    }
}
