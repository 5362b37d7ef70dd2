import CityModel
import Foundation
import GeoCore
import Scenario

/// What `covplan serve` serves: a scenario file, or a city turned into a minimal scenario (its
/// mapped cameras, its police stations as posts when it has any, reach at 3, 5 and 10 minutes),
/// so that both are edited, summarised and exported the same way.
public enum ServedPlan {
    /// The scenario text for serving the city that `options` load. Layer overrides (`--streets`,
    /// `--source-layer`, `--where`, `--field`) have no place in it: they are refused (64), serve a
    /// scenario with `city.layers` instead.
    public static func cityScenarioText(_ options: CityReadOptions, name: String) throws -> String {
        guard options.layers.isEmpty else {
            throw CovplanError(.usage, "serve CITY takes no layer overrides (--streets, --source-layer, --where, --field, ...); write a scenario with city.layers and serve that")
        }
        guard let primary = options.primary else { throw CovplanError(.usage, "serve needs a city source") }
        let path = URL(fileURLWithPath: primary).standardizedFileURL.path
        var t = """
        # Served by `covplan serve` from a city: its mapped cameras and police stations.
        name: \(PlanExport.quoted(name))
        city:
          source: \(PlanExport.quoted(path))

        """
        if let c = options.workingCRS { t += "  crs: \(PlanExport.quoted(c))\n" }
        if let c = options.sourceCRS { t += "  source_crs: \(PlanExport.quoted(c))\n" }
        for (key, on) in [("force_source_crs", options.forceSourceCRS), ("allow_distortion", options.allowDistortion),
                          ("make_valid", options.makeValid), ("skip_invalid", options.skipInvalid), ("strict", options.strict)] where on {
            t += "  \(key): true\n"
        }
        t += "cameras:\n  include_mapped: true\n"
        return t
    }

    /// `cityScenarioText` plus `posts: {from: police}` when the loaded city has police stations.
    public static func withPolice(_ text: String, city: City) -> String {
        city.police.isEmpty ? text : text + "posts:\n  from: police\n"
    }

    /// Prepares the service for `doc` on `city`: reads what the scenario references, runs the
    /// analyses once (the baseline). Throws as `ScenarioRunner.run`.
    /// - Parameters:
    ///   - scenarioPath: the served scenario file (exports extend it), nil for a served city.
    ///   - baseText: for a served city, the scenario text `doc` was parsed from.
    public static func service(doc: ScenarioDocument, city: City, scenarioPath: String?, baseText: String?,
                               exportRoot: String) throws -> PlanService {
        let editable = try EditableScenario(doc, city: city, graphWithoutPosts: true)
        let session = try PlanSession(editable)
        return try PlanService(session: session, exportRoot: exportRoot, servedScenario: scenarioPath, baseText: baseText)
    }
}

extension ServedPlan {
    /// What the served plan leaves out of the scenario (one line each).
    public static func warnings(_ doc: ScenarioDocument) -> [String] {
        var out: [String] = []
        if doc.root.at("placement") != nil {
            out.append("the scenario's placement section is not run: the served plan is its inventory and posts (an export that extends it would add the proposals again)")
        }
        return out
    }
}
