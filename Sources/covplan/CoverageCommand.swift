import CityIngest
import Foundation
import ArgumentParser
import CityModel
import Coverage
import GeoCore
import Reports
import Scenario

extension MissingHeadingPolicy: ExpressibleByArgument {}

/// `--covered-level`: a DORI level, or `any` for the plan range whatever the pixel density.
enum CoveredLevelChoice: String, ExpressibleByArgument, CaseIterable {
    case detect, observe, recognize, identify, any
    var level: DoriLevel? { DoriLevel(rawValue: rawValue) }
}

/// `covplan coverage CITY -o DIR`: street metres seen by cameras, gaps, viewsheds.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Which street metres the cameras see (with occlusion by buildings), the gaps, and each camera's viewshed.",
        discussion: """
        Writes DIR/summary.json (street_length_m, covered_length_m, covered_fraction, by_class, \
        by_district, multiplicity_m, gaps_count, top_gaps, cameras, schools, ...), \
        DIR/coverage.geojson (covered pieces with camera_count), DIR/gaps.geojson (uncovered \
        stretches of at least --min-gap-m, ranked by length × road-class weight), \
        DIR/viewsheds.geojson (each camera's visibility polygon), DIR/cameras.geojson (the \
        cameras as used, with optics and DORI distances), DIR/coverage_by_level.geojson (streets \
        by the highest level seen, day and night) and DIR/heading_survey.geojson (cameras without \
        a heading ranked by how many metres of the headline depend on where they point). Coverage is exact: street ∩ visibility region as parameter intervals, \
        visibility by an angular sweep over building edges (not a ray fan).

        Cameras come from CITY unless --cameras names a point layer (fields heading_deg, fov_deg, \
        range_m, min_range_m, type, resolution_px, lens_fov_deg or focal_length_mm + sensor_width_mm, \
        height_m, tilt_deg, vfov_deg, ir_range_m; remap with --field cameras.NAME=FIELD). Missing values come \
        from per-type defaults (--camera-defaults FILE, JSON); a camera without a heading is \
        counted as all-round at its type's range unless --missing-heading nearest_street. Bad \
        camera values (NaN heading, range ≤ 0, FOV outside (0, 360]) stop the run naming the \
        camera, or are skipped and listed with --skip-invalid.

        "Covered" means seen at --covered-level (default observe, IEC 62676-4: 62.5 px/m): each \
        camera counts out to the distance where its pixel density falls to that level and from the \
        near ground limit of its height, tilt and vertical FOV. summary.json also gives by_level \
        (metres at detect/observe/recognize/identify) by day and by night (infrared range).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    @Option(name: .customLong("cameras"), help: "Cameras from this source instead of those mapped in CITY.")
    var cameras: String?

    @Option(name: .customLong("districts"), help: "District/precinct polygons for totals by district.")
    var districts: String?

    @Option(name: .customLong("districts-layer"), help: "Layer of --districts (default: precincts, districts, beats, or the only layer).")
    var districtsLayer: String?

    @Option(name: .customLong("district-id-field"), help: "Field with the district id (default: id, precinct_id, code, else the feature id).")
    var districtIdField: String?

    @Option(name: .customLong("district-name-field"), help: "Field with the district name (default: name, precinct_name, title).")
    var districtNameField: String?

    @Flag(name: .customLong("no-occlusion"), help: "Ignore buildings (not even loaded): every camera sees its whole sector.")
    var noOcclusion = false

    @Option(name: .customLong("min-gap-m"), help: "Shortest uncovered stretch reported as a gap, metres.")
    var minGapM = CoverageOptions().minGapMeters

    @Option(name: .customLong("camera-defaults"), help: "JSON file with per-type camera defaults (overrides the built-in table).")
    var cameraDefaults: String?

    @Option(name: .customLong("missing-heading"), help: "Cameras without heading: all_round (default) or nearest_street.")
    var missingHeading: MissingHeadingPolicy?

    @Option(name: .customLong("covered-level"), help: "DORI level that counts as covered: detect, observe (default), recognize, identify, or any (plan range, whatever the pixel density).")
    var coveredLevel: CoveredLevelChoice = .observe

    @Option(name: .customLong("school-radius-m"), help: "Radius around a school mapped as a point whose coverage is checked, metres.")
    var schoolRadiusM = CoverageOptions().facilityRadiusMeters

    @Flag(name: .customLong("no-viewsheds"), help: "Do not compute or write viewsheds.geojson.")
    var noViewsheds = false

    @Flag(name: .customLong("summary-only"), help: "Write only summary.json (no GeoJSON layers, no viewsheds).")
    var summaryOnly = false

    /// The plan these flags state: the `city`, `cameras` and `districts` sections of a scenario.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        var districtsSection: PlanValue?
        if let districts {
            let fields: [(String, PlanValue?)] = [("id", districtIdField.map(PlanValue.text)), ("name", districtNameField.map(PlanValue.text))]
            districtsSection = .map([("source", .path(districts)), ("layer", districtsLayer.map(PlanValue.text)),
                                     ("fields", fields.contains { $0.1 != nil } ? .map(fields) : nil)])
        }
        return try ScenarioDocument.plan([
            ("name", .text("coverage")),
            ("city", .city(readOptions)),
            ("cameras", .map([
                ("defaults_file", cameraDefaults.map(PlanValue.path)),
                ("occlusion", .bool(!noOcclusion)),
                ("min_gap_m", .number(minGapM)),
                ("school_radius_m", .number(schoolRadiusM)),
                ("covered_level", .text(coveredLevel.rawValue)),
                ("missing_heading", missingHeading.map { .text($0.rawValue) }),
            ])),
            ("districts", districtsSection),
        ], origin: "covplan coverage")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            // The flags' own checks first (their messages name the flags).
            try CoverageOptions(occlusion: !noOcclusion, minGapMeters: minGapM, facilityRadiusMeters: schoolRadiusM,
                                coveredLevel: coveredLevel.level).validate()
            var cityOptions = city
            if let cameras {
                guard city.camerasFrom == nil else {
                    throw CovplanError(.usage, "give either --cameras or --cameras-from, not both")
                }
                cityOptions.camerasFrom = cameras
            }
            // Without occlusion buildings play no part (cameras keep their mapped positions).
            let kinds: Set<CityLayerKind> = noOcclusion ? [.streets, .schools, .cameras] : [.streets, .buildings, .schools, .cameras]
            let readOptions = try cityOptions.readOptions(kinds: kinds)
            let plan = try plan(city: readOptions)
            let needs = RunNeeds(viewsheds: !noViewsheds && !summaryOnly, geometries: !summaryOnly, allGaps: !summaryOnly,
                                 streetRuns: false)  // no output file lists the runs
            let (loaded, results) = try PlanExecution.run(plan, city: readOptions, console: console, needs: needs, analysis: "coverage")
            guard let result = results.coverage else { throw CovplanError(.software, "the plan's coverage did not run") }
            if common.timings { Console.stderrLaps("coverage", result.timings) }
            try console.phase("write") {
                try CoverageReport.write(result, crs: loaded.crs, to: out.output, overwrite: out.overwrite,
                                         viewsheds: needs.viewsheds, layers: !summaryOnly, finish: finishSummary(loaded))
            }
            try out.printSummary(finishSummary(loaded)(CoverageReport.summaryJSON(result, crs: loaded.crs)))
            // Millions of small arrays: let the process exit free them instead of releasing
            // them one by one (seconds at national scale).
            KeepAlive.values.append(loaded)
            KeepAlive.values.append(results)
            for s in result.skippedCameras { console.info("skipped camera \(s.id): \(s.problem)") }
            let s = result.summary
            console.info("wrote \(out.output): \(s.cameras) cameras cover \(km(s.coveredLengthMeters)) of \(km(s.streetLengthMeters)) of street (\(percent(s.coveredFraction))), \(s.gapsCount) gaps ≥ \(JSONText.number(minGapM)) m\(s.camerasSkipped > 0 ? ", \(s.camerasSkipped) cameras skipped" : "")\(s.camerasHeadingUnknown > 0 ? ", \(s.camerasHeadingUnknown) without heading counted \(s.headingAssumption == "nearest_street" ? "aimed at the nearest street" : "as all-round")" : "")\(s.headingRange.map { ": \(km($0.lowMeters))–\(km($0.highMeters)) depending on their headings (field-survey list: \(summaryOnly ? "heading_survey in summary.json" : "heading_survey.geojson"))" } ?? "")")
        }
    }

    func km(_ m: Double) -> String { "\((m / 10).rounded() / 100) km" }
    func percent(_ f: Double) -> String { "\((f * 1000).rounded() / 10) %" }
}

/// Large values kept until process exit (see `CoverageCommand.run`).
enum KeepAlive {
    nonisolated(unsafe) static var values: [Any] = []
}
