import GeoCore

/// One line of the cost table: what a unit of an item costs up front and every year, in tenge (₸).
public struct CostItem: Sendable, Hashable {
    /// Machine key (`badge`, `tablet`, `camera.public`, `connection`, `inspector`, ...).
    public var key: String
    /// Capital cost per unit, tenge (finite, ≥ 0): bought once, in year 0.
    public var capexTenge: Double
    /// Running cost per unit and year, tenge (finite, ≥ 0): paid at the end of each contract year.
    public var opexTengePerYear: Double
    /// Where the figure comes from (a published budget line, or "placeholder: …" with the reasoning).
    public var source: String

    public init(key: String, capexTenge: Double, opexTengePerYear: Double = 0, source: String) {
        self.key = key
        self.capexTenge = capexTenge
        self.opexTengePerYear = opexTengePerYear
        self.source = source
    }
}
