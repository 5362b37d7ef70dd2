import CityModel
import CrimeAnalysis
import GeoCore
import Staffing

/// Hot spots, crime over time and camera impact of a scenario (`crime:`), as plain values.
public struct CrimeResults: Sendable {
    /// `path` or `path:layer` of the incidents.
    public var source: String
    public var incidents: Int
    /// Hot spots on the grid (`crime.hot_spots`, `on: grid`).
    public var hotSpots: HotSpotResult?
    public var hotSpotsOutside: Int = 0
    /// Hot spots on street segments (`crime.hot_spots.on: streets`).
    public var segmentHotSpots: SegmentHotSpotResult?
    /// Incidents per precinct of the run's load (after any moves) and those outside every
    /// precinct; nil without precincts.
    public var precinctCrimes: (counts: [Int], outside: Int)?
    public var trend: CrimeTrend?
    public var timeField: String?
    public var impacts: [CameraImpact]?
    public var impactCameras: [InstalledCamera] = []
    public var impactOptions = CameraImpactOptions()
    public var camerasUndated = 0
}

extension CrimeResults {
    /// The hot cells as weighted points (cell centre, incidents in the cell) for post placement
    /// and the simulation's incident generator — or, on street segments, the hot segments'
    /// midpoints with their incidents; nil without hot spots or without a hot unit.
    public var hotCells: (ids: [String], points: [Point], weights: [Double])? {
        if let s = segmentHotSpots {
            let hot = s.segments.filter { $0.hotSpotClass == .hot && $0.count > 0 }
            return hot.isEmpty ? nil : (hot.map(\.id), hot.map(\.midpoint), hot.map(\.count))
        }
        guard let h = hotSpots else { return nil }
        let hot = h.cells.filter { $0.hotSpotClass == .hot && $0.count > 0 }
        guard !hot.isEmpty else { return nil }
        return (hot.map(\.id), hot.map(\.centre), hot.map(\.count))
    }
}

/// Planned housing of a scenario (`growth:`).
public struct GrowthResults: Sendable {
    public var projection: GrowthProjection
    public var source: String
}

/// The scenario's `crime` and `growth` sections.
enum ScenarioCrime {
    static func run(_ doc: ScenarioDocument, inputs: ScenarioInputs, load: PrecinctLoadResult?) throws -> CrimeResults? {
        guard let c = doc.root.at("crime"), let (layer, path) = inputs.incidents else { return nil }
        let city = inputs.city
        let timeField = c["time_field"]?.text
        var r = CrimeResults(source: layer.source, incidents: layer.points.count)
        let period: CrimePeriod = c["period"]?.text == "month" ? .month : .year
        if let h = c["hot_spots"], h["on"]?.text == "streets" {
            let knn = h["knn"]?.integer
            let band = h["band_m"]?.number
            let o = SegmentHotSpotOptions(segmentMeters: doc.setting("crime.hot_spots.segment_m")!.number!,
                                          maxSnapMeters: doc.setting("crime.hot_spots.max_snap_m")!.number!,
                                          bandwidthMeters: doc.setting("crime.hot_spots.bandwidth_m")!.number!,
                                          neighbours: knn.map { .nearest(k: $0) } ?? band.map { .band(meters: $0) },
                                          alpha: doc.setting("crime.hot_spots.alpha")!.number!)
            guard !city.streets.isEmpty else {
                throw CovplanError(.dataError, file: inputs.ingest.primarySource ?? "the city", "no streets: hot spots on streets need the city's street lines")
            }
            do {
                try o.validate()
                r.segmentHotSpots = try HotSpotSegments.analyse(points: layer.points, weights: layer.weights, ids: layer.ids,
                                                                streets: city.streets.map { ($0.id, $0.points) }, options: o)
            } catch { throw error.located(file: path) }
        } else if let h = c["hot_spots"] {
            let o = HotSpotOptions(cellMeters: doc.setting("crime.hot_spots.cell_m")!.number!,
                                   bandwidthMeters: doc.setting("crime.hot_spots.bandwidth_m")!.number!,
                                   bandMeters: h["band_m"]?.number, alpha: doc.setting("crime.hot_spots.alpha")!.number!)
            var area = Envelope.empty
            for s in city.streets { for p in s.points { area.expand(by: p) } }
            if area.isEmpty { area = Envelope(of: layer.points) }
            let grid: (result: HotSpotResult, outside: Int)
            do {
                grid = try HotSpotGrid.analyse(points: layer.points, weights: layer.weights, ids: layer.ids, area: area, options: o)
            } catch { throw error.located(file: path) }
            r.hotSpots = grid.result
            r.hotSpotsOutside = grid.outside
        }
        if let load { r.precinctCrimes = PrecinctCrimes.count(layer.points, in: load.precincts) }
        if let timeField, let periods = layer.periods {
            guard let load else { throw SchemaValidator.error(c.location, "crime.time_field needs a precincts section (rates per precinct)") }
            let at = CrimeTrendAnalysis.locate(layer.points, in: load.precincts.map(\.polygons))
            r.trend = try CrimeTrendAnalysis.compute(times: periods, precinctOf: at, precincts: load.precincts.map { ($0.id, $0.name) },
                                                     residents: load.loads.map(\.residents), period: period)
            r.timeField = timeField
            if let (cams, undated, cpath) = inputs.installedCameras {
                let o = CameraImpactOptions(radiusMeters: doc.setting("crime.cameras_installed.radius_m")!.number!,
                                            bufferMeters: doc.setting("crime.cameras_installed.buffer_m")!.number!,
                                            windowPeriods: doc.setting("crime.cameras_installed.window")!.integer!, period: period)
                do {
                    r.impacts = try CameraImpactAnalysis.compute(cameras: cams, incidents: layer.points, times: periods, options: o)
                } catch { throw error.located(file: cpath) }
                r.impactCameras = cams
                r.impactOptions = o
                r.camerasUndated = undated
            }
        } else if c["cameras_installed"] != nil {
            throw SchemaValidator.error(c.location, "crime.cameras_installed needs crime.time_field (crimes before and after each installation)")
        }
        return r
    }

    static func growth(_ doc: ScenarioDocument, inputs: ScenarioInputs, load: PrecinctLoadResult?) throws -> GrowthResults? {
        guard let g = doc.root.at("growth"), let (housing, path, source) = inputs.housing else { return nil }
        guard let load else { throw SchemaValidator.error(g.location, "growth needs a precincts section (the norm is per precinct)") }
        let model = inputs.population.model
        let base = g["base_year"]?.integer ?? ((housing.map(\.year).min() ?? PeriodKey.firstYear + 1) - 1)
        do {
            let p = try GrowthAnalysis.project(precincts: load.precincts, residentsNow: load.loads.map(\.residents), housing: housing,
                                               model: model, baseYear: base, norm: load.norm)
            return GrowthResults(projection: p, source: source)
        } catch { throw error.located(file: path) }
    }
}
