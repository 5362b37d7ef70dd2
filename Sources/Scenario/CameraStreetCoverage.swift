import CityModel
import Coverage
import GeoCore
import Simulation
import StreetGraph

/// Camera coverage computed by the Coverage module for the simulation: all cameras, and the
/// cordon cameras (within `cordonRadiusMeters` of a city entry) separately.
public enum CameraStreetCoverage {
    public static let cordonRadiusMeters = 150.0

    /// The runs seen by at least one camera (runs are kept even without piece geometries).
    public static func intervals(_ r: CoverageResult, streets: [Street]) -> [StreetInterval] {
        r.runs.filter { $0.cameraCount > 0 }.map {
            StreetInterval(streetId: streets[$0.streetIndex].id, fromMeters: $0.fromMeters, toMeters: $0.toMeters)
        }
    }

    /// All cameras' covered stretches, and the cordon cameras' (within `cordonRadiusMeters` of a
    /// city entry) separately. Throws `.dataError` when the city has no cameras.
    public static func compute(city: City, graph: RoadGraph, entryBandMeters: Double, resolver: CameraResolver = CameraResolver()) throws -> StreetCoverage {
        guard !city.cameras.isEmpty else {
            throw CovplanError(.dataError, layer: "cameras", "no cameras: the camera–vehicle analysis needs cameras (mapped in the city or --cameras FILE)")
        }
        // Only the covered intervals at the headline level are used: no per-level runs, heading
        // range or survey (each is more runs of the whole interval machinery).
        let options = CoverageOptions(viewsheds: false, geometries: false, allGaps: false,
                                      levels: false, headingRange: false, headingSurvey: false, levelPieces: false)
        let all = try CoverageAnalysis.run(city: city, resolver: resolver, options: options)
        let entries = try CityEntries.find(graph: graph, bandMeters: entryBandMeters)
        let cordon = entries.cordonCameras(city.cameras, graph: graph, cordonRadiusMeters: cordonRadiusMeters)
        let cordonResult = cordon.isEmpty ? nil
            : try CoverageAnalysis.run(city: city, cameraRecords: cordon.map { city.cameras[$0] }, resolver: resolver, options: options)
        return StreetCoverage(covered: intervals(all, streets: city.streets),
                              cordon: cordonResult.map { intervals($0, streets: city.streets) } ?? [],
                              cameraCount: all.cameras.count, cordonCameraCount: cordonResult?.cameras.count ?? 0)
    }
}

