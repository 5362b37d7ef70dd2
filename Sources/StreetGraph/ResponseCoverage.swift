import GeoCore

/// Things attached to the network (buildings, schools): each at a snapped position with a weight.
public struct Attachments: Sendable {
    /// Snapped position of each item; nil when it lies beyond the attach distance.
    public var positions: [EdgePosition?]
    /// Weight of each item (residents for buildings, 1 for schools).
    public var weights: [Double]

    public init(positions: [EdgePosition?], weights: [Double]) {
        self.positions = positions
        self.weights = weights
    }

    /// Snaps `points` with `snapper` within `maxSnapMeters`.
    public init(points: [Point], weights: [Double], snapper: EdgeSnapper, maxSnapMeters: Double) {
        positions = snapper.snapAll(points, maxDistanceMeters: maxSnapMeters).map { $0?.position }
        self.weights = weights
    }

    /// Total weight.
    public var totalWeight: Double { weights.reduce(0, +) }
    /// Weight of the items that could not be attached.
    public var unattachedWeight: Double {
        var s = 0.0
        for (p, w) in zip(positions, weights) where p == nil { s += w }
        return s
    }
    /// Number of items that could not be attached.
    public var unattachedCount: Int { positions.reduce(0) { $0 + ($1 == nil ? 1 : 0) } }
}

/// Arrival time and nearest source of attached items.
public struct AttachmentTimes: Sendable {
    /// Seconds from the nearest source to each item (+infinity when unreached or unattached).
    public var seconds: [Double]
    /// Nearest source per item (-1 when unreached or unattached).
    public var source: [Int32]

    /// Weight reached within `limitSeconds`.
    public func weight(within limitSeconds: Double, of items: Attachments) -> Double {
        var s = 0.0
        for (t, w) in zip(seconds, items.weights) where t <= limitSeconds { s += w }
        return s
    }

    /// Weight assigned to each of `sourceCount` sources.
    public func weightPerSource(_ sourceCount: Int, of items: Attachments) -> [Double] {
        var out = [Double](repeating: 0, count: sourceCount)
        for (s, w) in zip(source, items.weights) where s >= 0 { out[Int(s)] += w }
        return out
    }
}

extension RoadGraph {
    /// Arrival time and nearest source at each attached item, from node times of `sources`.
    /// Items are evaluated exactly at their snapped position. O(items · log sources).
    public func arrival(at items: Attachments, times: NodeTimes, sources: [SearchSource]) -> AttachmentTimes {
        let fn = EdgeTimeFunction(graph: self, times: times, sources: sources)
        var scratch: [Ray] = []
        var seconds = [Double](repeating: .infinity, count: items.positions.count)
        var source = [Int32](repeating: -1, count: items.positions.count)
        for (i, p) in items.positions.enumerated() {
            guard let p else { continue }
            let (t, s) = fn.arrival(at: p, scratch: &scratch)
            if t <= times.cutoffSeconds { seconds[i] = t; source[i] = s }
        }
        return AttachmentTimes(seconds: seconds, source: source)
    }
}
