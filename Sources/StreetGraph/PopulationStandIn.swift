import CityModel

/// Residents per building until the population module (issue 6) provides real estimates.
///
/// **Stand-in method** (`floor_area`): residents = residential floor area ÷ living space per
/// person, where floor area = footprint area × `building:levels` (`levelsWhenUntagged` when not
/// tagged), counting buildings whose use is residential or unknown (`building=yes`) and giving
/// non-residential buildings zero. Defaults: 1 level when untagged (`defaultLevels`), 22 m² per
/// person (issue 6's default). This is a proxy for where people live, not a census.
public enum PopulationStandIn {
    /// Levels assumed for buildings without `building:levels`.
    public static let defaultLevels = 1.0
    /// Living space per person in m² (issue 6's default).
    public static let squareMetresPerPerson = 22.0
    /// Name of the method written into outputs.
    public static let method = "floor_area_standin"

    /// Estimated residents of each building, in input order.
    public static func residents(_ buildings: [Building], levelsWhenUntagged: Double = defaultLevels,
                                 squareMetresPerPerson: Double = squareMetresPerPerson) -> [Double] {
        buildings.map { b in
            guard b.use != .nonResidential else { return 0 }
            let levels = b.levels.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? levelsWhenUntagged
            return b.footprintAreaM2 * levels / squareMetresPerPerson
        }
    }
}
