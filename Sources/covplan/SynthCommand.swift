import ArgumentParser
import CityModel
import CitySynth
import GeoCore
import Reports

/// `covplan synth CITY --tiles K -o OUT.gpkg`.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a k×k synthetic scale-up of a city (for benchmarks) as a GeoPackage.",
        discussion: """
        Tiles are mirrored copies of the city (odd columns left–right, odd rows top–bottom) so each \
        seam meets the same edge of the city; street ends near a seam are joined to their mirror \
        image by a connector street, keeping the street graph connected. Ids get a ~column_row \
        suffix. Optional generated precincts (a grid, with seeded inspector counts) and random \
        cameras (seeded positions along streets and headings). Deterministic for a seed.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    @Option(help: "Tiles per side: k² copies of the city (1–256, and at most 10 million features in all: ≈ 500 bytes each).")
    var tiles: Int

    @Option(help: "Number of generated precincts (a grid over the mosaic); 0 for none.")
    var precincts = 0

    @Option(name: .customLong("random-cameras-per-km"), help: "Random cameras per km of street (layer random_cameras); 0 for none.")
    var camerasPerKm = 0.0

    @Option(name: .customLong("random-fov"), help: "Field of view of random cameras, degrees.")
    var randomFov = 90.0

    @Option(name: .customLong("random-range"), help: "Range of random cameras, metres.")
    var randomRange = 40.0

    @Option(help: ArgumentHelp("Only these layers, comma-separated (streets, buildings, schools, police, cameras, random_cameras, precincts), e.g. buildings,precincts for a national-scale population set.", valueName: "names"))
    var layers: String?

    /// The `--layers` names as a set (nil for all).
    var layerSet: Set<String>? {
        guard let layers else { return nil }
        var out = Set<String>()
        for part in layers.split(separator: ",") { out.insert(part.trimmingCharacters(in: .whitespaces)) }
        return out
    }

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard out.output.lowercased().hasSuffix(".gpkg") else {
                throw CovplanError(.usage, file: out.output, "synth writes a GeoPackage: give a .gpkg file as -o")
            }
            try CitySynth.checkSize(tiles: tiles, baseFeatures: nil)
            try out.prepare()
            let base = try console.readCity("load", try city.readOptions())
            let result = try console.phase("mosaic") {
                try CitySynth.mosaic(base, .init(tiles: tiles, seed: seed, precincts: precincts, randomCamerasPerKm: camerasPerKm,
                                                 randomFovDeg: randomFov, randomRangeM: randomRange,
                                                 layers: layerSet))
            }
            let layers = result.layers()
            try console.phase("write") { try LayerExport.writeGeoPackage(layers, to: out.output, overwrite: out.overwrite) }
            let s = result.city
            console.info("wrote \(out.output): \(tiles)×\(tiles) tiles, \(s.streets.count) streets (\(result.connectors) seam connectors), \(s.buildings.count) buildings, \(s.schools.count) schools, \(s.cameras.count) cameras, \(result.randomCameras.count) random cameras, \(result.precincts.count) precincts (\(s.crs))")
        }
    }
}
