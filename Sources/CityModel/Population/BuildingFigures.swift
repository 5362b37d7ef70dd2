import GeoCore

/// What the residents model (`ResidentsModel`) needs of each building, without its footprint:
/// the footprint centroid (working CRS, metres), the footprint area (m²), `building:levels` and
/// the use, in building order.
///
/// A city read for residents alone (`CityReadOptions.buildingsForResidentsOnly`) carries these in
/// `City.buildingFigures` instead of `Building` values: about 40 bytes per building instead of
/// its polygons, and no per-building allocation. The figures are exactly those of the building
/// values (`Centroid.of(footprint)`, `Building.footprintAreaM2`), so every residents total is the
/// same to the last bit.
public struct BuildingFigures: Sendable, Hashable {
    /// Footprint centroids (`Centroid.of(footprint)`, (0, 0) for an empty footprint).
    public private(set) var centroids: [Point] = []
    /// Footprint areas in m² (`Building.footprintAreaM2`).
    public private(set) var footprintAreasM2: [Double] = []
    /// `building:levels` when tagged, else nil.
    public private(set) var levels: [Double?] = []
    public private(set) var uses: [BuildingUse] = []

    public init() {}

    /// Figures given column by column (each the same length; refused otherwise).
    public init?(centroids: [Point], footprintAreasM2: [Double], levels: [Double?], uses: [BuildingUse]) {
        guard footprintAreasM2.count == centroids.count, levels.count == centroids.count, uses.count == centroids.count else { return nil }
        self.centroids = centroids
        self.footprintAreasM2 = footprintAreasM2
        self.levels = levels
        self.uses = uses
    }

    /// The figures of `buildings`, in order.
    public init(_ buildings: [Building]) {
        reserveCapacity(buildings.count)
        for b in buildings { append(b) }
    }

    public var count: Int { centroids.count }
    public var isEmpty: Bool { centroids.isEmpty }

    public mutating func reserveCapacity(_ n: Int) {
        centroids.reserveCapacity(n)
        footprintAreasM2.reserveCapacity(n)
        levels.reserveCapacity(n)
        uses.reserveCapacity(n)
    }

    /// Appends one building's figures.
    public mutating func append(centroid: Point, footprintAreaM2: Double, levels l: Double?, use: BuildingUse) {
        centroids.append(centroid)
        footprintAreasM2.append(footprintAreaM2)
        levels.append(l)
        uses.append(use)
    }

    /// Appends the figures of `b`.
    public mutating func append(_ b: Building) {
        append(centroid: Self.centroid(of: b.footprint), footprintAreaM2: b.footprintAreaM2, levels: b.levels, use: b.use)
    }

    public mutating func append(contentsOf other: BuildingFigures) {
        centroids += other.centroids
        footprintAreasM2 += other.footprintAreasM2
        levels += other.levels
        uses += other.uses
    }

    /// The centroid the residents model places a footprint at (as `PopulationSurface` does for
    /// building values).
    @inlinable public static func centroid(of footprint: [Polygon]) -> Point {
        Centroid.of(footprint) ?? Point(0, 0)
    }

    /// Footprint area in m², summed as `Building.footprintAreaM2` sums it.
    @inlinable public static func area(of footprint: [Polygon]) -> Double {
        footprint.reduce(0) { $0 + $1.area }
    }
}
