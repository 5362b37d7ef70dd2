import Budget
import GeoCore
import Simulation
import Staffing
import StreetGraph

/// The control-centre connection of a scenario: objects, their street routes and the plan.
public struct ConnectionOutcome: Sendable {
    public var objects: [ConnectionObject]
    /// Object locations, working CRS, in `objects` order.
    public var points: [Point]
    /// Per object: its route to the nearest connection point (nil when connected or unreachable).
    public var routes: [ConnectionRoute?]
    public var plan: ConnectionPlan
    /// Where the objects came from (`path` or `path:layer`).
    public var source: String
    /// District (precinct) of each object, "—" when outside every precinct.
    public var districts: [String]
}

/// Staff for round-the-clock posts.
public struct PostStaffOutcome: Sendable {
    public var staffing: PostStaffing
    /// Posts per district.
    public var postDistricts: [String]
    /// Whether the posts that exist already have their staff (then only proposed posts are requested).
    public var existingStaffed: Bool
    public var proposedPosts: Int
}

/// Everything money: the cost table, connections, staff and fleet sizing, camera lifecycle cost
/// and the request table.
public struct MoneyOutcome: Sendable {
    public var costs: CostTable
    /// The cost file, or "seed".
    public var costSource: String
    public var connections: ConnectionOutcome?
    public var postStaff: PostStaffOutcome?
    public var fleet: FleetSizingResult?
    /// Units the scenario runs today (posts or `simulation.units`).
    public var currentUnits: Int
    /// Net present cost of the cameras counted in coverage (inventory + proposed) over the
    /// contract, and the street metres they see.
    public var cameraNpcTenge: Double?
    public var cameraCount: Int
    public var coveredMeters: Double?
    public var request: RequestTable

    /// NPC of the cameras per covered street km-year.
    public var tengePerCoveredKmYear: Double? {
        guard let npc = cameraNpcTenge, let m = coveredMeters else { return nil }
        return NetPresentCost.perCoveredKmYear(npcTenge: npc, coveredMeters: m, years: costs.contractYears)
    }
}
