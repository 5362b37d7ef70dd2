import CityIngest
import ArgumentParser
import CityModel
import Coverage
import Foundation
import GeoCore
import Placement
import PlacementModels
import Reports
import Scenario
import StreetGraph

/// `covplan place ...`: where the next cameras, posts and SOS terminals go.
struct Place: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimal placement of new cameras, posts and SOS terminals, with a proven bound.",
        subcommands: [PlaceCameras.self, PlacePosts.self])
}

extension SetCoveringObjective: ExpressibleByArgument {}
extension TargetBasis: ExpressibleByArgument {}

/// Options of the placement solvers shared by `place cameras` and `place posts`.
struct SolverOptions: ParsableArguments {
    @Option(help: "Seed of the solver's random choices (same seed, same plan).")
    var seed: UInt64 = 1

    @Option(name: .customLong("export-instance"), help: "Also write the coverage instance as JSON (demand, candidates with cost and covers, fixed, count, budget) for an external solver.")
    var exportInstance: String?

    /// A plan states the seed as a scenario does: a whole number kept exactly up to 2^53.
    func checkPlanSeed() throws {
        _ = try PlanValue.seed(seed)
    }

    var placementOptions: PlacementOptions {
        var o = PlacementOptions()
        o.seed = seed
        return o
    }
}
