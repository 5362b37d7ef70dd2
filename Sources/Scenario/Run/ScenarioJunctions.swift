import CityModel
import Coverage
import PlacementModels

/// The scenario's `junctions` section: intersection completeness with the run's cameras.
enum ScenarioJunctions {
    /// The options the section states (defaults from the schema).
    static func options(_ doc: ScenarioDocument) -> JunctionCompletenessOptions {
        let level = DoriLevel(name: doc.setting("junctions.level")!.text!) ?? .observe
        let rule = DirectedReadingRule(level: level, headingToleranceDeg: doc.setting("junctions.heading_tolerance_deg")!.number!,
                                       directional: doc.root.at("junctions.directional")?.bool ?? false)
        return JunctionCompletenessOptions(rule: rule, approachMeters: doc.setting("junctions.approach_m")!.number!,
                                           seenShare: doc.setting("junctions.seen_share")!.number!,
                                           occlusion: doc.root.at("cameras.occlusion")?.bool ?? true)
    }

    /// Completeness of every junction with `cameras` (the inventory plus any proposed ones).
    /// Throws `.usage` for options out of range, `.dataError` for invalid cameras (unless skipped).
    static func run(_ doc: ScenarioDocument, inputs: ScenarioInputs, cameras: [CameraRecord]) throws -> JunctionCompletenessResult {
        try JunctionCompleteness.run(city: inputs.city, records: cameras,
                                     resolver: CameraResolver(defaults: inputs.cameraDefaults, skipInvalid: doc.cityReadOptions().skipInvalid),
                                     options: options(doc))
    }
}
