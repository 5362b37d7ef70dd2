import Coverage
import Foundation
import GeoCore

/// Installed unit cost of a camera of each type, in tenge (₸), for budget-limited placement.
///
/// The built-in figures are **planning placeholders** of the right order of magnitude for a
/// city programme (camera, mount or pole, power and network connection, commissioning), not
/// quotes; a planner replaces them with the prices of the local tender through a JSON file
/// (`--costs FILE`, see `load(path:)`). Relative sizes matter more than absolute values for
/// the plan: with a budget, the optimiser trades street metres per tenge.
///
/// | type      | ₸ per camera | reasoning |
/// | --------- | -----------: | --- |
/// | `dome`    |     450,000 | small all-round camera on an existing wall or pole |
/// | `school`  |     500,000 | wide-angle perimeter camera wired into the school's link |
/// | `fixed`   |     600,000 | box/bullet camera on a pole, new power and fibre drop |
/// | `public`  |     700,000 | "carpet" camera over a public place, with a pole |
/// | `panning` |   2,500,000 | PTZ camera: motorised head, higher bandwidth |
/// | `anpr`    |   6,000,000 | number-plate reader (Sergek-type) incl. IR and gantry share |
/// | `traffic` |   8,000,000 | speed/traffic enforcement complex (Sergek speed point) |
///
/// Types without a cost cannot be candidates (the request names the missing one).
public struct CameraCostTable: Sendable, Hashable {
    /// Type key (lower case) → unit cost in tenge (finite, ≥ 0).
    public var unitCostTenge: [String: Double]

    public init(unitCostTenge: [String: Double]) {
        self.unitCostTenge = unitCostTenge
    }

    /// The documented placeholder table.
    public static let builtIn = CameraCostTable(unitCostTenge: [
        "dome": 450_000, "school": 500_000, "fixed": 600_000, "public": 700_000,
        "panning": 2_500_000, "anpr": 6_000_000, "traffic": 8_000_000,
    ])

    /// The unit cost of a type (case-insensitive), or nil when the table has none.
    public func cost(of type: String) -> Double? { unitCostTenge[type.lowercased()] }

    /// This table with the entries of a JSON object `{"fixed": 650000, "kiosk": 300000}` laid
    /// over it (keys are type names, values tenge). An optional wrapper `{"unit_cost_tenge": {...}}`
    /// is accepted too.
    ///
    /// - Throws: `CovplanError(.noInput)` when the file cannot be read, `.dataError` naming the
    ///   file and the type for malformed JSON or a cost that is not a finite number ≥ 0.
    public func merging(jsonData data: Data, source: String) throws -> CameraCostTable {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CovplanError(.dataError, file: source, "not valid JSON: \(error.localizedDescription)")
        }
        guard var dict = object as? [String: Any] else {
            throw CovplanError(.dataError, file: source, "expected a JSON object of type → tenge")
        }
        if dict.count == 1, let inner = dict["unit_cost_tenge"] as? [String: Any] { dict = inner }
        var out = self
        for key in dict.keys.sorted() {
            guard let n = dict[key] as? NSNumber, !isBoolean(n), n.doubleValue.isFinite, n.doubleValue >= 0 else {
                throw CovplanError(.dataError, file: source, feature: "type '\(key)'",
                                   "cost must be a number of tenge ≥ 0, found \(String(describing: dict[key]!))")
            }
            out.unitCostTenge[key.lowercased()] = n.doubleValue
        }
        return out
    }

    /// JSON `true`/`false` also arrive as `NSNumber`; tell them apart from numbers.
    func isBoolean(_ n: NSNumber) -> Bool {
        String(describing: type(of: n)).contains("Bool") || String(cString: n.objCType) == "c"
    }

}

/// One camera type offered as a candidate: its view and unit cost.
public struct CandidateCameraType: Sendable, Hashable {
    /// Type key (`fixed`, `dome`, ...).
    public var name: String
    /// Full horizontal field of view, degrees, in (0, 360].
    public var fovDeg: Double
    /// Range, metres (> 0).
    public var rangeMeters: Double
    /// Blind radius, metres (≥ 0, below the range).
    public var minRangeMeters: Double
    /// Installed unit cost, tenge.
    public var unitCostTenge: Double
    /// Resolution, lens, mounting and IR range of the type (nil: a bare sector, counted over its
    /// whole range at every DORI level).
    public var optics: CameraOptics?

    public init(name: String, fovDeg: Double, rangeMeters: Double, minRangeMeters: Double = 0, unitCostTenge: Double,
                optics: CameraOptics? = nil) {
        self.optics = optics
        self.name = name
        self.fovDeg = fovDeg
        self.rangeMeters = rangeMeters
        self.minRangeMeters = minRangeMeters
        self.unitCostTenge = unitCostTenge
    }

    /// `true` for all-round types (one pose per site, heading irrelevant).
    public var isAllRound: Bool { fovDeg >= 360 }
}
