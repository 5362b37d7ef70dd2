import GeoCore

/// How residents are estimated from building footprints.
///
/// residential floor area (m²) = footprint area × levels × use share, where levels is
/// `building:levels` when tagged, else `defaultLevels`, and the use share is 1 for residential
/// buildings (`apartments`, `house`, `residential`, ...), 0 for non-residential ones (`office`,
/// `retail`, `school`, `church`, `shed`, ...) and `unknownShare` for untyped ones
/// (`building=yes`). residents = residential floor area ÷ `livingM2PerPerson`.
///
/// `building=yes` is most of central Helsinki (and of most OSM cities): mixed blocks with shops
/// and offices on the lower floors and flats above. Counting them fully overstates residents,
/// dropping them leaves whole districts empty; the default share 0.5 says "half of the floor
/// area of an untyped building is homes". Set it to 1 or 0 to bracket the estimate.
public struct ResidentsModel: Sendable, Hashable {
    /// Living space per resident, m² (default 22, a typical post-Soviet housing norm).
    public var livingM2PerPerson: Double
    /// Levels assumed for buildings without `building:levels` (default 3).
    public var defaultLevels: Double
    /// Share of an untyped (`building=yes`) building's floor area that is homes (default 0.5).
    public var unknownShare: Double

    public init(livingM2PerPerson: Double = 22, defaultLevels: Double = 3, unknownShare: Double = 0.5) {
        self.livingM2PerPerson = livingM2PerPerson
        self.defaultLevels = defaultLevels
        self.unknownShare = unknownShare
    }

    /// Throws `.usage` for non-positive living space or levels, or a share outside [0, 1].
    public func validated() throws(CovplanError) -> ResidentsModel {
        guard livingM2PerPerson > 0, livingM2PerPerson.isFinite else {
            throw CovplanError(.usage, "living space per person (living_m2_per_person, --living-m2-per-person) must be a positive number (got \(livingM2PerPerson))")
        }
        guard defaultLevels > 0, defaultLevels.isFinite else {
            throw CovplanError(.usage, "levels of untagged buildings (default_levels, --default-levels) must be a positive number (got \(defaultLevels))")
        }
        guard unknownShare >= 0, unknownShare <= 1 else {
            throw CovplanError(.usage, "residential share of untyped buildings (unknown_residential_share, --unknown-residential-share) must be between 0 and 1 (got \(unknownShare))")
        }
        return self
    }

    /// The use share of a building (see the type's documentation).
    @inlinable public func share(_ use: BuildingUse) -> Double {
        switch use {
        case .residential: 1
        case .nonResidential: 0
        case .unknown: unknownShare
        }
    }

    /// Residential floor area in m².
    public func floorAreaM2(_ b: Building) -> Double {
        floorAreaM2(footprintAreaM2: b.footprintAreaM2, levels: b.levels, use: b.use)
    }

    /// Residential floor area in m² of a building with this footprint area (m²), levels and use.
    @inlinable public func floorAreaM2(footprintAreaM2 area: Double, levels: Double?, use: BuildingUse) -> Double {
        let s = share(use)
        if s == 0 { return 0 }
        return area * (levels ?? defaultLevels) * s
    }

    /// Residents of one building (not scaled).
    public func residents(_ b: Building) -> Double { floorAreaM2(b) / livingM2PerPerson }

    /// Residents (not scaled) of a building with this footprint area (m²), levels and use.
    @inlinable public func residents(footprintAreaM2 area: Double, levels: Double?, use: BuildingUse) -> Double {
        floorAreaM2(footprintAreaM2: area, levels: levels, use: use) / livingM2PerPerson
    }

    /// Residents of each building, in order; scaled so they sum to `total` when it is given and
    /// the unscaled sum is positive. The one per-building population every analysis uses.
    public func residents(of buildings: [Building], scaledTo total: Double? = nil) -> [Double] {
        Self.scaled(buildings.map(residents), to: total)
    }

    /// `residents(of:scaledTo:)` of the buildings `figures` describe (the same values: the
    /// figures' areas are those of the footprints).
    public func residents(of figures: BuildingFigures, scaledTo total: Double? = nil) -> [Double] {
        Self.scaled(figures.footprintAreasM2.indices.map {
            residents(footprintAreaM2: figures.footprintAreasM2[$0], levels: figures.levels[$0], use: figures.uses[$0])
        }, to: total)
    }

    /// `raw` scaled to sum to `total` when it is given and the sum is positive.
    static func scaled(_ raw: [Double], to total: Double?) -> [Double] {
        let sum = raw.reduce(0, +)
        guard let total, sum > 0 else { return raw }
        return raw.map { $0 * total / sum }
    }

    /// The population method as written into outputs: `buildings (residential floor area …)`.
    public var methodName: String { "buildings (\(description))" }

    /// One-line description for outputs.
    public var description: String { "\(floorAreaDescription) ÷ \(fmt(livingM2PerPerson)) m² per person" }

    /// How residential floor area is computed, in words.
    public var floorAreaDescription: String {
        "residential floor area (footprint × building:levels, \(fmt(defaultLevels)) levels when untagged; residential buildings 100%, building=yes \(fmt(unknownShare * 100))%, non-residential 0%)"
    }

    func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
