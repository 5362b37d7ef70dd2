import GeoCore

/// Residents summed over areas by a source that is not a list of points or zones: a
/// population raster (`CityIngest.RasterPopulation`, exact pixel fractions). The population
/// surface holds one as a value; what it reads lives in the ingest layer.
///
/// Known limit: the raster implementation reads its pixel window when summed (during the
/// analysis), not before it; an eager in-memory grid is the planned replacement.
public protocol AreaPopulation: Sendable {
    /// Residents per target (same order), residents in the source window outside every target,
    /// the window's total, and notes (nodata pixels, areas beyond the source's extent).
    /// `targets` are in `crs`. Throws `CovplanError` for unreadable or invalid source values.
    func sum(over targets: [[Polygon]], crs: WorkingCRS) throws
        -> (perTarget: [Double], unassigned: Double, total: Double, notes: [String])
}
