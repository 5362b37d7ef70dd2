import GeoCore

/// How census/zone counts are spread to precincts.
public enum CensusMethod: String, Sendable, Hashable, CaseIterable {
    /// By the share of the zone's area inside each precinct.
    case area
    /// By residential floor area of the buildings inside each zone (zones without residential
    /// buildings fall back to area).
    case dasymetric
}

/// Census or statistical zones with resident counts, in the working CRS.
public struct CensusZones: Sendable {
    public var ids: [String]
    public var polygons: [[Polygon]]
    public var residents: [Double]
    /// `path:layer field F`, for the method text.
    public var source: String

    public init(ids: [String], polygons: [[Polygon]], residents: [Double], source: String) {
        self.ids = ids
        self.polygons = polygons
        self.residents = residents
        self.source = source
    }
}

extension PopulationSurface {
    /// Census zones spread to areas by area or dasymetrically (see `CensusMethod`).
    ///
    /// Dasymetric: each zone's count goes to the buildings whose footprint centroid lies in it,
    /// in proportion to their residential floor area (`model`); buildings outside every zone get
    /// nothing; a zone with no residential floor area is apportioned by area instead (noted).
    /// With `totalPopulation`, every count is scaled by totalPopulation ÷ Σ zone counts.
    public static func census(_ zones: CensusZones, method: CensusMethod, buildings: [Building], model: ResidentsModel,
                              totalPopulation: Double? = nil) throws -> PopulationSurface {
        let sum = zones.residents.reduce(0, +)
        var scale = 1.0
        if let totalPopulation {
            guard sum > 0 else { throw CovplanError(.dataError, "total population (population.total, --total-population): the census zones hold no residents") }
            scale = totalPopulation / sum
        }
        let counts = zones.residents.map { $0 * scale }
        var desc: String
        var surface: PopulationSurface
        switch method {
        case .area:
            desc = "census zones \(zones.source) (\(zones.ids.count) zones): each zone's count apportioned by the share of its area inside each precinct (GEOS intersection areas)"
            surface = PopulationSurface(method: "census-area", description: desc, zones: zones.polygons, zoneResidents: counts)
        case .dasymetric:
            let (points, floor) = buildingPoints(buildings, model: model)
            let index = PolygonIndex(zones.polygons)
            let zoneOf = locateAll(points, in: index)
            var zoneFloor = [Double](repeating: 0, count: zones.ids.count)
            for (i, z) in zoneOf.enumerated() where z >= 0 { zoneFloor[Int(z)] += floor[i] }
            var pts: [Point] = [], res: [Double] = []
            for (i, z) in zoneOf.enumerated() where z >= 0 && floor[i] > 0 {
                pts.append(points[i])
                res.append(counts[Int(z)] * floor[i] / zoneFloor[Int(z)])
            }
            var fallbackZones: [[Polygon]] = [], fallbackCounts: [Double] = []
            for z in zones.ids.indices where zoneFloor[z] <= 0 && counts[z] > 0 {
                fallbackZones.append(zones.polygons[z])
                fallbackCounts.append(counts[z])
            }
            desc = "census zones \(zones.source) (\(zones.ids.count) zones): each zone's count spread dasymetrically over the buildings inside it (by footprint centroid) in proportion to residential floor area, \(model.floorAreaDescription); each building counts in the precinct holding its centroid"
            if !fallbackZones.isEmpty {
                desc += "; \(fallbackZones.count) zones without residential buildings apportioned by area"
            }
            surface = PopulationSurface(method: "census-dasymetric", description: desc, points: pts, pointResidents: res,
                                        zones: fallbackZones, zoneResidents: fallbackCounts)
            if !fallbackZones.isEmpty {
                surface.notes.append("\(fallbackZones.count) census zones have no residential buildings: apportioned by area")
            }
        }
        if totalPopulation != nil {
            surface.description += "; scaled by \(fmt(scale)) to the given total of \(fmt(totalPopulation!)) residents"
        }
        surface.scale = scale
        return surface
    }
}
