import ArgumentParser
import CityIngest
import CityModel
import CrimeAnalysis
import Foundation
import GeoCore
import Reports
import Staffing

extension CrimePeriod: ExpressibleByArgument {}

/// `covplan load` options for crime over time, camera impact and growth (declared once here).
struct PrecinctCrimeOptions: ParsableArguments {
    @Option(name: .customLong("time-field"), help: "With --incidents: the date field (2021, 2021-03, 2021-03-14 or 14.03.2021) → crimes per 10,000 residents per period and the change.")
    var timeField: String?

    @Option(help: "Period of the crime series: year or month.")
    var period: CrimePeriod = .year

    @Option(name: .customLong("cameras-installed"), help: "Cameras with installation dates (points) → camera impact by the weighted displacement quotient (needs --incidents and --time-field).")
    var camerasInstalled: String?

    @Option(name: .customLong("cameras-installed-layer"), help: "Layer of the --cameras-installed source.")
    var camerasInstalledLayer: String?

    @Option(name: .customLong("install-field"), help: "Installation date field of the cameras (default installed, install_date, installed_at, install_year).")
    var installField: String?

    @Option(name: .customLong("impact-radius-m"), help: "Camera response area: a disc of this radius, metres.")
    var impactRadiusM = CameraImpactOptions().radiusMeters

    @Option(name: .customLong("impact-buffer-m"), help: "Displacement buffer: a ring this wide around the response area, metres.")
    var impactBufferM = CameraImpactOptions().bufferMeters

    @Option(name: .customLong("impact-window"), help: "Periods before and after the installation period compared.")
    var impactWindow = CameraImpactOptions().windowPeriods

    @Option(name: .customLong("housing"), help: "Planned housing (points or polygons with residents and a year) → residents by year, the year each precinct crosses the norm, new precinct points.")
    var housing: String?

    @Option(name: .customLong("housing-layer"), help: "Layer of the housing source.")
    var housingLayer: String?

    @Option(name: .customLong("housing-residents-field"), help: "Residents field of the housing (default residents, population).")
    var housingResidentsField: String?

    @Option(name: .customLong("housing-year-field"), help: "Move-in year field of the housing (default year, move_in_year, completion_year).")
    var housingYearField: String?

    @Option(name: .customLong("base-year"), help: "The year today's residents describe (default: the current year); planned housing must be later.")
    var baseYear: Int?

    /// Throws `.usage` for options that need others.
    func check(incidents: String?) throws {
        if timeField != nil, incidents == nil { throw CovplanError(.usage, "--time-field needs --incidents") }
        if camerasInstalled != nil, incidents == nil || timeField == nil {
            throw CovplanError(.usage, "--cameras-installed needs --incidents and --time-field (crimes before and after each installation)")
        }
        try impactOptions.validate()
        if let baseYear, !(PeriodKey.firstYear...PeriodKey.lastYear).contains(baseYear) {
            throw CovplanError(.usage, "--base-year \(baseYear) is out of range (\(PeriodKey.firstYear)–\(PeriodKey.lastYear))")
        }
    }

    var impactOptions: CameraImpactOptions {
        CameraImpactOptions(radiusMeters: impactRadiusM, bufferMeters: impactBufferM, windowPeriods: impactWindow, period: period)
    }

    var effectiveBaseYear: Int { baseYear ?? Calendar(identifier: .gregorian).component(.year, from: Date()) }

    var inputs: [(String, JSONValue)] {
        [("time_field", .str(timeField)), ("cameras_installed", .str(camerasInstalled)), ("housing", .str(housing))]
    }

    /// The crime trend, camera impact and growth of a load result (each when asked for).
    func extras(result: PrecinctLoadResult, incidents: IncidentLayer?, city: City, cityOptions: CityOptions, model: ResidentsModel,
                console: Console) throws -> PrecinctLoadExtras {
        var x = PrecinctLoadExtras()
        let residents = result.loads.map(\.residents)
        if let timeField, let incidents, let periods = incidents.periods {
            let at = CrimeTrendAnalysis.locate(incidents.points, in: result.precincts.map(\.polygons))
            let t = try console.phase("crime trend") {
                try CrimeTrendAnalysis.compute(times: periods, precinctOf: at, precincts: result.precincts.map { ($0.id, $0.name) },
                                               residents: residents, period: period)
            }
            x.trend = (t, timeField)
            if let camerasInstalled {
                let (cams, undated) = try console.phase("load installed cameras") {
                    try InstalledCameraSource.load(path: camerasInstalled, layer: camerasInstalledLayer, dateField: installField,
                                                   workingCRS: city.crs, sourceCRS: cityOptions.sourceCRS, forceSourceCRS: cityOptions.forceSourceCRS)
                }
                let impacts = try console.phase("camera impact") {
                    do { return try CameraImpactAnalysis.compute(cameras: cams, incidents: incidents.points, times: periods, options: impactOptions) } catch let error as CovplanError {
                        throw error.located(file: camerasInstalled)
                    }
                }
                x.impact = (impacts, cams, impactOptions, undated)
            }
        }
        if let housing {
            let h = try console.phase("load planned housing") {
                try PlannedHousingSource.load(path: housing, layer: housingLayer, residentsField: housingResidentsField, yearField: housingYearField,
                                              workingCRS: city.crs, sourceCRS: cityOptions.sourceCRS, forceSourceCRS: cityOptions.forceSourceCRS)
            }
            let g = try console.phase("growth") {
                do {
                    return try GrowthAnalysis.project(precincts: result.precincts, residentsNow: residents, housing: h, model: model,
                                                      baseYear: effectiveBaseYear, norm: result.norm)
                } catch let error as CovplanError { throw error.located(file: housing) }
            }
            x.growth = (g, housingLayer.map { "\(housing):\($0)" } ?? housing)
        }
        return x
    }
}
