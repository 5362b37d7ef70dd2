import CityModel
import GeoCore
import Staffing
import StreetGraph

/// Runs every analysis a scenario asks for, in dependency order: camera coverage, precincts
/// and load, reach from posts, then the incident simulation. Each step is a function of the document and earlier results.
public enum ScenarioRunner {
    /// - Parameter log: progress lines for stderr.
    public static func run(_ doc: ScenarioDocument, city: City, log: (String) -> Void = { _ in }) throws -> ScenarioResults {
        var r = ScenarioResults(city: city)
        let population = try ScenarioPopulation.request(doc)
        if doc.root.at("cameras") != nil || !city.cameras.isEmpty {
            log("camera coverage")
            r.coverage = try ScenarioCoverage.run(doc, city: city)
        }
        if doc.root.at("precincts") != nil {
            log("precincts and load")
            let (set, generated) = try ScenarioPrecincts.precincts(doc, city: city, model: population.model)
            r.precincts = set
            r.precinctsGenerated = generated
            let input = try population.resolve(city: city, precincts: set, sourceCRS: doc.cityLoadOptions().sourceCRS,
                                               makeValid: doc.cityLoadOptions().makeValid)
            let norm = doc.root.at("precincts.norm")?.number ?? LoadAnalysis.defaultNorm
            r.load = try StaffingAnalysis.load(city: city, precincts: set, population: input, norm: norm, incidents: nil)
            if doc.root.at("precincts.rebalance")?.bool == true {
                log("rebalancing precincts")
                r.rebalance = try StaffingAnalysis.rebalance(city: city, precincts: set, population: input, norm: norm,
                                                             model: population.model)
            }
        }
        if doc.root.at("posts") != nil {
            log("reach from posts")
            r.reach = try ScenarioReach.run(doc, city: city, model: population.model, totalResidents: r.load?.summary.totalResidents)
        }
        if doc.root.at("simulation") != nil {
            log("incident and dispatch simulation")
            r.simulation = try ScenarioSimulation.run(doc, city: city, reach: r.reach, precincts: r.precincts,
                                                      model: population.model, coverage: r.coverage)
        }
        return r
    }
}
