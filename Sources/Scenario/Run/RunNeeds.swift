/// What the caller of `ScenarioRunner.run` will write, so the analyses skip work nobody reads.
/// The defaults give everything a scenario report uses; a command writing only a summary asks
/// for less. Figures in summaries do not depend on these.
public struct RunNeeds: Sendable {
    /// The street coverage of the cameras (false: a command that writes none of it, such as
    /// junction completeness, which resolves the cameras itself; simulation and money steps that
    /// read coverage then see none).
    public var coverage = true
    /// Coverage: each camera's visibility polygon.
    public var viewsheds = true
    /// Coverage: covered pieces and gap geometries.
    public var geometries = true
    /// Coverage: every gap, not only the summary's longest.
    public var allGaps = true
    /// Coverage: the covered intervals per street (the simulation's camera check reads them).
    public var streetRuns = true
    /// Reach from the posts (false: a command that writes only the post placement).
    public var reach = true
    /// The precinct load (false: a command that only needs the precinct polygons, such as the
    /// simulation's per-precinct figures; the precincts are then used as read, and a plan with
    /// `precincts.moves` or `rebalance` is refused).
    public var load = true
    /// Reach: isochrone buffer width around the reached streets, metres; nil for no isochrones.
    public var isochroneBufferMeters: Double? = 50

    public init(viewsheds: Bool = true, geometries: Bool = true, allGaps: Bool = true, streetRuns: Bool = true,
                isochroneBufferMeters: Double? = 50, coverage: Bool = true, reach: Bool = true, load: Bool = true) {
        self.coverage = coverage
        self.load = load
        self.reach = reach
        self.isochroneBufferMeters = isochroneBufferMeters
        self.viewsheds = viewsheds
        self.geometries = geometries
        self.allGaps = allGaps
        self.streetRuns = streetRuns
    }
}
