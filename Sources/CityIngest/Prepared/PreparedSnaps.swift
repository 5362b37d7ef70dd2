#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CityModel
import GeoCore
import StreetGraph

/// The snap index and snaps stored with each default graph of a prepared city (sections `sd.*`
/// for the drive graph, `sw.*` for the walk graph; docs/prepared-city.md):
///
/// - `so`: the leaf order of the graph's segment R-tree (`EdgeSnapper.segmentOrder`), so the
///   index is packed without sorting;
/// - `b.e` / `b.o`: each building's snap (edge, −1 for none; offset, metres) from its
///   footprint's representative point, and `s.e` / `s.o` the schools', within `max`
///   (`SnapDefaults.maxSnapMeters` when written).
///
/// Reach then attaches the city's residents without snapping 10⁵ points again. They reach the
/// analyses through `PrebuiltValues`: the snap index under the graph's `edgeFrom`, the snaps
/// under the building and school arrays (`StoredSnaps`). Like the graph, they are read and
/// checked (checksum; a permutation; edges and offsets within the graph) on first use, and a
/// failure is refused then with one line naming the file and the section.
extension PreparedDerived {
    static func snapPrefix(_ mode: TravelMode) -> String { mode == .drive ? "sd." : "sw." }

    /// Appends the snap index order and the building and school snaps onto `g` (built from
    /// `city.streets`), after their builder version.
    static func writeSnaps(_ city: City, graph g: RoadGraph, into b: inout PreparedContainer.Builder) {
        let p = snapPrefix(g.mode)
        let v = snapValues(graph: g, buildings: city.buildings, schools: city.schools.map(\.location))
        b.u32(p + "ver", [PreparedDerivedVersions.snaps])
        b.f64(p + "max", [SnapDefaults.maxSnapMeters])
        b.i32(p + "so", v.order)
        b.i32(p + "b.e", v.homes.edges); b.f64(p + "b.o", v.homes.offsets)
        b.i32(p + "s.e", v.schools.edges); b.f64(p + "s.o", v.schools.offsets)
    }

    /// What the `sd.*` / `sw.*` sections of `g` hold: its snap index's segment order and the
    /// building and school snaps at `SnapDefaults.maxSnapMeters` (also what the builder-version
    /// digest hashes).
    static func snapValues(graph g: RoadGraph, buildings: [Building], schools: [Point])
        -> (order: [Int32], homes: (edges: [Int32], offsets: [Double]), schools: (edges: [Int32], offsets: [Double])) {
        let snapper = EdgeSnapper(graph: g)
        let max = SnapDefaults.maxSnapMeters
        return (snapper.segmentOrder, StoredSnaps.snap(StoredSnaps.points(of: buildings), snapper: snapper, maxSnapMeters: max),
                StoredSnaps.snap(schools, snapper: snapper, maxSnapMeters: max))
    }

    /// Registers the snap index of the stored graph `g`, read now (`sd.so`, checked against its
    /// checksum; a load that reads the graph uses it). Nothing without the section (a file
    /// written before snaps were stored: the index is built as usual).
    static func registerSnapIndex(_ g: RoadGraph, fd: Int32, file: StoredSections) throws(CovplanError) {
        let name = snapPrefix(g.mode) + "so"
        guard file.has(name) else { return }
        let order = try section(name, Int32.self, fd: fd, file: file)
        PrebuiltValues.register(g.edgeFrom, key: EdgeSnapper.prebuiltKey) {
            // Nil only for an order that is not a permutation of the segments (a file written by
            // hand with valid checksums): the index is then built as usual.
            EdgeSnapper(graph: g, segmentOrder: order)
        }
    }

    /// Registers the stored building and school snaps onto the graph of `mode`, each read on
    /// first use.
    static func registerSnaps<K>(_ city: City, mode: TravelMode, graphKey: [K], file: StoredSections) {
        let p = snapPrefix(mode)
        nonisolated(unsafe) let graphKey = graphKey  // read only, kept alive by the registry
        func register<T>(_ items: [T], _ kind: StoredSnaps.Items, _ tag: String) {
            guard !items.isEmpty, file.has(p + tag + ".e") else { return }
            let count = items.count
            PrebuiltValues.register(items, key: StoredSnaps.key(kind, mode)) {
                guard let fd = file.reopen() else { return nil }  // replaced since the load: snap again
                defer { close(fd) }
                let max = try section(p + "max", Double.self, fd: fd, file: file)
                let edges = try section(p + tag + ".e", Int32.self, fd: fd, file: file)
                let offsets = try section(p + tag + ".o", Double.self, fd: fd, file: file)
                guard let graph = try PrebuiltValues.lookupOrThrow(graphKey, key: RoadGraph.prebuiltKey(mode), as: RoadGraph.self)
                else { return nil }
                guard max.count == 1, edges.count == count,
                      let snaps = StoredSnaps(graph: graph, maxSnapMeters: max[0], edges: edges, offsets: offsets)
                else {
                    throw CovplanError(.dataError, file: file.path,
                                       "prepared city refused: its stored \(label(p)) are corrupt (sections '\(p + tag).e' and '\(p + tag).o' do not fit the \(kind.rawValue) and the graph); prepare the city again")
                }
                return snaps
            }
        }
        if let figures = city.buildingsLeftInStore {
            register(figures.centroids, .buildings, "b")  // buildings left in the file (`PreparedReach` looks here)
        } else {
            register(city.buildings, .buildings, "b")
        }
        register(city.schools, .schools, "s")
    }
}
