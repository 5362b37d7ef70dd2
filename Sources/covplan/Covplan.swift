import CityIngest
import ArgumentParser
import CityModel

/// covplan's release number (`covplan --version`).
let covplanVersion = CovplanRelease.version

@main
struct Covplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covplan",
        abstract: "GIS coverage planner and simulation toolkit for public-safety planners.",
        discussion: """
        Loads a city's streets, buildings, facilities and cameras from ordinary GIS files \
        (OSM PBF/XML, GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV), works in one metric \
        CRS (the UTM zone of the data, or --crs), and writes RFC 7946 GeoJSON, GeoPackage and \
        FlatGeobuf.

        Exit codes:
          0   success
          64  usage error: a flag or value is wrong
          65  data error: invalid input data (bad geometry, NaN coordinates, empty layer, no CRS)
          66  input missing or unreadable: no such file, not GIS data, unknown layer
          70  internal error (a bug: please report it)
          73  output cannot be created: it exists (use --overwrite) or its folder is missing
          74  I/O error while reading or writing
        Errors are one line on stderr: file, layer, feature and problem.
        """,
        version: "covplan \(covplanVersion) (\(LibraryVersions.summary))",
        subcommands: [Run.self, Compare.self, Validate.self, Notebook.self, Inspect.self, Export.self,
                      CoverageCommand.self, Cameras.self, JunctionsCommand.self,
                      ReachCommand.self, GraphCommand.self, NearestCommand.self,
                      Place.self, Load.self, Rebalance.self, Precincts.self, SimulateCommand.self, HypercubeCommand.self, Synth.self,
                      HotspotsCommand.self, PrepareCommand.self, Serve.self]
    )
}
