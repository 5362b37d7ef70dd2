import CityModel
import Coverage
import GeoCore
import StreetGraph

/// The versions of the builders whose output a prepared city stores (the obstacle index, the
/// default road graphs, their snap indexes and snaps). A prepared city records the version each
/// stored value was built with (sections `ob.ver`, `gd.ver`, `gw.ver`, `sd.ver`, `sw.ver`) and is refused as stale when it differs from this
/// covplan's: a stored value is never handed out once the code that builds it has changed.
///
/// Each history is append-only: `version` is its last entry's. `digest` is the first 16 hex
/// digits of the SHA-256 of what the builder gives for a fixed synthetic city
/// (`PreparedDerivedVersionTests`, which fails when the builder's output no longer has the last
/// recorded digest). When it fails: append an entry with the next version and the new digest —
/// never edit an old one.
enum PreparedDerivedVersions {
    struct Entry {
        let version: UInt32
        let digest: String
    }

    /// `ObstacleIndex(buildings:)`: edges, polygons and both R-trees.
    static let obstacleIndexHistory: [Entry] = [
        Entry(version: 1, digest: "7bf1f3e90e448322"),
    ]

    /// `GraphBuilder.build(streets:mode:)` with the default speeds and exact noding (drive and walk).
    static let roadGraphHistory: [Entry] = [
        Entry(version: 1, digest: "4ad2eb575cef1cc4"),
    ]

    /// `EdgeSnapper(graph:)` (its segment order) and the snaps of buildings (at their
    /// representative points) and schools onto each default graph (`StoredSnaps`).
    static let snapsHistory: [Entry] = [
        Entry(version: 1, digest: "59c29ded353f5fbd"),
    ]

    static var obstacleIndex: UInt32 { obstacleIndexHistory.last!.version }
    static var roadGraph: UInt32 { roadGraphHistory.last!.version }
    static var snaps: UInt32 { snapsHistory.last!.version }

    /// The digest recorded above for an obstacle index: every array of it (edge endpoints, the
    /// polygons' owners, both trees' leaf orders, which with the envelopes determine the trees)
    /// and the polygons' coordinates.
    static func digest(_ ob: ObstacleIndex) -> String {
        var h = SHA256()
        add(&h, [Int64(ob.edgeCount), Int64(ob.ignoredEdges), Int64(ob.polygons.count)])
        add(&h, ob.ax); add(&h, ob.ay); add(&h, ob.bx); add(&h, ob.by)
        add(&h, ob.polygonBuilding)
        add(&h, Array(ob.edgeTree.leafOrder)); add(&h, Array(ob.polygonTree.leafOrder))
        for p in ob.polygons {
            for r in p.rings { add(&h, r.flatMap { [$0.x, $0.y] }) }
        }
        return String(SHA256.hex(h.finish()).prefix(16))
    }

    /// The digest recorded above for road graphs: every array of each, in order, and its report.
    static func digest(_ graphs: [RoadGraph]) -> String {
        var h = SHA256()
        for g in graphs {
            h.update(Array(g.mode.rawValue.utf8))
            add(&h, g.nodeX); add(&h, g.nodeY); add(&h, g.edgeFrom); add(&h, g.edgeTo)
            add(&h, g.edgeLengthMeters); add(&h, g.edgeSeconds); add(&h, g.edgeAccess); add(&h, g.edgeStreet)
            add(&h, g.edgeVertexStart); add(&h, g.vertexX); add(&h, g.vertexY); add(&h, g.arcStart)
            add(&h, g.arcHead); add(&h, g.arcSeconds); add(&h, g.arcEdge); add(&h, g.nodeComponent)
            for id in g.streetIds { h.update(Array(id.utf8) + [0]) }
            h.update(PreparedDerived.encode(g.report))
        }
        return String(SHA256.hex(h.finish()).prefix(16))
    }

    /// The digest recorded above for snaps: for each graph, the segment order and the building
    /// and school snaps (edges, offsets) at the default snap distance.
    static func digest(snaps graphs: [RoadGraph], buildings: [Building], schools: [Point]) -> String {
        var h = SHA256()
        for g in graphs {
            let v = PreparedDerived.snapValues(graph: g, buildings: buildings, schools: schools)
            h.update(Array(g.mode.rawValue.utf8))
            add(&h, v.order)
            add(&h, v.homes.edges); add(&h, v.homes.offsets)
            add(&h, v.schools.edges); add(&h, v.schools.offsets)
        }
        return String(SHA256.hex(h.finish()).prefix(16))
    }

    /// An array's count, then its bytes (little-endian, as stored).
    private static func add<T: BitwiseCopyable>(_ h: inout SHA256, _ values: [T]) {
        var n = UInt64(values.count).littleEndian
        withUnsafeBytes(of: &n) { h.update($0) }
        values.withUnsafeBytes { h.update($0) }
    }
}
