import CityIngest
import ArgumentParser
import CityModel
import Foundation
import GeoCore
import StreetGraph

extension TravelMode: ExpressibleByArgument {}

/// Flags shared by the street-graph commands (`graph`, `reach`, `nearest`).
struct GraphOptions: ParsableArguments {
    @Option(help: "Travel mode: drive (drivable classes, one-way honoured, maxspeed used) or walk.")
    var mode: TravelMode = .drive

    @Option(name: .customLong("speeds"), help: "JSON speed table overriding the defaults: {\"drive\": {\"residential\": 25, \"default\": 30}, \"walk\": {\"default\": 4.5}} (km/h).")
    var speedsFile: String?

    @Option(name: .customLong("snap-tolerance-m"), help: "Merge street vertices closer than this (metres) and node line crossings: for generic layers digitised without shared vertices. Default 0: exact shared vertices (right for OSM).")
    var snapToleranceMeters: Double = 0

    /// Builds the graph of the loaded city's streets.
    func build(_ city: City) throws -> RoadGraph {
        let speeds = try speedsFile.map { try SpeedTable.load(mode, path: $0) }
        let noding = snapToleranceMeters > 0 ? NodingOptions(snapToleranceMeters: snapToleranceMeters, nodeCrossings: true) : .exact
        guard snapToleranceMeters.isFinite, snapToleranceMeters >= 0 else {
            throw CovplanError(.usage, "--snap-tolerance-m must be zero or a positive number of metres")
        }
        let g = try GraphBuilder.build(streetsOf: city, mode: mode, speeds: speeds, noding: noding)
        guard g.edgeCount > 0 else {
            throw CovplanError(.dataError, layer: "streets", "no \(mode.rawValue) streets: the \(mode.rawValue) graph is empty")
        }
        return g
    }

    /// One line describing the graph, for stderr.
    static func describe(_ g: RoadGraph) -> String {
        let r = g.report
        var s = "\(g.mode.rawValue) graph: \(g.nodeCount) nodes, \(g.edgeCount) edges, \(String(format: "%.1f", g.totalLengthMeters / 1000)) km, \(r.componentCount) component(s)"
        if r.componentCount > 1 { s += String(format: ", %.1f km outside the main one", r.lengthOutsideMainComponentMeters / 1000) }
        if !r.degenerateStreets.isEmpty { s += ", \(r.degenerateStreets.count) degenerate street(s) skipped" }
        if !r.invalidMaxspeedStreets.isEmpty { s += ", \(r.invalidMaxspeedStreets.count) invalid maxspeed(s) ignored" }
        return s
    }
}

/// Point locations (posts, units, incidents) from a GIS source or a city layer.
enum PointSource {
    /// Loads points: `police`, `schools` or `cameras` take the city's own layer (when no file of
    /// that name exists); anything else is read as a point/polygon layer through GDAL and
    /// reprojected into the city's working CRS. Polygons give their representative point.
    static func load(_ spec: String, city: City, cityOptions: CityOptions, role: String) throws -> (ids: [String], points: [Point]) {
        if !FileManager.default.fileExists(atPath: spec) {
            switch spec {
            case "police": return (city.police.map(\.id), city.police.map(\.location))
            case "schools": return (city.schools.map(\.id), city.schools.map(\.location))
            case "cameras": return (city.cameras.map(\.id), city.cameras.map(\.position))
            default: break
            }
        }
        let loaded: City
        do {
            loaded = try CityReader.read(CityReadOptions(
                layers: [.police: LayerSource(path: spec)], kinds: [.police], workingCRS: city.crs.identifier,
                sourceCRS: cityOptions.sourceCRS, skipInvalid: cityOptions.skipInvalid,
                forceSourceCRS: cityOptions.forceSourceCRS, allowDistortion: true))
        } catch var e as CovplanError {
            // The points are read as a facility layer; name them as the user knows them.
            e.problem = e.problem.replacingOccurrences(of: "police", with: role)
            throw e
        }
        guard !loaded.police.isEmpty else {
            throw CovplanError(.dataError, file: spec, "no \(role) found: the layer is empty")
        }
        return (loaded.police.map(\.id), loaded.police.map(\.location))
    }
}
