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
/// GEOS intersection. O(n log n + pairs · GEOS), the pairs spread over the cores (a GEOS context
/// per worker). Shared edges (touching) are not overlaps.
public enum PrecinctOverlaps {
    /// Overlaps up to this area (m²) are tolerated by default as digitising slivers.
    public static let defaultToleranceM2 = 1.0

    /// Every pair with a positive overlap area, in precinct order.
    public static func find(_ precincts: [Precinct]) throws -> [PrecinctOverlap] {
        let tree = PackedRTree(precincts.map(\.envelope))
        let ranges = ParallelChunks.ranges(count: precincts.count, chunkSize: 64)
        let parts = precincts.withUnsafeBufferPointer { all in
            let list = ReadOnlyBox(all)
            return ParallelChunks.map(ranges) { range in
                Result { try overlaps(of: range, in: list.value, tree: tree) }
            }
        }
        var out: [PrecinctOverlap] = []
        for part in parts { out += try part.get() }
        return out
    }

    /// The overlaps of the precincts in `range` with those after them, through one GEOS context.
    static func overlaps(of range: Range<Int>, in precincts: UnsafeBufferPointer<Precinct>, tree: PackedRTree) throws
        -> [PrecinctOverlap]
    {
        let engine = try GEOSEngine()
        var geoms: [Int: GEOSGeometry] = [:]
        func g(_ i: Int) throws -> GEOSGeometry {
            if let x = geoms[i] { return x }
            let x = try engine.geometry(.multiPolygon(precincts[i].polygons))
            geoms[i] = x
            return x
        }
        var out: [PrecinctOverlap] = []
        for i in range {
            for j in tree.search(precincts[i].envelope) where j > i {
                let a = try engine.area(engine.intersection(g(i), g(j)))
                if a > 0 { out.append(PrecinctOverlap(first: precincts[i].id, second: precincts[j].id, areaM2: a)) }
            }
        }
        return out
    }
}
