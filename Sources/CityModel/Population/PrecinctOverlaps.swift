import GEOSBridge
import GeoCore

/// Two precincts whose areas overlap, and by how much (m², GEOS intersection area).
public struct PrecinctOverlap: Sendable, Hashable, CustomStringConvertible {
    public var first: String
    public var second: String
    public var areaM2: Double

    public init(first: String, second: String, areaM2: Double) {
        self.first = first
        self.second = second
        self.areaM2 = areaM2
    }

    public var description: String {
        "\(first) and \(second) overlap by \(Self.fmt(areaM2)) m²"
    }

    /// Metres² to 2 decimals, without a trailing ".0" for whole numbers.
    public static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r)
    }
}

/// Finds overlapping precincts: candidate pairs from an R-tree on envelopes, overlap area by
/// GEOS intersection. O(n log n + pairs · GEOS). Shared edges (touching) are not overlaps.
public enum PrecinctOverlaps {
    /// Every pair with a positive overlap area, in precinct order.
    public static func find(_ precincts: [Precinct]) throws -> [PrecinctOverlap] {
        let tree = PackedRTree(precincts.map(\.envelope))
        let engine = try GEOSEngine()
        var geoms: [GEOSGeometry?] = Array(repeating: nil, count: precincts.count)
        func g(_ i: Int) throws -> GEOSGeometry {
            if let x = geoms[i] { return x }
            let x = try engine.geometry(.multiPolygon(precincts[i].polygons))
            geoms[i] = x
            return x
        }
        var out: [PrecinctOverlap] = []
        for i in precincts.indices {
            for j in tree.search(precincts[i].envelope) where j > i {
                let a = try engine.area(engine.intersection(g(i), g(j)))
                if a > 0 { out.append(PrecinctOverlap(first: precincts[i].id, second: precincts[j].id, areaM2: a)) }
            }
        }
        return out
    }
}
