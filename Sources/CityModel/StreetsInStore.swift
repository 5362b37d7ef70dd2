import GeoCore

/// The streets of a prepared city left in its file: what a city read with
/// `CityReadOptions.streetsForStoredGraphsOnly` carries instead of `Street` values when the file
/// stores the default travel graphs (`covplan prepare`). The graphs keep what routing needs of
/// each street (its id and its lines, split into edges), so a command whose only use of streets
/// is a default graph (`covplan reach`) need not build 648,352 street values at k = 16.
///
/// `GraphBuilder.build(streetsOf:)` returns the stored graph for it; any other use of the
/// streets needs a full read (`City.streets` is empty).
public struct StreetsInStore: Sendable {
    /// Street ids in the file's street order (the ids the graphs name streets by).
    ///
    /// Its `offsets` array is also the key the prepared city registers its stored graphs under
    /// (`PrebuiltValues`): that very array, not an equal one.
    public let ids: PackedStrings
    /// The union of the street envelopes, working CRS (metres): what
    /// `Envelope` over every street's `envelope` gives for the full read.
    public let extent: Envelope

    public init(ids: PackedStrings, extent: Envelope) {
        self.ids = ids
        self.extent = extent
    }

    public var count: Int { ids.count }
}
