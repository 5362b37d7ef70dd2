import CityIngest
import CityModel
import GeoCore
import Scenario

/// How an analysis command runs once it has turned its flags into a plan (a scenario document
/// with the sections it asks for): the city, then every other input the plan names
/// (`ScenarioInputs`), then the analyses by the scenario runner — the path `covplan run`
/// takes, with the same defaults and checks.
enum PlanExecution {
    /// - Parameters:
    ///   - city: the city as the command reads it (its layer kinds and checksum).
    ///   - needs: what the command writes.
    ///   - analysis: the name of the analysis phase under `--timings` (the command's analysis).
    /// - Returns: the city read and the runner's results.
    static func run(_ plan: ScenarioDocument, city: CityReadOptions, console: Console,
                    needs: RunNeeds = RunNeeds(), analysis: String) throws -> (City, ScenarioResults) {
        try plan.checkCommandLinePaths()
        let loaded = try console.readCity("load", city)
        let inputs = try console.phase("inputs") { try ScenarioInputs.read(plan, city: loaded, log: console.info) }
        let results = try console.phase(analysis) { try ScenarioRunner.run(plan, inputs: inputs, needs: needs) }
        return (loaded, results)
    }
}

extension PlanValue {
    /// `--seed` as a plan states it: a scenario's seed is a whole number a YAML reader keeps
    /// exactly, up to 2^53. Throws `.usage` naming the flag above that.
    static func seed(_ seed: UInt64) throws -> PlanValue {
        guard seed <= 1 << 53 else {
            throw CovplanError(.usage, "--seed \(seed) is over 2^53 = 9007199254740992 (a scenario's seed is kept exactly up to there)")
        }
        return .number(Double(seed))
    }
}
