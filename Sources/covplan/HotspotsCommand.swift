import ArgumentParser
import CityIngest
import CityModel
import CrimeAnalysis
import GeoCore
import Reports
import Scenario

/// `covplan hotspots CITY --incidents FILE -o DIR`.
struct HotspotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Crime hot spots: quartic kernel density and Getis–Ord Gi* with false-discovery-rate correction on a grid.",
        discussion: """
        Incidents (points, optional --weight-field) are counted on a square grid of --cell-m \
        cells over the city's street extent. Per cell: the quartic kernel density at its centre \
        (bandwidth --bandwidth-m; Silverman 1986), the Getis–Ord Gi* z-score with binary weights \
        of the cells whose centres lie within --band-m (default the bandwidth), the cell itself \
        included (Ord & Getis 1995; equals PySAL esda.G_Local(star=True, transform="B")), the \
        two-sided normal p and the Benjamini–Hochberg adjusted p; a cell is hot (z > 0) or cold \
        (z < 0) when the adjusted p is at most --alpha, else ns.

        Writes DIR/summary.json, DIR/hot_spots.geojson and DIR/hot_spots.csv (id, column, row, \
        count, density per km², gi_z, p, p_fdr, class, weight = count of hot cells). The layer \
        feeds `place posts --demand hot-spots --hot-spots DIR/hot_spots.geojson` and \
        `simulate --hot-spots DIR/hot_spots.geojson` (incidents drawn towards hot cells in \
        proportion to their counts).

        --on streets uses street segments instead of cells: every street cut into pieces of at \
        most --segment-m, each incident snapped to the nearest piece within --max-snap-m, Gi* \
        over the piece midpoints within --band-m (default the bandwidth) or over the --knn \
        nearest; the layer then holds lines with street_id, length_m and count_per_km.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput

    @Option(name: .customLong("incidents"), help: "Incident/crime points (any GDAL source).")
    var incidents: String

    @Option(name: .customLong("incidents-layer"), help: "Layer of the incidents source.")
    var incidentsLayer: String?

    @Option(name: .customLong("weight-field"), help: "Weight field of the incidents (default 1 each).")
    var weightField: String?

    @Option(name: .customLong("cell-m"), help: "Grid cell side, metres.")
    var cellM = HotSpotOptions.defaultCellMeters

    @Option(name: .customLong("bandwidth-m"), help: "Quartic kernel bandwidth (search radius), metres.")
    var bandwidthM = HotSpotOptions.defaultBandwidthMeters

    @Option(name: .customLong("band-m"), help: "Gi* neighbourhood: cell centres within this distance, metres (default: the bandwidth).")
    var bandM: Double?

    @Option(help: "False-discovery rate for the hot / cold classes.")
    var alpha = HotSpotOptions.defaultAlpha

    @Option(help: "Units of the analysis: grid (square cells) or streets (street segments).")
    var on = "grid"

    @Option(name: .customLong("segment-m"), help: "With --on streets: streets cut into pieces of at most this length, metres.")
    var segmentM = SegmentHotSpotOptions().segmentMeters

    @Option(name: .customLong("max-snap-m"), help: "With --on streets: incidents farther than this from every street are not attached, metres.")
    var maxSnapM = SegmentHotSpotOptions().maxSnapMeters

    @Option(name: .customLong("knn"), help: "With --on streets: Gi* over the k nearest segments instead of the distance band.")
    var knn: Int?

    /// The plan these flags state: the `city` and `crime` (incidents, hot spots) sections.
    func plan(city readOptions: CityReadOptions) throws -> ScenarioDocument {
        try ScenarioDocument.plan([
            ("name", .text("hotspots")),
            ("city", .city(readOptions)),
            ("crime", .map([
                ("incidents", .map([("source", .path(incidents)), ("layer", incidentsLayer.map(PlanValue.text))])),
                ("weight_field", weightField.map(PlanValue.text)),
                ("hot_spots", .map([
                    ("on", .text(on)),
                    ("cell_m", .number(cellM)),
                    ("bandwidth_m", .number(bandwidthM)),
                    ("band_m", bandM.map(PlanValue.number)),
                    ("alpha", .number(alpha)),
                    ("segment_m", on == "streets" ? .number(segmentM) : nil),
                    ("max_snap_m", on == "streets" ? .number(maxSnapM) : nil),
                    ("knn", knn.map { .number(Double($0)) }),
                ])),
            ])),
        ], origin: "covplan hotspots")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard on == "grid" || on == "streets" else { throw CovplanError(.usage, "--on '\(on)': expected grid or streets") }
            if on == "grid", knn != nil { throw CovplanError(.usage, "--knn is for --on streets (grid cells use the distance band --band-m)") }
            let options = HotSpotOptions(cellMeters: cellM, bandwidthMeters: bandwidthM, bandMeters: bandM, alpha: alpha)
            let segmentOptions = SegmentHotSpotOptions(segmentMeters: segmentM, maxSnapMeters: maxSnapM, bandwidthMeters: bandwidthM,
                                                       neighbours: knn.map { .nearest(k: $0) } ?? bandM.map { .band(meters: $0) }, alpha: alpha)
            // The flags' own checks first (their messages name the flags).
            if on == "grid" { try options.validate() } else { try segmentOptions.validate() }
            try out.prepare()
            let readOptions = try city.readOptions(kinds: [.streets])
            let (loaded, results) = try PlanExecution.run(try plan(city: readOptions), city: readOptions, console: console,
                                                          analysis: on == "streets" ? "hot spots on streets" : "hot spots")
            guard let crime = results.crime else { throw CovplanError(.software, "the plan's hot spots did not run") }
            let inputs: [(String, JSONValue)] = [("city", .string(city.source)), ("incidents", .string(crime.source)),
                                                 ("weight_field", .str(weightField))]
            let finish = finishSummary(loaded)
            if let r = crime.segmentHotSpots {
                try console.phase("write") {
                    try SegmentHotSpotReport.write(r, crs: loaded.crs, inputs: inputs, to: out.output, overwrite: out.overwrite, finish: finish)
                }
                try out.printSummary(finish(SegmentHotSpotReport.summary(r, inputs: inputs)))
                console.info("\(r.incidentCount) incidents (\(r.unattached) farther than \(JSONText.number(maxSnapM)) m from a street) on \(r.segments.count) street segments: \(r.count(.hot)) hot, \(r.count(.cold)) cold at FDR \(alpha) → \(out.output)")
                return
            }
            guard let result = crime.hotSpots else { throw CovplanError(.software, "the plan's hot spots did not run") }
            let outside = crime.hotSpotsOutside
            try console.phase("write") {
                try HotSpotReport.write(result, outside: outside, crs: loaded.crs, inputs: inputs, to: out.output, overwrite: out.overwrite, finish: finish)
            }
            try out.printSummary(finish(HotSpotReport.summary(result, outside: outside, inputs: inputs)))
            console.info("\(result.incidentCount) incidents (\(outside) outside the city extent) on \(result.columns) × \(result.rows) cells of \(Int(cellM)) m: \(result.count(.hot)) hot, \(result.count(.cold)) cold at FDR \(alpha) → \(out.output)")
        }
    }
}
