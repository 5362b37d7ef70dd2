/// A response unit (patrol car, foot patrol, modular post) based at a home atom.
public struct ResponseUnit: Sendable, Hashable {
    public var id: String
    /// Atom index of the unit's home position (base, post, patrol-beat centre).
    public var homeAtom: Int
    /// Index into the simulation's travel-time providers (e.g. 0 = car network, 1 = walking).
    public var travelMode: Int

    public init(id: String, homeAtom: Int, travelMode: Int = 0) {
        self.id = id
        self.homeAtom = homeAtom
        self.travelMode = travelMode
    }
}
