/// Weights that rank coverage gaps by road class: `score = gap length (m) × weight`.
///
/// The built-in weights say how much an unwatched metre of each OSM `highway` class matters to
/// a police planner, on a 0–1 scale:
///
/// | class | weight | why |
/// | --- | --- | --- |
/// | `trunk`, `primary` (+ links) | 1.0 | main arteries: most traffic, traffic-offence and escape routes; Sergek cameras go here first |
/// | `secondary` (+ link) | 0.9 | district arteries, bus routes, dense foot traffic at stops |
/// | `tertiary` (+ link), `pedestrian`, `living_street` | 0.8 | collector streets; pedestrian zones and shared streets are the crowded public places of the "carpet" programme |
/// | `motorway` (+ link) | 0.7 | heavy traffic but fenced, few pedestrians, usually watched by dedicated road-authority systems |
/// | `residential`, `unclassified`, `road` | 0.6 | where residents live: courtyards and side streets, street crime and burglary |
/// | `footway`, `cycleway`, `path`, `steps`, `bridleway`, `corridor` | 0.4 | foot paths: matter for personal safety, but short and often redundant with the street beside them |
/// | `service` | 0.3 | parking aisles, driveways, back yards |
/// | `track`, everything else | 0.2 | rural tracks, construction, unknown classes |
///
/// Weights must be finite and ≥ 0; override them per class in `CoverageOptions.roadClassWeights`.
public struct RoadClassWeights: Sendable, Hashable, Codable {
    /// `highway` value → weight.
    public var weights: [String: Double]
    /// Weight of classes not in `weights`.
    public var otherWeight: Double

    public init(weights: [String: Double], otherWeight: Double) {
        self.weights = weights
        self.otherWeight = otherWeight
    }

    /// The documented built-in table.
    public static let builtIn: RoadClassWeights = {
        var w: [String: Double] = [:]
        for c in ["trunk", "trunk_link", "primary", "primary_link"] { w[c] = 1.0 }
        for c in ["secondary", "secondary_link"] { w[c] = 0.9 }
        for c in ["tertiary", "tertiary_link", "pedestrian", "living_street"] { w[c] = 0.8 }
        for c in ["motorway", "motorway_link"] { w[c] = 0.7 }
        for c in ["residential", "unclassified", "road"] { w[c] = 0.6 }
        for c in ["footway", "cycleway", "path", "steps", "bridleway", "corridor"] { w[c] = 0.4 }
        w["service"] = 0.3
        w["track"] = 0.2
        return RoadClassWeights(weights: w, otherWeight: 0.2)
    }()

    /// The weight of a road class.
    public func weight(_ highway: String) -> Double { weights[highway] ?? otherWeight }
}
