/// Whether a place on the graph belongs to its main network (component 0 of `nodeComponent`:
/// the largest strongly connected component for drive, connected component for walk).
extension RoadGraph {
    /// True when edge `e` has an end on the main network. A source snapped onto an edge with
    /// neither end there reaches only its own piece of street (a car park, a fragment cut off in
    /// the data): the figures of that source say little about the city.
    public func touchesMainNetwork(edge e: Int32) -> Bool {
        nodeComponent[Int(edgeFrom[Int(e)])] == 0 || nodeComponent[Int(edgeTo[Int(e)])] == 0
    }
}
