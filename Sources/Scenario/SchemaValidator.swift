import Foundation
import Coverage
import GeoCore
import Simulation

/// Checks a parsed scenario against `ScenarioSchema` and reports the first problem in document
/// order as a `CovplanError` whose file is `path:line:column`.
struct SchemaValidator {
    /// Names defined for each reference space (e.g. camera types), and where they are used.
    private(set) var definitions: [ReferenceSpace: [String]] = [:]
    private(set) var uses: [(ReferenceSpace, String, SourceLocation)] = []

    static func error(_ at: SourceLocation, _ message: String) -> CovplanError {
        CovplanError(.dataError, file: at.description, message)
    }

    /// Validates the whole document, then the references.
    mutating func validate(_ root: ConfigNode) throws {
        try check(root, .object(ScenarioSchema.root), path: "")
        try checkSizes(root)
        // Camera types: the built-in ones and those of `cameras.types`; with `cameras.defaults_file`
        // the file's types too, known only when it is read (the runner checks them then).
        let defaultsFile = root.at("cameras.defaults_file") != nil
        for (space, name, at) in uses {
            if space == .cameraType, defaultsFile { continue }
            let known = (definitions[space] ?? []) + (space == .cameraType ? CameraDefaults.builtIn.types.keys.sorted() + CameraDefaults.builtIn.aliases.keys.sorted() : [])
            if !known.contains(name) {
                throw Self.error(at, "unknown \(space.rawValue) '\(name)'" + Suggest.hint(for: name, in: known))
            }
        }
    }

    /// Limits across keys: `simulation.days × simulation.incidents_per_day` (their schema defaults when absent)
    /// within `InputLimits.maxIncidents`, reported at the key that was given.
    func checkSizes(_ root: ConfigNode) throws {
        guard let sim = root.at("simulation") else { return }
        let days = sim["days"], perDay = sim["incidents_per_day"]
        do {
            try SimulationOptions.checkSize(days: days?.number ?? ScenarioSchema.field("simulation.days")!.defaultValue!.number!,
                                            incidentsPerDay: perDay?.number ?? ScenarioSchema.field("simulation.incidents_per_day")!.defaultValue!.number!)
        } catch {
            let at = (perDay ?? days ?? sim).location
            throw Self.error(at, "'simulation': " + error.problem.replacingOccurrences(of: "days × incidents per day", with: "days × incidents_per_day"))
        }
    }

    mutating func check(_ node: ConfigNode, _ type: SchemaType, path: String) throws {
        let what = path.isEmpty ? "the scenario" : "'\(path)'"
        switch type {
        case .object(let fields):
            if case .null = node, !path.isEmpty { return }
            guard case .map(let entries, _) = node else {
                throw Self.error(node.location, "\(what) must be a map of keys, found \(node.kindName)")
            }
            let names = fields.map(\.name)
            for e in entries {
                guard let f = fields.first(where: { $0.name == e.key }) else {
                    throw Self.error(e.keyLocation, "unknown key '\(e.key)' in \(what)" + Suggest.hint(for: e.key, in: names))
                }
                try check(e.value, f.type, path: path.isEmpty ? e.key : path + "." + e.key)
                if case .dictionary = f.type, f.name == "types", path == "cameras", case .map(let defs, _) = e.value {
                    definitions[.cameraType, default: []] += defs.map(\.key)
                }
            }
            for f in fields where f.required && node[f.name] == nil {
                throw Self.error(node.location, "missing required key '\(f.name)' in \(what)")
            }
        case .dictionary(let valueType):
            guard case .map(let entries, _) = node else {
                throw Self.error(node.location, "\(what) must be a map of names, found \(node.kindName)")
            }
            for e in entries { try check(e.value, valueType, path: path + "." + e.key) }
        case .list(let itemType):
            guard case .list(let items, _) = node else {
                throw Self.error(node.location, "\(what) must be a list, found \(node.kindName)")
            }
            for (i, item) in items.enumerated() { try check(item, itemType, path: "\(path)[\(i)]") }
        case .either(let a, let b):
            var probe = self
            do {
                try probe.check(node, a, path: path)
                self = probe
            } catch {
                try check(node, b, path: path)
            }
        default:
            try checkScalar(node, type, what: what)
        }
    }

    mutating func checkScalar(_ node: ConfigNode, _ type: SchemaType, what: String) throws {
        guard case .scalar(let text, let quoted, let at) = node else {
            throw Self.error(node.location, "\(what) must be \(type.name), found \(node.kindName)")
        }
        func wrong() -> CovplanError { Self.error(at, "\(what) must be \(type.name), found '\(text)'") }
        switch type {
        case .string:
            return
        case .bool:
            guard !quoted, text == "true" || text == "false" else {
                throw Self.error(at, "\(what) must be true or false, found '\(text)'")
            }
        case .number(let lo, let hi, let exclusive):
            guard !quoted, let v = Double(text), v.isFinite else { throw wrong() }
            if let lo, exclusive ? v <= lo : v < lo { throw wrong() }
            if let hi, v > hi { throw wrong() }
        case .integer(let lo, let hi):
            guard !quoted, let v = Int(text) else { throw wrong() }
            if let lo, v < lo { throw wrong() }
            if let hi, v > hi { throw wrong() }
        case .path:
            // A path typed on the command line is left to its reader, whose error names the flag's file.
            guard !at.isCommandLine else { break }
            let resolved = ScenarioPaths.resolve(text, relativeTo: at.file)
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw Self.error(at, "\(what): missing file '\(text)' (looked for \(resolved))")
            }
        case .crs:
            let upper = text.uppercased()
            guard upper.hasPrefix("EPSG:"), Int(upper.dropFirst(5)) != nil else {
                throw Self.error(at, "\(what) must be a CRS like EPSG:32643, found '\(text)'")
            }
        case .choice(let options):
            guard options.contains(text) else {
                throw Self.error(at, "\(what): '\(text)' is not allowed" + Suggest.hint(for: text, in: options))
            }
        case .reference(let space):
            uses.append((space, text, at))
        default:
            throw wrong()
        }
    }
}

/// Path resolution relative to the scenario file that names a path.
public enum ScenarioPaths {
    /// `path` if absolute, else relative to the folder of `file`.
    public static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = FilePathText.parent(file)
        return ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(path)
    }
}
