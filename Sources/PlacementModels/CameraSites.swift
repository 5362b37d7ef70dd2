import CityModel
import Coverage
import Foundation
import GeoCore

/// A place where a new camera could be mounted, with the view directions worth trying there.
///
/// Sites lie on street centre lines (the mounting pole or wall is taken to be at the street; a
/// few metres of offset to the kerb change little at camera ranges of 25–100 m), in the working
/// CRS. Headings are compass bearings, degrees clockwise from grid north, in [0, 360).
public struct CameraSite: Sendable, Hashable {
    /// Where a site comes from.
    public enum Kind: String, Sendable, Hashable {
        /// A street vertex shared by three or more street arms (a junction).
        case junction
        /// A point along a street line, at the spacing.
        case street
    }

    /// `j<n>` for junctions, `s<n>` for street sites (stable for the same streets and options).
    public var id: String
    /// Junction or street site.
    public var kind: Kind
    /// Mounting position, metres.
    public var position: Point
    /// Index (into the city's streets) of a street through the site.
    public var streetIndex: Int
    /// Directions to aim a camera with a field of view below 360°, each a distinct whole degree.
    public var headingsDeg: [Double]

    public init(id: String, kind: Kind, position: Point, streetIndex: Int, headingsDeg: [Double]) {
        self.id = id
        self.kind = kind
        self.position = position
        self.streetIndex = streetIndex
        self.headingsDeg = headingsDeg
    }
}

/// Candidate camera sites: street junctions and points along streets at a spacing.
///
/// - **Junctions**: every street vertex where three or more street arms meet (vertices are
///   matched exactly, to the millimetre, as OSM ways share nodes). Headings: along every arm
///   (towards the arm's next vertex) and, with `bisectors`, the middle of every angle of at
///   least 30° between neighbouring arms (a corner view that sees two streets at once).
/// - **Along streets**: each street line of length `L` gets `n = ⌊L / spacing⌋` sites at
///   `(i + ½)·L/n` metres from its start (none when `L < spacing`: its junctions serve it).
///   Headings: both directions of the street at that point.
///
/// Sites inside a building footprint are left out (a camera there sees only the building).
/// Headings of one site are de-duplicated by their whole degree. Order: junctions in the order
/// their vertex first appears in the street list, then street sites in street order and along
/// each street; deterministic. O(V log V) for V street vertices.
public enum CameraSiteGenerator {
    /// Builds the sites of `streets`.
    ///
    /// - Parameters:
    ///   - spacingMeters: distance between street sites, metres (> 0; `.infinity` for none).
    ///   - junctions: include junction sites (default true).
    ///   - bisectors: add corner headings at junctions (default true).
    ///   - obstacles: building footprints; sites inside one are dropped.
    /// - Throws: `CovplanError(.usage)` for a spacing that is NaN or not positive.
    public static func sites(streets: [Street], spacingMeters: Double, junctions: Bool = true, bisectors: Bool = true,
                             obstacles: ObstacleIndex = .empty) throws -> [CameraSite] {
        guard !spacingMeters.isNaN, spacingMeters > 0 else {
            throw CovplanError(.usage, "site spacing \(spacingMeters) m must be a positive number of metres")
        }
        var out: [CameraSite] = []
        if junctions { out += junctionSites(streets, bisectors: bisectors, obstacles: obstacles) }
        if spacingMeters.isFinite { out += streetSites(streets, spacingMeters: spacingMeters, obstacles: obstacles) }
        return out
    }

    struct VertexKey: Hashable {
        let x: Int64, y: Int64
        init(_ p: Point) {
            x = Int64((p.x * 1000).rounded())
            y = Int64((p.y * 1000).rounded())
        }
    }

    static func junctionSites(_ streets: [Street], bisectors: Bool, obstacles: ObstacleIndex) -> [CameraSite] {
        var index: [VertexKey: Int] = [:]
        var position: [Point] = []
        var street: [Int] = []
        var arms: [[Double]] = []
        for (si, s) in streets.enumerated() {
            let pts = s.points
            guard pts.count > 1 else { continue }
            for i in pts.indices {
                let key = VertexKey(pts[i])
                let v: Int
                if let k = index[key] {
                    v = k
                } else {
                    v = position.count
                    index[key] = v
                    position.append(pts[i])
                    street.append(si)
                    arms.append([])
                }
                if i > 0, pts[i - 1] != pts[i] { arms[v].append(Planar.bearing(from: pts[i], to: pts[i - 1])) }
                if i + 1 < pts.count, pts[i + 1] != pts[i] { arms[v].append(Planar.bearing(from: pts[i], to: pts[i + 1])) }
            }
        }
        var out: [CameraSite] = []
        for v in position.indices where arms[v].count >= 3 {
            guard position[v].isFinite, !obstacles.isInsideBuilding(position[v]) else { continue }
            var headings = arms[v]
            if bisectors {
                let sorted = arms[v].sorted()
                for k in sorted.indices {
                    let a = sorted[k]
                    let b = k + 1 < sorted.count ? sorted[k + 1] : sorted[0] + 360
                    if b - a >= 30 { headings.append((a + b) / 2) }
                }
            }
            out.append(CameraSite(id: "j\(out.count + 1)", kind: .junction, position: position[v], streetIndex: street[v],
                                  headingsDeg: distinctWholeDegrees(headings)))
        }
        return out
    }

    static func streetSites(_ streets: [Street], spacingMeters: Double, obstacles: ObstacleIndex) -> [CameraSite] {
        var out: [CameraSite] = []
        for (si, s) in streets.enumerated() {
            let pts = s.points
            guard pts.count > 1 else { continue }
            // Cumulative lengths for locating the segment of each site.
            var cum = [0.0]
            cum.reserveCapacity(pts.count)
            for i in 1..<pts.count { cum.append(cum[i - 1] + pts[i - 1].distance(to: pts[i])) }
            let length = cum[cum.count - 1]
            guard length.isFinite, length >= spacingMeters else { continue }
            let n = Int((length / spacingMeters).rounded(.down))
            var seg = 0
            for i in 0..<n {
                let at = (Double(i) + 0.5) * length / Double(n)
                while seg + 2 < pts.count && cum[seg + 1] < at { seg += 1 }
                let a = pts[seg], b = pts[seg + 1]
                let segLen = cum[seg + 1] - cum[seg]
                guard segLen > 0 else { continue }
                let p = a.lerp(b, min(1, max(0, (at - cum[seg]) / segLen)))
                guard p.isFinite, !obstacles.isInsideBuilding(p) else { continue }
                let forward = Planar.bearing(from: a, to: b)
                out.append(CameraSite(id: "s\(out.count + 1)", kind: .street, position: p, streetIndex: si,
                                      headingsDeg: distinctWholeDegrees([forward, forward + 180])))
            }
        }
        return out
    }

    /// Headings folded into [0, 360) and kept once per whole degree (first occurrence wins),
    /// in ascending order.
    static func distinctWholeDegrees(_ headings: [Double]) -> [Double] {
        var seen = Set<Int>()
        var out: [Double] = []
        for h in headings {
            var r = h.truncatingRemainder(dividingBy: 360)
            if r < 0 { r += 360 }
            var key = Int(r.rounded())
            if key == 360 { key = 0 }
            if seen.insert(key).inserted { out.append(r) }
        }
        return out.sorted()
    }
}
