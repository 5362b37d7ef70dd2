import CityIngest
import CityModel
import Foundation
import GeoCore
import PlacementModels
import Scenario
import Simulation
import StreetGraph
import Testing
import TestSupport

/// A scenario's `population` and `simulation` keys reach every analysis that draws residents or
/// simulates a city day, not only the section that states them: the ANPR flow objective's trips
/// and fleet sizing. Each is checked against the analysis called directly with those settings,
/// and against the defaults, so the test fails when a key is dropped on the way.
@Suite("Scenario settings reach every step", .serialized)
struct ScenarioSettingsReachEveryStepTests {
    /// The results of `yaml` and the city it read.
    static func run(_ yaml: String, _ name: String) throws -> (ScenarioResults, City) {
        let dir = Fixtures.tempDir("settings-reach")
        let doc = try ScenarioDocument.load(Fixtures.file(name + ".yaml", yaml, in: dir))
        let city = try CityReader.read(doc.cityReadOptions())
        return (try ScenarioRunner.run(doc, city: city), city)
    }

    /// `placement.cameras.objective: anpr_flow` draws its trips from the residents of the
    /// scenario's `population` model: untyped buildings count no homes here, so the trip ends
    /// move off them.
    @Test func anprFlowTripsComeFromTheScenarioPopulation() throws {
        let model = try ResidentsModel(livingM2PerPerson: 30, defaultLevels: 2, unknownShare: 0).validated()
        let (r, city) = try Self.run("""
            name: flow
            seed: 7
            city: {source: \(Fixtures.helsinkiPBF)}
            population: {living_m2_per_person: 30, default_levels: 2, unknown_residential_share: 0}
            placement:
              cameras:
                objective: anpr_flow
                trip_count: 300
                count: 2
            """, "flow")
        let request = try #require(r.anprPlacementRequest)
        let net = try TrafficNetwork(city: city, classes: request.classes)
        let expected = try TripEnds.draw(graph: net.graph, residents: try ResidentPoints.buildings(city.buildings, model: model),
                                         count: 300, seed: 7)
        let defaults = try TripEnds.draw(graph: net.graph, residents: try ResidentPoints.buildings(city.buildings),
                                         count: 300, seed: 7)
        let key = { (t: [(id: String, from: Point, to: Point, weight: Double)]) in t.map { "\($0.from.x),\($0.from.y)>\($0.to.x),\($0.to.y)" } }
        #expect(request.trips.count > 200)  // trips without a route are left out
        #expect(key(request.trips) == key(expected))
        #expect(key(request.trips) != key(defaults))
    }

    /// Fleet sizing simulates the city day the `simulation` section states (here a flat demand
    /// profile and a warm-up), the same as `FleetSizing.run` called with those options; the
    /// default profile gives other shares.
    @Test func fleetSizingSimulatesTheScenarioDay() throws {
        let posts = Fixtures.repoRoot + "/scenarios/data/helsinki-posts.geojson"
        let (r, city) = try Self.run("""
            name: fleet
            seed: 3
            city: {source: \(Fixtures.helsinkiPBF)}
            posts: {from: layer, layer: {source: \(posts)}}
            simulation: {days: 2, incidents_per_day: 60, profile: flat, warmup_days: 0.5}
            fleet: {max_units: 3, share_within_target: 0.99, block_hours: 6}
            """, "fleet")
        let fleet = try #require(r.money?.fleet)
        let reach = try #require(r.reach)
        #expect(reach.postIds.count > 2)
        let request = FleetSizingRequest(posts: zip(reach.postIds, reach.postPoints).map { UnitSite(id: $0, location: $1) }, targetMinutes: 5,
                                         requiredFraction: 0.99, maxUnits: 3, blocks: TimeBlock.quarters)
        let flat = SimulationOptions(seed: 3, days: 2, incidentsPerDay: 60, profile: .flat, warmupDays: 0.5)
        let expected = try FleetSizing.run(city: city, graph: reach.graph, request: request, options: flat)
        let typical = try FleetSizing.run(city: city, graph: reach.graph, request: request,
                                          options: SimulationOptions(seed: 3, days: 2, incidentsPerDay: 60))
        #expect(fleet.fractions == expected.fractions && !fleet.fractions.isEmpty)
        #expect(fleet.fractions != typical.fractions)
    }
}
