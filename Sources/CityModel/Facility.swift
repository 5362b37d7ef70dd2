import GeoCore

/// The kinds of facility covplan treats specially.
public enum FacilityKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `amenity=school`.
    case school
    /// `amenity=police`: police stations and precinct offices.
    case police
}

/// A point of interest with an optional footprint, in the working CRS.
public struct Facility: Sendable, Hashable {
    public var id: String
    public var kind: FacilityKind
    public var name: String?
    /// A representative location: the point itself, or the footprint's centroid.
    public var location: Point
    /// The footprint when mapped as an area (empty for points).
    public var footprint: [Polygon]

    public init(id: String, kind: FacilityKind, name: String?, location: Point, footprint: [Polygon] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.location = location
        self.footprint = footprint
    }
}
