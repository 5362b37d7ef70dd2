import ArgumentParser
import CityIngest
import CityModel
import GeoCore
import Reports

/// `covplan prepare CITY -o city.covplan`: the city as a prepared file that every command
/// loads instead of the GIS sources.
struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Write a prepared city (.covplan) that every command loads in a fraction of the GIS read time.",
        discussion: """
        Reads CITY once (GDAL, reprojection, validation, repair, as any command would with the \
        same flags) and writes every layer kind as little-endian columns with a checksum per \
        section. Give the .covplan as CITY to coverage, reach, load, place, simulate, export, \
        inspect, serve, or as a scenario's city.source: the results are byte-identical to those \
        from the sources. A prepared city is refused (exit 65, one line) when a source changed \
        (size, or modification time and SHA-256), when it was made by another covplan or GDAL/ \
        GEOS/PROJ version or with other ingest options (--crs, --make-valid, --strict, ...), when \
        --city-checksum does not match, and when the file is truncated or corrupt. \
        Format: docs/prepared-city.md.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FileOutput

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard out.output.lowercased().hasSuffix("." + PreparedCity.fileExtension) else {
                throw CovplanError(.usage, file: out.output, "prepare writes a prepared city: give a .covplan file as -o")
            }
            try out.prepare()
            let options = try city.readOptions()
            var clock = PhaseClock()
            let prepared = try console.phase("load") { try PreparedCity.prepare(options, clock: &clock) }
            if common.timings { Console.stderrLaps("load", clock.laps) }
            if let line = IngestSummary.line(prepared.city.ingest) { console.info(line) }
            for line in IngestSummary.warningLines(prepared.city.ingest) { console.info(line) }
            Console.keepUntilExit(prepared)
            try console.phase("write") { try PreparedCityOutput.write(prepared.bytes, to: out.output, overwrite: out.overwrite) }
            let c = prepared.city
            console.info("wrote \(out.output): \(c.streets.count) streets, \(c.buildings.count) buildings, \(c.schools.count) schools, \(c.police.count) police stations, \(c.cameras.count) cameras (\(c.crs)), \(prepared.bytes.count) bytes")
            try printData("sha256:\(prepared.checksum)  \(prepared.sources.joined(separator: " "))\n")
        }
    }
}
