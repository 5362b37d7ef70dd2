import ArgumentParser
import CityModel
import Coverage
import GeoCore
import Reports

/// `covplan cameras ...`: camera layers for planning what-ifs.
struct Cameras: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate camera layers for what-if planning and benchmarks.",
        subcommands: [RandomCamerasCommand.self])
}

/// `covplan cameras random CITY --count N --seed S -o cameras.geojson`.
struct RandomCamerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "random",
        abstract: "Place N cameras on the street lines of CITY with seeded random headings.",
        discussion: """
        Positions are uniform by street length (a street twice as long gets twice the cameras on \
        average), headings uniform over the compass. The output's fields (id, heading_deg, \
        fov_deg, range_m, min_range_m, type) are what `covplan coverage --cameras FILE` reads. \
        Same city, count and seed give the same file.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    @Option(help: "Number of cameras (at most 1,000,000: memory and coverage work).")
    var count: Int

    @Option(help: "Random seed.")
    var seed: UInt64

    @Option(help: "Field of view, degrees (0 < fov ≤ 360).")
    var fov = 90.0

    @Option(help: "Range, metres.")
    var range = 50.0

    @Option(name: .customLong("min-range"), help: "Blind radius, metres.")
    var minRange = 0.0

    @Option(help: "Camera type written to the layer.")
    var type = "fixed"

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard let fmt = ExportFormat.fromExtension(out.output) else {
                throw CovplanError(.usage, file: out.output, "cannot tell the format from the extension (.geojson, .gpkg, .fgb)")
            }
            // Check the values before loading the city.
            try InputLimits.check(count, max: InputLimits.maxRandomCameras, "--count", why: "≈ 300 bytes per camera, and coverage work per camera")
            _ = try RandomCameras.generate(streets: [], count: 0, seed: seed, fovDeg: fov, rangeMeters: range,
                                           minRangeMeters: minRange, type: type)
            try out.prepare()
            let loaded = try console.readCity("load", try city.readOptions(kinds: [.streets]))
            let records = try console.phase("generate") {
                try RandomCameras.generate(streets: loaded.streets, count: count, seed: seed, fovDeg: fov,
                                           rangeMeters: range, minRangeMeters: minRange, type: type)
            }
            let layer = CoverageReport.cameraRecordsLayer(records, crs: loaded.crs)
            try console.phase("write") { try LayerExport.write(layer, to: out.output, format: fmt, overwrite: out.overwrite) }
            console.info("wrote \(records.count) random cameras to \(out.output) (seed \(seed))")
        }
    }
}
