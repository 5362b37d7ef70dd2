import GeoCore

/// Street pieces reached from a set of sources within each of several time limits.
///
/// Pieces are cut exactly where the arrival time equals a limit. `pieces` partitions the street
/// reached within the largest limit into bands: a piece with `band == i` is reached within
/// `thresholdsSeconds[i]` but (where `i > 0`) not within `thresholdsSeconds[i - 1]`. An edge
/// reached from both ends may show two separate pieces per band.
public struct Reach: Sendable {
    /// One banded piece of reached street.
    public struct Piece: Sendable, Hashable {
        public var piece: StreetPiece
        /// Index of the smallest threshold within which the whole piece is reached.
        public var band: Int32
    }

    /// Time limits in seconds, ascending.
    public let thresholdsSeconds: [Double]
    /// Banded pieces, ordered by edge, then position along it.
    public let pieces: [Piece]
    /// Street length in metres reached within each threshold (cumulative).
    public let reachedLengthMeters: [Double]
    /// Total graph length in metres.
    public let totalLengthMeters: Double
    /// The node times the pieces were cut from.
    public let times: NodeTimes

    /// The pieces reached within `thresholdsSeconds[index]` (all bands up to it, adjacent pieces
    /// merged), ordered by edge and position.
    public func pieces(within index: Int) -> [StreetPiece] {
        var out: [StreetPiece] = []
        for p in pieces where Int(p.band) <= index {
            if let last = out.last, last.edge == p.piece.edge, last.toMeters >= p.piece.fromMeters {
                out[out.count - 1].toMeters = max(last.toMeters, p.piece.toMeters)
            } else {
                out.append(p.piece)
            }
        }
        return out
    }
}

extension RoadGraph {
    /// Street reached from `sources` within each of `thresholdsSeconds`.
    ///
    /// One multi-source Dijkstra with the largest threshold as cut-off, then every edge is cut
    /// where its arrival time (see the linear terms in `EdgeTimeFunction`) crosses each threshold.
    ///
    /// - Parameters:
    ///   - sources: search sources (positions on edges); may be empty (nothing is reached).
    ///   - thresholdsSeconds: finite, non-negative limits, sorted ascending without duplicates.
    /// - Throws: `CovplanError(.usage)` for a negative, non-finite or unsorted threshold list.
    /// - Complexity: Dijkstra within the cut-off, plus O(E · T) for T thresholds.
    public func reach(from sources: [SearchSource], thresholdsSeconds: [Double]) throws -> Reach {
        try Thresholds.validateSeconds(thresholdsSeconds)
        let cutoff = thresholdsSeconds.last ?? 0
        let times = shortestTimes(from: sources, cutoffSeconds: cutoff)
        return reach(times: times, sources: sources, thresholdsSeconds: thresholdsSeconds)
    }

    /// Reach from precomputed node times (computed from `sources` with a cut-off of at least the
    /// largest threshold). Thresholds must already be valid.
    public func reach(times: NodeTimes, sources: [SearchSource], thresholdsSeconds: [Double]) -> Reach {
        let fn = EdgeTimeFunction(graph: self, times: times, sources: sources)
        let tCount = thresholdsSeconds.count
        var pieces: [Reach.Piece] = []
        var lengths = [Double](repeating: 0, count: tCount)
        var rays: [Ray] = []
        var cumulative: [[(Double, Double)]] = Array(repeating: [], count: tCount)
        var band: [(Double, Double)] = []
        for e in 0..<edgeCount {
            fn.rays(e, into: &rays)
            if rays.isEmpty { continue }
            var any = false
            for i in 0..<tCount {
                cumulative[i].removeAll(keepingCapacity: true)
                fn.reached(e, within: thresholdsSeconds[i], rays: rays, into: &cumulative[i])
                any = any || !cumulative[i].isEmpty
            }
            if !any { continue }
            for i in 0..<tCount {
                for (a, b) in cumulative[i] { lengths[i] += b - a }
                band.removeAll(keepingCapacity: true)
                if i == 0 {
                    band.append(contentsOf: cumulative[0])
                } else {
                    Intervals.subtract(cumulative[i][...], cumulative[i - 1][...], minLength: 1e-9, into: &band)
                }
                for (a, b) in band {
                    pieces.append(Reach.Piece(piece: StreetPiece(edge: Int32(e), fromMeters: a, toMeters: b), band: Int32(i)))
                }
            }
            // Keep pieces of one edge in position order.
            if tCount > 1 {
                var k = pieces.count - 1
                while k > 0 && pieces[k - 1].piece.edge == Int32(e) { k -= 1 }
                pieces[k...].sort { $0.piece.fromMeters < $1.piece.fromMeters }
            }
        }
        return Reach(thresholdsSeconds: thresholdsSeconds, pieces: pieces, reachedLengthMeters: lengths,
                     totalLengthMeters: edgeLengthMeters.reduce(0, +), times: times)
    }
}
