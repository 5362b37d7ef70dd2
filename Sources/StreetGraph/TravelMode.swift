import CityModel
import GeoCore

/// How a patrol moves: by car on drivable streets, or on foot on walkable ways.
public enum TravelMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Patrol car: `Street.isDrivable` classes, one-way restrictions honoured, `maxspeed` used.
    case drive
    /// Foot patrol: `Street.isWalkable` classes, both directions everywhere, walking speeds.
    case walk

    /// Whether `street` belongs to the network of this mode.
    public func admits(_ street: Street) -> Bool {
        switch self {
        case .drive: street.isDrivable
        case .walk: street.isWalkable
        }
    }

    /// Parses `"drive"` / `"walk"` (case-insensitive).
    ///
    /// - Throws: `CovplanError(.usage)` naming the bad value.
    public static func parse(_ text: String) throws -> TravelMode {
        guard let m = TravelMode(rawValue: text.lowercased()) else {
            throw CovplanError(.usage, "unknown travel mode '\(text)' (expected drive or walk)")
        }
        return m
    }
}
