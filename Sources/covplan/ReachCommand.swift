import ArgumentParser
import CityModel
import Foundation
import GeoCore
import Reports
import Scenario
import StreetGraph

/// `covplan reach CITY --from SOURCE --minutes 3,5,10 -o DIR`.
struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Street reach, isochrones, response coverage and patrol beats from posts or patrols.",
        discussion: """
        Sources (--from: a point layer, or `police`/`schools`/`cameras` for the city's own layer) \
        are snapped to the nearest position along a street within --max-snap-m; farther ones are \
        counted as unsnapped. Writes DIR/summary.json (thresholds with street length, street \
        fraction, residents and schools reached; beats per source), DIR/reach.geojson (street \
        pieces cut exactly at each limit, field minutes), DIR/isochrones.geojson (buffers of the \
        reached streets) and DIR/beats.geojson (every street piece with its nearest source). \
        Residents: the building population model of `load`, `place posts` and `simulate` \
        (residential floor area / --living-m2-per-person), so every command counts the same \
        residents for the same city.
        """)

    @OptionGroup var city: CityOptions
    @OptionGroup var graph: GraphOptions
    @OptionGroup var residents: ResidentsModelOptions
    @OptionGroup var common: CommonOptions
    @OptionGroup var out: FolderOutput
    @OptionGroup var layerFormat: LayerFormatOption

    @Option(name: .customLong("from"), help: "Sources: a point layer (GeoJSON, GPKG, CSV, ...), or police|schools|cameras for the city's layer.")
    var from: String

    @Option(help: "Time thresholds in minutes, comma-separated (e.g. 3,5,10; each at most 1,440, a day).")
    var minutes: String = ReachRequest.defaultMinutes.map { String(Int($0)) }.joined(separator: ",")

    @Option(name: .customLong("max-snap-m"), help: "Sources, buildings and schools farther than this from the network are not snapped (metres).")
    var maxSnapMeters: Double = SnapDefaults.maxSnapMeters

    @Option(name: .customLong("buffer-m"), help: "Isochrone buffer width around reached streets (metres, at most 1,000,000).")
    var bufferMeters: Double = 50

    @Flag(name: .customLong("summary-only"), help: "Write only DIR/summary.json (no layers, no isochrones).")
    var summaryOnly = false

    /// The city layers reach reads: streets (the graph), buildings (residents) and schools (both
    /// counted in every summary); from a GeoPackage city, police or cameras only when `--from`
    /// names the city's layer (74,573 cameras at k = 16 cost 0.2–0.4 s to read and check for
    /// nothing). Other sources keep reading every layer: the summary's `ingest` counts the
    /// reader's warnings of every layer pass (19 on the bundled OSM extract, 8 of them from
    /// the police and camera passes), and those counts must not change with `--from`.
    static func cityKinds(from: String, city: String) -> Set<CityLayerKind> {
        guard city.lowercased().hasSuffix(".gpkg") else { return Set(CityLayerKind.allCases) }
        var kinds: Set<CityLayerKind> = [.streets, .buildings, .schools]
        if !FileManager.default.fileExists(atPath: from) {
            if from == "police" { kinds.insert(.police) }
            if from == "cameras" { kinds.insert(.cameras) }
        }
        return kinds
    }

    /// The `plan:` line `--timings` prints: the layers read, and what a prepared city may leave
    /// in its file (the load's own laps then say what it did).
    static func readPlan(_ o: CityReadOptions) -> String {
        let kinds = o.kinds.map(\.rawValue).sorted().joined(separator: ", ")
        let lean = o.streetsForStoredGraphsOnly
            ? "a prepared city gives its stored graph" + (o.buildingsForStoredSnapsOnly ? " and building snaps" : "")
                + " and leaves the street" + (o.buildingsForStoredSnapsOnly ? " and building" : "") + " values in the file"
                + (o.buildingsForStoredSnapsOnly ? "" : " (buildings read in full: --max-snap-m is not the stored 250 m)")
            : "street and building values read in full (--speeds or --snap-tolerance-m: not the stored graph)"
        return "plan: reach reads \(kinds); \(lean)"
    }

    /// The plan these flags state: the `city`, `population`, `posts` and `response_minutes`
    /// of a scenario. `--from police|schools|cameras` names the city's layer unless a file of
    /// that name exists.
    func plan(city readOptions: CityReadOptions, minutes thresholds: [Double]) throws -> ScenarioDocument {
        let cityLayer = !FileManager.default.fileExists(atPath: from) && ["police", "schools", "cameras"].contains(from)
        return try ScenarioDocument.plan([
            ("name", .text("reach")),
            ("city", .city(readOptions)),
            ("population", .map(try residents.planEntries)),
            ("posts", .map([
                ("from", .text(cityLayer ? from : "layer")),
                ("layer", cityLayer ? nil : .map([("source", .path(from))])),
                ("mode", .text(graph.mode.rawValue)),
                ("max_snap_m", .number(maxSnapMeters)),
                ("speeds", graph.speedsFile.map(PlanValue.path)),
                ("snap_tolerance_m", graph.snapToleranceMeters > 0 ? .number(graph.snapToleranceMeters) : nil),
            ])),
            ("response_minutes", .list(thresholds.map(PlanValue.number))),
        ], origin: "covplan reach")
    }

    func run() throws {
        try runCommand {
            let console = Console(common)
            try out.prepare(format: layerFormat.format)
            let thresholds = try Thresholds.parseMinutes(minutes)
            guard bufferMeters.isFinite, bufferMeters > 0 else {
                throw CovplanError(.usage, "--buffer-m must be a positive number of metres")
            }
            try InputLimits.check(bufferMeters, max: InputLimits.maxMeters, "--buffer-m", why: "1,000 km")
            guard maxSnapMeters.isFinite, maxSnapMeters > 0 else {
                throw CovplanError(.usage, "--max-snap-m must be a positive number of metres")
            }
            guard graph.snapToleranceMeters.isFinite, graph.snapToleranceMeters >= 0 else {
                throw CovplanError(.usage, "--snap-tolerance-m must be zero or a positive number of metres")
            }
            var readOptions = try city.readOptions(kinds: Self.cityKinds(from: from, city: city.source))
            // Reach uses streets only through its graph: with the default speeds and exact noding a
            // prepared city gives its stored graph and leaves the street values in the file.
            readOptions.streetsForStoredGraphsOnly = graph.speedsFile == nil && graph.snapToleranceMeters == 0
            // ... and buildings too (residents figures and the stored snaps) at the default snap distance.
            readOptions.buildingsForStoredSnapsOnly = readOptions.streetsForStoredGraphsOnly && maxSnapMeters == SnapDefaults.maxSnapMeters
            if console.timings { Console.stderr(Self.readPlan(readOptions)) }
            let plan = try plan(city: readOptions, minutes: thresholds)
            // Reach writes no camera coverage: the cameras a PBF or prepared city carries are not analysed.
            let (loaded, results) = try PlanExecution.run(plan, city: readOptions, console: console,
                                                          needs: RunNeeds(isochroneBufferMeters: summaryOnly ? nil : bufferMeters, coverage: false),
                                                          analysis: "reach")
            guard let reach = results.reach else { throw CovplanError(.software, "the plan's reach did not run") }
            let (g, outcome) = (reach.graph, reach.outcome)
            console.info(GraphOptions.describe(g))
            let crs = loaded.crs.identifier
            let snappedIds = outcome.snappedSources.map { reach.postIds[$0] }
            try console.phase("write") {
                try StreetGraphLayers.reachFolder(outcome, graph: g, sourceIds: snappedIds, crs: crs, layers: !summaryOnly,
                                                  finish: finishSummary(loaded)).write(to: out.output, overwrite: out.overwrite)
            }
            try out.printSummary(finishSummary(loaded)(StreetGraphLayers.summary(outcome.summary, graph: g)))
            let s = outcome.summary
            if s.unsnapped > 0 {
                console.info("\(s.unsnapped) source(s) farther than \(maxSnapMeters) m from the \(g.mode.rawValue) network: \(s.unsnappedIds.prefix(10).joined(separator: ", "))")
            }
            // Sources on a fragment cut off from the main network reach only that fragment.
            let cutOff = outcome.snappedSources.filter { i in outcome.sourceSnaps[i].map { !g.touchesMainNetwork(edge: $0.position.edge) } ?? false }
            if !cutOff.isEmpty {
                let names = cutOff.prefix(10).map { i in "\(reach.postIds[i]) (\(Int(outcome.sourceSnaps[i]!.distanceMeters.rounded())) m)" }
                console.info("warning: \(cutOff.count) source(s) snapped onto street not connected to the main \(g.mode.rawValue) network, so they reach only that piece: \(names.joined(separator: ", ")); check the streets there or move the source")
            }
            for t in s.thresholds {
                console.info(String(format: "%g min: %.1f km of street (%.1f%%), %.0f residents, %d schools", t.minutes,
                                    t.streetLengthMeters / 1000, t.streetFraction * 100, t.residents, t.schools))
            }
            console.info(summaryOnly ? "wrote \(out.output)/summary.json" : "wrote \(out.output)/summary.json, reach.geojson, isochrones.geojson, beats.geojson")
        }
    }
}
