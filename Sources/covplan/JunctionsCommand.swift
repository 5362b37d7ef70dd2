import ArgumentParser
import CityIngest
import CityModel
import Coverage
import Foundation
import GeoCore
import PlacementModels
import Reports
import Scenario

/// `covplan junctions CITY -o DIR`: intersection completeness — for each junction of the traffic
/// network, how many of its approaches the cameras see at a DORI level.
struct JunctionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "junctions",
        abstract: "Intersection completeness: for each junction, the approaches the cameras see at a DORI level.",
        discussion: """
        Junctions are nodes of the traffic network (motorway … residential; no service roads, \
        footways or platforms) where three or more street pieces meet. An approach is the last \
        --approach-m metres of a street piece entering the junction (one-way pieces leaving it \
        are none); it is seen when the cameras together see at least --seen-share of it at \
        --level (exact coverage with occlusion by buildings). With --directional, only cameras \
        whose heading is within --heading-tolerance-deg of facing the traffic entering the \
        junction count (plate reading: --level identify --directional). A junction is complete \
        when every approach is seen.

        Writes DIR/summary.json (block 'junctions': junctions, complete, approaches, \
        approaches_seen, shares, by_approach_count) and DIR/junctions.geojson (one point per \
        junction: id, approaches, seen, complete, degree, seen_m per approach).
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput

    @Option(name: .customLong("cameras"), help: "Cameras from this source instead of those mapped in CITY.")
    var cameras: String?

    @Option(name: .customLong("camera-defaults"), help: "JSON file with per-type camera defaults (overrides the built-in table).")
    var cameraDefaults: String?

    @Option(name: .customLong("missing-heading"), help: "Cameras without heading: all_round (default) or nearest_street.")
    var missingHeading: MissingHeadingPolicy?

    @Option(help: "DORI level at which an approach counts as seen: detect, observe (default), recognize, identify.")
    var level = JunctionCompletenessOptions().rule.level.rawValue

    @Option(name: .customLong("approach-m"), help: "Length of a junction approach, metres.")
    var approachM = JunctionCompletenessOptions().approachMeters

    @Option(name: .customLong("seen-share"), help: "Share of an approach's length that must be seen (0-1].")
    var seenShare = JunctionCompletenessOptions().seenShare

    @Flag(help: "Count only cameras facing the traffic entering the junction (plate reading).")
    var directional = false

    @Option(name: .customLong("heading-tolerance-deg"), help: "With --directional: largest angle between the heading and facing the oncoming traffic.")
    var headingToleranceDeg = DirectedReadingRule().headingToleranceDeg

    @Flag(name: .customLong("no-occlusion"), help: "Ignore buildings.")
    var noOcclusion = false

    /// The plan these flags state: the `city`, `cameras` and `junctions` sections of a scenario.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        try ScenarioDocument.plan([
            ("name", .text("junctions")),
            ("city", .city(readOptions)),
            ("cameras", .map([
                ("defaults_file", cameraDefaults.map(PlanValue.path)),
                ("occlusion", .bool(!noOcclusion)),
                ("missing_heading", missingHeading.map { .text($0.rawValue) }),
            ])),
            ("junctions", .map([
                ("level", .text(level)),
                ("approach_m", .number(approachM)),
                ("seen_share", .number(seenShare)),
                ("directional", .bool(directional)),
                ("heading_tolerance_deg", .number(headingToleranceDeg)),
            ])),
        ], origin: "covplan junctions")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard let lvl = DoriLevel(name: level) else {
                throw CovplanError(.usage, "--level '\(level)': expected detect, observe, recognize or identify")
            }
            // The flags' own checks first (their messages name the flags).
            try JunctionCompletenessOptions(
                rule: DirectedReadingRule(level: lvl, headingToleranceDeg: headingToleranceDeg, directional: directional),
                approachMeters: approachM, seenShare: seenShare, occlusion: !noOcclusion).validate()
            try out.prepare()
            var cityOptions = city
            if let cameras {
                guard city.camerasFrom == nil else { throw CovplanError(.usage, "give either --cameras or --cameras-from, not both") }
                cityOptions.camerasFrom = cameras
            }
            let readOptions = try cityOptions.readOptions(kinds: [.streets, .buildings, .cameras])
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions), city: readOptions, console: console,
                                                          needs: RunNeeds(coverage: false),
                                                          analysis: "junctions")
            guard let result = results.junctions else { throw CovplanError(.software, "the plan's junctions did not run") }
            let summary = finishSummary(loaded)(JunctionReport.summaryJSON(result, cameras: result.cameras.count, crs: loaded.crs))
            try console.phase("write") {
                try JunctionReport.write(result, summary: summary, crs: loaded.crs, to: out.output, overwrite: out.overwrite)
            }
            try out.printSummary(summary)
            KeepAlive.values.append(loaded)
            KeepAlive.values.append(results)
            console.info("wrote \(out.output): \(result.completeCount) of \(result.junctionCount) junctions complete, \(result.seenApproachCount) of \(result.approachCount) approaches seen at \(lvl.rawValue)\(directional ? " (facing the traffic)" : "") by \(result.cameras.count) cameras")
        }
    }
}
