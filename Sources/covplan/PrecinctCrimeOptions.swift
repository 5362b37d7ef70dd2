import ArgumentParser
import CityIngest
import CityModel
import CrimeAnalysis
import Foundation
import GeoCore
import Reports
import Scenario
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

    @Option(name: .customLong("base-year"), help: "The year today's residents describe (default: the year before the earliest planned complex); planned housing must be later.")
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

    /// The plan's `crime` section for incidents at `incidents` (nil without them).
    func crimeSection(incidents: String?, layer: String?) -> PlanValue? {
        guard let incidents else { return nil }
        return .map([
            ("incidents", .map([("source", .path(incidents)), ("layer", layer.map(PlanValue.text))])),
            ("time_field", timeField.map(PlanValue.text)),
            ("period", .text(period.rawValue)),
            ("cameras_installed", camerasInstalled.map {
                .map([("source", .path($0)), ("layer", camerasInstalledLayer.map(PlanValue.text)),
                      ("install_field", installField.map(PlanValue.text)),
                      ("radius_m", .number(impactRadiusM)), ("buffer_m", .number(impactBufferM)),
                      ("window", .number(Double(impactWindow)))])
            }),
        ])
    }

    /// The plan's `growth` section (nil without `--housing`).
    var growthSection: PlanValue? {
        housing.map {
            .map([
                ("housing", .map([("source", .path($0)), ("layer", housingLayer.map(PlanValue.text)),
                                  ("residents_field", housingResidentsField.map(PlanValue.text)),
                                  ("year_field", housingYearField.map(PlanValue.text))])),
                ("base_year", baseYear.map { .number(Double($0)) }),
            ])
        }
    }

    /// The trend, impact and growth of a plan's results, as the load report writes them.
    func extras(_ results: ScenarioResults) -> PrecinctLoadExtras {
        var x = PrecinctLoadExtras()
        if let c = results.crime, let trend = c.trend, let timeField = c.timeField {
            x.trend = (trend, timeField)
            if let impacts = c.impacts { x.impact = (impacts, c.impactCameras, c.impactOptions, c.camerasUndated) }
        }
        if let g = results.growth { x.growth = (g.projection, g.source) }
        return x
    }

    var impactOptions: CameraImpactOptions {
        CameraImpactOptions(radiusMeters: impactRadiusM, bufferMeters: impactBufferM, windowPeriods: impactWindow, period: period)
    }

    var inputs: [(String, JSONValue)] {
        [("time_field", .str(timeField)), ("cameras_installed", .str(camerasInstalled)), ("housing", .str(housing))]
    }
}
