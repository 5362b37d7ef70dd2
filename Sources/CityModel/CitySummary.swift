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
        let streets = city.streets
        streetSegments = streets.count
        // Lengths concurrently (fixed chunks); each street's class looked up once and its kind
        // (drivable, walkable) decided once per class. The sums run in street order, as a plain
        // loop over the streets would add them: the same figures to the last bit.
        let lengths = ParallelChunks.array(count: streets.count, chunkSize: 1 << 15) { streets[$0].lengthMeters }
        var classOf: [String: Int] = [:]
        var classes: [String] = []
        var classIndex = [Int](repeating: 0, count: streets.count)
        var last: (highway: String, index: Int)? = nil
        // By index: a street is read in place, not copied (a copy retains each of its arrays).
        for i in streets.indices {
            let highway = streets[i].highway
            // Neighbouring streets often share a class: an equality test before a hash lookup.
            if let l = last, l.highway == highway {
                classIndex[i] = l.index
            } else if let k = classOf[highway] {
                classIndex[i] = k
                last = (highway, k)
            } else {
                classOf[highway] = classes.count
                classIndex[i] = classes.count
                last = (highway, classes.count)
                classes.append(highway)
            }
        }
        let drivableClass = classes.map(RoadClass.isDrivable), walkableClass = classes.map(RoadClass.isWalkable)
        var total = 0.0, drivable = 0.0, walkable = 0.0
        var classLength = [Double](repeating: 0, count: classes.count), classCount = [Int](repeating: 0, count: classes.count)
        for i in 0..<streets.count {
            let (l, k) = (lengths[i], classIndex[i])
            total += l
            if drivableClass[k] { drivable += l }
            if walkableClass[k] { walkable += l }
            classLength[k] += l
            classCount[k] += 1
        }
        streetLengthM = total
        drivableLengthM = drivable
        walkableLengthM = walkable
        lengthByClassM = classes.indices.sorted { RoadClass.sortKey(classes[$0]) < RoadClass.sortKey(classes[$1]) }
            .map { (classes[$0], classLength[$0], classCount[$0]) }
        let list = city.buildings
        buildings = list.count
        // Counted in place, by index (a filter or a closure over elements copies every building).
        var withLevels = 0, residential = 0
        for i in list.indices {
            if list[i].levels != nil { withLevels += 1 }
            if list[i].use == .residential { residential += 1 }
        }
        buildingsWithLevels = withLevels
        residentialBuildings = residential
        // Footprint areas concurrently, summed in building order.
        buildingFootprintM2 = ParallelChunks.array(count: list.count, chunkSize: 1 << 13) { list[$0].footprintAreaM2 }
            .reduce(0, +)
        schools = city.schools.count
        policeStations = city.police.count
        cameras = city.cameras.count
        var withHeading = 0
        for i in city.cameras.indices where city.cameras[i].headingDeg != nil { withHeading += 1 }
        camerasWithHeading = withHeading
        repairedFeatures = city.ingest.repaired.count
        skippedFeatures = city.ingest.skipped.count
    }
}
