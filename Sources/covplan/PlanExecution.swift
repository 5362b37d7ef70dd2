import CityIngest
import CityModel
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
