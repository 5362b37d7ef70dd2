import CityModel
import GEOSBridge
import GeoCore

/// Moving a street block from one precinct to another, and the load after it, recomputing only
/// the two precincts the move changes.
public enum PrecinctEdit {
    /// The two precincts after `block` moved from `from` to `to`: `from` minus the block, `to`
    /// plus it (GEOS difference and union, in the working CRS). Staff and ids are kept.
    /// Throws `CovplanError(.dataError)` when `from` would lose all its area, `.software` on a GEOS failure.
    public static func move(block: Polygon, from: Precinct, to: Precinct) throws -> (from: Precinct, to: Precinct) {
        do {
            let engine = try GEOSEngine()
            let b = try engine.geometry(.polygon(block))
            let shrunk = try engine.value(engine.difference(try engine.geometry(.multiPolygon(from.polygons)), b)).polygons
            let grown = try engine.value(engine.union([.multiPolygon(to.polygons), .polygon(block)])).polygons
            guard shrunk.contains(where: { $0.area > 0 }) else {
                throw CovplanError(.dataError, layer: "precincts", feature: from.id,
                                   "moving this block would leave precinct '\(from.id)' without any area")
            }
            var f = from, t = to
            f.polygons = shrunk.filter { $0.area > 0 }
            t.polygons = grown.filter { $0.area > 0 }
            return (f, t)
        } catch let e as GEOSError {
            throw CovplanError(.software, "moving a street block failed: \(e)")
        }
    }

    /// `result` with the precincts at `changed` replaced by `precincts` (same order): residents,
    /// street km and load of those precincts only, every other precinct's load as it was, the
    /// summary over all. Residents come from `population` as `StaffingAnalysis.load` counts them
    /// (a point belongs to the precinct containing it; a residents field is kept as it is); the
    /// residents outside every precinct stay as they were (a move keeps the precincts' union).
    /// Equal to `StaffingAnalysis.load` on the edited set for the changed precincts. Incidents are
    /// not recounted: `result` must come from a load without incidents.
    /// Throws as `StaffingAnalysis.load`.
    public static func reload(_ result: PrecinctLoadResult, city: City, changed: [Int], precincts: [Precinct],
                              population: PopulationInput) throws -> PrecinctLoadResult {
        var r = result
        for (k, i) in changed.enumerated() { r.precincts[i] = precincts[k] }
        let residents: [Double]
        switch population {
        case .field:
            residents = precincts.map { $0.populationField ?? 0 }
        case .surface(let s):
            residents = try s.aggregate(to: precincts.map(\.polygons), crs: city.crs).perTarget
        }
        var lengths: [Double]?
        if !city.streets.isEmpty {
            lengths = LineClip.lengthInside(city.streets.lazy.map(\.points), areas: precincts.map(\.polygons))
        }
        let loads = try PrecinctLoadAnalysis.compute(precincts, residents: residents, norm: result.norm, streetLengthsM: lengths)
        for (k, i) in changed.enumerated() { r.loads[i] = loads[k] }
        r.summary = PrecinctLoadSummary(r.loads, unassigned: result.summary.unassignedResidents, sourceTotal: result.summary.sourceTotal)
        return r
    }
}
