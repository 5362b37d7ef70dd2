/// Upper bounds on every size a user can type (counts, days × incidents per day, tiles, k,
/// minutes, spacing), checked before any work so that a typo such as `--count 1e9` is a one-line
/// usage error instead of an allocation failure. Each limit comes from a memory estimate on a
/// 24 GiB machine (a few GiB at most for one input), stated next to it.
public enum InputLimits {
    /// Largest magnitude any number option may take (finite values only): far above every real
    /// quantity (metres, minutes, tenge), far below where `× 60` or `× 1000` could overflow.
    public static let maxMagnitude = 1e15
    /// Incidents in one simulation (days × incidents per day): ≈ 400 bytes each in memory
    /// (record, event queue, per-incident output row) → 10 million ≈ 4 GiB.
    public static let maxIncidents = 10_000_000.0
    /// Simulated days: ten years.
    public static let maxDays = 3_660.0
    /// Mean incidents per day (a city of 20 million at 50 calls per 1,000 residents a day).
    public static let maxIncidentsPerDay = 1_000_000.0
    /// Time thresholds, minutes: one day (a longer bound reaches the whole network anyway).
    public static let maxMinutes = 1_440.0
    /// Generated cameras (`cameras random --count`): ≈ 300 bytes per record plus its output row
    /// → 1 million ≈ 0.5 GiB; coverage on them is the real cost.
    public static let maxRandomCameras = 1_000_000
    /// New cameras or posts asked of a placement (each needs a candidate of its own).
    public static let maxPlacementCount = 100_000
    /// Generated precincts (Voronoi cells and k-means over buildings: count × buildings work).
    public static let maxPrecincts = 10_000
    /// Stand-in units (`--units auto:N`).
    public static let maxUnits = 100_000
    /// Nearest units per point (`-k`): one label per graph node and rank, 16 bytes each → a
    /// million-node graph at k = 100 ≈ 1.6 GiB.
    public static let maxNearestK = 100
    /// Candidate camera sites along streets (street length ÷ spacing): each site has several
    /// headings × types, each pose ≈ 1 KiB of coverage intervals → 2 million sites ≈ a few GiB.
    public static let maxCandidateSites = 2_000_000.0
    /// Features of a synthetic mosaic (base features × tiles²): ≈ 500 bytes each in memory and
    /// GeoPackage → 10 million ≈ 5 GiB.
    public static let maxSynthFeatures = 10_000_000.0
    /// Tiles per side of a synthetic mosaic (tiles² copies).
    public static let maxTiles = 256
    /// Distances in metres (buffers, snap, range, spacing): 1,000 km, more than any city.
    public static let maxMeters = 1_000_000.0

    /// A number as users type it: 10000000 → "10,000,000"; 1e+300 stays scientific.
    public static func text(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        if v == v.rounded(), abs(v) < 1e15 {
            let digits = String(Int64(abs(v)))
            var out = ""
            for (i, ch) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            return (v < 0 ? "-" : "") + out
        }
        return "\(v)"
    }

    /// Throws `CovplanError(.usage)` "SETTING V exceeds the limit of MAX (why)" when `value` is not
    /// finite or above `max`.
    public static func check(_ value: Double, max: Double, _ setting: String, why: String) throws(CovplanError) {
        guard value.isFinite else {
            throw CovplanError(.usage, "\(setting) \(value) is not a finite number")
        }
        if value > max {
            throw CovplanError(.usage, "\(setting) \(text(value)) exceeds the limit of \(text(max)) (\(why))")
        }
    }

    /// The integer form of `check`.
    public static func check(_ value: Int, max: Int, _ setting: String, why: String) throws(CovplanError) {
        try check(Double(value), max: Double(max), setting, why: why)
    }
}
