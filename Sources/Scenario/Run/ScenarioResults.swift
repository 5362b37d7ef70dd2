import CityModel
import Coverage
import GeoCore
import PlacementModels
import Simulation
import Staffing
import StreetGraph

/// Everything `covplan run` computed for a scenario, as plain values; `Reports` turns it into
/// the summary, layers, tables and report.
public struct ScenarioResults: Sendable {
    public var city: City
    /// Precincts used for load (generated stand-ins or loaded), and whether they were generated.
    public var precincts: PrecinctSet?
    public var precinctsGenerated: Bool = false
    public var load: PrecinctLoadResult?
    public var rebalance: RebalanceResult?
    public var reach: ReachResults?
    /// Camera coverage of the streets by the inventory.
    public var coverage: CoverageResult?
    /// Incident and dispatch simulation (and the camera–vehicle check when cameras exist).
    public var simulation: SimulationOutcome?
    /// The travel modes of the simulation's graphs: the main graph's first, then one per other
    /// mode a unit uses (what its outputs name).
    public var simulationGraphModes: [String] = []
    /// The simulation's main street graph.
    public var simulationGraph: RoadGraph?
    /// The time origin of the simulation's real calls (`simulation.calls`), nil for generated incidents.
    public var simulationCallTimeOrigin: String?
    /// Larson's hypercube queueing model (`hypercube` section).
    public var hypercube: HypercubeOutcome?
    /// The travel modes of the hypercube model's graphs, the main graph's first.
    public var hypercubeGraphModes: [String] = []
    /// The hypercube model's main street graph.
    public var hypercubeGraph: RoadGraph?
    /// Proposed ANPR / Sergek cameras (`placement.cameras.objective: anpr_*`) and their request.
    public var anprPlacement: TrafficPlacementResult?
    public var anprPlacementRequest: TrafficPlacementRequest?
    /// Proposed cameras and posts (the inventory they were placed against is fixed).
    public var cameraPlacement: CameraPlacementResult?
    public var cameraPlacementRequest: CameraPlacementRequest?
    public var postPlacement: PostPlacementResult?
    public var postPlacementRequest: PostPlacementRequest?
    /// Junction completeness (`junctions:`) with every camera of the run.
    public var junctions: JunctionCompletenessResult?
    /// Hot spots, crime over time, camera impact (`crime:`) and planned housing (`growth:`).
    public var crime: CrimeResults?
    public var growth: GrowthResults?
    /// Costs over time, control-centre connections, post staff, fleet size and the request table.
    public var money: MoneyOutcome?

    public init(city: City) { self.city = city }
}

/// Reach from the scenario's posts.
public struct ReachResults: Sendable {
    public var graph: RoadGraph
    public var postIds: [String]
    /// Post locations in the working CRS, in `postIds` order.
    public var postPoints: [GeoCore.Point]
    public var outcome: ReachOutcome
    /// Ids of the snapped posts, in search-source order.
    public var snappedIds: [String] { outcome.snappedSources.map { postIds[$0] } }
}

extension ScenarioResults {
    /// The precinct load with crimes and crimes per 10,000 residents per precinct from
    /// `crime.incidents` (what `covplan load --incidents` writes); the load as it is without them.
    public var loadWithCrimes: PrecinctLoadResult? {
        guard let load else { return nil }
        return crime?.precinctCrimes.map { load.withCrimes($0) } ?? load
    }
}
