import GeoCore

/// A planned residential complex (жилой комплекс): where, when and how many residents.
///
/// Residents are either stated (`residents`), or estimated by the one population model,
/// `ResidentsModel`, from the footprint as a residential building: footprint area × `levels`
/// (the model's default levels when nil) ÷ living space per person.
public struct PlannedHousing: Sendable, Hashable {
    /// Id as in the source (the id field, else `fid/<OGR FID>`).
    public var id: String
    /// A point, or the footprint polygons, in the working CRS (metres).
    public var location: Point
    public var footprint: [Polygon]
    /// Stated residents (≥ 0), or nil to estimate from the footprint.
    public var residents: Double?
    /// Levels of the planned buildings (for the estimate from the footprint).
    public var levels: Double?
    /// The year the residents move in (the complex counts from this year on).
    public var year: Int

    public init(id: String, location: Point, footprint: [Polygon] = [], residents: Double? = nil, levels: Double? = nil, year: Int) {
        self.id = id
        self.location = location
        self.footprint = footprint
        self.residents = residents
        self.levels = levels
        self.year = year
    }
}

extension ResidentsModel {
    /// Residents of a planned complex: the stated number, else footprint × levels (or
    /// `defaultLevels`) ÷ `livingM2PerPerson` as a fully residential building; 0 for a point
    /// without a stated number (the ingest layer rejects that case with a message).
    public func residents(_ h: PlannedHousing) -> Double {
        if let r = h.residents { return r }
        let area = h.footprint.reduce(0) { $0 + $1.area }
        return area * (h.levels ?? defaultLevels) / livingM2PerPerson
    }
}
