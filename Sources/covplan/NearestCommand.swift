import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports
import StreetGraph

/// `covplan nearest CITY --units SOURCE --points SOURCE [-k 3] -o OUT`.
struct NearestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "The k nearest units to each point by travel time (unit to point, one-ways honoured).",
        discussion: """
        Units and points are snapped to the nearest position along a street within --max-snap-m. \
        One k-label Dijkstra from all units at once gives every point its k nearest units. Output \
        (.geojson, .gpkg, .fgb or .csv): one row per point with id, snap_m, unit_1, seconds_1, ... \
        unit_k, seconds_k (empty when fewer units reach the point).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    @Option(help: "Units (patrols, posts): a point layer, or police|schools|cameras for the city's layer.")
    var units: String

    @Option(help: "Query points (incidents, alerts): a point layer, or police|schools|cameras.")
    var points: String

    @Option(name: .short, help: "Units per point.")
    var k: Int = 3

    @Option(name: .customLong("max-snap-m"), help: "Units and points farther than this from the network are not snapped (metres).")
    var maxSnapMeters: Double = SnapDefaults.maxSnapMeters

    @Option(name: .customLong("max-minutes"), help: "Ignore units farther than this many minutes (at most 1,440).")
    var maxMinutes: Double?

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard k >= 1 else { throw CovplanError(.usage, "-k must be at least 1") }
            try InputLimits.check(k, max: InputLimits.maxNearestK, "-k", why: "one label per graph node and rank: memory")
            if let m = maxMinutes { try InputLimits.check(m, max: InputLimits.maxMinutes, "--max-minutes", why: "one day") }
            guard maxSnapMeters.isFinite, maxSnapMeters >= 0 else { throw CovplanError(.usage, "--max-snap-m must be a non-negative number of metres") }
            if let m = maxMinutes, !(m.isFinite && m >= 0) { throw CovplanError(.usage, "--max-minutes must be a non-negative number") }
            let isCSV = (out.output as NSString).pathExtension.lowercased() == "csv"
            let fmt = ExportFormat.fromExtension(out.output)
            guard isCSV || fmt != nil else {
                throw CovplanError(.usage, file: out.output, "cannot tell the format from the extension (.geojson, .gpkg, .fgb, .csv)")
            }
            try out.prepare()
            let loaded = try console.readCity("load", try city.readOptions(kinds: [.streets, .schools, .police, .cameras]))
            let u = try console.phase("load units") { try PointSource.load(units, city: loaded, cityOptions: city, role: "units") }
            let p = try console.phase("load points") { try PointSource.load(points, city: loaded, cityOptions: city, role: "points") }
            let g = try console.phase("build graph") { try graph.build(loaded) }
            console.info(GraphOptions.describe(g))
            let snapper = EdgeSnapper(graph: g)
            let unitSnaps = snapper.snapAll(u.points, maxDistanceMeters: maxSnapMeters)
            let snappedUnits = unitSnaps.indices.filter { unitSnaps[$0] != nil }
            guard !snappedUnits.isEmpty else {
                throw CovplanError(.dataError, file: units, "none of the \(u.points.count) units lies within \(maxSnapMeters) m of the \(g.mode.rawValue) network")
            }
            let pointSnaps = snapper.snapAll(p.points, maxDistanceMeters: maxSnapMeters)
            let result = try console.phase("nearest") {
                try g.nearestUnits(units: snappedUnits.map { SearchSource(unitSnaps[$0]!.position) },
                                   points: pointSnaps.map { $0?.position }, k: k,
                                   cutoffSeconds: maxMinutes.map { $0 * 60 } ?? .infinity)
            }
            let layer = StreetGraphLayers.nearest(result, pointIds: p.ids, points: p.points, snaps: pointSnaps,
                                                  unitIds: snappedUnits.map { u.ids[$0] }, crs: loaded.crs.identifier)
            try console.phase("write") {
                if isCSV { try CSVExport.write(layer, to: out.output, overwrite: out.overwrite) } else {
                    try LayerExport.write(layer, to: out.output, format: fmt!, overwrite: out.overwrite)
                }
            }
            let unsnappedUnits = u.points.count - snappedUnits.count
            let unsnappedPoints = pointSnaps.filter { $0 == nil }.count
            if unsnappedUnits + unsnappedPoints > 0 {
                console.info("not snapped within \(maxSnapMeters) m: \(unsnappedUnits) unit(s), \(unsnappedPoints) point(s)")
            }
            console.info("wrote \(p.points.count) points with up to \(k) nearest of \(snappedUnits.count) units to \(out.output)")
        }
    }
}
