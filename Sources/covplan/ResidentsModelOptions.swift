import ArgumentParser
import CityModel
import Reports
import Scenario

/// The building population model's flags (`ResidentsModel`), declared once for every command
/// that reports residents: load, rebalance, reach, place posts, simulate, hypercube.
struct ResidentsModelOptions: ParsableArguments {
    @Option(name: .customLong("living-m2-per-person"), help: "Living space per resident, m² (building population model).")
    var livingM2 = ResidentsModel().livingM2PerPerson

    @Option(name: .customLong("default-levels"), help: "Levels of buildings without building:levels.")
    var defaultLevels = ResidentsModel().defaultLevels

    @Option(name: .customLong("unknown-residential-share"), help: "Share of an untyped (building=yes) building's floor area taken as homes, 0–1.")
    var unknownShare = ResidentsModel().unknownShare

    /// The model these flags describe; throws `.usage` for values out of range.
    var model: ResidentsModel {
        get throws { try ResidentsModel(livingM2PerPerson: livingM2, defaultLevels: defaultLevels, unknownShare: unknownShare).validated() }
    }

    /// The model's keys of a plan's `population` section.
    var planEntries: [(String, PlanValue?)] {
        get throws {
            let m = try model
            return [("living_m2_per_person", .number(m.livingM2PerPerson)), ("default_levels", .number(m.defaultLevels)),
                    ("unknown_residential_share", .number(m.unknownShare))]
        }
    }

    /// The flags, for `summary.json` inputs.
    var inputs: [(String, JSONValue)] {
        [("living_m2_per_person", .number(livingM2)), ("default_levels", .number(defaultLevels)),
         ("unknown_residential_share", .number(unknownShare))]
    }
}
