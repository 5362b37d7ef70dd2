import GeoCore

/// How the dispatcher picks a unit for a new incident.
public enum UnitSelection: Sendable, Hashable {
    /// The available unit with the shortest travel time from its current position (ties: lower
    /// unit index).
    case nearestAvailable
    /// A fixed preference list of unit indices per atom (most preferred first): the first
    /// available unit on the atom's list is sent; when every listed unit is busy, the nearest
    /// available unit not on the list is sent (lists may be partial). Hypercube-style dispatch.
    case preferenceLists([[Int]])
}

/// What a unit does when it clears the scene and no incident is waiting. (When incidents are
/// waiting, it always goes straight from the scene to the most urgent, oldest one.)
public enum AfterService: Sendable, Hashable {
    /// Drives home and is unavailable until it arrives there.
    case returnHome
    /// Drives home but is available at once; a dispatch during the drive is costed from the
    /// scene atom (the unit's last fixed position).
    case returnHomeAvailable
    /// Stays at the scene, available, until its next dispatch.
    case stayAtScene
}

extension AfterService: CaseIterable {
    /// The name in scenario files (`simulation.after_service`).
    public var settingName: String {
        switch self {
        case .returnHome: "return_home"
        case .returnHomeAvailable: "return_home_available"
        case .stayAtScene: "stay_at_scene"
        }
    }

    /// The choice a scenario names, nil for another text (the schema refuses it first).
    public init?(settingName: String) {
        guard let c = Self.allCases.first(where: { $0.settingName == settingName }) else { return nil }
        self = c
    }
}

/// What counts as the unit's busy (unavailable) time.
public enum ServiceTimeModel: Sendable, Hashable {
    /// Physical: busy from dispatch through travel, on-scene time and (with `.returnHome`) the
    /// drive home.
    case travelPlusOnScene
    /// Queueing-model convention (Larson's hypercube, M/M/c): the incident's on-scene duration
    /// is the unit's *total* unavailable time; travel only delays the response, and a freed unit
    /// is back at its home atom. Use this with exponential on-scene times to compare with the
    /// hypercube model. `afterService` is ignored.
    case onSceneIsTotalBusyTime
}

/// Settings of one dispatch simulation run.
public struct DispatchSettings: Sendable, Hashable {
    public var units: [ResponseUnit]
    public var selection: UnitSelection
    public var afterService: AfterService
    public var serviceTime: ServiceTimeModel
    /// Incidents called before this time are simulated but not counted, and busy time before it
    /// is not counted in utilisation (removes the empty-start bias of long-run averages).
    public var warmupSeconds: Double
    /// Keep the per-incident outcome table (unit, dispatch, arrival and clear times).
    public var recordOutcomes: Bool

    public init(units: [ResponseUnit], selection: UnitSelection = .nearestAvailable,
                afterService: AfterService = .returnHome, serviceTime: ServiceTimeModel = .travelPlusOnScene,
                warmupSeconds: Double = 0, recordOutcomes: Bool = false) {
        self.units = units
        self.selection = selection
        self.afterService = afterService
        self.serviceTime = serviceTime
        self.warmupSeconds = warmupSeconds
        self.recordOutcomes = recordOutcomes
    }
}
