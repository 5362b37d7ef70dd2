import GeoCore

/// Patrol beats: a network Voronoi partition of the streets by nearest source in travel time.
///
/// Every edge is split where two sources arrive at the same time; each piece belongs to the
/// source that reaches all of it first. Pieces no source reaches (wrong side of a one-way
/// street, another component, beyond `maxSeconds`) have `source == -1`.
public struct Beats: Sendable {
    /// A piece of street and the source it belongs to.
    public struct Piece: Sendable, Hashable {
        public var piece: StreetPiece
        /// Source index, or -1 when unreached.
        public var source: Int32
    }

    /// Pieces ordered by edge and position; together they cover every edge exactly once.
    public let pieces: [Piece]
    /// Street length in metres assigned to each source.
    public let lengthMetersPerSource: [Double]
    /// Street length in metres reached by no source.
    public let unassignedLengthMeters: Double
    /// The node times the beats were derived from.
    public let times: NodeTimes
}

extension RoadGraph {
    /// Network Voronoi of `sources` over all streets (optionally only within `maxSeconds`).
    ///
    /// - Complexity: one Dijkstra plus O(E · r²) for r linear terms per edge (r = 2 plus twice the
    ///   sources on the edge).
    public func beats(from sources: [SearchSource], maxSeconds: Double = .infinity) -> Beats {
        let times = shortestTimes(from: sources, cutoffSeconds: maxSeconds)
        return beats(times: times, sources: sources, maxSeconds: maxSeconds)
    }

    /// Beats from precomputed node times (from the same `sources`).
    public func beats(times: NodeTimes, sources: [SearchSource], maxSeconds: Double = .infinity) -> Beats {
        let fn = EdgeTimeFunction(graph: self, times: times, sources: sources)
        var pieces: [Beats.Piece] = []
        pieces.reserveCapacity(edgeCount + sources.count * 2)
        var perSource = [Double](repeating: 0, count: sources.count)
        var unassigned = 0.0
        var rays: [Ray] = []
        var cuts: [Double] = []
        for e in 0..<edgeCount {
            fn.rays(e, into: &rays)
            let length = edgeLengthMeters[e]
            let start = pieces.count
            Beats.envelope(rays: rays, length: length, rate: fn.rate(e), maxSeconds: maxSeconds, cuts: &cuts) { a, b, label in
                if let last = pieces.last, pieces.count > start, last.source == label {
                    pieces[pieces.count - 1].piece.toMeters = b
                } else {
                    pieces.append(Beats.Piece(piece: StreetPiece(edge: Int32(e), fromMeters: a, toMeters: b), source: label))
                }
            }
            for p in pieces[start...] {
                if p.source >= 0 { perSource[Int(p.source)] += p.piece.lengthMeters } else { unassigned += p.piece.lengthMeters }
            }
        }
        return Beats(pieces: pieces, lengthMetersPerSource: perSource, unassignedLengthMeters: unassigned, times: times)
    }
}

extension Beats {
    /// Lower envelope of the rays on `[0, length]`: calls `emit(from, to, label)` for consecutive
    /// intervals covering the edge, with label -1 where no ray arrives within `maxSeconds`.
    static func envelope(rays: [Ray], length: Double, rate: Double, maxSeconds: Double,
                         cuts: inout [Double], emit: (Double, Double, Int32) -> Void) {
        cuts.removeAll(keepingCapacity: true)
        cuts.append(0)
        cuts.append(length)
        for (i, a) in rays.enumerated() {
            if a.origin > 0 && a.origin < length { cuts.append(a.origin) }
            if maxSeconds.isFinite && a.baseSeconds <= maxSeconds {
                let d = (maxSeconds - a.baseSeconds) / rate
                let x = a.forward ? a.origin + d : a.origin - d
                if x > 0 && x < length { cuts.append(x) }
            }
            for b in rays[(i + 1)...] where a.forward != b.forward {
                // a.base + s_a r (x - o_a) = b.base + s_b r (x - o_b) with s = ±1, s_a = -s_b.
                let sa: Double = a.forward ? 1 : -1
                let x = (b.baseSeconds - a.baseSeconds + rate * sa * (a.origin + b.origin)) / (2 * rate * sa)
                if x > 0 && x < length { cuts.append(x) }
            }
        }
        cuts.sort()
        var prev = cuts[0]
        for c in cuts.dropFirst() where c > prev {
            let mid = (prev + c) / 2
            var best = Double.infinity, label: Int32 = -1
            for ray in rays where ray.contains(mid, length: length) {
                let t = ray.seconds(at: mid, rate: rate)
                if t < best || (t == best && ray.label < label) { best = t; label = ray.label }
            }
            if best > maxSeconds { label = -1 }
            emit(prev, c, label)
            prev = c
        }
    }
}
