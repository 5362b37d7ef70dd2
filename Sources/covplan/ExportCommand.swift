import ArgumentParser
import CityModel
import GeoCore
import Reports

extension CityLayerKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `covplan export SOURCE --layer KIND -o OUT`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one city layer (in covplan's schema) as GeoJSON (RFC 7946, WGS 84), GeoPackage or FlatGeobuf.",
        discussion: """
        GeoJSON is written by covplan's streaming writer in WGS 84 longitude/latitude with \
        counter-clockwise exteriors and at most 7 decimals; GeoPackage and FlatGeobuf are written \
        by GDAL in the working CRS. Output goes to a temporary file and is renamed on success.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    @Option(name: .customLong("layer"),
            help: "Which city layer: streets, buildings, schools, police, cameras.")
    var kind: CityLayerKind

    @Option(help: "Output format (default: from the extension): geojson, gpkg, fgb.")
    var format: ExportFormat?

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard let fmt = format ?? ExportFormat.fromExtension(out.output) else {
                throw CovplanError(.usage, file: out.output, "cannot tell the format from the extension; give --format geojson|gpkg|fgb")
            }
            try out.prepare()
            let loaded = try console.readCity("load", try city.readOptions(kinds: [kind]))
            let layer = CityLayers.layer(kind, of: loaded)
            guard !layer.features.isEmpty else {
                throw CovplanError(.dataError, file: city.source, "no \(kind.rawValue) found; nothing to export")
            }
            try console.phase("write") { try LayerExport.write(layer, to: out.output, format: fmt, overwrite: out.overwrite) }
            console.info("wrote \(layer.features.count) \(kind.rawValue) to \(out.output) (\(fmt.rawValue), \(fmt == .geojson ? "EPSG:4326" : loaded.crs.identifier))")
        }
    }
}
