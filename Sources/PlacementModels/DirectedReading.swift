import Coverage
import GeoCore

/// Which directions of travel a camera reads where it sees the traffic network.
///
/// A camera *sees* a street point at a DORI level when the point lies in its band for that level
/// (`Camera.limited(to:)`), in its field of view and not hidden by buildings (the exact coverage
/// of `CoverageAnalysis.cameraIntervals`). It *reads* a direction of travel there when, in
/// addition, its heading is within `headingToleranceDeg` (default 30°) of facing the oncoming
/// vehicles: the heading is opposite the direction of travel, so it sees their fronts (plates).
/// All-round cameras read no direction (they have no view axis).
public struct DirectedReadingRule: Sendable, Hashable {
    /// Level at which the camera must see the street (identify: number plates, 250 px/m).
    public var level: DoriLevel
    /// Largest angle between the camera heading and the reverse of the direction of travel,
    /// degrees (default 30).
    public var headingToleranceDeg: Double
    /// When false, only seeing counts (no direction test; both directions count where allowed).
    public var directional: Bool

    public init(level: DoriLevel = .identify, headingToleranceDeg: Double = 30, directional: Bool = true) {
        self.level = level
        self.headingToleranceDeg = headingToleranceDeg
        self.directional = directional
    }

    /// Whether a camera with compass heading `h` reads traffic travelling at bearing `b`
    /// (degrees): |h − (b + 180)| ≤ tolerance, on the circle.
    public func reads(headingDeg h: Double, travelBearingDeg b: Double) -> Bool {
        var d = abs((h - b - 180).truncatingRemainder(dividingBy: 360))
        if d > 180 { d = 360 - d }
        return d <= headingToleranceDeg + 1e-9
    }
}

extension TrafficNetwork {
    /// For each camera, the directed stretches it reads under `rule` (metres along each edge from
    /// its `from` node, merged per edge and direction), one-way restrictions honoured.
    ///
    /// - Throws: `CovplanError(.dataError)` naming a camera with an impossible value.
    /// - Complexity: as `CoverageAnalysis.cameraIntervals` plus O(records).
    public func readings(of cameras: [Camera], rule: DirectedReadingRule, obstacles: ObstacleIndex,
                         occlusion: Bool) throws -> [[DirectedStretch]] {
        var limited: [Camera] = []
        var owner: [Int] = []
        for (i, c) in cameras.enumerated() {
            guard let l = c.limited(to: rule.level) else { continue }
            if rule.directional && l.isAllRound { continue }
            limited.append(l)
            owner.append(i)
        }
        let table = try CoverageAnalysis.cameraIntervals(cameras: limited, lines: lines, obstacles: obstacles, occlusion: occlusion)
        var out = [[DirectedStretch]](repeating: [], count: cameras.count)
        for k in 0..<limited.count {
            var got: [DirectedStretch] = []
            for r in table.offsets[k]..<table.offsets[k + 1] {
                let s = Int(table.segment[r])
                let e = Int(lines.line[s])
                let m0 = lines.startMeters[s] + table.t0[r] * lines.lengthMeters[s]
                let m1 = lines.startMeters[s] + table.t1[r] * lines.lengthMeters[s]
                guard m1 > m0 else { continue }
                for d in TravelDirection.allCases where allows(e, d) {
                    if rule.directional, !rule.reads(headingDeg: limited[k].headingDeg, travelBearingDeg: travelBearing(segment: s, d)) {
                        continue
                    }
                    got.append(DirectedStretch(edge: Int32(e), direction: d, fromMeters: m0, toMeters: m1))
                }
            }
            out[owner[k]] = Self.merged(got)
        }
        return out
    }

    /// Stretches merged per (edge, direction) where they touch or overlap, sorted.
    static func merged(_ s: [DirectedStretch]) -> [DirectedStretch] {
        let sorted = s.sorted { ($0.edge, $0.direction.rawValue, $0.fromMeters) < ($1.edge, $1.direction.rawValue, $1.fromMeters) }
        var out: [DirectedStretch] = []
        for x in sorted {
            if let last = out.last, last.edge == x.edge, last.direction == x.direction, x.fromMeters <= last.toMeters + 1e-6 {
                out[out.count - 1].toMeters = max(last.toMeters, x.toMeters)
            } else {
                out.append(x)
            }
        }
        return out
    }
}
