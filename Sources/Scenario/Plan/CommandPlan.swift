import Foundation
import GeoCore

/// A value of a plan built in code from a command's flags, as a scenario file would state it.
public indirect enum PlanValue: Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A file path as typed on the command line (relative to the working directory).
    case path(String)
    case list([PlanValue])
    /// Keys in order; nil values are left out (the schema default applies).
    case map([(String, PlanValue?)])
}

extension SourceLocation {
    /// Where a value given on the command line comes from: `origin` names the command or flag;
    /// line 0 marks it (paths in it are relative to the working directory, not to a file).
    public static func commandLine(_ origin: String) -> SourceLocation {
        SourceLocation(file: origin, line: 0, column: 0)
    }

    /// Whether the value was given on the command line rather than in a file.
    public var isCommandLine: Bool { line == 0 }
}

extension ScenarioDocument {
    /// The plan of one command: the document a scenario file with these sections gives,
    /// validated against the same schema, so the command and `covplan run` share one runner,
    /// one set of defaults and one set of checks. Locations name `origin` (e.g. "covplan
    /// coverage"), so a schema error reads as the command's. Paths are kept as typed.
    /// - Throws: `CovplanError(.dataError)` for a value the schema refuses (a programming error
    ///   in the command when its own flag checks passed).
    public static func plan(_ sections: [(String, PlanValue?)], origin: String) throws -> ScenarioDocument {
        let at = SourceLocation.commandLine(origin)
        let root = node(.map(sections), at)
        var validator = SchemaValidator()
        try validator.validate(root)
        var paths: [String] = []
        for (_, v) in sections { if let v { collectPaths(v, into: &paths) } }
        return ScenarioDocument(root: root, files: [], commandLinePaths: paths)
    }

    static func collectPaths(_ v: PlanValue, into out: inout [String]) {
        switch v {
        case .path(let p): out.append(p)
        case .list(let l): for x in l { collectPaths(x, into: &out) }
        case .map(let e): for (_, x) in e { if let x { collectPaths(x, into: &out) } }
        default: break
        }
    }

    /// Refuses a plan naming a file that does not exist (GDAL's `/vsi…` paths and `PG:`
    /// connections apart), before any reading: the city of a
    /// large plan takes seconds to read, and the file's reader would only find out after it.
    /// - Throws: `CovplanError(.noInput)` naming the first missing path.
    public func checkCommandLinePaths() throws {
        // GDAL virtual paths and database connections are left to GDAL, as the readers do.
        for p in commandLinePaths where !p.hasPrefix("/vsi") && !p.hasPrefix("PG:") && !FileManager.default.fileExists(atPath: p) {
            throw CovplanError(.noInput, file: p, "no such file")
        }
    }

    static func node(_ v: PlanValue, _ at: SourceLocation) -> ConfigNode {
        switch v {
        case .text(let s), .path(let s): .scalar(s, quoted: true, at)
        case .number(let x): .scalar(JSONNumberText.of(x), quoted: false, at)
        case .bool(let b): .scalar(b ? "true" : "false", quoted: false, at)
        case .list(let l): .list(l.map { node($0, at) }, at)
        case .map(let entries): .map(entries.compactMap { k, v in v.map { (k, at, node($0, at)) } }, at)
        }
    }
}

/// Shortest text that reads back as the same `Double` (Swift's description drops a trailing
/// `.0`-free form for integers so YAML and the schema see `10`, not `10.0`).
enum JSONNumberText {
    static func of(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
