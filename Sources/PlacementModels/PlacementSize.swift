import GeoCore

/// Size checks of placement models before they are built.
public enum PlacementSize {
    /// Throws `CovplanError(.usage)` when `streetLengthMeters ÷ spacingMeters` candidate sites
    /// exceed `InputLimits.maxCandidateSites`, naming the smallest spacing that fits.
    public static func checkSites(streetLengthMeters: Double, spacingMeters: Double) throws(CovplanError) {
        guard spacingMeters > 0, streetLengthMeters.isFinite else { return }
        let sites = streetLengthMeters / spacingMeters
        if sites > InputLimits.maxCandidateSites {
            let smallest = (streetLengthMeters / InputLimits.maxCandidateSites).rounded(.up)
            throw CovplanError(.usage, "site spacing \(spacingMeters) m gives \(InputLimits.text(sites.rounded())) candidate sites on \(InputLimits.text((streetLengthMeters / 1000).rounded())) km of street, over the limit of \(InputLimits.text(InputLimits.maxCandidateSites)) (memory); use a spacing of at least \(InputLimits.text(smallest)) m")
        }
    }
}
