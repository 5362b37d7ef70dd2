import CityIngest
import ArgumentParser
import CityModel
import GeoCore
import Reports
import Staffing

/// `covplan precincts generate ...`.
struct Precincts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Precinct layers: generate stand-in precincts for a city that has none.",
        subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate STAND-IN precincts: Voronoi cells around precinct offices, clipped to the city.",
            discussion: """
            Not real boundaries: a stand-in to try the load analysis on a city without a precinct \
            layer. Offices come from --offices (points; fields id, inspectors, assistants used when \
            present), or --count N offices are placed by weighted k-means over building centroids \
            (weights: estimated residents; seeded). Cells are clipped to the convex hull of the \
            city's buildings and streets grown by --margin metres. Writes a polygon layer \
            'precincts' (id, name, inspectors, assistants, note) as GeoPackage or GeoJSON.
            """)

        @OptionGroup var city: CityOptions
        @OptionGroup var common: CommonOptions
        @OptionGroup var out: FileOutput

        @Option(name: .customLong("offices"), help: "Precinct office points (any GDAL source).")
        var offices: String?

        @Option(name: .customLong("offices-layer"), help: "Layer of the offices source.")
        var officesLayer: String?

        @Option(help: "Number of offices to place when no --offices are given (at most 10,000).")
        var count: Int?

        @Option(help: "Inspectors per precinct (offices without an inspectors field).")
        var inspectors = 1

        @Option(help: "Assistants per precinct (offices without an assistants field).")
        var assistants = 0

        @Option(help: "Hull margin in metres.")
        var margin = 50.0

        @Option(help: "Random seed for office placement.")
        var seed: UInt64 = 1

        func run() throws {
            try runCommand {
                let console = Console(common)
                guard (offices == nil) != (count == nil) else {
                    throw CovplanError(.usage, "give either --offices SOURCE or --count N")
                }
                if let count { try PrecinctGenerator.checkCount(count) }
                guard inspectors >= 0, assistants >= 0 else { throw CovplanError(.usage, "--inspectors and --assistants must not be negative") }
                guard let fmt = ExportFormat.fromExtension(out.output) else {
                    throw CovplanError(.usage, file: out.output, "give a .gpkg, .geojson or .fgb file as -o")
                }
                try out.prepare()
                let loaded = try console.readCity("load city", try city.readOptions(kinds: [.streets, .buildings]))
                var sites: [PrecinctGenerator.Office]
                if let offices {
                    let layer = try WorkingLayerReader.read(path: offices, layer: officesLayer,
                                                            defaultNames: ["offices", "police", "precinct_offices"],
                                                            expect: .points, workingCRS: loaded.crs, sourceCRS: city.sourceCRS,
                                                            forceSourceCRS: city.forceSourceCRS, what: "office")
                    let idI = layer.fieldIndex(nil, aliases: ["id", "office_id", "precinct_id"])
                    let inI = layer.fieldIndex(nil, aliases: PrecinctReader.aliases["inspectors"]!)
                    let asI = layer.fieldIndex(nil, aliases: PrecinctReader.aliases["assistants"]!)
                    sites = layer.features.map { f in
                        PrecinctGenerator.Office(
                            id: idI.flatMap { f.values[$0].text } ?? "fid/\(f.fid)",
                            location: f.geometry!.representativePoint!,
                            inspectors: inI.flatMap { f.values[$0].number }.map { Int($0) },
                            assistants: asI.flatMap { f.values[$0].number }.map { Int($0) })
                    }
                } else {
                    sites = try console.phase("place offices") {
                        try PrecinctGenerator.officeSites(count: count!, buildings: loaded.buildings, model: ResidentsModel(), seed: seed)
                    }
                }
                let precincts = try console.phase("voronoi") {
                    try PrecinctGenerator.voronoi(offices: sites, city: loaded, inspectors: inspectors, assistants: assistants,
                                                  marginMeters: margin)
                }
                let fields = [FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("inspectors", .int),
                              FieldDefinition("assistants", .int), FieldDefinition("note", .string)]
                let note = "generated stand-in (Voronoi around offices), not real precinct boundaries"
                let layer = FeatureLayer(name: "precincts", fields: fields, crs: loaded.crs.identifier, features: precincts.map { p in
                    Feature(id: p.id, geometry: .multiPolygon(p.polygons), values: [
                        .string(p.id), p.name.map { .string($0) } ?? .null, .int(Int64(p.inspectors)), .int(Int64(p.assistants)), .string(note),
                    ])
                }, geometryKind: .multiPolygon)
                try console.phase("write") { try LayerExport.write(layer, to: out.output, format: fmt, overwrite: out.overwrite) }
                console.info("wrote \(precincts.count) generated stand-in precincts to \(out.output) (\(fmt == .geojson ? "EPSG:4326" : loaded.crs.identifier))")
            }
        }
    }
}
