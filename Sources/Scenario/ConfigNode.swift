/// Where a value came from in a scenario file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, as compilers print it; the command or flag for a value given on the
    /// command line (line 0).
    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }
}

/// A parsed scenario document: YAML reduced to maps, lists and scalars, each with its location,
/// so every later error can point at the line and column that caused it.
public indirect enum ConfigNode: Sendable {
    case scalar(String, quoted: Bool, SourceLocation)
    case map([(key: String, keyLocation: SourceLocation, value: ConfigNode)], SourceLocation)
    case list([ConfigNode], SourceLocation)
    case null(SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .map(_, let l), .list(_, let l), .null(let l): l
        }
    }

    /// Member of a map, or nil.
    public subscript(key: String) -> ConfigNode? {
        if case .map(let entries, _) = self { return entries.first { $0.key == key }?.value }
        return nil
    }

    /// Location of a map key (for "unknown key" errors), or of the node.
    public func keyLocation(_ key: String) -> SourceLocation {
        if case .map(let entries, _) = self, let e = entries.first(where: { $0.key == key }) { return e.keyLocation }
        return location
    }

    /// A short name of the node's kind for messages ("a map", "a list", "text", "nothing").
    public var kindName: String {
        switch self {
        case .scalar: "a value"
        case .map: "a map"
        case .list: "a list"
        case .null: "nothing"
        }
    }

    /// Deep merge for `extends:`: maps merge key by key (the overlay wins and keeps its order
    /// for new keys), anything else is replaced by the overlay.
    public func merged(with overlay: ConfigNode) -> ConfigNode {
        guard case .map(let base, _) = self, case .map(let top, let loc) = overlay else { return overlay }
        var out = base
        for e in top {
            if let i = out.firstIndex(where: { $0.key == e.key }) {
                out[i] = (e.key, e.keyLocation, out[i].value.merged(with: e.value))
            } else {
                out.append(e)
            }
        }
        return .map(out, loc)
    }
}
