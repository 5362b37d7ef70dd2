/// What went wrong with a feature on load, in one machine word the catalogue translates
/// (`val.<kind>`), from the loader's message (which names GEOS's reason and the position).
enum IngestProblem {
    static func kind(_ problem: String) -> String {
        let p = problem.lowercased()
        if p.contains("nothing left after repair") { return "collapsed" }
        if p.contains("self-intersection") || p.contains("self intersection") { return "self_intersection" }
        if p.contains("too few points") { return "too_few_points" }
        if p.contains("hole") || p.contains("shell") { return "bad_hole" }
        if p.contains("coordinate") || p.contains("finite") { return "bad_coordinates" }
        return "invalid_shape"
    }
}
