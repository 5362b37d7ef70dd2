import ArgumentParser
import CityModel
import Dispatch
import Foundation
import GeoCore
import PlanServer
import Reports
import Scenario

/// `covplan serve SCENARIO|CITY`: the plan on a map in the browser, edited through a JSON API.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Edit a plan on a map in the browser: cameras, posts, coverage, reach and load recomputed on each edit.",
        discussion: """
        Loads the city once and serves a map page (the city's own streets, buildings and districts \
        as the base map; no network access) and a JSON API under /api/: GET /api/summary, \
        GET /api/layers/{streets|buildings|schools|districts|precincts|cameras|viewsheds|coverage|gaps|posts|isochrones} \
        (RFC 7946; coverage and gaps take ?level=detect|observe|recognize|identify), POST /api/cameras \
        (a GeoJSON Feature: Point in lon/lat, properties type, heading_deg, fov_deg, range_m, ...; \
        returns the new summary), PATCH/DELETE /api/cameras/{id}, the same for /api/posts, and \
        POST /api/plan/export ({"name": "NAME"}: writes EXPORT_DIR/NAME/scenario.yaml extending the \
        served scenario, cameras/posts as GeoPackage and GeoJSON; `covplan run` on it gives the \
        served figures). Binds 127.0.0.1 unless --host names another address together with \
        --allow-remote; then a token printed at start must come with every API request \
        (Authorization: Bearer TOKEN, or open the printed URL). Request bodies over 1 MiB get 413; \
        every bad request gets a 4xx with a one-line reason. Ctrl-C stops the server.
        """)

    @OptionGroup var city: CityOptions

    @Option(help: "TCP port (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "Address to bind. Anything but a loopback address needs --allow-remote.")
    var host = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"), help: "Allow --host to be a non-loopback address; a random token is then required.")
    var allowRemote = false

    @Option(name: .customLong("export-dir"), help: "Folder for POST /api/plan/export (created when needed).")
    var exportDir = "serve-exports"

    @Option(help: "Language of the map page: en, ru or kk (default: the scenario's report.language, else en).")
    var lang: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runCommand {
            let console = Console(common)
            guard (0...65535).contains(port) else { throw CovplanError(.usage, "--port \(port) is not a TCP port (0 to 65535)") }
            let loopback = ServeOptions.isLoopback(host)
            guard loopback || allowRemote else {
                throw CovplanError(.usage, "--host \(host) would let other machines edit this plan; add --allow-remote (a token is then printed and required)")
            }
            let source = city.source
            let doc: ScenarioDocument, baseText: String?, scenarioPath: String?
            let loaded: CityModel.City
            if ScenarioDocument.isScenarioPath(source) {
                doc = try console.phase("scenario") { try ScenarioDocument.load(source) }
                loaded = try console.readCity("load", doc.cityReadOptions())
                baseText = nil
                scenarioPath = source
            } else {
                let name = (source as NSString).lastPathComponent
                let text = try ServedPlan.cityScenarioText(try city.readOptions(), name: name)
                let first = try ScenarioDocument.parse(text, path: FileManager.default.currentDirectoryPath + "/base.yaml")
                loaded = try console.readCity("load", first.cityReadOptions())
                baseText = ServedPlan.withPolice(text, city: loaded)
                doc = try ScenarioDocument.parse(baseText!, path: FileManager.default.currentDirectoryPath + "/base.yaml")
                scenarioPath = nil
            }
            for w in ServedPlan.warnings(doc) { console.info("warning: \(w)") }
            let service = try console.phase("analyses") {
                try ServedPlan.service(doc: doc, city: loaded, scenarioPath: scenarioPath, baseText: baseText,
                                       exportRoot: exportDir)
            }
            let assets = try WebAssets(language: ReportLanguageChoice.resolve(lang, scenario: doc.root.at("report.language")?.text))
            let options = ServeOptions(host: host, port: port, token: loopback ? nil : ServeOptions.makeToken())
            try serveBlocking(service: service, assets: assets, options: options)
        }
    }

    /// Runs the server on the concurrency pool and waits for it on this thread.
    func serveBlocking(service: PlanService, assets: WebAssets, options: ServeOptions) throws {
        let done = DispatchSemaphore(value: 0)
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let host = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
        let token = options.token
        Task {
            do {
                try await PlanHTTPServer.run(service: service, assets: assets, options: options) { port in
                    let url = "http://\(host):\(port)/" + (token.map { "?token=\($0)" } ?? "")
                    try? printData("covplan serve: \(url)\n")
                    if let token { Console.stderr("covplan serve: token \(token) (required on every /api/ request)") }
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let e = outcome.error {
            throw CovplanError(.ioError, "cannot serve on \(options.host):\(options.port): \(String(describing: e).replacingNewlines())")
        }
    }
}
