import ArgumentParser
import CityModel
import GeoCore
import Reports
import StreetGraph

/// `covplan graph CITY [--mode drive|walk] -o graph.geojson`.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Export the routable street graph: edges with from, to, length_m, seconds, allowed directions.",
        discussion: """
        Streets are split at shared vertices (OSM junctions); one-way streets allow one direction \
        in drive mode (fields forward/backward); seconds = length / speed (maxspeed when tagged, \
        else the class speed). Node ids in from/to let other tools (NetworkX, pandana) rebuild \
        the same graph. Format from the extension: .geojson (WGS 84), .gpkg, .fgb (working CRS).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard let fmt = ExportFormat.fromExtension(out.output) else {
                throw CovplanError(.usage, file: out.output, "cannot tell the format from the extension (.geojson, .gpkg, .fgb)")
            }
            try out.prepare()
            let loaded = try console.readCity("load", try city.readOptions(kinds: [.streets]))
            let g = try console.phase("build graph") { try graph.build(loaded) }
            console.info(GraphOptions.describe(g))
            let layer = StreetGraphLayers.graph(g, crs: loaded.crs.identifier)
            try console.phase("write") { try LayerExport.write(layer, to: out.output, format: fmt, overwrite: out.overwrite) }
            console.info("wrote \(g.edgeCount) edges to \(out.output)")
        }
    }
}
