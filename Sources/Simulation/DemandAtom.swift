import GeoCore

/// A demand atom: the smallest area (street-graph zone, building block, precinct) incidents are
/// attributed to. Incidents happen "at" an atom; travel times are atom to atom.
public struct DemandAtom: Sendable, Hashable {
    /// Stable identifier used in error messages and outputs.
    public var id: String
    /// Resident population (persons, ≥ 0). Drives the spatial incident distribution and the
    /// "per 10,000 residents" figures.
    public var residents: Double
    /// Extra spatial weight (≥ 0) added to `residents × residentWeight` in the generator: hot
    /// spots, incident history, crowded places.
    public var hotSpotWeight: Double
    /// Index of the zone (precinct/district) the atom belongs to, into `StudyArea.zoneNames`, or nil.
    public var zone: Int?
    /// Representative point in the working CRS (metres), for exports; optional.
    public var location: Point?

    public init(id: String, residents: Double = 0, hotSpotWeight: Double = 0, zone: Int? = nil,
                location: Point? = nil) {
        self.id = id
        self.residents = residents
        self.hotSpotWeight = hotSpotWeight
        self.zone = zone
        self.location = location
    }
}

/// The atoms of a study and the names of the zones they are grouped into.
public struct StudyArea: Sendable, Hashable {
    public var atoms: [DemandAtom]
    /// Zone names; `DemandAtom.zone` indexes this array.
    public var zoneNames: [String]

    public init(atoms: [DemandAtom], zoneNames: [String] = []) {
        self.atoms = atoms
        self.zoneNames = zoneNames
    }

    /// Throws `CovplanError(.dataError)` naming the atom when the area is empty, a resident count
    /// or weight is negative/NaN, or a zone index is out of range. O(atoms).
    public func validate() throws {
        guard !atoms.isEmpty else { throw CovplanError(.dataError, "study area has no demand atoms") }
        guard atoms.count < Int(Int32.max) else {
            throw CovplanError(.dataError, "study area has too many atoms (\(atoms.count))")
        }
        for a in atoms {
            guard a.residents.isFinite, a.residents >= 0 else {
                throw CovplanError(.dataError, feature: "atom \(a.id)", "residents must be ≥ 0, got \(a.residents)")
            }
            guard a.hotSpotWeight.isFinite, a.hotSpotWeight >= 0 else {
                throw CovplanError(.dataError, feature: "atom \(a.id)", "hot-spot weight must be ≥ 0, got \(a.hotSpotWeight)")
            }
            if let z = a.zone, z < 0 || z >= zoneNames.count {
                throw CovplanError(.dataError, feature: "atom \(a.id)",
                                   "zone index \(z) is outside 0..<\(zoneNames.count)")
            }
        }
    }
}
