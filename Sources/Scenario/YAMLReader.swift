import GeoCore
import Yams

/// Parses YAML text into `ConfigNode`s with file, line and column on every node.
///
/// Bounded: a scenario is a few hundred values, so a document that expands (through YAML
/// aliases, "billion laughs") to more than `maxNodes` values or nests deeper than `maxDepth`
/// is refused at once (`.dataError`, 65) instead of taking seconds and gigabytes. Time is
/// linear in the expanded size (duplicate keys are found with a set).
enum YAMLReader {
    /// Most values a scenario may expand to.
    static let maxNodes = 100_000
    /// Deepest nesting of maps and lists.
    static let maxDepth = 64
    /// Largest scenario file, bytes.
    static let maxBytes = 4 << 20

    /// Throws `.dataError` with `file:line:column` for YAML syntax errors, and for documents
    /// beyond the bounds above.
    static func parse(_ text: String, file: String) throws -> ConfigNode {
        guard text.utf8.count <= maxBytes else {
            throw CovplanError(.dataError, file: file, "the scenario is \(text.utf8.count) bytes; at most \(maxBytes) are read (is it a scenario?)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw CovplanError(.dataError, file: location(of: e, file: file), "YAML syntax error: \(summary(e))")
        }
        guard let node else { return .null(SourceLocation(file: file, line: 1, column: 1)) }
        var budget = maxNodes
        return try convert(node, file: file, depth: 0, budget: &budget)
    }

    static func location(of e: YamlError, file: String) -> String {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "\(file):\(mark.line):\(mark.column)"
        default:
            return file
        }
    }

    /// The YAML library's message, on one line and cut to 240 characters (some messages quote
    /// the whole document as context).
    static func summary(_ e: YamlError) -> String {
        let text = fullSummary(e).replacingNewlines()
        return text.count <= 240 ? text : String(text.prefix(240)) + " …"
    }

    static func fullSummary(_ e: YamlError) -> String {
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return String(describing: e).replacingNewlines()
        }
    }

    static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws -> ConfigNode {
        let loc = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 0, column: 0)
        budget -= 1
        guard budget >= 0 else {
            throw CovplanError(.dataError, file: loc.description, "the YAML expands to more than \(maxNodes) values (aliases?); a scenario is far smaller")
        }
        guard depth <= maxDepth else {
            throw CovplanError(.dataError, file: loc.description, "the YAML nests deeper than \(maxDepth) levels; a scenario is far flatter")
        }
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return .null(loc) }
            return .scalar(s.string, quoted: s.style != .plain, loc)
        case .mapping(let m):
            var entries: [(String, SourceLocation, ConfigNode)] = []
            var seen = Set<String>()
            for (k, v) in m {
                guard case .scalar(let ks) = k else {
                    throw CovplanError(.dataError, file: loc.description, "map keys must be plain names")
                }
                let kl = k.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? loc
                guard seen.insert(ks.string).inserted else {
                    throw CovplanError(.dataError, file: kl.description, "duplicate key '\(ks.string)'")
                }
                entries.append((ks.string, kl, try convert(v, file: file, depth: depth + 1, budget: &budget)))
            }
            return .map(entries.map { (key: $0.0, keyLocation: $0.1, value: $0.2) }, loc)
        case .sequence(let s):
            var items: [ConfigNode] = []
            for v in s { items.append(try convert(v, file: file, depth: depth + 1, budget: &budget)) }
            return .list(items, loc)
        case .alias:
            throw CovplanError(.dataError, file: loc.description, "YAML aliases are not supported in scenarios")
        }
    }
}
