import CityModel
import GeoCore

/// A precinct's load class for maps, from residents per inspector ÷ norm (the load ratio):
///
/// | class | load ratio | meaning |
/// | --- | --- | --- |
/// | `under` | < 0.9 | room for more residents |
/// | `at` | 0.9 … 1.0 | at the norm (within 10% under it, or exactly on it) |
/// | `over` | > 1.0 … 1.5 | over the norm by up to half |
/// | `far_over` | > 1.5 | over by more than half (Taraz's inspectors, at about 2×, are here) |
/// | `unstaffed` | — | no inspectors: the load is undefined, never divided by zero |
public enum PrecinctLoadClass: String, Sendable, Hashable, CaseIterable {
    case under, at, over
    case farOver = "far_over"
    case unstaffed

    /// Lower bound of `at` and of `far_over` (load ratios).
    public static let atFrom = 0.9
    public static let farOverAbove = 1.5

    /// The class of a load ratio (residents per inspector ÷ norm); nil ratio → unstaffed.
    public static func of(ratio: Double?) -> PrecinctLoadClass {
        guard let r = ratio else { return .unstaffed }
        if r > farOverAbove { return .farOver }
        if r > 1 { return .over }
        if r >= atFrom { return .at }
        return .under
    }
}

/// The load of one precinct against the norm.
public struct PrecinctLoad: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var residents: Double
    public var inspectors: Int
    public var assistants: Int
    /// residents ÷ inspectors; nil when unstaffed.
    public var residentsPerInspector: Double?
    /// residentsPerInspector ÷ norm; nil when unstaffed.
    public var loadRatio: Double?
    /// More residents than norm × inspectors (an unstaffed precinct with residents is over).
    public var overNorm: Bool
    /// ceil(residents ÷ norm).
    public var inspectorsNeeded: Int
    /// max(0, inspectorsNeeded − inspectors).
    public var deficit: Int
    public var loadClass: PrecinctLoadClass
    public var areaKm2: Double
    /// Street centre-line length inside the precinct, km (nil when no streets were loaded).
    public var streetKm: Double?
    public var streetKmPerInspector: Double?
    public var areaKm2PerInspector: Double?
    /// Incidents inside the precinct (nil when no incidents layer was given).
    public var crimes: Int?
    /// crimes ÷ residents × 10,000 (nil without incidents or residents).
    public var crimesPer10k: Double?
}

/// Load of each precinct against a norm of residents per inspector (default 3,200).
public enum PrecinctLoadAnalysis {
    public static let defaultNorm = 3200.0

    /// - Parameters:
    ///   - residents: per precinct, in precinct order.
    ///   - streetLengthsM: street metres per precinct, or nil.
    ///   - crimes: incidents per precinct, or nil.
    /// - Throws: `.usage` for a norm that is not positive.
    public static func compute(_ precincts: [Precinct], residents: [Double], norm: Double = defaultNorm,
                               streetLengthsM: [Double]? = nil, crimes: [Int]? = nil) throws(CovplanError) -> [PrecinctLoad] {
        guard norm > 0, norm.isFinite else { throw CovplanError(.usage, "the norm of residents per inspector (precincts.norm, --norm) must be a positive number (got \(norm))") }
        return precincts.enumerated().map { i, p in
            let r = residents[i]
            let staffed = p.inspectors > 0
            let rpi = staffed ? r / Double(p.inspectors) : nil
            let ratio = rpi.map { $0 / norm }
            let needed = r > 0 ? Int((r / norm).rounded(.up)) : 0
            let area = p.areaM2 / 1e6
            let km = streetLengthsM.map { $0[i] / 1000 }
            let c = crimes?[i]
            return PrecinctLoad(
                id: p.id, name: p.name, residents: r, inspectors: p.inspectors, assistants: p.assistants,
                residentsPerInspector: rpi, loadRatio: ratio,
                overNorm: staffed ? r > norm * Double(p.inspectors) : r > 0,
                inspectorsNeeded: needed, deficit: max(0, needed - p.inspectors), loadClass: PrecinctLoadClass.of(ratio: ratio),
                areaKm2: area, streetKm: km,
                streetKmPerInspector: staffed ? km.map { $0 / Double(p.inspectors) } : nil,
                areaKm2PerInspector: staffed ? area / Double(p.inspectors) : nil,
                crimes: c, crimesPer10k: c.flatMap { PrecinctCrimes.per10k(crimes: $0, residents: r) })
        }
    }
}

/// City-wide figures of a load analysis.
public struct PrecinctLoadSummary: Sendable, Hashable {
    public var precincts: Int
    public var totalResidents: Double
    public var unassignedResidents: Double
    public var sourceTotal: Double
    public var inspectors: Int
    public var assistants: Int
    public var overNorm: Int
    public var unstaffed: Int
    public var inspectorsNeeded: Int
    public var deficit: Int
    /// Highest residents per inspector among staffed precincts (nil when none is staffed).
    public var maxResidentsPerInspector: Double?
    public var classes: [PrecinctLoadClass: Int]

    public init(_ loads: [PrecinctLoad], unassigned: Double, sourceTotal: Double) {
        precincts = loads.count
        totalResidents = loads.reduce(0) { $0 + $1.residents }
        unassignedResidents = unassigned
        self.sourceTotal = sourceTotal
        inspectors = loads.reduce(0) { $0 + $1.inspectors }
        assistants = loads.reduce(0) { $0 + $1.assistants }
        overNorm = loads.filter(\.overNorm).count
        unstaffed = loads.filter { $0.inspectors == 0 }.count
        inspectorsNeeded = loads.reduce(0) { $0 + $1.inspectorsNeeded }
        deficit = loads.reduce(0) { $0 + $1.deficit }
        maxResidentsPerInspector = loads.compactMap(\.residentsPerInspector).max()
        var c: [PrecinctLoadClass: Int] = [:]
        for l in loads { c[l.loadClass, default: 0] += 1 }
        classes = c
    }
}
