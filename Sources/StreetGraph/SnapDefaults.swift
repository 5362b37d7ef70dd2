/// How far a point (post, unit, building, school, call) may lie from the street network and
/// still be attached to it, metres: one default for every analysis and command. Farther points
/// are counted as unattached (or refused, for units), never silently moved.
public enum SnapDefaults {
    /// Default largest snap distance, metres.
    public static let maxSnapMeters = 250.0
}
