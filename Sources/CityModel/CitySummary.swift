import GeoCore

/// Headline figures of a loaded city (all lengths in metres of the working CRS).
public struct CitySummary: Sendable, Equatable {
    public var workingCRS: WorkingCRS
    /// Extent in the working CRS.
    public var extent: Envelope
    /// Number of street lines (after splitting multi-part lines).
    public var streetSegments: Int
    public var streetLengthM: Double
    public var drivableLengthM: Double
    public var walkableLengthM: Double
    /// Street length per road class, in `RoadClass.sortKey` order.
    public var lengthByClassM: [(highway: String, lengthM: Double, segments: Int)]
    public var buildings: Int
    public var buildingsWithLevels: Int
    public var buildingFootprintM2: Double
    public var residentialBuildings: Int
    public var schools: Int
    public var policeStations: Int
    public var cameras: Int
    public var camerasWithHeading: Int
    public var repairedFeatures: Int
    public var skippedFeatures: Int

    public static func == (a: CitySummary, b: CitySummary) -> Bool {
        a.workingCRS == b.workingCRS && a.streetSegments == b.streetSegments && a.streetLengthM == b.streetLengthM
            && a.buildings == b.buildings && a.cameras == b.cameras && a.schools == b.schools
    }

    public init(_ city: City) {
        workingCRS = city.crs
        extent = city.extent
        streetSegments = city.streets.count
        var total = 0.0, drivable = 0.0, walkable = 0.0
        var byClass: [String: (Double, Int)] = [:]
        for s in city.streets {
            let l = s.lengthMeters
            total += l
            if s.isDrivable { drivable += l }
            if s.isWalkable { walkable += l }
            byClass[s.highway, default: (0, 0)].0 += l
            byClass[s.highway, default: (0, 0)].1 += 1
        }
        streetLengthM = total
        drivableLengthM = drivable
        walkableLengthM = walkable
        lengthByClassM = byClass.sorted { RoadClass.sortKey($0.key) < RoadClass.sortKey($1.key) }
            .map { ($0.key, $0.value.0, $0.value.1) }
        buildings = city.buildings.count
        buildingsWithLevels = city.buildings.filter { $0.levels != nil }.count
        buildingFootprintM2 = city.buildings.reduce(0) { $0 + $1.footprintAreaM2 }
        residentialBuildings = city.buildings.filter { $0.use == .residential }.count
        schools = city.schools.count
        policeStations = city.police.count
        cameras = city.cameras.count
        camerasWithHeading = city.cameras.filter { $0.headingDeg != nil }.count
        repairedFeatures = city.ingest.repaired.count
        skippedFeatures = city.ingest.skipped.count
    }
}
