import GeoCore
import Yams

/// Parses YAML text into `ConfigNode`s with file, line and column on every node.
enum YAMLReader {
    /// Throws `.dataError` with `file:line:column` for YAML syntax errors.
    static func parse(_ text: String, file: String) throws -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw CovplanError(.dataError, file: location(of: e, file: file), "YAML syntax error: \(summary(e))")
        }
        guard let node else { return .null(SourceLocation(file: file, line: 1, column: 1)) }
        return try convert(node, file: file)
    }

    static func location(of e: YamlError, file: String) -> String {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "\(file):\(mark.line):\(mark.column)"
        default:
            return file
        }
    }

    static func summary(_ e: YamlError) -> String {
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return String(describing: e).replacingNewlines()
        }
    }

    static func convert(_ node: Node, file: String) throws -> ConfigNode {
        let loc = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 0, column: 0)
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return .null(loc) }
            return .scalar(s.string, quoted: s.style != .plain, loc)
        case .mapping(let m):
            var entries: [(String, SourceLocation, ConfigNode)] = []
            for (k, v) in m {
                guard case .scalar(let ks) = k else {
                    throw CovplanError(.dataError, file: loc.description, "map keys must be plain names")
                }
                let kl = k.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? loc
                if entries.contains(where: { $0.0 == ks.string }) {
                    throw CovplanError(.dataError, file: kl.description, "duplicate key '\(ks.string)'")
                }
                entries.append((ks.string, kl, try convert(v, file: file)))
            }
            return .map(entries.map { (key: $0.0, keyLocation: $0.1, value: $0.2) }, loc)
        case .sequence(let s):
            return .list(try s.map { try convert($0, file: file) }, loc)
        case .alias:
            throw CovplanError(.dataError, file: loc.description, "YAML aliases are not supported in scenarios")
        }
    }
}
