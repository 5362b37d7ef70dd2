import Foundation
import CityIngest
import GeoCore

/// A scenario file read, its `extends:` chain merged, and validated against the schema.
public struct ScenarioDocument: Sendable {
    /// The merged document.
    public let root: ConfigNode
    /// The file given and the files it extends, most derived first.
    public let files: [String]
    /// Paths given on the command line, for a plan (`plan(_:origin:)`); empty for a file.
    public var commandLinePaths: [String] = []

    /// Reads and validates `path`. Errors name `file:line:column` and suggest fixes: unknown
    /// keys, wrong types, missing files, bad references, circular `extends`.
    public static func load(_ path: String) throws -> ScenarioDocument {
        var chain: [String] = []
        let merged = try read(path, chain: &chain, at: nil)
        var validator = SchemaValidator()
        try validator.validate(merged)
        return ScenarioDocument(root: merged, files: chain)
    }

    static func read(_ path: String, chain: inout [String], at: SourceLocation?) throws -> ConfigNode {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if chain.contains(canonical) {
            let cycle = (chain.drop(while: { $0 != canonical }) + [canonical]).map { ($0 as NSString).lastPathComponent }
            throw CovplanError(.dataError, file: at?.description ?? path, "circular extends: \(cycle.joined(separator: " → "))")
        }
        let loaded = Result { () throws(CovplanError) -> Data in try InputFile.data(path, what: "scenario") }
        guard case .success(let data) = loaded else {
            if case .failure(let e) = loaded, e.kind != .noInput || at == nil { throw e }
            throw CovplanError(.noInput, file: at?.description ?? path, "extends a missing file '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CovplanError(.dataError, file: path, "not UTF-8 text")
        }
        chain.append(canonical)
        let node = try YAMLReader.parse(text, file: path)
        guard case .map(let entries, let loc) = node else {
            throw SchemaValidator.error(node.location, "a scenario must be a map of keys, found \(node.kindName)")
        }
        guard let ext = entries.first(where: { $0.key == "extends" }) else { return node }
        guard case .scalar(let basePath, _, let extLoc) = ext.value else {
            throw SchemaValidator.error(ext.value.location, "'extends' must be a file path")
        }
        let resolved = ScenarioPaths.resolve(basePath, relativeTo: path)
        let base = try read(resolved, chain: &chain, at: extLoc)
        let own = ConfigNode.map(entries.filter { $0.key != "extends" }, loc)
        return base.merged(with: own)
    }
}

extension ScenarioDocument {
    /// Whether a command-line argument names a scenario file (`.yaml`/`.yml`) rather than a city.
    public static func isScenarioPath(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "yaml" || ext == "yml"
    }
}
